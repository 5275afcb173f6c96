import { Type } from 'typebox';

export const FaultSettingsSchema = Type.Object({
  latencyMs: Type.Integer({ minimum: 0, maximum: 60_000 }),
  failureRate: Type.Number({ minimum: 0, maximum: 1 }),
});

export const FaultChangesBody = Type.Object(
  {
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000, description: 'Delay before every /payments request' })),
    failureRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Share of /payments requests answered 503' })),
  },
  { additionalProperties: false },
);
