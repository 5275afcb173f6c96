import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkExternalDatabase } from './external-database.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';
import type { LauncherConfig } from './config.js';
import { startPerformance, type LocalPerformance } from './performances.js';
import { baseEnv, GATEWAY_ENTRY, WEB_ROOT, operatorEnv, PLATFORM_SERVICES, type PlatformService, type ServiceContext } from './platform-services.js';
import { provisionServiceDatabase } from './provision.js';
import { waitForRestoredDeployments, type Restoration } from './restored-deployments.js';
import { loadOrCreateSecrets, saveSecrets, type Secrets } from './secrets.js';
import { SupervisedProcess } from '@clove/kit';

export interface RuntimeInfo {
  gateway: string;
  gatewayAdmin: string;
  databases: Record<string, string>;
  services: Record<string, { url: string; pid: number | undefined }>;
  performances: Record<string, { url: string; internalUrl: string; ownerEmail: string; ownerId: string; database: string }>;
}

/** Starts and stops the whole embedded platform, in order. */
export class Platform {
  private postgres: EmbeddedPostgresHandle | null = null;
  private services: SupervisedProcess[] = [];
  private gateway: SupervisedProcess | null = null;
  private performances: LocalPerformance[] = [];

  constructor(
    private readonly config: LauncherConfig,
    private readonly env: NodeJS.ProcessEnv,
    /** Performances to start for local use (`--slug`), until the deployer does it. */
    private readonly slugs: string[] = [],
  ) {}

  get processes(): SupervisedProcess[] {
    return [...this.services, ...(this.gateway ? [this.gateway] : []), ...this.performances.map((p) => p.process)];
  }

  /** A process refused its configuration (a bad value, which restarting cannot mend). */
  get refusedConfiguration(): boolean {
    return this.processes.some((p) => p.state === 'failed');
  }

  async start(): Promise<string> {
    const began = Date.now();
    const { config } = this;
    const stateDir = config.CLOVE_STATE_DIR;
    const logDir = join(stateDir, 'logs');
    await mkdir(logDir, { recursive: true });
    const secrets = await loadOrCreateSecrets(stateDir, [...PLATFORM_SERVICES.map((s) => s.name), 'gateway']);

    let adminUrl = config.DATABASE_URL;
    if (adminUrl) {
      await checkExternalDatabase(adminUrl);
    } else {
      this.postgres = await startEmbeddedPostgres({
        dataDir: join(stateDir, 'postgres'),
        logFile: join(logDir, 'postgres.log'),
        port: config.CLOVE_PG_PORT,
        password: secrets.postgresPassword,
      });
      adminUrl = this.postgres.url;
    }

    const databases: Record<string, string> = {};
    for (const service of [...PLATFORM_SERVICES, { name: 'gateway', schema: 'gateway' }]) {
      databases[service.name] = (await provisionServiceDatabase(adminUrl, service, secrets.roles[service.name]!)).url;
    }

    const urls = Object.fromEntries(
      PLATFORM_SERVICES.map((s) => [s.name, `http://127.0.0.1:${config.CLOVE_PORT_BASE + s.portOffset}`]),
    );
    const context: ServiceContext = {
      secrets, urls, env: this.env, stateDir, databases, portBase: config.CLOVE_PORT_BASE, localSlugs: this.slugs,
      gatewayUrl: `http://${['0.0.0.0', '::'].includes(config.CLOVE_GATEWAY_HOST) ? '127.0.0.1' : config.CLOVE_GATEWAY_HOST}:${config.CLOVE_GATEWAY_PORT}`,
    };
    const common = this.commonEnv();
    const startServices = async (services: PlatformService[]) => {
      const started = services.map((service) => {
        const port = config.CLOVE_PORT_BASE + service.portOffset;
        return this.supervise(service.name, service.entry, port, {
          ...common,
          PORT: String(port),
          DATABASE_URL: databases[service.name]!,
          DB_SCHEMA: service.schema,
          ...(service.prefix ? { PUBLIC_PREFIX: service.prefix } : {}),
          ...service.env(context),
          ...operatorEnv(this.env, service.name),
        }, service.startedPath);
      });
      this.services.push(...started);
      started.forEach((s) => s.start());
      await Promise.all(started.map((s) => s.waitReady(config.CLOVE_READY_TIMEOUT_MS)));
    };
    await startServices(PLATFORM_SERVICES.filter((s) => !s.afterGateway));

    const routes = PLATFORM_SERVICES.flatMap((service) => [service.prefix, ...(service.extraPrefixes ?? [])]
      .filter((prefix): prefix is string => prefix !== undefined)
      .map((prefix) => ({ prefix, upstreams: [urls[service.name]], stripPrefix: true })));
    this.gateway = this.supervise('gateway', GATEWAY_ENTRY, config.CLOVE_GATEWAY_PORT, {
      ...common,
      HOST: config.CLOVE_GATEWAY_HOST,
      PORT: String(config.CLOVE_GATEWAY_PORT),
      ADMIN_PORT: String(config.CLOVE_PORT_BASE),
      ADMIN_TOKEN: secrets.gatewayAdminToken,
      GATEWAY_ROUTES: JSON.stringify(routes),
      WEB_ROOT: WEB_ROOT,
      DATABASE_URL: databases.gateway!,
      ...operatorEnv(this.env, 'gateway'),
    });
    this.gateway.start();
    await this.gateway.waitReady(config.CLOVE_READY_TIMEOUT_MS);
    await startServices(PLATFORM_SERVICES.filter((s) => s.afterGateway));
    // Ready means serving: the performances deployed before this start too.
    const restoration = await waitForRestoredDeployments(urls.deployer!, config.CLOVE_READY_TIMEOUT_MS, logDir);
    for (const problem of restoration.problems) console.error(`[launcher] ${problem}`);

    for (const [index, slug] of this.slugs.entries()) {
      this.performances.push(await startPerformance({
        slug,
        index,
        adminUrl,
        config,
        secrets,
        urls,
        commonEnv: common,
        env: this.env,
        supervise: (name, entry, port, env) => this.supervise(name, entry, port, env),
      }));
    }
    await saveSecrets(stateDir, secrets);

    const gatewayUrl = `http://${config.CLOVE_GATEWAY_HOST === '0.0.0.0' ? 'localhost' : config.CLOVE_GATEWAY_HOST}:${config.CLOVE_GATEWAY_PORT}`;
    const runtime: RuntimeInfo = {
      gateway: gatewayUrl,
      gatewayAdmin: `http://127.0.0.1:${config.CLOVE_PORT_BASE}`,
      databases,
      services: Object.fromEntries(this.processes.map((p) => [p.spec.name, { url: p.url, pid: p.pid }])),
      performances: Object.fromEntries(this.performances.map((p) => [p.slug, {
        url: `${gatewayUrl}/e/${p.slug}`,
        internalUrl: p.process.url,
        ownerEmail: p.ownerEmail,
        ownerId: p.ownerId,
        database: p.databaseUrl,
      }])),
    };
    await writeFile(join(stateDir, 'runtime.json'), JSON.stringify(runtime, null, 2), { mode: 0o600 });

    const elapsed = Date.now() - began;
    return [
      '',
      `Clove is ready in ${elapsed} ms${caveat(restoration)}`,
      `  gateway     ${gatewayUrl}`,
      ...PLATFORM_SERVICES.filter((s) => s.prefix).map(
        (s) => `  ${s.name.padEnd(11)} ${gatewayUrl}${s.prefix}  (API docs: ${gatewayUrl}${s.prefix}/docs)`,
      ),
      ...this.performances.map(
        (p) => `  performance ${gatewayUrl}/e/${p.slug}/  (API docs: ${gatewayUrl}/e/${p.slug}/docs; seller ${p.ownerEmail}, password in ${join(stateDir, 'secrets.json')})`,
      ),
      `  postgres    ${this.postgres ? `embedded, 127.0.0.1:${config.CLOVE_PG_PORT}` : 'external (DATABASE_URL)'}`,
      `  state       ${stateDir}  (logs in ${logDir})`,
      'Press Ctrl-C to stop.',
    ].join('\n');
  }

  /** Gateway first (no new traffic), then performances and services in reverse order, then PostgreSQL. */
  async stop(): Promise<void> {
    await this.gateway?.stop();
    for (const performance of [...this.performances].reverse()) await performance.process.stop();
    for (const service of [...this.services].reverse()) await service.stop();
    await this.postgres?.stop();
    this.postgres = null;
    await rm(join(this.config.CLOVE_STATE_DIR, 'runtime.json'), { force: true });
  }

  private commonEnv(): Record<string, string> {
    return { ...baseEnv(this.env), LOG_LEVEL: this.config.LOG_LEVEL, HOST: '127.0.0.1' };
  }

  private supervise(name: string, entry: string, port: number, env: Record<string, string>, readyPath?: string): SupervisedProcess {
    return new SupervisedProcess({
      name,
      entry,
      env,
      port,
      ...(readyPath ? { readyPath } : {}),
      logFile: join(this.config.CLOVE_STATE_DIR, 'logs', `${name}.log`),
      echoAll: this.config.CLOVE_LOG_CONSOLE,
    });
  }
}

/** What the ready line adds when not everything deployed serves. */
function caveat({ problems, notServing }: Restoration): string {
  if (problems.length === 0) return '';
  if (notServing === 0) return ' (the deployer is still bringing back deployments; see above)';
  return ` (${notServing} deployed performance${notServing === 1 ? ' is' : 's are'} not serving; see above)`;
}

export type { Secrets };
