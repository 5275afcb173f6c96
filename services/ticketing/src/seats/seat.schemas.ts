import { Type } from 'typebox';

/** A seat as buyers see it, without its state: where it is, its grade and price. */
export const SeatPlaceSchema = Type.Object({
  id: Type.String(),
  section: Type.String(),
  row: Type.String(),
  number: Type.Integer(),
  grade: Type.String(),
  price: Type.Integer(),
});

/** A seat of the seat map (R29): its place and its state. */
export const SeatSchema = Type.Object({ ...SeatPlaceSchema.properties, state: Type.Enum(['available', 'held', 'sold']) });
