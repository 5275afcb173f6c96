/**
 * R17–R18: templates against a real PostgreSQL and a real pool service listening on a free
 * port; tokens from a stand-in issuer.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { parseAllDocuments } from 'yaml';
import { buildApp as buildPool, type PoolApp } from '../../services/pool/dist/app.js';
import { loadPoolConfig } from '../../services/pool/dist/config.js';
import { buildApp, type TemplatesApp } from '../../services/templates/dist/app.js';
import { loadTemplatesConfig } from '../../services/templates/dist/config.js';
import { renderDocuments } from '@clove/kit';
import { startTestDatabase, type TestDatabase } from './support/database.js';
import { startTestIssuer, type TestIssuer } from './support/issuer.js';

const SERVICE_TOKEN = 'templates-service-token-0123456789';

interface Problem { status: number; code: string; detail: string; errors?: Array<{ path: string; message: string }> }
interface TemplateView {
  id: string; name: string; revision: number; description: string; builtin: boolean; translations: { ko?: { description: string } };
  parameters: { properties: Record<string, { default: unknown }> };
  components: Array<Record<string, unknown>>;
  documents: Array<{ kind: string; metadata: { name: string }; spec: any }>;
}

function imageBody(name: string, linkableServices: string[] = []) {
  return {
    name,
    source: { kind: 'container', reference: `ghcr.io/clove/${name}:1.0` },
    spec: {
      className: 'Thing', role: 'entity', linkableServices, methods: ['GET', 'POST'], path: '/', port: 8080,
      resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    },
  };
}

const parameters = {
  type: 'object',
  properties: {
    holdSeconds: { type: 'integer', description: 'Seat hold, seconds', minimum: 60, maximum: 3600, default: 420 },
    replicas: { type: 'integer', description: 'Instances', minimum: 1, maximum: 5, default: 2 },
  },
  required: ['holdSeconds'],
  additionalProperties: false,
};

function templateBody(name: string, components: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) {
  return { name, description: `The ${name} template`, parameters, components, ...extra };
}

const componentOf = (name: string, imageId: string, extra: Record<string, unknown> = {}) => ({
  name, imageId, replicas: { fromParameter: 'replicas' }, routes: [{ path: '/', methods: ['GET'] }],
  env: { HOLD_SECONDS: { fromParameter: 'holdSeconds' }, MODE: 'live' }, ...extra,
});

describe('templates', () => {
  let db: TestDatabase;
  let issuer: TestIssuer;
  let pool: PoolApp;
  let templates: TemplatesApp;
  let admin: string;
  let seller: string;
  let buyer: string;
  let databaseUrl: string;

  before(async () => {
    db = await startTestDatabase();
    issuer = await startTestIssuer();
    databaseUrl = await db.createDatabase('templates_test');
    pool = await buildPool(loadPoolConfig({ DATABASE_URL: databaseUrl, AUTH_JWKS_URL: issuer.jwksUrl, POOL_SERVICE_TOKENS: SERVICE_TOKEN }), { silent: true });
    await pool.app.listen({ host: '127.0.0.1', port: 0 });
    const poolUrl = `http://127.0.0.1:${(pool.app.server.address() as AddressInfo).port}`;
    templates = await buildApp(loadTemplatesConfig({
      DATABASE_URL: databaseUrl, AUTH_JWKS_URL: issuer.jwksUrl, POOL_URL: poolUrl, POOL_SERVICE_TOKEN: SERVICE_TOKEN,
      TEMPLATES_BUILTIN: 'false',
    }), { silent: true });
    [admin, seller, buyer] = await Promise.all([issuer.tokenFor('admin'), issuer.tokenFor('seller'), issuer.tokenFor('buyer')]);
  });
  after(async () => {
    await templates?.close();
    await pool?.close();
    await issuer?.close();
    await db?.stop();
  });

  const call = (app: { app: TemplatesApp['app'] }, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token?: string, payload?: unknown) =>
    app.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload: payload as object } : {}) });
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token?: string, payload?: unknown) => call(templates, method, url, token, payload);

  async function image(name: string, linkableServices: string[] = []): Promise<string> {
    const response = await call(pool, 'POST', '/images', admin, imageBody(name, linkableServices));
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  }

  async function refused(payload: unknown, status = 400, url = '/templates', method: 'POST' | 'PUT' = 'POST'): Promise<Problem> {
    const response = await api(method, url, admin, payload);
    assert.equal(response.statusCode, status, response.body);
    return response.json<Problem>();
  }
  const pathsOf = (problem: Problem) => problem.errors?.map((e) => e.path) ?? [];

  it('lets admins create a template whose documents are valid, readable as YAML, by sellers too', async () => {
    const web = await image('web-front');
    const response = await api('POST', '/templates', admin, templateBody('shop', [componentOf('web', web)]));
    assert.equal(response.statusCode, 201, response.body);
    const template = response.json<TemplateView>();
    assert.equal(template.revision, 1);
    assert.equal(template.builtin, false, 'an admin\'s own template');
    assert.deepEqual(template.documents.map((d) => d.kind), ['Deployment', 'Service', 'HTTPRoute']);
    const deployment = template.documents[0]!;
    assert.deepEqual(deployment.spec.replicas, { $parameter: 'replicas' });
    const container = deployment.spec.template.spec.containers[0];
    assert.equal(container.image, 'ghcr.io/clove/web-front:1.0');
    assert.deepEqual(container.env, [{ name: 'HOLD_SECONDS', value: { $parameter: 'holdSeconds' } }, { name: 'MODE', value: 'live' }]);
    assert.deepEqual(template.documents[1]!.spec.ports, [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    assert.deepEqual(template.documents[2]!.spec.rules[0].matches, [{ path: { type: 'PathPrefix', value: '/' }, method: 'GET' }]);
    const rendered = renderDocuments(template.documents, { holdSeconds: 300, replicas: 2 }) as TemplateView['documents'];
    assert.equal(rendered[0]!.spec.replicas, 2);
    assert.equal(rendered[0]!.spec.template.spec.containers[0].env[0].value, '300');

    const yaml = await api('GET', `/templates/${template.id}?format=yaml`, seller);
    assert.equal(yaml.statusCode, 200);
    assert.match(String(yaml.headers['content-type']), /^text\/yaml/);
    assert.deepEqual(parseAllDocuments(yaml.body).map((d) => (d as { toJS: () => unknown }).toJS()), template.documents);

    const read = await api('GET', `/templates/${template.id}`, seller);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), template);
    const list = await api('GET', '/templates', seller);
    assert.equal(list.statusCode, 200);
    const summary = list.json<Array<Record<string, unknown>>>().find((t) => t.id === template.id);
    assert.deepEqual(summary?.components, [{ name: 'web', imageId: web }]);
    assert.equal(summary?.revision, 1);

    for (const [token, status] of [[buyer, 403], [undefined, 401]] as const) {
      assert.equal((await api('GET', '/templates', token)).statusCode, status);
      assert.equal((await api('GET', `/templates/${template.id}`, token)).statusCode, status);
    }
    for (const token of [seller, buyer]) {
      assert.equal((await api('POST', '/templates', token, templateBody('other', [componentOf('web', web)]))).statusCode, 403);
      assert.equal((await api('PUT', `/templates/${template.id}`, token, templateBody('shop', [componentOf('web', web)]))).statusCode, 403);
      assert.equal((await api('DELETE', `/templates/${template.id}`, token)).statusCode, 403);
      assert.equal((await api('POST', '/templates/builtin', token)).statusCode, 403);
    }
    assert.equal((await api('POST', '/templates', undefined, templateBody('other', [componentOf('web', web)]))).statusCode, 401);
    assert.equal((await refused(templateBody('shop', [componentOf('web', web)]), 409)).code, 'TEMPLATE_NAME_TAKEN');
    assert.equal((await api('GET', `/templates/${randomUUID()}`, seller)).statusCode, 404);
    assert.deepEqual(template.translations, {}, 'no translations unless given');
  });

  it('keeps a template\u2019s description in Korean, checked in shape, for the deploy form', async () => {
    const web = await image('web-korean');
    const body = { ...templateBody('korean-shop', [componentOf('web', web)]), translations: { ko: { description: '한국어 설명' } } };
    const created = await api('POST', '/templates', admin, body);
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(created.json<TemplateView>().translations, { ko: { description: '한국어 설명' } });
    const summary = (await api('GET', '/templates', seller)).json<Array<{ id: string; translations: unknown }>>().find((t) => t.id === created.json<TemplateView>().id);
    assert.deepEqual(summary?.translations, { ko: { description: '한국어 설명' } }, 'the list has it too, for the template picker');
    for (const translations of [{ fr: { description: 'x' } }, { ko: { description: '' } }, { ko: { title: 'x' } }, { ko: 'x' }]) {
      const problem = await refused({ ...templateBody('korean-other', [componentOf('web', web)]), translations });
      assert.ok(pathsOf(problem).some((path) => path.startsWith('/body/translations')), JSON.stringify(problem));
    }
    const updated = await api('PUT', `/templates/${created.json<TemplateView>().id}`, admin, templateBody('korean-shop', [componentOf('web', web)]));
    assert.equal(updated.statusCode, 200, updated.body);
    assert.deepEqual(updated.json<TemplateView>().translations, {}, 'a revision without them has none');
  });

  it('refuses unknown images, missing linked services and colliding routes, naming them', async () => {
    const unknown = await refused(templateBody('unknown', [componentOf('web', randomUUID())]));
    assert.deepEqual(pathsOf(unknown), ['/body/components/0/imageId']);

    const front = await image('linked-front', ['linked-store']);
    const missing = await refused(templateBody('missing', [componentOf('front', front)]));
    assert.equal(missing.code, 'LINKED_SERVICE_MISSING');
    assert.deepEqual(pathsOf(missing), ['/body/components/0/imageId']);
    assert.match(missing.errors![0]!.message, /component front .*linked-store/);

    const store = await image('linked-store');
    const collision = await refused(templateBody('collide', [componentOf('front', front), componentOf('store', store, { routes: [{ path: '/' }] })]));
    assert.equal(collision.code, 'ROUTE_COLLISION');
    assert.deepEqual(pathsOf(collision), ['/body/components/1/routes/0']);
    assert.match(collision.errors![0]!.message, /front and store/);

    const fine = await api('POST', '/templates', admin, templateBody('linked', [
      componentOf('front', front), componentOf('store', store, { routes: [{ path: '/stock' }], replicas: 1 }),
    ]));
    assert.equal(fine.statusCode, 201, fine.body);
  });

  it('refuses bad parameter schemas, naming the property', async () => {
    const id = await image('param-check');
    const withHold = (hold: Record<string, unknown>) => templateBody('params', [componentOf('web', id)], {
      parameters: { ...parameters, properties: { ...parameters.properties, holdSeconds: hold } },
    });
    const noDefault = await refused(withHold({ type: 'integer', description: 'Seconds', minimum: 60 }));
    assert.deepEqual(pathsOf(noDefault), ['/body/parameters/properties/holdSeconds/default']);
    const badDefault = await refused(withHold({ type: 'integer', description: 'Seconds', minimum: 60, default: 5 }));
    assert.deepEqual(pathsOf(badDefault), ['/body/parameters/properties/holdSeconds/default']);
    const noDescription = await refused(withHold({ type: 'integer', minimum: 60, default: 120 }));
    assert.ok(pathsOf(noDescription).includes('/body/parameters/properties/holdSeconds/description'), JSON.stringify(noDescription));
    const unknownParameter = await refused(templateBody('params', [componentOf('web', id, { env: { X: { fromParameter: 'nope' } } })]));
    assert.deepEqual(pathsOf(unknownParameter), ['/body/components/0/env/X/fromParameter']);
    const stringReplicas = await refused(templateBody('params', [componentOf('web', id, { replicas: { fromParameter: 'holdSeconds' } })], {
      parameters: { ...parameters, properties: { ...parameters.properties, holdSeconds: { type: 'string', description: 'x', default: 'a' } } },
    }));
    assert.deepEqual(pathsOf(stringReplicas), ['/body/components/0/replicas/fromParameter']);
  });

  it('stores updates as revisions and keeps pool usages in step', async () => {
    const first = await image('usage-one');
    const second = await image('usage-two');
    const created = await api('POST', '/templates', admin, templateBody('usages', [componentOf('web', first)]));
    assert.equal(created.statusCode, 201, created.body);
    const { id } = created.json<TemplateView>();

    const inUse = await call(pool, 'DELETE', `/images/${first}`, admin);
    assert.equal(inUse.statusCode, 409);
    assert.equal(inUse.json<Problem>().code, 'IMAGE_IN_USE');

    const updated = await api('PUT', `/templates/${id}`, admin, templateBody('usages', [componentOf('api', second)], { description: 'second' }));
    assert.equal(updated.statusCode, 200, updated.body);
    assert.equal(updated.json<TemplateView>().revision, 2);
    assert.equal(updated.json<TemplateView>().documents[0]!.metadata.name, 'api');
    const old = await api('GET', `/templates/${id}/revisions/1`, seller);
    assert.equal(old.statusCode, 200);
    assert.equal(old.json<TemplateView>().revision, 1);
    assert.equal(old.json<TemplateView>().documents[0]!.metadata.name, 'web');
    assert.equal((await api('GET', `/templates/${id}/revisions/3`, seller)).statusCode, 404);
    assert.equal((await api('GET', `/templates/${id}`, seller)).json<TemplateView>().revision, 2);

    // The first image is no longer used; the second is.
    assert.equal((await call(pool, 'DELETE', `/images/${first}`, admin)).statusCode, 204);
    assert.equal((await call(pool, 'DELETE', `/images/${second}`, admin)).statusCode, 409);

    // A parameter the route does not take (a guess at a force flag) is refused, and nothing is deleted.
    const guessed = await api('DELETE', `/templates/${id}?force=true`, admin);
    assert.equal(guessed.statusCode, 400, guessed.body);
    assert.deepEqual(guessed.json<{ errors: unknown }>().errors, [{ path: '/querystring/force', message: 'is not allowed' }]);
    assert.equal((await api('GET', `/templates/${id}`, seller)).statusCode, 200);
    assert.equal((await api('DELETE', `/templates/${id}`, admin)).statusCode, 204);
    assert.equal((await api('DELETE', `/templates/${id}`, admin)).statusCode, 404);
    assert.equal((await api('GET', `/templates/${id}/revisions/1`, admin)).statusCode, 404);
    assert.equal((await call(pool, 'DELETE', `/images/${second}`, admin)).statusCode, 204);
  });

  it('takes a template as GET answers it, to copy or save it as it is, and refuses documents written by hand', async () => {
    const web = await image('copy-front');
    const created = await api('POST', '/templates', admin, templateBody('original', [componentOf('web', web)]));
    assert.equal(created.statusCode, 201, created.body);
    const original = (await api('GET', `/templates/${created.json<TemplateView>().id}`, admin)).json<TemplateView & Record<string, unknown>>();

    const copied = await api('POST', '/templates', admin, { ...original, name: 'original-copy', builtin: true, revision: 7 });
    assert.equal(copied.statusCode, 201, copied.body);
    const copy = copied.json<TemplateView & Record<string, unknown>>();
    assert.notEqual(copy.id, original.id, 'a new template');
    assert.deepEqual([copy.revision, copy.builtin], [1, false], 'what the service sets is its own');
    assert.deepEqual([copy.components, copy.parameters, copy.documents], [original.components, original.parameters, original.documents]);

    const saved = await api('PUT', `/templates/${original.id}`, admin, { ...original, description: 'Saved as read' });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual([saved.json<TemplateView>().revision, saved.json<Record<string, unknown>>().description], [2, 'Saved as read']);

    const edited = structuredClone(original);
    edited.documents[0]!.spec.replicas = 5;
    const handWritten = await refused(edited, 400, `/templates/${original.id}`, 'PUT');
    assert.equal(handWritten.code, 'DOCUMENTS_NOT_WRITABLE');
    assert.deepEqual(pathsOf(handWritten), ['/body/documents']);
    assert.equal((await refused({ ...edited, name: 'hand-written' })).code, 'DOCUMENTS_NOT_WRITABLE');

    const elsewhere = await refused(original, 400, `/templates/${copy.id}`, 'PUT');
    assert.equal(elsewhere.code, 'ID_MISMATCH');
    assert.deepEqual(pathsOf(elsewhere), ['/body/id']);
    assert.equal((await api('GET', `/templates/${copy.id}`, admin)).json<TemplateView>().revision, 1, 'the copy is untouched');
    assert.equal((await api('GET', `/templates/${original.id}`, admin)).json<TemplateView>().revision, 2);
  });

  it('answers 503 and changes nothing when the pool is unreachable', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const config = loadTemplatesConfig({
      DATABASE_URL: new URL('/templates_test', db.url).toString(), AUTH_JWKS_URL: issuer.jwksUrl,
      POOL_URL: `http://127.0.0.1:${closedPort}`, POOL_SERVICE_TOKEN: SERVICE_TOKEN, TEMPLATES_BUILTIN: 'false',
    });
    const offline = await buildApp(config, { silent: true });
    try {
      const response = await call(offline, 'POST', '/templates', admin, templateBody('offline', [componentOf('web', randomUUID())]));
      assert.equal(response.statusCode, 503);
      assert.equal(response.json<Problem>().code, 'POOL_UNAVAILABLE');
      assert.equal((await api('GET', '/templates', admin)).json<Array<{ name: string }>>().some((t) => t.name === 'offline'), false);
    } finally {
      await offline.close();
    }
  });

  it('creates the built-in templates once, with the ticketing image', async () => {
    const response = await api('POST', '/templates/builtin', admin);
    assert.equal(response.statusCode, 200, response.body);
    const [standard, flashSale] = response.json<TemplateView[]>();
    assert.equal(standard?.name, 'standard');
    assert.equal(flashSale?.name, 'flash-sale');
    assert.ok(standard.builtin && flashSale.builtin, 'marked as shipped with Clove');
    assert.match(standard.translations.ko?.description ?? '', /티켓팅/, 'with a Korean description');
    const defaults = Object.fromEntries(Object.entries(flashSale!.parameters.properties).map(([name, p]) => [name, p.default]));
    const rendered = renderDocuments(flashSale!.documents, defaults) as TemplateView['documents'];
    const deployment = rendered.find((d) => d.kind === 'Deployment')!;
    assert.equal(deployment.spec.replicas, 3);
    assert.equal(deployment.spec.template.spec.containers[0].image, 'clove/ticketing:builtin');
    assert.equal(standard!.documents.find((d) => d.kind === 'Deployment')!.spec.replicas, 1);

    const again = await api('POST', '/templates/builtin', admin);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json<TemplateView[]>().map((t) => t.id), [standard!.id, flashSale!.id]);
    const images = (await call(pool, 'GET', '/images', admin)).json<Array<{ name: string }>>();
    assert.equal(images.filter((i) => i.name === 'ticketing').length, 1);
  });

  it('brings the built-in templates nobody changed to the definition shipped, and leaves one an admin changed', async () => {
    const builtins = (await api('POST', '/templates/builtin', admin)).json<TemplateView[]>();
    const [standard, flashSale] = builtins as [TemplateView, TemplateView];
    const shipped = standard.parameters.properties.saleOpensAt!.default;
    assert.equal(shipped, '1970-01-01T00:00:00Z', 'this release opens sales at once by default');
    // What an older release shipped: the sale opening in 2030, in the revisions it wrote.
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    try {
      for (const template of builtins) {
        const { rows } = await sql.query<{ parameters: TemplateView['parameters'] }>(
          'select parameters from templates.template_revisions where template_id = $1 and revision = $2', [template.id, template.revision]);
        rows[0]!.parameters.properties.saleOpensAt!.default = '2030-01-01T00:00:00Z';
        await sql.query('update templates.template_revisions set parameters = $3 where template_id = $1 and revision = $2',
          [template.id, template.revision, JSON.stringify(rows[0]!.parameters)]);
      }
    } finally {
      await sql.end();
    }
    // An admin has saved a flash-sale of their own since (keeping the old default).
    const own = (await api('GET', `/templates/${flashSale.id}`, admin)).json<TemplateView>();
    const { name, translations, parameters, components } = own;
    const edited = await api('PUT', `/templates/${flashSale.id}`, admin, { name, description: 'Our flash sale', translations, parameters, components });
    assert.equal(edited.statusCode, 200, edited.body);

    const upgraded = (await api('POST', '/templates/builtin', admin)).json<TemplateView[]>();
    assert.equal(upgraded[0]!.revision, standard.revision + 1, 'standard gets the shipped definition as a new revision');
    assert.equal(upgraded[0]!.parameters.properties.saleOpensAt!.default, shipped);
    const older = (await api('GET', `/templates/${standard.id}/revisions/${standard.revision}`, admin)).json<TemplateView>();
    assert.equal(older.parameters.properties.saleOpensAt!.default, '2030-01-01T00:00:00Z', 'deployments of the older revision keep it');
    assert.equal(upgraded[1]!.revision, flashSale.revision + 1, 'the admin\u2019s revision stands');
    assert.equal(upgraded[1]!.description, 'Our flash sale');
    assert.equal(upgraded[1]!.parameters.properties.saleOpensAt!.default, '2030-01-01T00:00:00Z');

    const again = (await api('POST', '/templates/builtin', admin)).json<TemplateView[]>();
    assert.deepEqual(again.map((t) => t.revision), upgraded.map((t) => t.revision), 'nothing new when the definitions are current');
  });

  it('ships the built-in templates on its own when it starts, for sellers to deploy', async () => {
    const poolUrl = `http://127.0.0.1:${(pool.app.server.address() as AddressInfo).port}`;
    const fresh = await buildApp(loadTemplatesConfig({
      DATABASE_URL: await db.createDatabase('templates_seeded'), AUTH_JWKS_URL: issuer.jwksUrl, POOL_URL: poolUrl, POOL_SERVICE_TOKEN: SERVICE_TOKEN,
    }), { silent: true });
    try {
      await fresh.seeded;
      const listed = (await call(fresh, 'GET', '/templates', seller)).json<Array<{ name: string; builtin: boolean }>>();
      assert.deepEqual(listed.map((t) => t.name).sort(), ['flash-sale', 'standard']);
      assert.ok(listed.every((t) => t.builtin), 'the list says they are built in');
      const images = (await call(pool, 'GET', '/images', admin)).json<Array<{ name: string }>>();
      assert.equal(images.filter((i) => i.name === 'ticketing').length, 1, 'the pool image is shared, not registered twice');
    } finally {
      await fresh.close();
    }
  });
});
