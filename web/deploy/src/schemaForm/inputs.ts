import { isoToLocalInput, localInputToIso, nowLocalInput } from './dates';
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

/**
 * A default as the input shows it. A date-time default already past (a sale open at once) is
 * shown as now, to the minute, in the browser's time zone: the same effect, in a date the
 * seller recognises.
 */
function defaultInputOf(field: FieldDescriptor, now: Date): string | boolean {
  if (field.kind === 'datetime' && typeof field.default === 'string') {
    const at = Date.parse(field.default);
    if (Number.isFinite(at) && at <= now.getTime()) return nowLocalInput(now);
  }
  return inputOf(field, field.default);
}

/** The inputs a form starts with: the given values where there are some, else the defaults. */
export function initialInputs(fields: FieldDescriptor[], values: Record<string, unknown> = {}, now = new Date()): Inputs {
  return Object.fromEntries(fields.map((field) => [field.name, Object.hasOwn(values, field.name) ? inputOf(field, values[field.name]) : defaultInputOf(field, now)]));
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
