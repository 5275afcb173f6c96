import { remoteConfig } from '../kit/src/federation';
import { defineConfig } from 'vite';

// The seller console micro-frontend: templates, deploying a performance, its status, values, members.
export default defineConfig(remoteConfig('deploy', {
  './DeploymentsPage': './src/deployments/DeploymentsPage.tsx',
  './NewDeploymentPage': './src/new/NewDeploymentPage.tsx',
  './DeploymentPage': './src/deployment/DeploymentPage.tsx',
}));
