import { fileURLToPath } from 'node:url';
import { Value } from 'typebox/value';
import { Type } from 'typebox';
import { createApp, migrate, parseTrustProxy, type App } from '@clove/kit';
import { registerAdminRoutes } from './admin/routes.admin.js';
import type { GatewayConfig } from './config.js';
import { registerProxy } from './proxy/proxy.js';
import { MemoryRouteStore, PgRouteStore, type RouteStore } from './routes/route-store.js';
import { RouteSchema, type Route } from './routes/route.schema.js';
import { RouteTable } from './routes/route-table.js';
import { WebFiles } from './web/web-files.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface GatewayApp {
  /** The front door. */
  app: App;
  /** The route-table API (listen on loopback only). */
  admin: App;
  table: RouteTable;
  close: () => Promise<void>;
}

export function parseStaticRoutes(json: string): Route[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('GATEWAY_ROUTES: is not valid JSON');
  }
  const schema = Type.Array(RouteSchema);
  const routes = Value.Default(schema, parsed);
  if (!Value.Check(schema, routes)) {
    const first = Value.Errors(schema, routes)[0];
    throw new Error(`GATEWAY_ROUTES: ${first?.instancePath ?? ''} ${first?.message ?? 'is invalid'}`);
  }
  return routes;
}

/** The gateway: one front door routing by path prefix, with a reloadable route table. */
export async function buildApp(config: GatewayConfig, options: { silent?: boolean } = {}): Promise<GatewayApp> {
  const table = new RouteTable(parseStaticRoutes(config.GATEWAY_ROUTES));
  let store: RouteStore;
  if (config.DATABASE_URL) {
    await migrate({ databaseUrl: config.DATABASE_URL, schema: config.DB_SCHEMA, dir: MIGRATIONS_DIR });
    store = new PgRouteStore(config.DATABASE_URL, config.DB_SCHEMA);
  } else {
    store = new MemoryRouteStore();
  }
  const reload = async () => table.replaceDynamic(await store.list());
  await reload();
  const unsubscribe = await store.subscribe(() => void reload().catch(() => undefined));

  let web: WebFiles | undefined;
  const app = await createApp({
    name: 'gateway',
    logLevel: config.LOG_LEVEL,
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    docs: false,
    silent: options.silent,
    // A page address with a broken escape (/shows/%E0%A4%A) is still a page: the web client says it is not found.
    onBadUrl: (request, reply) => web?.serveShellForBadUrl(request, reply) ?? false,
  });
  if (config.WEB_ROOT) web = await WebFiles.register(app, config.WEB_ROOT);
  await registerProxy(app, {
    table,
    upstreamTimeoutMs: config.UPSTREAM_TIMEOUT_MS,
    connectTimeoutMs: config.CONNECT_TIMEOUT_MS,
    ...(web ? { web } : {}),
  });

  const admin = await createApp({ name: 'gateway-admin', logLevel: config.LOG_LEVEL, silent: options.silent });
  registerAdminRoutes(admin, { table, store, token: config.ADMIN_TOKEN, reload });

  await Promise.all([app.ready(), admin.ready()]);
  return {
    app,
    admin,
    table,
    close: async () => {
      await app.close();
      await admin.close();
      await unsubscribe();
      await store.close();
    },
  };
}
