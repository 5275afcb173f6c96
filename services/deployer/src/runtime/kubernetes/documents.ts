/** The documents the Kubernetes driver writes itself: a namespace and its least-privileged workload identity. */
import type { DocumentRef, KubeDocument, NamespaceRequest } from '../driver.js';

/** The ServiceAccount, Role and RoleBinding every managed namespace gets. */
export const WORKLOAD_IDENTITY = 'clove-workload';
/** The only Secret the workload identity may read. */
export const PLATFORM_SECRET = 'clove-platform';
/** Audience of the tokens issued for the workload identity. */
export const TOKEN_AUDIENCE = 'clove';

const MANAGED = { 'app.kubernetes.io/managed-by': 'clove' } as const;

/** Pod Security Admission labels: every pod in the namespace must meet the `restricted` profile. */
export const POD_SECURITY_LABELS = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
} as const;

/** Namespace, ServiceAccount, Role and RoleBinding, in the order they must be applied. */
export function namespaceDocuments(request: NamespaceRequest): KubeDocument[] {
  const namespace = request.name;
  const labels = { ...MANAGED };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels: { ...request.labels, ...POD_SECURITY_LABELS, ...MANAGED } },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: WORKLOAD_IDENTITY, namespace, labels },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: WORKLOAD_IDENTITY, namespace, labels },
      rules: [
        { apiGroups: [''], resources: ['pods', 'services', 'endpoints'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['secrets'], resourceNames: [PLATFORM_SECRET], verbs: ['get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: WORKLOAD_IDENTITY, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: WORKLOAD_IDENTITY },
      subjects: [{ kind: 'ServiceAccount', name: WORKLOAD_IDENTITY, namespace }],
    },
  ];
}

/** The kinds `apply` and `remove` accept, with their API version, in apply order. */
const WORKLOAD_KINDS: Record<string, { apiVersion: string; order: number }> = {
  Secret: { apiVersion: 'v1', order: 0 },
  Service: { apiVersion: 'v1', order: 1 },
  Deployment: { apiVersion: 'apps/v1', order: 2 },
  HTTPRoute: { apiVersion: 'gateway.networking.k8s.io/v1', order: 3 },
};

export function isWorkloadKind(kind: string): boolean {
  return Object.hasOwn(WORKLOAD_KINDS, kind);
}

/**
 * Copies of the documents placed in the namespace, Secrets first (Deployments read them), then Services and
 * Deployments, HTTPRoutes last (they route to the Services). Documents of the same kind keep their order.
 */
export function applyOrder(namespace: string, documents: KubeDocument[]): KubeDocument[] {
  const rank = (document: KubeDocument) => WORKLOAD_KINDS[document.kind]?.order ?? WORKLOAD_KINDS.Deployment!.order;
  return documents
    .map((document, index) => ({ document, index }))
    .sort((a, b) => rank(a.document) - rank(b.document) || a.index - b.index)
    .map(({ document }) => {
      const copy = structuredClone(document);
      copy.metadata = { ...copy.metadata, namespace };
      return copy;
    });
}

/** The header KubernetesObjectApi needs to address an existing document of a workload kind. */
export function refHeader(namespace: string, ref: DocumentRef): KubeDocument | null {
  const kind = WORKLOAD_KINDS[ref.kind];
  if (!kind) return null;
  return { apiVersion: kind.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace } };
}
