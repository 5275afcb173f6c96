import { PARAMETER_TYPES, type ParameterSchema, type ParameterType } from '../api/templates';
import type { Messages } from '../i18n';

export const PARAMETER_NAME = /^[a-z][A-Za-z0-9]{0,40}$/;

/** One field of the form a seller fills in when deploying. */
export interface ParameterField {
  name: string;
  type: ParameterType;
  description: string;
  default: unknown;
  required: boolean;
  /** minimum, maximum, pattern, enum, format… as written in the schema. */
  constraints: string[];
}

export type SchemaCheck =
  | { state: 'invalid-json'; message: string }
  | { state: 'invalid-schema'; problems: string[] }
  | { state: 'valid'; schema: ParameterSchema; fields: ParameterField[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fitsType(value: unknown, type: ParameterType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** What the default breaks among the common keywords; the service checks the full schema. */
function defaultProblems(name: string, property: Record<string, unknown>, t: Messages): string[] {
  const value = property.default;
  const problems: string[] = [];
  if (typeof value === 'number') {
    if (typeof property.minimum === 'number' && value < property.minimum) problems.push(t.defaultBelowMinimum(name));
    if (typeof property.maximum === 'number' && value > property.maximum) problems.push(t.defaultAboveMaximum(name));
  }
  if (typeof value === 'string' && typeof property.pattern === 'string') {
    try {
      if (!new RegExp(property.pattern, 'u').test(value)) problems.push(t.defaultNotMatching(name));
    } catch {
      problems.push(t.badPattern(name));
    }
  }
  if (Array.isArray(property.enum) && !property.enum.some((option) => option === value)) problems.push(t.defaultNotInEnum(name));
  return problems;
}

const CONSTRAINT_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'format', 'enum'];

/**
 * Parses the text of the parameter schema and checks what the templates service demands: an
 * object schema of named scalars, each with a description and a default of its type, and no
 * other properties.
 */
export function checkParameterSchema(text: string, t: Messages): SchemaCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { state: 'invalid-json', message: (error as Error).message };
  }
  if (!isObject(parsed)) return { state: 'invalid-schema', problems: [t.schemaNotObject] };
  const problems: string[] = [];
  if (parsed.type !== 'object') problems.push(t.schemaTypeObject);
  if (parsed.additionalProperties !== false) problems.push(t.schemaNoAdditional);
  if (!isObject(parsed.properties)) problems.push(t.schemaProperties);
  const properties = isObject(parsed.properties) ? parsed.properties : {};
  const required = parsed.required === undefined ? [] : parsed.required;
  if (!Array.isArray(required) || required.some((name) => typeof name !== 'string')) problems.push(t.schemaRequiredList);
  const requiredNames = Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
  for (const name of requiredNames) if (!Object.hasOwn(properties, name)) problems.push(t.requiredUnknown(name));

  const fields: ParameterField[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    if (!PARAMETER_NAME.test(name)) problems.push(t.parameterName(name));
    if (!isObject(raw)) {
      problems.push(t.parameterNotObject(name));
      continue;
    }
    const type = raw.type;
    if (!PARAMETER_TYPES.includes(type as ParameterType)) {
      problems.push(t.parameterType(name));
      continue;
    }
    if (typeof raw.description !== 'string' || raw.description.trim() === '') problems.push(t.parameterDescription(name));
    if (!('default' in raw)) problems.push(t.parameterDefault(name));
    else if (!fitsType(raw.default, type as ParameterType)) problems.push(t.parameterDefaultType(name, String(type)));
    else problems.push(...defaultProblems(name, raw, t));
    fields.push({
      name,
      type: type as ParameterType,
      description: typeof raw.description === 'string' ? raw.description : '',
      default: raw.default,
      required: requiredNames.includes(name),
      constraints: CONSTRAINT_KEYWORDS.filter((keyword) => keyword in raw).map((keyword) => `${keyword}: ${JSON.stringify(raw[keyword])}`),
    });
  }
  if (problems.length > 0) return { state: 'invalid-schema', problems };
  return { state: 'valid', schema: parsed as ParameterSchema, fields };
}

/** The schema a new template starts with: no parameters yet. */
export const EMPTY_PARAMETER_SCHEMA: ParameterSchema = { type: 'object', properties: {}, required: [], additionalProperties: false };

const SCHEMA_KEYS = ['type', 'description', 'default', 'properties', 'required', 'additionalProperties'];
const keyRank = (key: string) => (SCHEMA_KEYS.includes(key) ? SCHEMA_KEYS.indexOf(key) : SCHEMA_KEYS.length);

/** Keywords in the order people write them (the service stores them in its own order). */
function ordered(value: unknown, isPropertyMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item));
  if (!isObject(value)) return value;
  const entries = Object.entries(value);
  if (!isPropertyMap) entries.sort(([a], [b]) => keyRank(a) - keyRank(b));
  return Object.fromEntries(entries.map(([key, item]) => [key, ordered(item, !isPropertyMap && key === 'properties')]));
}

/** The schema as the editor shows it: indented JSON, keywords in the usual order. */
export const schemaText = (schema: unknown) => JSON.stringify(ordered(schema), null, 2);
