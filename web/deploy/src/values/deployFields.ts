import { fieldOf, fieldsOf, type FieldDescriptor } from '../schemaForm/fields';
import type { Messages } from '../i18n';

// What the deployer asks beyond a template's own schema: every deployment is named by a
// `slug` value, given by the seller (never a default), that becomes its namespace and address.
export const SLUG = 'slug';
export const MAX_SLUG_LENGTH = 58;
const SLUG_PATTERN = '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$';

function slugField(parameters: unknown, t: Messages, readOnly: boolean): FieldDescriptor {
  const properties = (parameters as { properties?: Record<string, unknown> } | null)?.properties;
  const declared = fieldOf(SLUG, properties?.[SLUG], true);
  return {
    name: SLUG,
    kind: 'text',
    label: t.slug,
    hint: readOnly ? undefined : t.slugHint,
    required: true,
    readOnly: readOnly || undefined,
    placeholder: typeof declared?.default === 'string' ? declared.default : undefined,
    minLength: declared?.minLength,
    maxLength: Math.min(declared?.maxLength ?? MAX_SLUG_LENGTH, MAX_SLUG_LENGTH),
    patterns: [SLUG_PATTERN, ...(declared?.patterns ?? [])],
    patternHint: t.slugRules,
  };
}

/**
 * The fields of a deployment's values: the slug first (read-only once deployed), then the
 * template's other parameters as its schema describes them.
 */
export function deployFields(parameters: unknown, t: Messages, mode: 'new' | 'update'): FieldDescriptor[] {
  return [slugField(parameters, t, mode === 'update'), ...fieldsOf(parameters, t.lang).filter((field) => field.name !== SLUG)];
}
