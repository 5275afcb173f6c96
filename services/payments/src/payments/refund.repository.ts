import type { Queryable } from '@clove/kit';

export interface Refund {
  id: string;
  paymentId: string;
  amount: number;
  createdAt: string;
}

interface RefundRow {
  id: string;
  payment_id: string;
  amount: number;
  created_at: Date;
}

export async function insertRefund(db: Queryable, paymentId: string, amount: number): Promise<Refund> {
  const { rows } = await db.query<RefundRow>(
    'insert into refunds (payment_id, amount) values ($1, $2) returning id, payment_id, amount, created_at',
    [paymentId, amount],
  );
  const row = rows[0]!;
  return { id: row.id, paymentId: row.payment_id, amount: row.amount, createdAt: row.created_at.toISOString() };
}
