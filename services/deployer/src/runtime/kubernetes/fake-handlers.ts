/** Request handling of the fake API server: routing, discovery, and the verbs on stored objects. */
import { randomBytes } from 'node:crypto';
import { coreVersions, findResource, groupList, groupVersion, resourceList, versionInfo, type FakeResource } from './fake-discovery.js';
import { canonical, FakeApiError, isRecord, mergePatch, type ObjectStore, type StoredObject } from './fake-store.js';

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string;
  body: unknown;
}

export interface FakeResponse {
  code: number;
  body: unknown;
}

const APPLY = 'application/apply-patch+yaml';
const MERGE_PATCHES = ['application/merge-patch+json', 'application/strategic-merge-patch+json'];

function ok(body: unknown, code = 200): FakeResponse {
  return { code, body: structuredClone(body) };
}

function qualified(resource: FakeResource): string {
  return resource.group === '' ? resource.resource : `${resource.resource}.${resource.group}`;
}

function notFound(resource: FakeResource, name: string): FakeApiError {
  return new FakeApiError(404, 'NotFound', `${qualified(resource)} "${name}" not found`);
}

function invalid(resource: FakeResource, name: string, detail: string): FakeApiError {
  const kind = resource.group === '' ? resource.kind : `${resource.kind}.${resource.group}`;
  return new FakeApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${detail}`);
}

const NO_ROUTE = new FakeApiError(404, 'NotFound', 'the server could not find the requested resource');
const METHOD_NOT_ALLOWED = new FakeApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** The checks the API server makes of a Deployment that the driver's documents could fail. */
function validate(resource: FakeResource, object: StoredObject): void {
  if (resource.kind !== 'Deployment') return;
  const spec = record(object.spec);
  const matchLabels = record(record(spec.selector).matchLabels);
  const template = record(spec.template);
  const labels = record(record(template.metadata).labels);
  const name = object.metadata.name;
  if (Object.keys(matchLabels).length === 0) throw invalid(resource, name, 'spec.selector: Invalid value: "null": empty selector is invalid for deployment');
  if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) {
    throw invalid(resource, name, 'spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`');
  }
  const containers = record(template.spec).containers;
  if (!Array.isArray(containers) || containers.length === 0) throw invalid(resource, name, 'spec.template.spec.containers: Required value');
  const replicas = spec.replicas;
  if (replicas !== undefined && (!Number.isSafeInteger(replicas) || (replicas as number) < 0)) {
    throw invalid(resource, name, `spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`);
  }
}

function nextGeneration(existing: StoredObject | undefined, object: StoredObject): number {
  if (!existing) return 1;
  const generation = typeof existing.metadata.generation === 'number' ? existing.metadata.generation : 1;
  return canonical(existing.spec) === canonical(object.spec) ? generation : generation + 1;
}

function rfc3339(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export class FakeApi {
  constructor(private readonly store: ObjectStore) {}

  handle(request: FakeRequest): FakeResponse {
    const segments = request.path.split('/').filter(Boolean).map(decodeURIComponent);
    const discovery = { '/version': versionInfo, '/api': coreVersions, '/apis': groupList }[request.path];
    if (discovery) return this.read(request, discovery());
    let group: string;
    let version: string;
    let rest: string[];
    if (segments[0] === 'api' && segments[1] === 'v1') [group, version, rest] = ['', 'v1', segments.slice(2)];
    else if (segments[0] === 'apis' && segments.length >= 3) [group, version, rest] = [segments[1]!, segments[2]!, segments.slice(3)];
    else throw NO_ROUTE;
    if (rest.length === 0) {
      const list = resourceList(group, version);
      if (!list) throw NO_ROUTE;
      return this.read(request, list);
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && findResource(group, version, rest[2]!)?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const resource = findResource(group, version, rest[0]!);
    if (!resource || rest.length > 3 || (rest.length > 1 && resource.namespaced && namespace === undefined)) throw NO_ROUTE;
    const [, name, subresource] = rest;
    return this.dispatch(request, resource, namespace, name, subresource);
  }

  private read(request: FakeRequest, document: unknown): FakeResponse {
    if (request.method !== 'GET') throw METHOD_NOT_ALLOWED;
    return ok(document);
  }

  private dispatch(request: FakeRequest, resource: FakeResource, namespace: string | undefined, name: string | undefined, subresource: string | undefined): FakeResponse {
    const method = request.method;
    if (name === undefined) {
      if (method === 'GET') return this.list(resource, namespace, request.query.labelSelector);
    } else if (subresource === 'scale' && resource.kind === 'Deployment') {
      if (method === 'GET' || method === 'PATCH' || method === 'PUT') return this.scale(request, resource, namespace, name);
    } else if (subresource === 'token' && resource.kind === 'ServiceAccount') {
      if (method === 'POST') return this.token(request, resource, namespace!, name);
    } else if (subresource !== undefined) {
      throw NO_ROUTE;
    } else if (method === 'GET') {
      return ok(this.existing(resource, namespace, name));
    } else if (method === 'PATCH') {
      return request.contentType === APPLY ? this.apply(request, resource, namespace, name) : this.patch(request, resource, namespace, name);
    } else if (method === 'DELETE') {
      return this.delete(resource, namespace, name);
    }
    throw METHOD_NOT_ALLOWED;
  }

  private existing(resource: FakeResource, namespace: string | undefined, name: string): StoredObject {
    const object = this.store.get(resource.kind, namespace, name);
    if (!object) throw notFound(resource, name);
    return object;
  }

  private list(resource: FakeResource, namespace: string | undefined, selector: string | undefined): FakeResponse {
    const items = this.store.list(resource.kind, namespace, selector);
    return ok({ apiVersion: groupVersion(resource), kind: `${resource.kind}List`, metadata: { resourceVersion: this.store.resourceVersion }, items });
  }

  private apply(request: FakeRequest, resource: FakeResource, namespace: string | undefined, name: string): FakeResponse {
    if (!request.query.fieldManager) {
      throw new FakeApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    }
    const body = request.body;
    if (!isRecord(body)) throw new FakeApiError(400, 'BadRequest', 'the apply patch must be an object');
    const expected = groupVersion(resource);
    if (body.apiVersion !== expected || body.kind !== resource.kind) {
      throw new FakeApiError(400, 'BadRequest', `the API version and kind in the data (${String(body.apiVersion)}, ${String(body.kind)}) do not match the expected ${expected}, ${resource.kind}`);
    }
    const metadata = record(body.metadata);
    if (typeof metadata.name !== 'string' || metadata.name === '') throw invalid(resource, '', 'metadata.name: Required value: name or generateName is required');
    if (metadata.name !== name) throw new FakeApiError(400, 'BadRequest', `the name of the object (${metadata.name}) does not match the name on the URL (${name})`);
    if (resource.namespaced) {
      if (metadata.namespace !== undefined && metadata.namespace !== namespace) {
        throw new FakeApiError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      }
      if (!this.store.has('Namespace', undefined, namespace!)) throw new FakeApiError(404, 'NotFound', `namespaces "${namespace}" not found`);
    }
    const existing = this.store.get(resource.kind, namespace, name);
    const object = structuredClone(body) as StoredObject;
    object.metadata = { ...metadata, name, ...(resource.namespaced ? { namespace: namespace! } : {}) };
    delete object.status;
    validate(resource, object);
    object.metadata.generation = nextGeneration(existing, object);
    if (existing?.status !== undefined) object.status = existing.status;
    else if (resource.kind === 'Namespace') object.status = { phase: 'Active' };
    return ok(this.store.put(object), existing ? 200 : 201);
  }

  private patch(request: FakeRequest, resource: FakeResource, namespace: string | undefined, name: string): FakeResponse {
    if (!MERGE_PATCHES.includes(request.contentType)) {
      throw new FakeApiError(415, 'UnsupportedMediaType', `the fake API server does not accept ${request.contentType} patches`);
    }
    if (request.query.force !== undefined) throw new FakeApiError(422, 'Invalid', 'force: Forbidden: may not be specified for non-apply patch');
    if (!isRecord(request.body)) throw new FakeApiError(400, 'BadRequest', 'the patch must be an object');
    const existing = this.existing(resource, namespace, name);
    const object = mergePatch(existing, request.body) as StoredObject;
    object.apiVersion = existing.apiVersion;
    object.kind = existing.kind;
    object.metadata = { ...record(object.metadata), name, ...(namespace ? { namespace } : {}) };
    validate(resource, object);
    object.metadata.generation = nextGeneration(existing, object);
    return ok(this.store.put(object));
  }

  private scale(request: FakeRequest, resource: FakeResource, namespace: string | undefined, name: string): FakeResponse {
    const deployment = this.existing(resource, namespace, name);
    const spec = record(deployment.spec);
    if (request.method !== 'GET') {
      let replicas: unknown;
      if (request.method === 'PUT') replicas = record(record(request.body).spec).replicas;
      else if (MERGE_PATCHES.includes(request.contentType)) replicas = record(record(mergePatch({ spec: { replicas: spec.replicas } }, request.body)).spec).replicas;
      else throw new FakeApiError(415, 'UnsupportedMediaType', `the fake API server does not accept ${request.contentType} patches of scale`);
      if (!Number.isSafeInteger(replicas) || (replicas as number) < 0) {
        throw new FakeApiError(422, 'Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${String(replicas)}: must be greater than or equal to 0`);
      }
      const updated = structuredClone(deployment);
      updated.spec = { ...spec, replicas };
      updated.metadata.generation = nextGeneration(deployment, updated);
      this.store.put(updated);
    }
    const current = this.existing(resource, namespace, name);
    const matchLabels = record(record(record(current.spec).selector).matchLabels);
    return ok({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name, namespace, uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion, creationTimestamp: current.metadata.creationTimestamp },
      spec: { replicas: record(current.spec).replicas },
      status: {
        replicas: record(current.status).replicas ?? 0,
        selector: Object.entries(matchLabels).map(([key, value]) => `${key}=${String(value)}`).join(','),
      },
    });
  }

  private token(request: FakeRequest, resource: FakeResource, namespace: string, name: string): FakeResponse {
    this.existing(resource, namespace, name);
    const body = record(request.body);
    if (body.apiVersion !== 'authentication.k8s.io/v1' || body.kind !== 'TokenRequest') {
      throw new FakeApiError(400, 'BadRequest', 'the request body must be an authentication.k8s.io/v1 TokenRequest');
    }
    const spec = record(body.spec);
    const seconds = spec.expirationSeconds ?? 3600;
    if (!Number.isSafeInteger(seconds) || (seconds as number) < 600) {
      throw new FakeApiError(422, 'Invalid', `TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${String(seconds)}: may not specify a duration less than 10 minutes`);
    }
    const audiences = Array.isArray(spec.audiences) ? spec.audiences : [];
    const issued = Date.now();
    const expires = issued + (seconds as number) * 1000;
    const claims = { aud: audiences, exp: Math.floor(expires / 1000), iat: Math.floor(issued / 1000), iss: 'https://kubernetes.default.svc', sub: `system:serviceaccount:${namespace}:${name}` };
    const token = `${base64url({ alg: 'RS256', kid: 'fake' })}.${base64url(claims)}.${randomBytes(32).toString('base64url')}`;
    return ok(
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        metadata: { name, namespace, creationTimestamp: rfc3339(issued) },
        spec: { audiences, expirationSeconds: seconds },
        status: { token, expirationTimestamp: rfc3339(expires) },
      },
      201,
    );
  }

  private delete(resource: FakeResource, namespace: string | undefined, name: string): FakeResponse {
    const existing = this.existing(resource, namespace, name);
    if (resource.kind === 'Namespace') this.store.deleteNamespaced(name);
    this.store.delete(resource.kind, namespace, name);
    return ok({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: resource.resource, uid: existing.metadata.uid } });
  }
}
