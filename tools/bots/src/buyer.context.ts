import type { HttpClient } from './http.client.js';
import type { Random } from './random.seeded.js';
import type { SeatBoard } from './seats.board.js';
import type { Recorder } from './stats.recorder.js';
import type { TicketLedger } from './tickets.ledger.js';

/** What every simulated buyer shares with the others during a run. */
export interface BuyerContext {
  http: HttpClient;
  /** The performance's base URL. */
  target: string;
  recorder: Recorder;
  board: SeatBoard;
  ledger: TicketLedger;
  random: Random;
  /** How far down the best seats a hot buyer who lost a race looks (about the seats in flight). */
  hotSpread: number;
  /** A buyer access token, or null when getting one failed. */
  token: () => Promise<string | null>;
}
