import { parameterReference } from '@clove/kit';
import type { Component, KubeDocument, PoolImage } from '../templates/template.schemas.js';

export const PART_OF = 'clove';
export const GATEWAY = { name: 'clove', namespace: 'clove-system' } as const;

/** The container image of a pool image. */
export function containerImage(image: PoolImage): string {
  switch (image.source.kind) {
    case 'container':
      return image.source.reference;
    case 'builtin':
      return `clove/${image.source.service}:builtin`;
    case 'git': {
      // A branch like feature/x is not a valid tag: keep the tag grammar [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
      const tag = image.source.ref.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '').slice(0, 128) || 'latest';
      return `clove/git-${image.name}:${tag}`;
    }
  }
}

/**
 * The Kubernetes documents of a template, as data: per component a Deployment, a Service and,
 * when it has routes, an HTTPRoute. Parameter references become `{ "$parameter": name }`.
 */
export function generateDocuments(components: Component[], images: ReadonlyMap<string, PoolImage>): KubeDocument[] {
  return components.flatMap((component) => {
    const image = images.get(component.imageId);
    if (!image) throw new Error(`No image ${component.imageId} for component ${component.name}.`);
    return componentDocuments(component, image);
  });
}

function componentDocuments(component: Component, image: PoolImage): KubeDocument[] {
  const name = component.name;
  const port = component.port ?? image.spec.port;
  const resources = component.resources ?? image.spec.resources;
  const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF };
  const selector = { 'app.kubernetes.io/name': name };
  const probe = { httpGet: { path: image.spec.healthPath, port: 'http' }, periodSeconds: 10 };

  const deployment: KubeDocument = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: typeof component.replicas === 'number' ? component.replicas : parameterReference(component.replicas.fromParameter),
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name,
            image: containerImage(image),
            ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
            // By name: stored as JSON, a component's variables come back in no set order.
            env: Object.entries(component.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([envName, value]) => ({
              name: envName,
              value: typeof value === 'string' ? value : parameterReference(value.fromParameter),
            })),
            resources: {
              requests: { cpu: resources.requests.cpu, memory: resources.requests.memory },
              limits: { cpu: resources.limits.cpu, memory: resources.limits.memory },
            },
            readinessProbe: probe,
            livenessProbe: { ...probe, failureThreshold: 6 },
            securityContext: {
              runAsNonRoot: true,
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              seccompProfile: { type: 'RuntimeDefault' },
            },
          }],
        },
      },
    },
  };
  const service: KubeDocument = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port, targetPort: port, protocol: 'TCP' }] },
  };
  const documents = [deployment, service];
  if (component.routes.length > 0) {
    documents.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, labels },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: GATEWAY.name, namespace: GATEWAY.namespace }],
        rules: component.routes.map((route) => {
          const path = { type: 'PathPrefix', value: route.path };
          return {
            matches: route.methods ? route.methods.map((method) => ({ path, method })) : [{ path }],
            backendRefs: [{ name, port }],
          };
        }),
      },
    });
  }
  return documents;
}
