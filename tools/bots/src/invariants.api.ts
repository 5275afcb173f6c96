import type { HttpClient } from './http.client.js';
import { check, type Check } from './invariants.check.js';
import type { Recorder } from './stats.recorder.js';
import type { TicketLedger } from './tickets.ledger.js';

type SeatMap = { seats: Array<{ id: string; grade: string; state: 'available' | 'held' | 'sold' }>; remaining: Record<string, number> };

/** Invariant 1, through the API: the whole seat map adds up, and every ticket the bots hold is sold. */
export async function checkApi(http: HttpClient, target: string, totalSeats: number, ledger: TicketLedger): Promise<Check[]> {
  const result = await http.send('GET', `${target}/seats`);
  if (result.status !== 200) {
    return [check('api', 'seat map readable', [`GET /seats answered ${result.status} ${result.error ?? ''}`])];
  }
  const map = result.body as SeatMap;
  const byState = { available: 0, held: 0, sold: 0 };
  const availableByGrade: Record<string, number> = {};
  const states = new Map<string, string>();
  for (const seat of map.seats) {
    byState[seat.state]++;
    if (seat.state === 'available') availableByGrade[seat.grade] = (availableByGrade[seat.grade] ?? 0) + 1;
    states.set(seat.id, seat.state);
  }
  const sum = byState.sold + byState.held + byState.available;
  const counts = `${byState.sold} sold + ${byState.held} held + ${byState.available} available = ${sum}; ${totalSeats} seats`;

  const gradeMismatches = Object.entries(map.remaining)
    .filter(([grade, n]) => (availableByGrade[grade] ?? 0) !== n)
    .map(([grade, n]) => `grade ${grade}: remaining ${n}, available in the map ${availableByGrade[grade] ?? 0}`);

  const notSold: string[] = [];
  for (const [ticketId, seatId] of ledger.seats()) {
    const state = states.get(seatId);
    if (state !== 'sold') notSold.push(`ticket ${ticketId}: seat ${seatId} is ${state ?? 'missing'}`);
  }
  return [
    check('api', 'sold + held + available = total seats', sum === totalSeats && map.seats.length === totalSeats ? [] : [counts], counts),
    check('api', 'remaining per grade = available seats per grade', gradeMismatches),
    check('api', "every seat of a bot's valid ticket shows sold", notSold, `${ledger.size} valid tickets`),
  ];
}

/** What buyers saw on the way that the API promises never happens. */
export function checkJourneys(recorder: Recorder): Check[] {
  const declines = recorder.count('pay', 402);
  const replays = recorder.count('replay');
  const wrongDeclines = recorder.anomalyOf('decline-not-402');
  const differingReplays = recorder.anomalyOf('replay-differs');
  return [
    check('journeys', 'a declining card is answered 402', wrongDeclines.samples, `${declines} declined`, wrongDeclines.count),
    check('journeys', 'a replayed payment gets the identical answer', differingReplays.samples, `${replays} replays`, differingReplays.count),
  ];
}
