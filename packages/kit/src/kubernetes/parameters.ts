import { Ajv, type Options } from 'ajv';
import { RE2 } from 're2-wasm';

/** A parameter reference inside a stored document: replaced by the seller's value, as data. */
export interface ParameterReference {
  $parameter: string;
}

export type ParameterValue = string | number | boolean;

export function parameterReference(name: string): ParameterReference {
  return { $parameter: name };
}

export function isParameterReference(node: unknown): node is ParameterReference {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  const keys = Object.keys(node);
  return keys.length === 1 && keys[0] === '$parameter' && typeof (node as { $parameter: unknown }).$parameter === 'string';
}

export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

/**
 * Replaces every `{ "$parameter": name }` object of the documents by the value of that name.
 * The value takes the reference's place in the data, never in text: whatever a seller types
 * stays one scalar. Env values (`value` of an entry of an `env` list) become strings; anything
 * else (replicas) keeps its type. Values that are not scalars are refused, and the documents
 * given are left unchanged.
 */
export function renderDocuments<T>(documents: readonly T[], values: Readonly<Record<string, unknown>>): T[] {
  return documents.map((document) => render(document, values, []) as T);
}

function render(node: unknown, values: Readonly<Record<string, unknown>>, path: Array<string | number>): unknown {
  if (isParameterReference(node)) {
    const name = node.$parameter;
    if (!Object.hasOwn(values, name)) throw new RenderError(`No value for parameter ${name}.`);
    const value = values[name];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new RenderError(`The value of parameter ${name} must be a string, a number or a boolean.`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RenderError(`The value of parameter ${name} must be finite.`);
    return isEnvValue(path) ? String(value) : value;
  }
  if (Array.isArray(node)) return node.map((item, i) => render(item, values, [...path, i]));
  if (typeof node === 'object' && node !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      // defineProperty: a key such as __proto__ stays a plain own property.
      Object.defineProperty(out, key, { value: render(child, values, [...path, key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return node;
}

/** `…/env/<i>/value`. */
function isEnvValue(path: ReadonlyArray<string | number>): boolean {
  const n = path.length;
  return n >= 3 && path[n - 1] === 'value' && typeof path[n - 2] === 'number' && path[n - 3] === 'env';
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** True when the string starts with a day the calendar has: Date.parse takes 2030-02-30 as 2 March. */
function isCalendarDay(s: string): boolean {
  const [year, month, day] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Templates' `pattern`s are written by admins and matched against sellers' values: RE2 matches in
 * time linear in the value, so no pattern can make a value take minutes (a JavaScript RegExp
 * backtracks: `^(a+)+$` against 30 a's and a '!' takes seconds). Patterns RE2 cannot run
 * (back-references, look-around) are refused when the template is made.
 */
const re2: NonNullable<NonNullable<Options['code']>['regExp']> = Object.assign(
  (pattern: string, flags: string) => new RE2(pattern, flags.includes('u') ? flags : `${flags}u`),
  { code: 'new RE2' },
);

/**
 * `x-translations`: a parameter's title and description in other languages, for the deploy
 * form (`{ "ko": { "title": "선점 시간(초)", "description": "…" } }`). An annotation: it
 * validates no value, but its shape is checked like any keyword.
 */
const TRANSLATIONS_KEYWORD = {
  keyword: 'x-translations',
  metaSchema: {
    type: 'object',
    propertyNames: { pattern: '^[a-z]{2}(-[A-Z]{2})?$' },
    maxProperties: 20,
    additionalProperties: {
      type: 'object',
      properties: { title: { type: 'string', minLength: 1, maxLength: 200 }, description: { type: 'string', minLength: 1, maxLength: 500 } },
      additionalProperties: false,
    },
  },
};

/**
 * The JSON Schema validator of templates' parameter schemas and sellers' values: strict (an
 * unknown keyword or format, or a keyword on the wrong type, is a schema error), all errors.
 */
export function parameterAjv(options: { useDefaults?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    strict: true,
    allErrors: true,
    useDefaults: options.useDefaults ?? false,
    code: { regExp: re2 },
    formats: {
      'date-time': { type: 'string', validate: (s: string) => RFC3339.test(s) && isCalendarDay(s) && !Number.isNaN(Date.parse(s)) },
      date: { type: 'string', validate: (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isCalendarDay(s) && !Number.isNaN(Date.parse(s)) },
      email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
      uri: { type: 'string', validate: (s: string) => URL.canParse(s) },
    },
  });
  ajv.addKeyword(TRANSLATIONS_KEYWORD);
  return ajv;
}
