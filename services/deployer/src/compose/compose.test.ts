import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments, stringify } from 'yaml';
import { expandReferences } from '../runtime/local/pod-recipe.js';
import { composeRevision, type TemplateSnapshot } from './compose.js';
import { invalidDocuments } from './validate.js';
import { changedValues, checkValues } from './values.js';

const DEPLOYMENT_ID = '0b8f7f5e-8a3a-4f8e-9f53-5d1d0c7a2b10';

/** A template as the templates service stores it: documents with parameter references. */
const template: TemplateSnapshot = {
  id: '4e0a7f0c-3c1e-4a53-8a43-0b1b6f0d9a11',
  name: 'standard',
  revision: 3,
  parameters: {
    type: 'object',
    properties: {
      slug: { type: 'string', description: 'Slug', pattern: '^[a-z0-9][a-z0-9-]{1,62}$', default: 'my-show' },
      motto: { type: 'string', description: 'Free text', maxLength: 500, default: 'hello' },
      replicas: { type: 'integer', description: 'Replicas', minimum: 1, maximum: 5, default: 2 },
    },
    required: ['slug'],
    additionalProperties: false,
  },
  documents: [
    {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'ticketing', labels: { 'app.kubernetes.io/name': 'ticketing', 'app.kubernetes.io/part-of': 'clove' } },
      spec: {
        replicas: { $parameter: 'replicas' },
        selector: { matchLabels: { 'app.kubernetes.io/name': 'ticketing' } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'ticketing', 'app.kubernetes.io/part-of': 'clove' } },
          spec: {
            containers: [{
              name: 'ticketing', image: 'clove/ticketing:builtin',
              ports: [{ name: 'http', containerPort: 4200, protocol: 'TCP' }],
              env: [{ name: 'SLUG', value: { $parameter: 'slug' } }, { name: 'MOTTO', value: { $parameter: 'motto' } }],
            }],
          },
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'ticketing' },
      spec: { selector: { 'app.kubernetes.io/name': 'ticketing' }, ports: [{ name: 'http', port: 4200, targetPort: 4200 }] },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'ticketing' },
      spec: {
        parentRefs: [{ name: 'clove', namespace: 'clove-system' }],
        rules: [
          { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'ticketing', port: 4200 }] },
          { matches: [{ path: { type: 'PathPrefix', value: '/admin' } }], backendRefs: [{ name: 'ticketing', port: 4200 }] },
        ],
      },
    },
  ],
};

const compose = (values: Record<string, unknown>, revision = 1) =>
  composeRevision({ template, values: checkValues(template.parameters, values), slug: String(values.slug), deploymentId: DEPLOYMENT_ID, revision });

describe('composing a revision (R9)', () => {
  it('names workloads per revision, selects them by revision, and points routes under /e/{slug} at them', () => {
    const composed = compose({ slug: 'gala', replicas: 3 }, 2);
    const [deployment, service] = composed.workloads as any[];
    assert.equal(deployment.metadata.name, 'ticketing-r2');
    assert.equal(deployment.spec.replicas, 3);
    assert.equal(deployment.spec.selector.matchLabels['clove.dev/revision'], '2');
    assert.equal(deployment.spec.template.metadata.labels['clove.dev/revision'], '2');
    assert.equal(deployment.spec.template.spec.serviceAccountName, 'clove-workload');
    assert.deepEqual(deployment.spec.template.spec.containers[0].envFrom, [{ secretRef: { name: 'clove-platform' } }]);
    assert.ok(deployment.spec.template.spec.containers[0].env.some((e: any) => e.name === 'PORT' && e.value === '4200'));
    assert.equal(service.metadata.name, 'ticketing-r2');
    assert.equal(service.spec.selector['clove.dev/revision'], '2');
    assert.deepEqual(composed.deployments, ['ticketing-r2']);

    const route = composed.routes[0] as any;
    assert.equal(route.metadata.name, 'ticketing');
    assert.deepEqual(route.spec.rules.map((r: any) => r.matches[0].path.value), ['/e/gala', '/e/gala/admin']);
    assert.deepEqual(route.spec.rules.map((r: any) => r.filters[0].urlRewrite.path.replacePrefixMatch), ['/', '/admin']);
    assert.equal(route.spec.rules[0].backendRefs[0].name, 'ticketing-r2');
    assert.deepEqual(invalidDocuments([...composed.workloads, ...composed.routes]), []);
  });

  it('keeps a hostile value one string: no new field, no new document, no reference to another variable', () => {
    const hostile = 'x\nkind: Secret\n---\napiVersion: v1\n{{ .Values.secret }}: "$(DATABASE_URL)" # ]}';
    const composed = compose({ slug: 'gala', motto: hostile });
    const container = (composed.workloads[0] as any).spec.template.spec.containers[0];
    const motto = container.env.find((e: any) => e.name === 'MOTTO');
    assert.equal(motto.value, hostile.replace('$(', () => '$$('));
    assert.ok(motto.value.includes('$$(DATABASE_URL)'));
    assert.deepEqual(Object.keys(motto), ['name', 'value']);
    // Written out as YAML and read back, it is still the same three documents and the same string.
    const yaml = [...composed.workloads, ...composed.routes].map((d) => stringify(d)).join('---\n');
    const reread = parseAllDocuments(yaml).map((d) => d.toJS());
    assert.equal(reread.length, 3);
    assert.equal(reread[0].spec.template.spec.containers[0].env.find((e: any) => e.name === 'MOTTO').value, motto.value);
    // Kubernetes (and the local runtime) turn $$( back into $( without expanding it.
    assert.equal(expandReferences(motto.value, { DATABASE_URL: 'postgres://secret' }), hostile);
    assert.deepEqual(invalidDocuments(composed.workloads), []);
  });

  it('tells a container that sets one of the operator\'s variables itself that its value is not the operator\'s', () => {
    const platformNames = { HOLD_SECONDS: 'TICKETING_HOLD_SECONDS', MOTTO: 'TICKETING_MOTTO', PORT: 'TICKETING_PORT' };
    const composed = composeRevision({ template, values: checkValues(template.parameters, { slug: 'gala' }), slug: 'gala', deploymentId: DEPLOYMENT_ID, revision: 1, platformNames });
    const env = (composed.workloads[0] as any).spec.template.spec.containers[0].env as Array<{ name: string; value: string }>;
    // MOTTO comes from the template, PORT from the container's port: both win over the Secret's.
    assert.deepEqual(JSON.parse(env.find((e) => e.name === 'CLOVE_VARIABLE_NAMES')!.value), { HOLD_SECONDS: 'TICKETING_HOLD_SECONDS' });
    const untouched = composeRevision({ template, values: checkValues(template.parameters, { slug: 'gala' }), slug: 'gala', deploymentId: DEPLOYMENT_ID, revision: 1, platformNames: { HOLD_SECONDS: 'TICKETING_HOLD_SECONDS' } });
    const plain = (untouched.workloads[0] as any).spec.template.spec.containers[0].env as Array<{ name: string }>;
    assert.ok(!plain.some((e) => e.name === 'CLOVE_VARIABLE_NAMES'), 'the Secret\'s list holds as it is');
  });

  it('expands references a template makes on purpose, as Kubernetes does', () => {
    assert.equal(expandReferences('$(HOST):$(PORT)/$$(PORT)/$(MISSING)', { HOST: 'h', PORT: '1' }), 'h:1/$(PORT)/$(MISSING)');
  });
});

describe('changing values (R8)', () => {
  const current = { slug: 'gala', motto: 'hi there', replicas: 3 };
  it('keeps the values not sent, and puts back to its default one sent as null', () => {
    assert.deepEqual(checkValues(template.parameters, changedValues({ replicas: 1 }, current, true)), { slug: 'gala', motto: 'hi there', replicas: 1 });
    assert.deepEqual(checkValues(template.parameters, changedValues({ motto: null }, current, true)), { slug: 'gala', motto: 'hello', replicas: 3 });
  });
  it('starts from the new template\'s defaults when the template changes (R22)', () => {
    assert.deepEqual(checkValues(template.parameters, { ...changedValues({ replicas: 1 }, current, false), slug: 'gala' }), { slug: 'gala', motto: 'hello', replicas: 1 });
  });
});

describe('checking values', () => {
  it('fills defaults and names every bad field', () => {
    assert.deepEqual(checkValues(template.parameters, { slug: 'gala' }), { slug: 'gala', motto: 'hello', replicas: 2 });
    assert.throws(() => checkValues(template.parameters, { replicas: 9, colour: 'red' } as never), (error: any) => {
      const paths = error.errors.map((e: { path: string }) => e.path).sort();
      assert.deepEqual(paths, ['/body/values/colour', '/body/values/replicas', '/body/values/slug']);
      return true;
    });
  });

  it('refuses reserved and over-long slugs, and those a namespace cannot end with', () => {
    // The template's own pattern here allows a trailing dash; the deployer does not.
    for (const slug of ['admin', 'kube-system', 'a'.repeat(59), 'abc-', 'ab--']) {
      assert.throws(() => checkValues(template.parameters, { slug }), (error: any) => error.errors[0].path === '/body/values/slug', slug);
    }
    assert.equal(checkValues(template.parameters, { slug: 'a-b-c' }).slug, 'a-b-c');
  });
});
