/** The API groups and resources the fake API server serves, and its discovery documents. */

export interface FakeResource {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name, as in the URL. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function define(group: string, version: string, resource: string, kind: string, namespaced: boolean, verbs = READ_WRITE): FakeResource {
  return { group, version, resource, kind, namespaced, verbs };
}

export const RESOURCES: readonly FakeResource[] = [
  define('', 'v1', 'namespaces', 'Namespace', false),
  define('', 'v1', 'nodes', 'Node', false),
  define('', 'v1', 'serviceaccounts', 'ServiceAccount', true),
  define('', 'v1', 'secrets', 'Secret', true),
  define('', 'v1', 'services', 'Service', true),
  define('', 'v1', 'pods', 'Pod', true),
  define('', 'v1', 'endpoints', 'Endpoints', true),
  define('apps', 'v1', 'deployments', 'Deployment', true),
  define('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  define('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  define('gateway.networking.k8s.io', 'v1', 'httproutes', 'HTTPRoute', true),
  define('authentication.k8s.io', 'v1', 'tokenreviews', 'TokenReview', false, ['create']),
];

/** Subresources listed in discovery next to their resource. */
const SUBRESOURCES: Record<string, { name: string; kind: string; group: string; version: string; verbs: string[] }[]> = {
  serviceaccounts: [{ name: 'serviceaccounts/token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }],
  deployments: [{ name: 'deployments/scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] }],
};

export function groupVersion(resource: Pick<FakeResource, 'group' | 'version'>): string {
  return resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
}

export function findResource(group: string, version: string, plural: string): FakeResource | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === plural);
}

export function resourceOfKind(kind: string): FakeResource | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

function singular(kind: string): string {
  return kind.toLowerCase();
}

/** APIResourceList of one group version, or null when the server does not serve it. */
export function resourceList(group: string, version: string): Record<string, unknown> | null {
  const served = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (served.length === 0) return null;
  const resources = served.flatMap((r) => [
    { name: r.resource, singularName: singular(r.kind), namespaced: r.namespaced, kind: r.kind, verbs: r.verbs },
    ...(SUBRESOURCES[r.resource] ?? []).map((sub) => ({
      name: sub.name,
      singularName: '',
      namespaced: r.namespaced,
      group: sub.group,
      version: sub.version,
      kind: sub.kind,
      verbs: sub.verbs,
    })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }), resources };
}

/** APIVersions (`/api`). */
export function coreVersions(): Record<string, unknown> {
  return { kind: 'APIVersions', apiVersion: 'v1', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
}

/** APIGroupList (`/apis`). */
export function groupList(): Record<string, unknown> {
  const groups = [...new Set(RESOURCES.filter((r) => r.group !== '').map((r) => r.group))].map((name) => {
    const versions = [...new Set(RESOURCES.filter((r) => r.group === name).map((r) => r.version))].map((version) => ({
      groupVersion: `${name}/${version}`,
      version,
    }));
    return { name, versions, preferredVersion: versions[0] };
  });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** `/version`. */
export function versionInfo(): Record<string, unknown> {
  return {
    major: '1',
    minor: '31',
    gitVersion: 'v1.31.0',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-08-13T00:00:00Z',
    goVersion: 'go1.22.5',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}
