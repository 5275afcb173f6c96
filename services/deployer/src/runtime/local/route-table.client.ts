/** A route of the gateway's route table, as the local runtime makes it from an HTTPRoute. */
export interface GatewayRoute {
  prefix: string;
  upstreams: string[];
  stripPrefix: boolean;
  replacePrefix?: string;
  maxBodyBytes?: number;
  owner?: string;
}

/** Where HTTPRoutes of the local runtime end up: the gateway's route table. */
export interface RouteTable {
  put(route: GatewayRoute): Promise<void>;
  remove(prefix: string): Promise<void>;
  /** Removes every route of an owner and of its parts (`perf-gala` also removes `perf-gala/ticketing`). */
  removeOwnedBy(owner: string): Promise<void>;
}

/** The gateway's loopback route-table API (PUT/DELETE /routes with the admin token). */
export class GatewayRouteTable implements RouteTable {
  constructor(private readonly adminUrl: string, private readonly token: string, private readonly timeoutMs = 5_000) {}

  async put(route: GatewayRoute): Promise<void> {
    const response = await this.call('PUT', '/routes', route);
    if (!response.ok) throw new Error(`the gateway refused the route ${route.prefix}: ${response.status} ${await response.text()}`);
    await response.body?.cancel();
  }

  async remove(prefix: string): Promise<void> {
    const response = await this.call('DELETE', `/routes?prefix=${encodeURIComponent(prefix)}`);
    await response.body?.cancel();
    if (!response.ok && response.status !== 404) throw new Error(`the gateway did not remove the route ${prefix}: ${response.status}`);
  }

  async removeOwnedBy(owner: string): Promise<void> {
    const response = await this.call('DELETE', `/routes?owner=${encodeURIComponent(owner)}`);
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the gateway did not remove the routes of ${owner}: ${response.status}`);
  }

  private call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.adminUrl.replace(/\/$/, '')}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }
}

/** A route table in memory, for tests of the runtime without a gateway. */
export class MemoryRouteTable implements RouteTable {
  readonly routes = new Map<string, GatewayRoute>();

  async put(route: GatewayRoute): Promise<void> {
    this.routes.set(route.prefix, structuredClone(route));
  }

  async remove(prefix: string): Promise<void> {
    this.routes.delete(prefix);
  }

  async removeOwnedBy(owner: string): Promise<void> {
    for (const [prefix, route] of this.routes) {
      if (route.owner === owner || route.owner?.startsWith(`${owner}/`)) this.routes.delete(prefix);
    }
  }
}
