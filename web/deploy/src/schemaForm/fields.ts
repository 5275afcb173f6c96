// JSON Schema (the subset templates use for the seller's values) → field descriptors. Knows
// nothing of React or of any particular template.

export type FieldKind = 'text' | 'select' | 'datetime' | 'date' | 'email' | 'url' | 'integer' | 'number' | 'boolean';
export type FieldValue = string | number | boolean;
/** What a form sends: null for an optional field emptied that had a value (back to its default). */
export type SentValues = Record<string, FieldValue | null>;

export interface FieldDescriptor {
  name: string;
  kind: FieldKind;
  /** The schema's title, or the property name made readable. */
  label: string;
  /** The schema's description. */
  hint?: string;
  required: boolean;
  readOnly?: boolean;
  default?: FieldValue;
  placeholder?: string;
  /** Allowed values of a select (enum). */
  options?: FieldValue[];
  minLength?: number;
  maxLength?: number;
  /** Regular expressions (JSON Schema dialect, unanchored) a text must match, all of them. */
  patterns?: string[];
  /** Says what a pattern asks for, instead of a generic message. */
  patternHint?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const scalar = (value: unknown): value is FieldValue => ['string', 'number', 'boolean'].includes(typeof value);

/** `holdSeconds` → `Hold seconds`, `sale_opens_at` → `Sale opens at`. */
export function readableName(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function typeOf(property: Json): string | undefined {
  if (typeof property.type === 'string') return property.type;
  // ["string", "null"] and the like: the first non-null type.
  if (Array.isArray(property.type)) return property.type.find((t): t is string => typeof t === 'string' && t !== 'null');
  return undefined;
}

function kindOf(type: string | undefined, property: Json): FieldKind | null {
  if (Array.isArray(property.enum) && property.enum.length > 0 && type !== 'boolean') return 'select';
  switch (type) {
    case 'string':
      switch (property.format) {
        case 'date-time': return 'datetime';
        case 'date': return 'date';
        case 'email': return 'email';
        case 'uri': return 'url';
        default: return 'text';
      }
    case 'integer': return 'integer';
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    default: return null;
  }
}

/**
 * A property's title or description in the page's language, from the template's
 * `x-translations: { "ko": { "title": …, "description": … } }`; otherwise the schema's own.
 */
function inLanguage(property: Json, key: 'title' | 'description', lang: string | undefined): string | undefined {
  const translations = property['x-translations'];
  const translation = lang !== undefined && isObject(translations) ? translations[lang] : undefined;
  return (isObject(translation) ? text(translation[key]) : undefined) ?? text(property[key]);
}

/** One property → one field (labelled in `lang` where the template says it); null for what a form cannot edit (objects, arrays). */
export function fieldOf(name: string, property: unknown, required: boolean, lang?: string): FieldDescriptor | null {
  if (!isObject(property)) return null;
  const type = typeOf(property);
  const kind = kindOf(type, property);
  if (!kind) return null;
  const field: FieldDescriptor = {
    name,
    kind,
    label: inLanguage(property, 'title', lang) ?? readableName(name),
    hint: inLanguage(property, 'description', lang),
    required,
    readOnly: property.readOnly === true || undefined,
    default: scalar(property.default) ? property.default : undefined,
    options: kind === 'select' ? (property.enum as unknown[]).filter(scalar) : undefined,
    minLength: number(property.minLength),
    maxLength: number(property.maxLength),
    patterns: text(property.pattern) ? [property.pattern as string] : undefined,
    minimum: number(property.minimum),
    maximum: number(property.maximum),
    exclusiveMinimum: number(property.exclusiveMinimum),
    exclusiveMaximum: number(property.exclusiveMaximum),
  };
  return field;
}

/** Every editable property of an object schema, in the schema's order. */
export function fieldsOf(schema: unknown, lang?: string): FieldDescriptor[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  return Object.entries(schema.properties)
    .map(([name, property]) => fieldOf(name, property, required.has(name), lang))
    .filter((field): field is FieldDescriptor => field !== null);
}
