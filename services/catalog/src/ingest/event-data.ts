import { Compile } from 'typebox/compile';
import { invalid, type FieldError } from '@clove/kit';
import {
  OrderPaidData,
  OrderRefundedData,
  PerformanceUpdatedData,
  SeatsCountedData,
  type CatalogEvent,
  type EventEnvelope,
  type EventType,
} from './event.schemas.js';
import { fieldErrorsOf } from './field-errors.js';

const DATA_VALIDATORS: Record<EventType, ReturnType<typeof Compile>> = {
  'event.updated': Compile(PerformanceUpdatedData),
  'order.paid': Compile(OrderPaidData),
  'order.refunded': Compile(OrderRefundedData),
  'seats.counted': Compile(SeatsCountedData),
};

/** A batch with thousands of bad fields says enough in its first ones. */
const MAX_REPORTED = 50;

/**
 * Checks each event's data against the schema of its type; the route schema has already
 * checked the envelopes. One bad event refuses the whole batch, naming every bad field.
 */
export function toCatalogEvents(events: readonly EventEnvelope[]): CatalogEvent[] {
  const errors: FieldError[] = [];
  events.forEach((event, index) => {
    const validator = DATA_VALIDATORS[event.type];
    if (!validator.Check(event.data)) {
      errors.push(...fieldErrorsOf(validator.Errors(event.data), `/body/events/${index}/data`));
    }
  });
  if (errors.length > 0) {
    const reported = errors.slice(0, MAX_REPORTED);
    const detail = reported.map((e) => `${e.path} ${e.message}`).join('; ');
    throw invalid(`Invalid request: ${detail}`, reported, 'VALIDATION_FAILED');
  }
  return events as CatalogEvent[];
}
