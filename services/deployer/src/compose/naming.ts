/** Where a performance lives: its namespace, its database, its public path. */

/** Namespaces are DNS labels of at most 63 characters: `perf-` leaves 58 for the slug. */
export const NAMESPACE_PREFIX = 'perf-';
export const MAX_SLUG_LENGTH = 58;

/** Slugs that would read as the platform's own, or as someone else's, at /e/{slug}/. */
export const RESERVED_SLUGS = new Set([
  'admin', 'api', 'app', 'auth', 'catalog', 'clove', 'clove-system', 'console', 'default', 'deploy', 'docs',
  'e', 'events', 'gateway', 'help', 'kube-system', 'kube-public', 'kube-node-lease', 'login', 'monitor',
  'payments', 'pool', 'root', 'static', 'status', 'support', 'system', 'template', 'templates', 'www',
]);

export const namespaceOf = (slug: string): string => `${NAMESPACE_PREFIX}${slug}`;

/** Database and role of a namespace in PostgreSQL: identifiers without dashes. */
export const databaseOf = (slug: string): string => `clove_ns_${slug.replaceAll('-', '_')}`;

export const publicPathOf = (slug: string): string => `/e/${slug}`;

/** Name of a component's Deployment and Service in one revision: blue and green live side by side. */
export const workloadName = (component: string, revision: number): string => `${component}-r${revision}`;

/** The component and revision a workload name stands for; a name not made by workloadName is its own component. */
export function workloadParts(workload: string): { component: string; revision: number | null } {
  const match = /^(.*)-r(\d+)$/.exec(workload);
  return match ? { component: match[1]!, revision: Number(match[2]) } : { component: workload, revision: null };
}

/** The Secret every workload of a namespace reads its platform variables from. */
export const PLATFORM_SECRET = 'clove-platform';
/** The namespace's own identity (ServiceAccount) its workloads run as. */
export const WORKLOAD_IDENTITY = 'clove-workload';

export const LABELS = {
  name: 'app.kubernetes.io/name',
  partOf: 'app.kubernetes.io/part-of',
  revision: 'clove.dev/revision',
  deployment: 'clove.dev/deployment',
} as const;
