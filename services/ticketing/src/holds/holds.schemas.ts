import { Type, type Static } from 'typebox';
import { SeatPlaceSchema } from '../seats/seat.schemas.js';

export const HoldBody = Type.Object(
  {
    seatIds: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      description: 'Seat ids such as A-3-15; at most the per-buyer limit',
    }),
  },
  { additionalProperties: false },
);
export const HoldSchema = Type.Object({ holdId: Type.String(), seatIds: Type.Array(Type.String()), expiresAt: Type.String() });
/** A live hold with what checkout shows of its seats (GET /buyticket/holds/current). */
export const LiveHoldSchema = Type.Object({ ...HoldSchema.properties, seats: Type.Array(SeatPlaceSchema) });

export type Hold = Static<typeof HoldSchema>;
export type LiveHold = Static<typeof LiveHoldSchema>;
