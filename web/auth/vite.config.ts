import { federation } from '@module-federation/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The auth micro-frontend. The gateway serves dist/ at /web/auth/, and the shell loads
// /web/auth/remoteEntry.js at run time; React comes from the shell (shared singletons).
export default defineConfig({
  base: '/web/auth/',
  plugins: [
    react(),
    federation({
      name: 'auth',
      filename: 'remoteEntry.js',
      exposes: {
        './LoginPage': './src/pages/LoginPage.tsx',
        './SignupPage': './src/pages/SignupPage.tsx',
        './AccountPage': './src/pages/AccountPage.tsx',
      },
      shared: {
        react: { singleton: true, requiredVersion: '^19.2.0' },
        'react-dom': { singleton: true, requiredVersion: '^19.2.0' },
      },
      shareStrategy: 'loaded-first',
      dts: false,
      manifest: false,
    }),
  ],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
  },
});
