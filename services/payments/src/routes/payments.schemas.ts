import { Type, type Static } from 'typebox';

export const AmountSchema = Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'Minor units (KRW has none: 150000 is ₩150,000)' });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 200, description: 'Unique per distinct request; a retry sends the same key' }),
});

export const CreatePaymentBody = Type.Object(
  {
    amount: AmountSchema,
    currency: Type.String({ pattern: '^[A-Z]{3}$', default: 'KRW', description: 'ISO 4217, upper case' }),
    card: Type.Object(
      {
        number: Type.String({ maxLength: 40, description: '12 to 19 digits, spaces allowed; test cards decide the outcome' }),
        expiry: Type.String({ maxLength: 10, description: 'MM/YY, not in the past' }),
        cvc: Type.String({ maxLength: 10, description: '3 digits' }),
      },
      { additionalProperties: false },
    ),
    reference: Type.Optional(Type.String({ maxLength: 200, description: "The caller's reference, e.g. an order id" })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type CreatePaymentBody = Static<typeof CreatePaymentBody>;

export const PaymentSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.Enum(['captured', 'failed']),
  amount: Type.Integer(),
  currency: Type.String(),
  card: Type.Object({ last4: Type.String(), brand: Type.Enum(['visa', 'mastercard', 'amex', 'unknown']) }),
  reference: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  refundedAmount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const PaymentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const PaymentQuery = Type.Object(
  { reference: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const PaymentListSchema = Type.Object({ items: Type.Array(PaymentSchema) });

export const CreateRefundBody = Type.Object(
  { amount: Type.Optional(Type.Integer({ minimum: 1, description: 'Default: everything not yet refunded' })) },
  { additionalProperties: false },
);

export const RefundSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  paymentId: Type.String({ format: 'uuid' }),
  amount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});
