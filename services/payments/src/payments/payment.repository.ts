import type { Queryable } from '@clove/kit';
import type { JoinedWrite } from '../idempotency/idempotency.repository.js';
import type { CardBrand } from '../cards/card.rules.js';
import type { DeclineCode } from '../cards/test-cards.js';

export interface PaymentRow {
  id: string;
  status: 'captured' | 'failed';
  decline_code: DeclineCode | null;
  amount: number;
  currency: string;
  card_last4: string;
  card_brand: CardBrand;
  reference: string | null;
  description: string | null;
  refunded_amount: number;
  created_at: Date;
}

/** The payment as the API shows it. */
export interface Payment {
  id: string;
  status: 'captured' | 'failed';
  amount: number;
  currency: string;
  card: { last4: string; brand: CardBrand };
  reference: string | null;
  description: string | null;
  refundedAmount: number;
  createdAt: string;
}

export const toPayment = (row: PaymentRow): Payment => ({
  id: row.id,
  status: row.status,
  amount: row.amount,
  currency: row.currency,
  card: { last4: row.card_last4, brand: row.card_brand },
  reference: row.reference,
  description: row.description,
  refundedAmount: row.refunded_amount,
  createdAt: row.created_at.toISOString(),
});

const COLUMNS = `id, status, decline_code, amount, currency, card_last4, card_brand, reference, description,
  refunded_amount, created_at`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewPayment {
  status: 'captured' | 'failed';
  declineCode: DeclineCode | null;
  amount: number;
  currency: string;
  last4: string;
  brand: CardBrand;
  reference: string | null;
  description: string | null;
}

/**
 * The payment as stored once it commits (its id and time are chosen here, so the answer is known
 * before the write): the row written together with the Idempotency-Key's answer.
 */
export function paymentInsert(id: string, createdAt: Date, payment: NewPayment): JoinedWrite & { row: PaymentRow } {
  const row: PaymentRow = {
    id,
    status: payment.status,
    decline_code: payment.declineCode,
    amount: payment.amount,
    currency: payment.currency,
    card_last4: payment.last4,
    card_brand: payment.brand,
    reference: payment.reference,
    description: payment.description,
    refunded_amount: 0,
    created_at: createdAt,
  };
  return { row };
}

/** The payment, or null for an unknown (or malformed) id; `lock` holds its row until commit. */
export async function findPayment(db: Queryable, id: string, lock = false): Promise<PaymentRow | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await db.query<PaymentRow>(
    `select ${COLUMNS} from payments where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listPaymentsByReference(db: Queryable, reference: string): Promise<PaymentRow[]> {
  const { rows } = await db.query<PaymentRow>(
    `select ${COLUMNS} from payments where reference = $1 order by created_at, id`,
    [reference],
  );
  return rows;
}

export async function addRefundedAmount(db: Queryable, id: string, amount: number): Promise<void> {
  await db.query('update payments set refunded_amount = refunded_amount + $2 where id = $1', [id, amount]);
}
