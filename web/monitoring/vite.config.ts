import { remoteConfig } from '../kit/src/federation';
import { defineConfig } from 'vite';

// The monitoring micro-frontend: a deployment's resource and booking charts; for admins the
// nodes, containers, scaling, moving, alerts and autoscaling.
export default defineConfig(remoteConfig('monitoring', {
  './DeploymentMonitorPage': './src/deployment/DeploymentMonitorPage.tsx',
  './SystemPage': './src/system/SystemPage.tsx',
  './AlertsPage': './src/alerts/AlertsPage.tsx',
}));
