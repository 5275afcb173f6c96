import { remoteConfig } from '../kit/src/federation';
import { defineConfig } from 'vite';

// The auth micro-frontend: sign-up, log-in, account.
export default defineConfig(remoteConfig('auth', {
  './LoginPage': './src/pages/LoginPage.tsx',
  './SignupPage': './src/pages/SignupPage.tsx',
  './AccountPage': './src/pages/AccountPage.tsx',
}));
