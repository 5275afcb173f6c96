import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinTemplates } from './builtin.js';
import { componentErrors, linkErrors, parameterErrors, routeCollisions } from './checks.js';
import type { Component, PoolImage, TemplateInput } from './template.schemas.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const component = (name: string, imageId: string, routes: Component['routes']): Component => ({ name, imageId, replicas: 1, routes, env: {} });
const imageOf = (id: string, name: string, linkableServices: string[]): PoolImage => ({
  id, name, source: { kind: 'builtin', service: 'ticketing' }, status: 'ready',
  spec: { className: 'C', role: 'entity', linkableServices, methods: ['GET'], path: '/', port: 80, healthPath: '/readyz', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
});
const paths = (errors: Array<{ path: string }>) => errors.map((e) => e.path);

describe('template checks', () => {
  it('accepts the built-in templates', () => {
    for (const input of builtinTemplates(A)) {
      assert.deepEqual(parameterErrors(input.parameters), []);
      assert.deepEqual(componentErrors(input), []);
      assert.deepEqual(routeCollisions(input.components), []);
    }
  });

  it('finds colliding routes and names both components', () => {
    assert.deepEqual(routeCollisions([
      component('web', A, [{ path: '/', methods: ['GET'] }, { path: '/seats', methods: ['GET'] }]),
      component('api', B, [{ path: '/', methods: ['POST'] }, { path: '/seats/', methods: ['PUT'] }]),
    ]), []);
    const overlap = routeCollisions([
      component('web', A, [{ path: '/seats', methods: ['GET', 'POST'] }]),
      component('api', B, [{ path: '/seats', methods: ['POST'] }]),
    ]);
    assert.deepEqual(paths(overlap), ['/body/components/1/routes/0']);
    assert.match(overlap[0]!.message, /components web and api, POST/);
    const all = routeCollisions([component('web', A, [{ path: '/' }]), component('api', B, [{ path: '/', methods: ['DELETE'] }])]);
    assert.match(all[0]!.message, /components web and api, all methods/);
  });

  it('needs every linkable service of an image to be in the template', () => {
    const images = new Map([[A, imageOf(A, 'front', ['seat-inventory'])], [B, imageOf(B, 'seat-inventory', [])]]);
    assert.deepEqual(linkErrors([component('web', A, []), component('seats', B, [])], images), []);
    const missing = linkErrors([component('web', A, [])], images);
    assert.deepEqual(paths(missing), ['/body/components/0/imageId']);
    assert.match(missing[0]!.message, /component web .* seat-inventory/);
  });

  const withParameter = (property: Record<string, unknown>, more: Partial<TemplateInput['parameters']> = {}): TemplateInput['parameters'] =>
    ({ type: 'object', properties: { holdSeconds: property }, additionalProperties: false, ...more });

  it('needs each parameter to have a description and a valid default, in a valid schema', () => {
    const good = { type: 'integer', description: 'Seconds', minimum: 60, default: 420 };
    assert.deepEqual(parameterErrors(withParameter(good)), []);
    const { default: _d, ...noDefault } = good;
    assert.deepEqual(paths(parameterErrors(withParameter(noDefault))), ['/body/parameters/properties/holdSeconds/default']);
    assert.deepEqual(paths(parameterErrors(withParameter({ ...good, default: 5 }))), ['/body/parameters/properties/holdSeconds/default']);
    assert.deepEqual(paths(parameterErrors(withParameter({ ...good, default: '420' }))), ['/body/parameters/properties/holdSeconds/default']);
    const { description: _e, ...noDescription } = good;
    assert.deepEqual(paths(parameterErrors(withParameter(noDescription))), ['/body/parameters/properties/holdSeconds/description']);
    assert.deepEqual(paths(parameterErrors(withParameter({ ...good, minimum: 'sixty' }))), ['/body/parameters/properties/holdSeconds']);
    assert.deepEqual(paths(parameterErrors(withParameter({ ...good, frobnicate: true }))), ['/body/parameters/properties/holdSeconds']);
    assert.deepEqual(paths(parameterErrors(withParameter({ type: 'string', description: 'When', format: 'date-time', default: 'soon' }))),
      ['/body/parameters/properties/holdSeconds/default']);
    assert.deepEqual(paths(parameterErrors(withParameter({ type: 'string', description: 'When', format: 'no-such-format', default: 'x' }))),
      ['/body/parameters/properties/holdSeconds']);
    assert.deepEqual(paths(parameterErrors(withParameter(good, { required: ['other'] }))), ['/body/parameters/required/0']);
    assert.deepEqual(paths(parameterErrors({ type: 'object', properties: { 'Bad-Name': good }, additionalProperties: false })),
      ['/body/parameters/properties/Bad-Name']);
  });

  it('needs every fromParameter to name a declared parameter, of type integer for replicas', () => {
    const [standard] = builtinTemplates(A);
    const input: TemplateInput = {
      ...standard!,
      components: [
        { ...standard!.components[0]!, replicas: { fromParameter: 'slug' }, env: { SLUG: { fromParameter: 'nope' }, 'bad-env': 'x' } },
        { ...standard!.components[0]!, replicas: { fromParameter: 'missing' }, routes: [] },
      ],
    };
    assert.deepEqual(paths(componentErrors(input)), [
      '/body/components/0/replicas/fromParameter',
      '/body/components/0/env/SLUG/fromParameter',
      '/body/components/0/env/bad-env',
      '/body/components/1/name',
      '/body/components/1/replicas/fromParameter',
    ]);
  });
});
