import type { LauncherConfig } from './config.js';
import { operatorEnv, PERFORMANCE_PORT_OFFSET, performancePlatformEnv, TICKETING_ENTRY } from './platform-services.js';
import { provisionPerformanceDatabase } from './provision.js';
import { newSecret, type Secrets } from './secrets.js';
import type { SupervisedProcess } from '@clove/kit';

export interface LocalPerformance {
  slug: string;
  ownerEmail: string;
  ownerId: string;
  databaseUrl: string;
  process: SupervisedProcess;
}

export interface StartPerformanceOptions {
  slug: string;
  index: number;
  adminUrl: string;
  config: LauncherConfig;
  secrets: Secrets;
  urls: Record<string, string>;
  commonEnv: Record<string, string>;
  env: NodeJS.ProcessEnv;
  supervise: (name: string, entry: string, port: number, env: Record<string, string>) => SupervisedProcess;
}

export const SLUG = /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * `npm run perf:dev -- --slug demo`: one performance's ticketing service in its own database,
 * owned by a demo seller, mounted on the gateway under /e/{slug}/. The deployer takes this
 * over for real deployments.
 */
export async function startPerformance(options: StartPerformanceOptions): Promise<LocalPerformance> {
  const { slug, config, secrets, urls } = options;
  if (!SLUG.test(slug)) throw new Error(`--slug ${slug}: use 2–63 lower-case letters, digits and dashes`);
  const roleName = `perf_${slug}`;
  secrets.roles[roleName] ??= newSecret();
  secrets.performanceOwners[slug] ??= newSecret();
  const databaseUrl = await provisionPerformanceDatabase(options.adminUrl, slug, secrets.roles[roleName]);
  const ownerEmail = `seller@${slug}.clove.test`;
  const ownerId = await ensureSeller(urls.auth!, ownerEmail, secrets.performanceOwners[slug]);

  const port = config.CLOVE_PORT_BASE + PERFORMANCE_PORT_OFFSET + options.index;
  const process = options.supervise(`perf-${slug}`, TICKETING_ENTRY, port, {
    ...options.commonEnv,
    PORT: String(port),
    SLUG: slug,
    OWNER_ID: ownerId,
    DATABASE_URL: databaseUrl,
    TICKET_CODE_SECRET: secrets.ticketCodeSecret,
    ...performancePlatformEnv({ secrets, urls, env: options.env }),
    // TICKETING_<VAR> sets a variable of every performance, PERF_<SLUG>_<VAR> of one only (e.g.
    // PERF_DEMO_HOLD_SECONDS), which wins; the names are those of both.
    ...operatorEnv(options.env, 'ticketing', `perf_${slug.replaceAll('-', '_')}`),
  });
  process.start();
  await process.waitReady(config.CLOVE_READY_TIMEOUT_MS);

  const route = await fetch(`http://127.0.0.1:${config.CLOVE_PORT_BASE}/routes`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${secrets.gatewayAdminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ prefix: `/e/${slug}`, upstreams: [process.url], maxBodyBytes: 8 * 1024 * 1024, owner: `local:${slug}` }),
  });
  if (!route.ok) throw new Error(`the gateway refused the route for ${slug}: ${route.status} ${await route.text()}`);
  return { slug, ownerEmail, ownerId, databaseUrl, process };
}

/** The demo seller who owns a locally started performance: created once, then logged in. */
async function ensureSeller(authUrl: string, email: string, password: string): Promise<string> {
  const signup = await fetch(`${authUrl}/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, role: 'seller', name: 'Demo seller' }),
  });
  if (signup.status === 201) return ((await signup.json()) as { user: { id: string } }).user.id;
  const login = await fetch(`${authUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`cannot sign in the demo seller ${email}: ${login.status} ${await login.text()}`);
  return ((await login.json()) as { user: { id: string } }).user.id;
}
