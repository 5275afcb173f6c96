import { renderDocuments, VARIABLE_NAMES } from '@clove/kit';
import type { DocumentRef, KubeDocument } from '../runtime/driver.js';
import { LABELS, PLATFORM_SECRET, publicPathOf, WORKLOAD_IDENTITY, workloadName } from './naming.js';

/** What a template revision is, as a deployment keeps it (R18: a snapshot). */
export interface TemplateSnapshot {
  id: string;
  name: string;
  revision: number;
  parameters: Record<string, unknown>;
  documents: Array<Record<string, unknown>>;
}

/** One revision's documents, in the order they are applied. */
export interface ComposedRevision {
  /** Deployments and Services, named per revision. */
  workloads: KubeDocument[];
  /** HTTPRoutes, named per component: applying them switches traffic to this revision. */
  routes: KubeDocument[];
  /** Names of the revision's Deployments, to wait for. */
  deployments: string[];
}

/** An admin's choice for a component that outlives revisions: its replica count, its node. */
export interface ComponentOverride {
  replicas?: number | null;
  node?: string | null;
}

export interface ComposeInput {
  template: TemplateSnapshot;
  values: Record<string, unknown>;
  slug: string;
  deploymentId: string;
  revision: number;
  overrides?: Readonly<Record<string, ComponentOverride>>;
  /**
   * The names the operator set the platform Secret's variables under (its CLOVE_VARIABLE_NAMES):
   * a container that sets one of them itself is told it is not the operator's.
   */
  platformNames?: Readonly<Record<string, string>>;
}

/**
 * R9: the template's documents with the seller's values put in as data, then made concrete
 * for one revision: Deployments and Services get the revision in their name and selector (so
 * blue and green run side by side), workloads run as the namespace's identity and read the
 * platform Secret, and HTTPRoutes match under /e/{slug} and point at this revision.
 */
export function composeRevision(input: ComposeInput): ComposedRevision {
  const rendered = renderDocuments(input.template.documents, escapeReferences(input.values)) as KubeDocument[];
  const extraLabels = { [LABELS.revision]: String(input.revision), [LABELS.deployment]: input.deploymentId };
  const workloads: KubeDocument[] = [];
  const routes: KubeDocument[] = [];
  for (const document of rendered) {
    switch (document.kind) {
      case 'Deployment':
        workloads.push(concreteDeployment(document, input.revision, extraLabels, input.overrides?.[document.metadata.name], input.platformNames ?? {}));
        break;
      case 'Service':
        workloads.push(concreteService(document, input.revision, extraLabels));
        break;
      case 'HTTPRoute':
        routes.push(concreteRoute(document, input.slug, input.revision, input.deploymentId));
        break;
      default:
        throw new Error(`Templates hold Deployments, Services and HTTPRoutes only, not ${document.kind}.`);
    }
  }
  const deployments = workloads.filter((d) => d.kind === 'Deployment').map((d) => d.metadata.name);
  return { workloads, routes, deployments };
}

/** The Secret of platform variables every workload reads (envFrom). */
export function platformSecret(variables: Record<string, string>, deploymentId: string): KubeDocument {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: PLATFORM_SECRET, labels: { [LABELS.partOf]: 'clove', [LABELS.deployment]: deploymentId } },
    type: 'Opaque',
    stringData: { ...variables },
  };
}

/**
 * Kubernetes expands `$(NAME)` in env values to other variables (the database URL, the
 * credential): a seller's value is text, so its `$(` is escaped as `$$(`, which Kubernetes
 * (and the local runtime) turn back into a literal `$(`.
 */
function escapeReferences(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? value.replaceAll('$(', () => '$$(') : value]));
}

export const refsOf = (documents: KubeDocument[]): DocumentRef[] => documents.map((d) => ({ kind: d.kind, name: d.metadata.name }));

type Obj = Record<string, any>;

function concreteDeployment(
  document: KubeDocument,
  revision: number,
  extraLabels: Record<string, string>,
  override: ComponentOverride | undefined,
  platformNames: Readonly<Record<string, string>>,
): KubeDocument {
  const out = structuredClone(document) as Obj;
  const component = out.metadata.name as string;
  if (override?.replicas !== undefined && override.replicas !== null) out.spec.replicas = override.replicas;
  out.metadata.name = workloadName(component, revision);
  out.metadata.labels = { ...out.metadata.labels, ...extraLabels };
  out.spec.selector = { matchLabels: { ...out.spec.selector?.matchLabels, [LABELS.revision]: String(revision) } };
  const pod = out.spec.template as Obj;
  pod.metadata = { ...pod.metadata, labels: { ...pod.metadata?.labels, ...extraLabels } };
  pod.spec.serviceAccountName = WORKLOAD_IDENTITY;
  if (override?.node) pod.spec.nodeSelector = { ...pod.spec.nodeSelector, 'kubernetes.io/hostname': override.node };
  for (const container of pod.spec.containers as Obj[]) {
    container.envFrom = [...(container.envFrom ?? []), { secretRef: { name: PLATFORM_SECRET } }];
    const port = (container.ports as Obj[] | undefined)?.[0]?.containerPort;
    const env = (container.env ?? []) as Array<{ name: string }>;
    if (port !== undefined && !env.some((e) => e.name === 'PORT')) env.push({ name: 'PORT', value: String(port) } as never);
    if (!env.some((e) => e.name === 'HOST')) env.push({ name: 'HOST', value: '0.0.0.0' } as never);
    const ownNames = namesLeftTo(platformNames, env);
    if (ownNames !== null) env.push({ name: VARIABLE_NAMES, value: JSON.stringify(ownNames) } as never);
    container.env = env;
  }
  return out as KubeDocument;
}

/**
 * The operator's names of the variables a container does not set itself (its env wins over the
 * Secret's), or null when it sets none of them and the Secret's list holds as it is.
 */
function namesLeftTo(platformNames: Readonly<Record<string, string>>, env: Array<{ name: string }>): Record<string, string> | null {
  const own = new Set(env.map((e) => e.name));
  if (own.has(VARIABLE_NAMES) || !Object.keys(platformNames).some((name) => own.has(name))) return null;
  return Object.fromEntries(Object.entries(platformNames).filter(([name]) => !own.has(name)));
}

function concreteService(document: KubeDocument, revision: number, extraLabels: Record<string, string>): KubeDocument {
  const out = structuredClone(document) as Obj;
  out.metadata.name = workloadName(out.metadata.name as string, revision);
  out.metadata.labels = { ...out.metadata.labels, ...extraLabels };
  out.spec.selector = { ...out.spec.selector, [LABELS.revision]: String(revision) };
  return out as KubeDocument;
}

function concreteRoute(document: KubeDocument, slug: string, revision: number, deploymentId: string): KubeDocument {
  const out = structuredClone(document) as Obj;
  out.metadata.labels = { ...out.metadata.labels, [LABELS.deployment]: deploymentId };
  const base = publicPathOf(slug);
  for (const rule of out.spec.rules as Obj[]) {
    let relative = '/';
    for (const match of (rule.matches ?? []) as Obj[]) {
      relative = (match.path?.value as string | undefined) ?? '/';
      match.path = { type: 'PathPrefix', value: relative === '/' ? base : `${base}${relative.replace(/\/+$/, '')}` };
    }
    rule.filters = [
      ...((rule.filters ?? []) as Obj[]).filter((f) => f.type !== 'URLRewrite'),
      { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: relative } } },
    ];
    for (const backend of (rule.backendRefs ?? []) as Obj[]) backend.name = workloadName(backend.name as string, revision);
  }
  return out as KubeDocument;
}
