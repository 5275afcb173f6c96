import type { KubeDocument } from '../driver.js';
import type { GatewayRoute } from './route-table.client.js';

interface HttpRouteShape {
  metadata: { name: string };
  spec?: {
    rules?: Array<{
      matches?: Array<{ path?: { type?: string; value?: string } }>;
      filters?: Array<{ type: string; urlRewrite?: { path?: { type?: string; replacePrefixMatch?: string } } }>;
      backendRefs?: Array<{ name: string }>;
    }>;
  };
}

/** Largest request body a performance takes through the gateway (seat maps of big venues). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * HTTPRoutes as gateway routes: each PathPrefix match becomes a route whose upstreams are the
 * ready replicas behind the rule's backend Services; a URLRewrite ReplacePrefixMatch filter
 * becomes the route's replacement prefix. The gateway routes on paths, so method matches are
 * not enforced in the local runtime.
 */
export function gatewayRoutesOf(namespace: string, routes: KubeDocument[], endpointsOf: (service: string) => string[]): GatewayRoute[] {
  const out = new Map<string, GatewayRoute>();
  for (const document of routes) {
    const route = document as unknown as HttpRouteShape;
    for (const rule of route.spec?.rules ?? []) {
      const rewrite = rule.filters?.find((f) => f.type === 'URLRewrite')?.urlRewrite?.path;
      const replacePrefix = rewrite?.type === 'ReplacePrefixMatch' ? rewrite.replacePrefixMatch : undefined;
      const upstreams = [...new Set((rule.backendRefs ?? []).flatMap((ref) => endpointsOf(ref.name)))].sort();
      for (const match of rule.matches ?? [{ path: { type: 'PathPrefix', value: '/' } }]) {
        const prefix = (match.path?.value ?? '/').replace(/\/+$/, '') || '/';
        const existing = out.get(prefix);
        out.set(prefix, {
          prefix,
          upstreams: [...new Set([...(existing?.upstreams ?? []), ...upstreams])].sort(),
          stripPrefix: replacePrefix !== undefined,
          ...(replacePrefix !== undefined ? { replacePrefix } : {}),
          maxBodyBytes: MAX_BODY_BYTES,
          owner: `${namespace}/${route.metadata.name}`,
        });
      }
    }
  }
  return [...out.values()];
}
