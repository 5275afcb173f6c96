import type { RemotePageLoader } from './authPages';

/** Pages of the seller console (web/deploy), fetched when first shown. */
export const deployPages = {
  deployments: (() => import('deploy/DeploymentsPage')) satisfies RemotePageLoader,
  newDeployment: (() => import('deploy/NewDeploymentPage')) satisfies RemotePageLoader,
  deployment: (() => import('deploy/DeploymentPage')) satisfies RemotePageLoader<{ deploymentId: string }>,
};

/** Pages of the monitoring micro-frontend (web/monitoring). */
export const monitoringPages = {
  deployment: (() => import('monitoring/DeploymentMonitorPage')) satisfies RemotePageLoader<{ deploymentId: string }>,
  system: (() => import('monitoring/SystemPage')) satisfies RemotePageLoader,
  alerts: (() => import('monitoring/AlertsPage')) satisfies RemotePageLoader,
};

/** Pages of the admin micro-frontend (web/admin). */
export const adminPages = {
  pool: (() => import('admin/PoolPage')) satisfies RemotePageLoader,
  templates: (() => import('admin/TemplatesPage')) satisfies RemotePageLoader,
  templateEditor: (() => import('admin/TemplateEditorPage')) satisfies RemotePageLoader<{ templateId: string | null; copyOf?: string | null }>,
};
