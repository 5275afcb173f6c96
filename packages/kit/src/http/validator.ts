import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { TEXT_KEYWORD, textProblem, type TextKind } from './text.js';

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: true,
    removeAdditional: false,
    strict: false,
    ...options,
  });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const checkText = (kind: TextKind, data: string): boolean => {
    const problem = textProblem(kind, data);
    checkText.errors = problem === null ? [] : [{ keyword: TEXT_KEYWORD, message: problem, params: {} }];
    return problem === null;
  };
  checkText.errors = [] as Array<Partial<ErrorObject>>;
  ajv.addKeyword({ keyword: TEXT_KEYWORD, type: 'string', schemaType: 'string', errors: true, validate: checkText });
  return ajv;
}

/**
 * Bodies are validated strictly (a number is never silently turned into a string); query
 * strings, params and headers are text on the wire and are coerced to the schema's types.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv({ coerceTypes: false });
  const coercing = makeAjv({ coerceTypes: 'array' });
  return ({ schema, httpPart }) =>
    httpPart === 'body' ? withoutNul(strict, schema as object) : decimalNumbersOnly(schema as object, withoutNul(coercing, schema as object));
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * A validator that also refuses the NUL character (U+0000) in any string or key, which JSON and
 * JSON Schema allow but PostgreSQL cannot store in text or jsonb: a 400 naming the field instead
 * of a failed insert.
 */
function withoutNul(ajv: Ajv, schema: object): Validate {
  const validate = ajv.compile(schema);
  const checked: Validate = (data) => {
    const valid = validate(data);
    checked.errors = validate.errors;
    if (!valid) return false;
    const at = nulAt(data, '');
    if (at === null) return true;
    checked.errors = [{ instancePath: at, schemaPath: '', keyword: 'nul', params: {}, message: 'must not contain the NUL character (U+0000)' }];
    return false;
  };
  return checked;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Keys of an object schema's properties that take a number (a query string's limit, a page), and whether only whole ones. */
function numberKeys(schema: object): Array<{ key: string; whole: boolean }> {
  const properties = (schema as { properties?: Record<string, { type?: unknown; items?: { type?: unknown } }> }).properties ?? {};
  const types = (property: { type?: unknown; items?: { type?: unknown } }) => [property.type, property.items?.type].flat();
  return Object.entries(properties)
    .filter(([, property]) => types(property).some((t) => t === 'number' || t === 'integer'))
    .map(([key, property]) => ({ key, whole: !types(property).includes('number') }));
}

/**
 * Text coerced to a number must be written as a decimal number: Ajv's coercion (JavaScript's
 * Number()) would also take `0x10`, `1e3`, `0b1`, ` 7 ` and `Infinity`-like spellings.
 */
function decimalNumbersOnly(schema: object, validate: Validate): Validate {
  const keys = numberKeys(schema);
  if (keys.length === 0) return validate;
  const checked: Validate = (data) => {
    for (const { key, whole } of keys) {
      const value = (data as Record<string, unknown> | null | undefined)?.[key];
      const spelled = [value].flat().find((item) => typeof item === 'string' && item !== '' && !DECIMAL.test(item));
      if (spelled !== undefined) {
        checked.errors = [{ instancePath: `/${key}`, schemaPath: '', keyword: 'type', params: {}, message: whole ? 'must be a whole number written in decimal, such as 10' : 'must be a decimal number, such as 10 or 2.5' }];
        return false;
      }
    }
    const valid = validate(data);
    checked.errors = validate.errors;
    return valid;
  };
  return checked;
}

/** JSON pointer of the first string (or key) holding U+0000, or null. */
function nulAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulAt(value[i], `${path}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (key.includes('\u0000')) return at;
    const found = nulAt(item, at);
    if (found !== null) return found;
  }
  return null;
}
