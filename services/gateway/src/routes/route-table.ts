import type { Route } from './route.schema.js';
import { UpstreamEjections } from './upstream-ejections.js';

export interface RouteMatch {
  route: Route;
  /** The upstream picked for this request: round robin over the route's upstreams, passing over ejected ones. */
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

  constructor(
    staticRoutes: Route[],
    readonly ejections = new UpstreamEjections(),
  ) {
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
        const upstream = this.pick(entry);
        const rest = pathname.slice(route.prefix.length) || '/';
        return { route, upstream, path: route.stripPrefix ? replaced(route.replacePrefix, rest) : pathname };
      }
      const cut = candidate.lastIndexOf('/');
      if (cut <= 0) return null;
      candidate = candidate.slice(0, cut);
    }
  }

  /**
   * Another upstream of the match's route for a request that `tried` refused: one not tried and
   * not ejected, or null when there is none.
   */
  another(match: RouteMatch, tried: ReadonlySet<string>): string | null {
    return match.route.upstreams.find((upstream) => !tried.has(upstream) && !this.ejections.isEjected(upstream)) ?? null;
  }

  /** The next upstream in turn that is not ejected; the next in turn when all are. */
  private pick(entry: Entry): string {
    const { upstreams } = entry.route;
    const first = entry.next % upstreams.length;
    entry.next = (first + 1) % upstreams.length;
    if (upstreams.length === 1) return upstreams[0]!;
    for (let step = 0; step < upstreams.length; step++) {
      const index = (first + step) % upstreams.length;
      if (!this.ejections.isEjected(upstreams[index]!)) {
        entry.next = (index + 1) % upstreams.length;
        return upstreams[index]!;
      }
    }
    return upstreams[first]!;
  }
}

/** The stripped path under the route's replacement prefix: /api + /seats → /api/seats. */
function replaced(replacePrefix: string | undefined, rest: string): string {
  if (!replacePrefix || replacePrefix === '/') return rest;
  return replacePrefix.replace(/\/+$/, '') + rest;
}
