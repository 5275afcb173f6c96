import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Secrets {
  postgresPassword: string;
  /** Password of each service's database role. */
  roles: Record<string, string>;
  gatewayAdminToken: string;
  /** Credentials platform services use to call auth's introspection. */
  introspectionSecret: string;
  /** API key ticketing services present to the payments service. */
  paymentsApiKey: string;
  /** Token ticketing services present when delivering events to the catalog. */
  catalogIngestToken: string;
  /** Token the templates service presents to the pool service. */
  poolServiceToken: string;
  /** Token the monitor presents to the deployer (runtime, scaling). */
  monitorServiceToken: string;
  /** HMAC key of ticket codes. */
  ticketCodeSecret: string;
  /** Passwords of the demo sellers created for locally started performances. */
  performanceOwners: Record<string, string>;
}

const token = () => randomBytes(24).toString('base64url');

/** Secrets generated on first start and kept (mode 0600) so restarts keep their data. */
export async function loadOrCreateSecrets(stateDir: string, roleNames: string[]): Promise<Secrets> {
  const file = join(stateDir, 'secrets.json');
  let secrets: Secrets;
  try {
    secrets = JSON.parse(await readFile(file, 'utf8')) as Secrets;
  } catch {
    secrets = {} as Secrets;
  }
  secrets.postgresPassword ??= token();
  secrets.roles ??= {};
  secrets.gatewayAdminToken ??= token();
  secrets.introspectionSecret ??= token();
  secrets.paymentsApiKey ??= token();
  secrets.catalogIngestToken ??= token();
  secrets.poolServiceToken ??= token();
  secrets.monitorServiceToken ??= token();
  secrets.ticketCodeSecret ??= `${token()}${token()}`;
  secrets.performanceOwners ??= {};
  for (const role of roleNames) secrets.roles[role] ??= token();
  await saveSecrets(stateDir, secrets);
  return secrets;
}

export async function saveSecrets(stateDir: string, secrets: Secrets): Promise<void> {
  await writeFile(join(stateDir, 'secrets.json'), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}

export const newSecret = token;
