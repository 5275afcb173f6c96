import { invalid } from '@clove/kit';
import { MAX_SEATS, type SeatMapInput } from './performance.schemas.js';

export interface SeatSpec {
  id: string;
  section: string;
  /** Where the section comes in the map: the order the seller registered the sections in (best first). */
  sectionPosition: number;
  row: string;
  number: number;
  grade: string;
  price: number;
}

export const seatId = (section: string, row: string, number: number) => `${section}-${row}-${number}`;
/** The section of a seat id (section labels are letters and digits, so the first '-' ends it). */
export function sectionOfSeat(id: string): string {
  const end = id.indexOf('-');
  return end < 0 ? id : id.slice(0, end);
}

/** R23: expands sections (rows × seats per row) and explicit seats into seats with stable ids. */
export function expandSeatMap(map: SeatMapInput): SeatSpec[] {
  if (!map.sections && !map.seats) {
    throw invalid('The seat map needs sections or seats.', [{ path: '/body/seatMap', message: 'needs sections or seats' }]);
  }
  const total =
    (map.sections ?? []).reduce((sum, s) => sum + s.rows * s.seatsPerRow, 0) + (map.seats?.length ?? 0);
  if (total > MAX_SEATS) {
    throw invalid(`The seat map has ${total} seats; at most ${MAX_SEATS} are allowed.`, [
      { path: '/body/seatMap', message: `has ${total} seats, more than ${MAX_SEATS}` },
    ], 'TOO_MANY_SEATS');
  }
  const seats: SeatSpec[] = [];
  // Section → position: the listed sections in their order, then the sections that only
  // explicit seats name, in the order they first appear.
  const positions = new Map<string, number>();
  const positionOf = (section: string) => {
    let position = positions.get(section);
    if (position === undefined) positions.set(section, (position = positions.size));
    return position;
  };
  for (const [index, section] of (map.sections ?? []).entries()) {
    if (positions.has(section.name)) {
      throw invalid(`Section ${section.name} appears twice.`, [
        { path: `/body/seatMap/sections/${index}/name`, message: 'is a duplicate' },
      ]);
    }
    const sectionPosition = positionOf(section.name);
    for (let row = 1; row <= section.rows; row++) {
      for (let number = 1; number <= section.seatsPerRow; number++) {
        const rowLabel = String(row);
        seats.push({
          id: seatId(section.name, rowLabel, number), section: section.name, sectionPosition, row: rowLabel, number, grade: section.grade, price: section.price,
        });
      }
    }
  }
  const ids = new Set(seats.map((s) => s.id));
  for (const [index, seat] of (map.seats ?? []).entries()) {
    const id = seatId(seat.section, seat.row, seat.number);
    if (ids.has(id)) {
      throw invalid(`Seat ${id} appears twice.`, [{ path: `/body/seatMap/seats/${index}`, message: `duplicates seat ${id}` }]);
    }
    ids.add(id);
    seats.push({ id, ...seat, sectionPosition: positionOf(seat.section) });
  }
  return seats;
}

/**
 * R23, R24: a start still to come, start before end, sale opening before the start. `storedStart`
 * is the start before a change (none when registering). A start may not be moved into the past:
 * that would close the sale and end refunds at once. Once the performance has started, its times
 * are a record and may be corrected either way.
 */
export function checkTimes(
  times: { startsAt: string; endsAt: string; saleOpensAt: string | null },
  storedStart: Date | null = null,
  now = Date.now(),
): void {
  const errors = [];
  const start = Date.parse(times.startsAt);
  const moved = storedStart === null || start !== storedStart.getTime();
  const started = storedStart !== null && storedStart.getTime() <= now;
  if (moved && !started && start <= now) errors.push({ path: '/body/startsAt', message: 'must be in the future' });
  if (Date.parse(times.endsAt) <= start) errors.push({ path: '/body/endsAt', message: 'must be after startsAt' });
  if (times.saleOpensAt && Date.parse(times.saleOpensAt) >= start) {
    errors.push({ path: '/body/saleOpensAt', message: 'must be before startsAt' });
  }
  if (errors.length) throw invalid(errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
}
