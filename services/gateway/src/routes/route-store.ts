import { createPool, listen, type Pool } from '@clove/kit';
import type { Route } from './route.schema.js';

/** Where run-time routes live; every gateway replica follows changes. */
export interface RouteStore {
  list(): Promise<Route[]>;
  upsert(route: Route): Promise<void>;
  /** False when there was no such route. */
  remove(prefix: string): Promise<boolean>;
  /** Removes the routes of an owner and of its parts (`perf-gala` also removes `perf-gala/ticketing`); how many. */
  removeOwnedBy(owner: string): Promise<number>;
  /** Calls onChange whenever any replica changed the routes; returns an unsubscribe function. */
  subscribe(onChange: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class MemoryRouteStore implements RouteStore {
  private routes = new Map<string, Route>();
  private listeners = new Set<() => void>();

  async list() {
    return [...this.routes.values()];
  }
  async upsert(route: Route) {
    this.routes.set(route.prefix, route);
    this.listeners.forEach((l) => l());
  }
  async remove(prefix: string) {
    const existed = this.routes.delete(prefix);
    this.listeners.forEach((l) => l());
    return existed;
  }
  async removeOwnedBy(owner: string) {
    const gone = [...this.routes.values()].filter((r) => isOwnedBy(r.owner, owner));
    gone.forEach((r) => this.routes.delete(r.prefix));
    this.listeners.forEach((l) => l());
    return gone.length;
  }
  async subscribe(onChange: () => void) {
    this.listeners.add(onChange);
    return async () => void this.listeners.delete(onChange);
  }
  async close() {}
}

const CHANNEL = 'clove_gateway_routes';

/** Routes in PostgreSQL, so they survive restarts; LISTEN/NOTIFY tells replicas to reload. */
export class PgRouteStore implements RouteStore {
  private readonly pool: Pool;

  constructor(private readonly databaseUrl: string, private readonly schema: string) {
    this.pool = createPool({ connectionString: databaseUrl, schema, max: 4, applicationName: 'clove-gateway' });
  }

  async list(): Promise<Route[]> {
    const { rows } = await this.pool.query<{
      prefix: string;
      upstreams: string[];
      strip_prefix: boolean;
      replace_prefix: string | null;
      max_body_bytes: number | null;
      owner: string | null;
    }>('select prefix, upstreams, strip_prefix, replace_prefix, max_body_bytes, owner from routes order by prefix');
    return rows.map((r) => ({
      prefix: r.prefix,
      upstreams: r.upstreams,
      stripPrefix: r.strip_prefix,
      ...(r.replace_prefix !== null ? { replacePrefix: r.replace_prefix } : {}),
      ...(r.max_body_bytes !== null ? { maxBodyBytes: r.max_body_bytes } : {}),
      ...(r.owner ? { owner: r.owner } : {}),
    }));
  }

  async upsert(route: Route): Promise<void> {
    await this.pool.query(
      `with up as (
         insert into routes (prefix, upstreams, strip_prefix, max_body_bytes, owner, replace_prefix) values ($1, $2, $3, $4, $5, $6)
         on conflict (prefix) do update set upstreams = excluded.upstreams, strip_prefix = excluded.strip_prefix,
           replace_prefix = excluded.replace_prefix,
           max_body_bytes = excluded.max_body_bytes, owner = excluded.owner, updated_at = now()
         returning 1)
       select pg_notify('${CHANNEL}', $1) from up`,
      [route.prefix, route.upstreams, route.stripPrefix, route.maxBodyBytes ?? null, route.owner ?? null, route.replacePrefix ?? null],
    );
  }

  async remove(prefix: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `with gone as (delete from routes where prefix = $1 returning prefix)
       select pg_notify('${CHANNEL}', prefix) from gone`,
      [prefix],
    );
    return rowCount === 1;
  }

  async removeOwnedBy(owner: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `with gone as (delete from routes where owner = $1 or starts_with(owner, $1 || '/') returning prefix)
       select pg_notify('${CHANNEL}', prefix) from gone`,
      [owner],
    );
    return rowCount ?? 0;
  }

  async subscribe(onChange: () => void): Promise<() => Promise<void>> {
    // On every connection too: catch up on anything missed while disconnected.
    const listener = await listen(this.databaseUrl, CHANNEL, { onNotification: () => onChange(), onConnected: onChange });
    return () => listener.stop();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function isOwnedBy(routeOwner: string | undefined, owner: string): boolean {
  return routeOwner === owner || (routeOwner?.startsWith(`${owner}/`) ?? false);
}
