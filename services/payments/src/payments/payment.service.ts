import { randomUUID } from 'node:crypto';
import {
  conflict,
  DomainError,
  ErrorCode,
  invalid,
  notFound,
  type Pool,
  type Queryable,
} from '@clove/kit';
import { cardBrand, normalizeCardNumber, validateCard, type CardInput } from '../cards/card.rules.js';
import { DECLINE_MESSAGES, outcomeForCard, type DeclineCode } from '../cards/test-cards.js';
import type { JoinedWrite } from '../idempotency/idempotency.repository.js';
import {
  addRefundedAmount,
  findPayment,
  paymentInsert,
  listPaymentsByReference,
  toPayment,
  type Payment,
} from './payment.repository.js';
import { insertRefund, type Refund } from './refund.repository.js';

export interface ChargeInput {
  amount: number;
  currency: string;
  card: CardInput;
  reference?: string;
  description?: string;
}

export interface Charge {
  payment: Payment;
  declineCode: DeclineCode | null;
  /** Stores the attempt; nothing is charged until it commits. */
  write: JoinedWrite;
}

/** 400 naming each bad card field; run before anything is stored or a key is claimed. */
export function assertValidCard(card: CardInput, now = new Date()): void {
  const errors = validateCard(card, now);
  if (errors.length > 0) {
    throw invalid(`Invalid card: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors, 'VALIDATION_FAILED');
  }
}

export function cardDeclined(paymentId: string, declineCode: DeclineCode): DomainError {
  return new DomainError(ErrorCode.PAYMENT_DECLINED, DECLINE_MESSAGES[declineCode], {
    reason: 'CARD_DECLINED',
    extra: { declineCode, paymentId },
  });
}

/** Charges (create and capture in one step), refunds and look-ups. */
export class PaymentService {
  constructor(private readonly pool: Pool) {}

  /** The attempt, captured or failed, and its insert; the card's full number goes no further than here. */
  charge(input: ChargeInput, now = new Date()): Charge {
    const digits = normalizeCardNumber(input.card.number);
    const outcome = outcomeForCard(digits);
    const declineCode = outcome.status === 'failed' ? outcome.declineCode : null;
    const write = paymentInsert(randomUUID(), now, {
      status: outcome.status,
      declineCode,
      amount: input.amount,
      currency: input.currency,
      last4: digits.slice(-4),
      brand: cardBrand(digits),
      reference: input.reference ?? null,
      description: input.description ?? null,
    });
    return { payment: toPayment(write.row), declineCode, write };
  }

  /**
   * Refunds part or (by default) all of what remains. The payment's row stays locked until the
   * transaction of db ends, so concurrent refunds never add up to more than was paid.
   */
  async refund(db: Queryable, paymentId: string, amount?: number): Promise<Refund> {
    const payment = await findPayment(db, paymentId, true);
    if (!payment) throw notFound(`No payment ${paymentId}.`, 'PAYMENT_NOT_FOUND');
    if (payment.status !== 'captured') {
      throw conflict('Only a captured payment can be refunded.', 'PAYMENT_NOT_CAPTURED');
    }
    const refundable = payment.amount - payment.refunded_amount;
    const wanted = amount ?? refundable;
    if (wanted < 1 || wanted > refundable) {
      throw conflict(
        `The refund of ${wanted} exceeds the ${refundable} ${payment.currency} not yet refunded.`,
        'REFUND_EXCEEDS_PAYMENT',
        { refundableAmount: refundable },
      );
    }
    const refund = await insertRefund(db, payment.id, wanted);
    await addRefundedAmount(db, payment.id, wanted);
    return refund;
  }

  async get(id: string): Promise<Payment> {
    const row = await findPayment(this.pool, id);
    if (!row) throw notFound(`No payment ${id}.`, 'PAYMENT_NOT_FOUND');
    return toPayment(row);
  }

  async listByReference(reference: string): Promise<Payment[]> {
    return (await listPaymentsByReference(this.pool, reference)).map(toPayment);
  }
}
