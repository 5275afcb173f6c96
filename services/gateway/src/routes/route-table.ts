import type { Route } from './route.schema.js';

export interface RouteMatch {
  route: Route;
  /** The upstream picked for this request (round robin over the route's upstreams). */
  upstream: string;
  /** Path to request upstream, without the query string. */
  path: string;
}

/** Where the gateway serves the web client's files (web/web-files.ts). */
const WEB_FILES = '/web';

interface Entry {
  route: Route;
  next: number;
}

/**
 * Longest-prefix routing on whole path segments. Static routes come from configuration;
 * dynamic routes are replaced as a whole on reload, so a reader never sees half a table.
 */
export class RouteTable {
  private staticEntries: Map<string, Entry>;
  private dynamicEntries = new Map<string, Entry>();

  constructor(staticRoutes: Route[]) {
    this.staticEntries = new Map(staticRoutes.map((route) => [route.prefix, { route, next: 0 }]));
  }

  replaceDynamic(routes: Route[]): void {
    const previous = this.dynamicEntries;
    this.dynamicEntries = new Map(
      routes.map((route) => [route.prefix, { route, next: previous.get(route.prefix)?.next ?? 0 }]),
    );
  }

  /**
   * A platform path: a static route's prefix or a path under one (a run-time /auth/login would
   * win over /auth by the longest prefix), or the web client's files.
   */
  isPlatformPath(prefix: string): boolean {
    if (prefix === WEB_FILES || prefix.startsWith(`${WEB_FILES}/`)) return true;
    for (const platform of this.staticEntries.keys()) {
      if (prefix === platform || prefix.startsWith(`${platform}/`)) return true;
    }
    return false;
  }

  list(): Array<Route & { static: boolean }> {
    return [
      ...[...this.staticEntries.values()].map((e) => ({ ...e.route, static: true })),
      ...[...this.dynamicEntries.values()].map((e) => ({ ...e.route, static: false })),
    ];
  }

  match(pathname: string): RouteMatch | null {
    let candidate = pathname;
    for (;;) {
      const entry = this.staticEntries.get(candidate) ?? this.dynamicEntries.get(candidate);
      if (entry) {
        const { route } = entry;
        const upstream = route.upstreams[entry.next % route.upstreams.length]!;
        entry.next = (entry.next + 1) % route.upstreams.length;
        const rest = pathname.slice(route.prefix.length) || '/';
        return { route, upstream, path: route.stripPrefix ? replaced(route.replacePrefix, rest) : pathname };
      }
      const cut = candidate.lastIndexOf('/');
      if (cut <= 0) return null;
      candidate = candidate.slice(0, cut);
    }
  }
}

/** The stripped path under the route's replacement prefix: /api + /seats → /api/seats. */
function replaced(replacePrefix: string | undefined, rest: string): string {
  if (!replacePrefix || replacePrefix === '/') return rest;
  return replacePrefix.replace(/\/+$/, '') + rest;
}
