import { Type, type Static } from 'typebox';
import { invalid, type FieldError } from '../errors/domain-error.js';

/** `?from&to&step` of a time-series query: RFC 3339 times and a step in seconds. */
export const TimeWindowQuery = Type.Object({
  from: Type.String({ format: 'date-time', description: 'Start of the window (RFC 3339)' }),
  to: Type.String({ format: 'date-time', description: 'End of the window (RFC 3339)' }),
  step: Type.Optional(Type.Integer({ minimum: 1, maximum: 31_536_000, description: 'Seconds per point' })),
}, { additionalProperties: false });
export type TimeWindowQuery = Static<typeof TimeWindowQuery>;

export interface TimeWindowLimits {
  /** Longest window, in seconds. */
  maxWindowSeconds: number;
  minStepSeconds: number;
  /** Most points one series may have (window / step). */
  maxPoints: number;
  /** Step when none is given. */
  defaultStepSeconds: number;
}

export interface TimeWindow {
  from: Date;
  to: Date;
  stepSeconds: number;
}

/**
 * A window a series can be answered for, or 400 naming each limit it breaks: reversed or
 * empty windows, windows that are too long, steps too small for the window.
 */
export function checkTimeWindow(query: TimeWindowQuery, limits: TimeWindowLimits): TimeWindow {
  const from = new Date(query.from);
  const to = new Date(query.to);
  const stepSeconds = query.step ?? Math.max(limits.defaultStepSeconds, limits.minStepSeconds);
  const windowSeconds = (to.getTime() - from.getTime()) / 1000;
  const errors: FieldError[] = [];
  if (windowSeconds <= 0) errors.push({ path: '/querystring/to', message: 'must be after from' });
  if (windowSeconds > limits.maxWindowSeconds) {
    errors.push({ path: '/querystring/from', message: `the window may be at most ${limits.maxWindowSeconds} seconds (${describe(limits.maxWindowSeconds)})` });
  }
  if (stepSeconds < limits.minStepSeconds) errors.push({ path: '/querystring/step', message: `must be at least ${limits.minStepSeconds} seconds` });
  else if (windowSeconds > 0 && windowSeconds / stepSeconds > limits.maxPoints) {
    const smallest = Math.ceil(windowSeconds / limits.maxPoints);
    errors.push({ path: '/querystring/step', message: `is too small for this window: at most ${limits.maxPoints} points, so at least ${smallest} seconds` });
  }
  if (errors.length > 0) throw invalid('The time window cannot be answered.', errors, 'INVALID_WINDOW');
  return { from, to, stepSeconds };
}

function describe(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} days`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hours`;
  return `${seconds} s`;
}
