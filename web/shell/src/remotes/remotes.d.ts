// Modules exposed by the auth micro-frontend (web/auth), loaded at run time from
// /web/auth/remoteEntry.js. Props follow the shared session contract.
declare module 'auth/LoginPage' {
  const LoginPage: import('./remotePage').RemotePage;
  export default LoginPage;
}

declare module 'auth/SignupPage' {
  const SignupPage: import('./remotePage').RemotePage;
  export default SignupPage;
}

declare module 'auth/AccountPage' {
  const AccountPage: import('./remotePage').RemotePage;
  export default AccountPage;
}

// Modules exposed by the storefront micro-frontend (web/ticketing), loaded at run time from
// /web/ticketing/remoteEntry.js.
declare module 'ticketing/ShowPage' {
  const ShowPage: import('./remotePage').RemotePage<{ slug: string }>;
  export default ShowPage;
}

declare module 'ticketing/TicketsPage' {
  const TicketsPage: import('./remotePage').RemotePage;
  export default TicketsPage;
}

declare module 'ticketing/SellerShowPage' {
  /** A seller's pages of one performance: setup (info and seat map), bookers, sales. */
  const SellerShowPage: import('./remotePage').RemotePage<{ slug: string; section: 'setup' | 'bookers' | 'sales' }>;
  export default SellerShowPage;
}

// The seller console (web/deploy).
declare module 'deploy/DeploymentsPage' {
  const DeploymentsPage: import('./remotePage').RemotePage;
  export default DeploymentsPage;
}

declare module 'deploy/NewDeploymentPage' {
  const NewDeploymentPage: import('./remotePage').RemotePage;
  export default NewDeploymentPage;
}

declare module 'deploy/DeploymentPage' {
  const DeploymentPage: import('./remotePage').RemotePage<{ deploymentId: string }>;
  export default DeploymentPage;
}

// Monitoring (web/monitoring).
declare module 'monitoring/DeploymentMonitorPage' {
  const DeploymentMonitorPage: import('./remotePage').RemotePage<{ deploymentId: string }>;
  export default DeploymentMonitorPage;
}

declare module 'monitoring/SystemPage' {
  const SystemPage: import('./remotePage').RemotePage;
  export default SystemPage;
}

declare module 'monitoring/AlertsPage' {
  const AlertsPage: import('./remotePage').RemotePage;
  export default AlertsPage;
}

// The admin area (web/admin).
declare module 'admin/PoolPage' {
  const PoolPage: import('./remotePage').RemotePage;
  export default PoolPage;
}

declare module 'admin/TemplatesPage' {
  const TemplatesPage: import('./remotePage').RemotePage;
  export default TemplatesPage;
}

declare module 'admin/TemplateEditorPage' {
  /** null: a new template. */
  const TemplateEditorPage: import('./remotePage').RemotePage<{ templateId: string | null; copyOf?: string | null }>;
  export default TemplateEditorPage;
}
