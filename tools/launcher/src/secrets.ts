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
}

const token = () => randomBytes(24).toString('base64url');

/** Secrets generated on first start and kept (mode 0600) so restarts keep their data. */
export async function loadOrCreateSecrets(stateDir: string, roleNames: string[]): Promise<Secrets> {
  const file = join(stateDir, 'secrets.json');
  let secrets: Secrets;
  try {
    secrets = JSON.parse(await readFile(file, 'utf8')) as Secrets;
  } catch {
    secrets = { postgresPassword: token(), roles: {}, gatewayAdminToken: token(), introspectionSecret: token() };
  }
  for (const role of roleNames) secrets.roles[role] ??= token();
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
