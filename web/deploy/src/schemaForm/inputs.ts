import { isoToLocalInput, localInputToIso } from './dates';
import type { FieldDescriptor, FieldValue } from './fields';

/** What the inputs hold: text for most, a flag for a checkbox. */
export type Inputs = Record<string, string | boolean>;

/** A value as the field's input shows it. */
function inputOf(field: FieldDescriptor, value: unknown): string | boolean {
  if (field.kind === 'boolean') return value === true;
  if (value === undefined || value === null) return '';
  if (field.kind === 'datetime' && typeof value === 'string') return isoToLocalInput(value) || value;
  return String(value);
}

/** The inputs a form starts with: the given values where there are some, else the defaults. */
export function initialInputs(fields: FieldDescriptor[], values: Record<string, unknown> = {}): Inputs {
  return Object.fromEntries(fields.map((field) => [field.name, inputOf(field, Object.hasOwn(values, field.name) ? values[field.name] : field.default)]));
}

export type Parsed = { empty: true } | { empty: false; value: FieldValue } | { empty: false; unreadable: true };

/**
 * One input as the value the schema expects. `original` keeps a date-time as it was written
 * when the seller did not change it (the same instant may be spelt several ways).
 */
export function parseInput(field: FieldDescriptor, input: string | boolean, original?: unknown): Parsed {
  if (field.kind === 'boolean') return { empty: false, value: input === true };
  const raw = typeof input === 'string' ? input.trim() : '';
  if (raw === '') return { empty: true };
  switch (field.kind) {
    case 'integer':
    case 'number': {
      const value = Number(raw);
      return Number.isFinite(value) ? { empty: false, value } : { empty: false, unreadable: true };
    }
    case 'datetime': {
      if (typeof original === 'string' && isoToLocalInput(original) === raw) return { empty: false, value: original };
      const value = localInputToIso(raw);
      return value ? { empty: false, value } : { empty: false, unreadable: true };
    }
    case 'select': {
      // An enum may hold numbers: hand back the option itself, not its text.
      const option = field.options?.find((candidate) => String(candidate) === raw);
      return option === undefined ? { empty: false, unreadable: true } : { empty: false, value: option };
    }
    default:
      return { empty: false, value: raw };
  }
}
