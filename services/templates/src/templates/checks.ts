import type { ErrorObject } from 'ajv';
import { parameterAjv as strictAjv, resourceErrors, type FieldError } from '@clove/kit';
import {
  ENV_NAME_PATTERN, PARAMETER_NAME_PATTERN, PARAMETER_TYPES,
  type Component, type Parameters, type PoolImage, type TemplateInput,
} from './template.schemas.js';

const PARAMETERS = '/body/parameters';
const describeAjv = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || 'value'} ${e.message ?? e.keyword}`).join('; ');

/**
 * The parameters must be a JSON Schema of an object of named scalars, each with a description
 * and a default that the property's own schema accepts; the whole schema must compile.
 */
export function parameterErrors(parameters: Parameters): FieldError[] {
  const errors: FieldError[] = [];
  const properties = parameters.properties as Record<string, unknown>;
  for (const [name, raw] of Object.entries(properties)) {
    const base = `${PARAMETERS}/properties/${name}`;
    if (!new RegExp(PARAMETER_NAME_PATTERN).test(name)) {
      errors.push({ path: base, message: `must be named like ${PARAMETER_NAME_PATTERN}` });
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push({ path: base, message: 'must be a JSON Schema object' });
      continue;
    }
    const property = raw as Record<string, unknown>;
    if (!PARAMETER_TYPES.includes(property.type as never)) {
      errors.push({ path: `${base}/type`, message: `must be one of: ${PARAMETER_TYPES.join(', ')}` });
    }
    if (typeof property.description !== 'string' || property.description.trim() === '') {
      errors.push({ path: `${base}/description`, message: 'is required: tell the seller what the value is for' });
    }
    if (!('default' in property)) {
      errors.push({ path: `${base}/default`, message: 'is required' });
      continue;
    }
    let validate;
    try {
      validate = strictAjv().compile(property);
    } catch (error) {
      errors.push({ path: base, message: `is not a valid JSON Schema: ${(error as Error).message}` });
      continue;
    }
    if (!validate(property.default)) {
      errors.push({ path: `${base}/default`, message: `must be valid for the property: ${describeAjv(validate.errors)}` });
    }
  }
  for (const [i, name] of (parameters.required ?? []).entries()) {
    if (!Object.hasOwn(properties, name)) errors.push({ path: `${PARAMETERS}/required/${i}`, message: `names no declared parameter (${name})` });
  }
  if (errors.length > 0) return errors;
  try {
    const validate = strictAjv().compile(parameters);
    if (!validate(defaultsOf(parameters))) {
      errors.push({ path: PARAMETERS, message: `the defaults do not satisfy the schema: ${describeAjv(validate.errors)}` });
    }
  } catch (error) {
    errors.push({ path: PARAMETERS, message: `is not a valid JSON Schema: ${(error as Error).message}` });
  }
  return errors;
}

/** Each parameter's default, by name. */
export function defaultsOf(parameters: Parameters): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(parameters.properties as Record<string, { default?: unknown }>)) {
    values[name] = property.default;
  }
  return values;
}

/** Component names, env names, resources, and every `fromParameter` naming a declared parameter. */
export function componentErrors(input: TemplateInput): FieldError[] {
  const errors: FieldError[] = [];
  const properties = input.parameters.properties as Record<string, { type?: unknown }>;
  const seen = new Map<string, number>();
  const envName = new RegExp(ENV_NAME_PATTERN);
  for (const [i, component] of input.components.entries()) {
    const base = `/body/components/${i}`;
    const first = seen.get(component.name);
    if (first !== undefined) errors.push({ path: `${base}/name`, message: `is used by component ${first} already` });
    else seen.set(component.name, i);

    if (typeof component.replicas === 'object') {
      const name = component.replicas.fromParameter;
      const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
      if (!property) errors.push({ path: `${base}/replicas/fromParameter`, message: `names no declared parameter (${name})` });
      else if (property.type !== 'integer') errors.push({ path: `${base}/replicas/fromParameter`, message: `names parameter ${name}, which must be of type integer` });
    }
    for (const [env, value] of Object.entries(component.env)) {
      if (!envName.test(env)) errors.push({ path: `${base}/env/${env}`, message: `must be named like ${ENV_NAME_PATTERN}` });
      if (typeof value === 'object' && !Object.hasOwn(properties, value.fromParameter)) {
        errors.push({ path: `${base}/env/${env}/fromParameter`, message: `names no declared parameter (${value.fromParameter})` });
      }
    }
    if (component.resources) errors.push(...resourceErrors(component.resources, `${base}/resources`));
  }
  return errors;
}

const normalisePath = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path) || '/';

/**
 * Two routes collide when they have the same path and an overlapping method; a route without
 * methods takes them all.
 */
export function routeCollisions(components: Component[]): FieldError[] {
  const errors: FieldError[] = [];
  const routes = components.flatMap((component, c) => component.routes.map((route, r) => ({ component, c, route, r })));
  for (const [k, b] of routes.entries()) {
    for (const a of routes.slice(0, k)) {
      if (normalisePath(a.route.path) !== normalisePath(b.route.path)) continue;
      const overlap = !a.route.methods || !b.route.methods || a.route.methods.some((m) => b.route.methods!.includes(m));
      if (!overlap) continue;
      const what = a.route.methods && b.route.methods
        ? a.route.methods.filter((m) => b.route.methods!.includes(m)).join(', ')
        : 'all methods';
      errors.push({
        path: `/body/components/${b.c}/routes/${b.r}`,
        message: `collides with the route ${a.route.path} of component ${a.component.name} (components ${a.component.name} and ${b.component.name}, ${what})`,
      });
    }
  }
  return errors;
}

/**
 * Every service a component's image may call must be the image of some component of the
 * template; images are given by id.
 */
export function linkErrors(components: Component[], images: ReadonlyMap<string, PoolImage>): FieldError[] {
  const errors: FieldError[] = [];
  const present = new Set(components.map((component) => images.get(component.imageId)?.name).filter((n) => n !== undefined));
  for (const [i, component] of components.entries()) {
    const image = images.get(component.imageId);
    if (!image) continue;
    for (const linked of image.spec.linkableServices) {
      if (present.has(linked)) continue;
      errors.push({
        path: `/body/components/${i}/imageId`,
        message: `component ${component.name} uses image ${image.name}, which calls ${linked}, but no component of the template uses an image named ${linked}`,
      });
    }
  }
  return errors;
}
