import type { FieldDescriptor } from './fields';
import { parseInput, type Inputs } from './inputs';

/** The sentences a check can end in; the page's dictionary provides them. */
export interface CheckMessages {
  required: string;
  notANumber: string;
  notAnInteger: string;
  notADate: string;
  notAnOption: string;
  tooShort: (min: number) => string;
  tooLong: (max: number) => string;
  tooSmall: (min: number) => string;
  tooLarge: (max: number) => string;
  mismatch: string;
}

export type FieldErrors = Record<string, string>;

function patternMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    // A pattern the browser cannot read is left to the server.
    return true;
  }
}

function checkNumber(field: FieldDescriptor, value: number, t: CheckMessages): string | undefined {
  if (field.kind === 'integer' && !Number.isInteger(value)) return t.notAnInteger;
  if (field.minimum !== undefined && value < field.minimum) return t.tooSmall(field.minimum);
  if (field.exclusiveMinimum !== undefined && value <= field.exclusiveMinimum) return t.tooSmall(field.exclusiveMinimum);
  if (field.maximum !== undefined && value > field.maximum) return t.tooLarge(field.maximum);
  if (field.exclusiveMaximum !== undefined && value >= field.exclusiveMaximum) return t.tooLarge(field.exclusiveMaximum);
  return undefined;
}

function checkText(field: FieldDescriptor, value: string, t: CheckMessages): string | undefined {
  const length = [...value].length;
  if (field.minLength !== undefined && length < field.minLength) return t.tooShort(field.minLength);
  if (field.maxLength !== undefined && length > field.maxLength) return t.tooLong(field.maxLength);
  if (field.patterns?.some((pattern) => !patternMatches(pattern, value))) return field.patternHint ?? t.mismatch;
  return undefined;
}

function unreadable(field: FieldDescriptor, t: CheckMessages): string {
  if (field.kind === 'integer' || field.kind === 'number') return t.notANumber;
  if (field.kind === 'datetime') return t.notADate;
  return t.notAnOption;
}

/**
 * The values of a form, checked with the schema's own rules before they are sent (the server
 * checks them again and has the last word). Read-only fields and empty optional ones are left out.
 */
export function readValues(
  fields: FieldDescriptor[],
  inputs: Inputs,
  original: Record<string, unknown>,
  t: CheckMessages,
): { values: Record<string, string | number | boolean>; errors: FieldErrors } {
  const values: Record<string, string | number | boolean> = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    if (field.readOnly) continue;
    const parsed = parseInput(field, inputs[field.name] ?? '', original[field.name]);
    if (parsed.empty) {
      if (field.required) errors[field.name] = t.required;
      continue;
    }
    if ('unreadable' in parsed) {
      errors[field.name] = unreadable(field, t);
      continue;
    }
    const { value } = parsed;
    const error = typeof value === 'number' ? checkNumber(field, value, t) : typeof value === 'string' && field.kind !== 'select' ? checkText(field, value, t) : undefined;
    if (error) errors[field.name] = error;
    else values[field.name] = value;
  }
  return { values, errors };
}
