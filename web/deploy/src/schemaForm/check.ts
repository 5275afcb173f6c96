import type { FailureMessages } from '@clove/web-kit/describeFailure';
import { describeProblem } from '../describeFailure';
import type { Problem } from '../api/client';
import type { FieldDescriptor, SentValues } from './fields';
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

/**
 * What is wrong with a field, not yet a sentence: a check's key (with its limit), or the
 * server's own words. It is put into words when shown, so a language switch changes it too.
 */
export type FieldError =
  | { check: 'required' | 'notANumber' | 'notAnInteger' | 'notADate' | 'notAnOption' | 'mismatch' }
  | { check: 'tooShort' | 'tooLong' | 'tooSmall' | 'tooLarge'; limit: number }
  | { said: string }
  /** A refusal about this field (a slug taken), in the page's sentence for its code. */
  | { refused: Problem };

export type FieldErrors = Record<string, FieldError>;

/** The page's sentences an error can be put in. */
export type FormMessages = FailureMessages & { checks: CheckMessages };

/** A field error in the words of `t` (a pattern the field explains, in its own). */
export function errorText(error: FieldError, field: FieldDescriptor | undefined, t: FormMessages): string {
  if ('said' in error) return error.said;
  if ('refused' in error) return describeProblem(error.refused, t);
  switch (error.check) {
    case 'tooShort':
    case 'tooLong':
    case 'tooSmall':
    case 'tooLarge':
      return t.checks[error.check](error.limit);
    case 'mismatch':
      return field?.patternHint ?? t.checks.mismatch;
    default:
      return t.checks[error.check];
  }
}

/** The errors of a form's fields as sentences, by field name. */
export function errorTexts(errors: FieldErrors, fields: FieldDescriptor[], t: FormMessages): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([name, error]) => [name, errorText(error, fields.find((field) => field.name === name), t)]));
}

function patternMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    // A pattern the browser cannot read is left to the server.
    return true;
  }
}

function checkNumber(field: FieldDescriptor, value: number): FieldError | undefined {
  if (field.kind === 'integer' && !Number.isInteger(value)) return { check: 'notAnInteger' };
  if (field.minimum !== undefined && value < field.minimum) return { check: 'tooSmall', limit: field.minimum };
  if (field.exclusiveMinimum !== undefined && value <= field.exclusiveMinimum) return { check: 'tooSmall', limit: field.exclusiveMinimum };
  if (field.maximum !== undefined && value > field.maximum) return { check: 'tooLarge', limit: field.maximum };
  if (field.exclusiveMaximum !== undefined && value >= field.exclusiveMaximum) return { check: 'tooLarge', limit: field.exclusiveMaximum };
  return undefined;
}

function checkText(field: FieldDescriptor, value: string): FieldError | undefined {
  const length = [...value].length;
  if (field.minLength !== undefined && length < field.minLength) return { check: 'tooShort', limit: field.minLength };
  if (field.maxLength !== undefined && length > field.maxLength) return { check: 'tooLong', limit: field.maxLength };
  if (field.patterns?.some((pattern) => !patternMatches(pattern, value))) return { check: 'mismatch' };
  return undefined;
}

function unreadable(field: FieldDescriptor): FieldError {
  if (field.kind === 'integer' || field.kind === 'number') return { check: 'notANumber' };
  if (field.kind === 'datetime') return { check: 'notADate' };
  return { check: 'notAnOption' };
}

/**
 * The values of a form, checked with the schema's own rules before they are sent (the server
 * checks them again and has the last word). Read-only fields and empty optional ones are left out;
 * an optional one emptied that had a value in `original` is sent as null, back to its default.
 */
export function readValues(
  fields: FieldDescriptor[],
  inputs: Inputs,
  original: Record<string, unknown>,
): { values: SentValues; errors: FieldErrors } {
  const values: SentValues = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    if (field.readOnly) continue;
    const parsed = parseInput(field, inputs[field.name] ?? '', original[field.name]);
    if (parsed.empty) {
      if (field.required) errors[field.name] = { check: 'required' };
      else if (original[field.name] !== undefined && original[field.name] !== null) values[field.name] = null;
      continue;
    }
    if ('unreadable' in parsed) {
      errors[field.name] = unreadable(field);
      continue;
    }
    const { value } = parsed;
    const error = typeof value === 'number' ? checkNumber(field, value) : typeof value === 'string' && field.kind !== 'select' ? checkText(field, value) : undefined;
    if (error) errors[field.name] = error;
    else values[field.name] = value;
  }
  return { values, errors };
}
