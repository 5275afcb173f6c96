import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { builtinTemplates } from '../templates/builtin.js';
import { defaultsOf } from '../templates/checks.js';
import type { PoolImage } from '../templates/template.schemas.js';
import { documentsYaml } from '../templates/template.service.js';
import { containerImage, generateDocuments } from './generate.js';
import { renderDocuments, RenderError } from '@clove/kit';
import { documentErrors } from './validate.js';

const IMAGE_ID = '6f1c1a52-8f4e-4a8e-9a57-2f3c0b6d1e01';
const image: PoolImage = {
  id: IMAGE_ID,
  name: 'ticketing',
  source: { kind: 'builtin', service: 'ticketing' },
  spec: {
    className: 'PerformanceBoundary', role: 'boundary', linkableServices: [], methods: ['GET'], path: '/e/{slug}/', port: 4200,
    healthPath: '/readyz', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  },
  status: 'ready',
};
const images = new Map([[IMAGE_ID, image]]);
const [standard, flashSale] = builtinTemplates(IMAGE_ID);

type Doc = { kind: string; spec: any };
const deploymentOf = (docs: unknown[]) => docs.find((d) => (d as Doc).kind === 'Deployment') as Doc;

describe('generateDocuments', () => {
  it('lists a container\'s variables by name, whatever order the component gives them in', () => {
    const [component] = flashSale!.components;
    const reordered = { ...component!, env: Object.fromEntries(Object.entries(component!.env).reverse()) };
    const envOf = (docs: unknown[]) => deploymentOf(docs).spec.template.spec.containers[0].env.map((e: { name: string }) => e.name);
    assert.deepEqual(envOf(generateDocuments([reordered], images)), ['HOLD_SECONDS', 'MAX_SEATS_PER_BUYER', 'SALE_OPENS_AT', 'SLUG']);
    assert.deepEqual(generateDocuments([reordered], images), generateDocuments(flashSale!.components, images));
  });
});

describe('renderDocuments', () => {
  const documents = generateDocuments(flashSale!.components, images);

  it('keeps parameter references as parameter-reference objects in the stored documents', () => {
    const deployment = deploymentOf(documents);
    assert.deepEqual(deployment.spec.replicas, { $parameter: 'replicas' });
    assert.deepEqual(deployment.spec.template.spec.containers[0].env[0], { name: 'HOLD_SECONDS', value: { $parameter: 'holdSeconds' } });
  });

  it('puts values in as data: numbers for replicas, strings for env values', () => {
    const rendered = renderDocuments(documents, defaultsOf(flashSale!.parameters));
    const deployment = deploymentOf(rendered);
    assert.equal(deployment.spec.replicas, 3);
    assert.deepEqual(deployment.spec.template.spec.containers[0].env, [
      { name: 'HOLD_SECONDS', value: '420' },
      { name: 'MAX_SEATS_PER_BUYER', value: '4' },
      { name: 'SALE_OPENS_AT', value: '1970-01-01T00:00:00Z' },
      { name: 'SLUG', value: 'my-show' },
    ]);
    assert.deepEqual(documentErrors(rendered), []);
    // The stored documents are left unchanged.
    assert.deepEqual(deploymentOf(documents).spec.replicas, { $parameter: 'replicas' });
  });

  it('keeps a malicious value one string, never a new field', () => {
    const evil = 'x"\nkind: Secret\nmetadata:\n  name: {{ .Values.pwned }}\n---\napiVersion: v1: {{ }}';
    const rendered = renderDocuments(documents, { ...defaultsOf(flashSale!.parameters), slug: evil });
    const container = deploymentOf(rendered).spec.template.spec.containers[0];
    assert.deepEqual(container.env[3], { name: 'SLUG', value: evil });
    assert.equal(Object.keys(container).includes('kind'), false);
    const parsed = parseAllDocuments(documentsYaml(rendered)).map((d) => d.toJS());
    assert.equal(parsed.length, rendered.length);
    assert.deepEqual(parsed, rendered);
    assert.deepEqual(parsed.map((d) => d.kind), ['Deployment', 'Service', 'HTTPRoute']);
  });

  it('refuses values that are not scalars, and missing values', () => {
    const values = defaultsOf(flashSale!.parameters);
    assert.throws(() => renderDocuments(documents, { ...values, replicas: { $parameter: 'slug' } }), RenderError);
    assert.throws(() => renderDocuments(documents, { ...values, slug: ['a'] }), RenderError);
    const { replicas: _replicas, ...withoutReplicas } = values;
    assert.throws(() => renderDocuments(documents, withoutReplicas), /No value for parameter replicas/);
  });

  it('generates restricted, labelled documents with routes on the clove gateway', () => {
    const generated = generateDocuments(standard!.components, images);
    assert.deepEqual(generated.map((d) => d.kind), ['Deployment', 'Service', 'HTTPRoute']);
    const deployment = deploymentOf(generated);
    const container = deployment.spec.template.spec.containers[0];
    assert.equal(container.image, 'clove/ticketing:builtin');
    assert.deepEqual(container.securityContext, {
      runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    assert.equal(container.readinessProbe.httpGet.path, '/readyz');
    assert.equal(deployment.spec.replicas, 1);
    const route = generated[2] as Doc;
    assert.deepEqual(route.spec.parentRefs[0], { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'clove', namespace: 'clove-system' });
    assert.deepEqual(route.spec.rules[0].matches, [{ path: { type: 'PathPrefix', value: '/' } }]);
  });

  it('names the container image after the source', () => {
    assert.equal(containerImage({ ...image, source: { kind: 'container', reference: 'ghcr.io/a/b:1' } }), 'ghcr.io/a/b:1');
    assert.equal(containerImage({ ...image, name: 'seats', source: { kind: 'git', url: 'https://x/y', ref: 'feature/v1' } }), 'clove/git-seats:feature-v1');
  });

  it('reports a document that its Kubernetes schema refuses', () => {
    const rendered = renderDocuments(generateDocuments(standard!.components, images), defaultsOf(standard!.parameters));
    (deploymentOf(rendered).spec as { replicas: unknown }).replicas = 'three';
    const errors = documentErrors(rendered);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.path, '/documents/0');
    assert.match(errors[0]!.message, /^Deployment ticketing: \/spec\/replicas must be integer/);
  });
});
