import { fieldId } from '../fieldErrors';
import type { SeatMapPlan } from './planSeatMap';

/** The builder input a server error path points at: a section's name, or its rows. */
export function seatMapFieldOf(path: string, plan: SeatMapPlan): string | null {
  const section = /^\/body\/seatMap\/sections\/(\d+)(\/name)?/.exec(path);
  if (section) {
    const id = plan.origins.sections[Number(section[1])];
    return id ? fieldId(id, section[2] ? 'name' : 'rows') : null;
  }
  const seat = /^\/body\/seatMap\/seats\/(\d+)/.exec(path);
  if (seat) {
    const index = Number(seat[1]);
    const origin = plan.origins.seats.find((range) => index < range.end);
    return origin ? fieldId(origin.sectionId, 'rows') : null;
  }
  return /^\/body\/seatMap/.test(path) ? 'sm-sections' : null;
}
