import { publicPathOf } from '../compose/naming.js';
import type { DeploymentRow, DeploymentSecrets } from './deployment.repository.js';

export interface BindingConfig {
  /** Variables of the platform every workload gets (service URLs, client secrets). */
  platformEnv: Record<string, string>;
  deployerUrl: string;
}

/**
 * The variables a deployment's workloads read from the namespace's platform Secret: the
 * platform's, and those of this deployment only — its database, its owner, its credential
 * (which the deployer accepts for this deployment alone), the key that signs its tickets.
 */
export function bindingOf(config: BindingConfig, deployment: DeploymentRow, secrets: DeploymentSecrets, databaseUrl: string): Record<string, string> {
  return {
    ...config.platformEnv,
    DATABASE_URL: databaseUrl,
    OWNER_ID: deployment.ownerId,
    DEPLOYMENT_ID: deployment.id,
    DEPLOYER_URL: config.deployerUrl,
    ...(secrets.credential ? { DEPLOYMENT_TOKEN: secrets.credential } : {}),
    TICKET_CODE_SECRET: secrets.ticketCodeSecret,
    PUBLIC_PREFIX: publicPathOf(deployment.slug),
  };
}
