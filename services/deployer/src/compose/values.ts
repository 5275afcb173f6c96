import { invalid, parameterAjv, type FieldError } from '@clove/kit';
import type { ErrorObject } from 'ajv';
import { MAX_SLUG_LENGTH, RESERVED_SLUGS } from './naming.js';

const ajv = parameterAjv({ useDefaults: true });

/**
 * The seller's values checked against the template's parameter schema, with the schema's
 * defaults filled in. Every failure names its field (`/body/values/<name>`). A template must
 * have a `slug` parameter: it names the namespace and the address.
 */
export function checkValues(parameters: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  const properties = (parameters.properties ?? {}) as Record<string, unknown>;
  if (!Object.hasOwn(properties, 'slug')) {
    throw invalid('This template has no slug parameter, so it cannot be deployed.', [{ path: '/body/templateId', message: 'the template needs a slug parameter' }], 'TEMPLATE_WITHOUT_SLUG');
  }
  const values = structuredClone(given);
  const validate = ajv.compile(parameters);
  const errors: FieldError[] = validate(values) ? [] : (validate.errors ?? []).map(fieldError);
  // The slug is the deployment's identity: the seller names it, a default never does.
  if (given.slug === undefined) errors.push({ path: '/body/values/slug', message: 'is required: it names the performance\'s address /e/<slug>/' });
  const slug = values.slug;
  if (typeof slug === 'string' && given.slug !== undefined) errors.push(...slugErrors(slug));
  if (errors.length > 0) throw invalid('The values do not fit the template\'s parameters.', errors, 'INVALID_VALUES');
  return values;
}

/**
 * R8: the values of a new revision. Those not sent stay as they are, `null` puts one back to its
 * default; another template (R22) starts from its own defaults.
 */
export function changedValues(
  changes: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>>,
  sameTemplate: boolean,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(sameTemplate ? current : {}), ...changes };
  for (const [name, value] of Object.entries(merged)) if (value === null) delete merged[name];
  return merged;
}

function slugErrors(slug: string): FieldError[] {
  const path = '/body/values/slug';
  if (slug.length > MAX_SLUG_LENGTH) return [{ path, message: `must be at most ${MAX_SLUG_LENGTH} characters` }];
  // A namespace is a DNS label: it may not end with a dash.
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(slug)) return [{ path, message: 'must be lower-case letters, digits and dashes, starting and ending with a letter or digit' }];
  if (RESERVED_SLUGS.has(slug) || slug.startsWith('kube-')) return [{ path, message: `${slug} is reserved; choose another` }];
  return [];
}

function fieldError(error: ErrorObject): FieldError {
  if (error.keyword === 'required') {
    return { path: `/body/values/${(error.params as { missingProperty: string }).missingProperty}`, message: 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    return { path: `/body/values/${(error.params as { additionalProperty: string }).additionalProperty}`, message: 'is not a parameter of this template' };
  }
  return { path: `/body/values${error.instancePath}`, message: error.message ?? error.keyword };
}
