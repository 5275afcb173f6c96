export type RangeId = '15m' | '1h' | '6h' | '24h';

export interface TimeRange {
  id: RangeId;
  seconds: number;
  /** Seconds per point of the CPU and memory series. */
  resourceStep: number;
  /** Seconds per interval of the booking series (the performance answers at least 60). */
  salesStep: number;
  /** How often the charts load again while auto refresh is on. */
  refreshMs: number;
}

export const TIME_RANGES: readonly TimeRange[] = [
  { id: '15m', seconds: 900, resourceStep: 10, salesStep: 60, refreshMs: 10_000 },
  { id: '1h', seconds: 3600, resourceStep: 30, salesStep: 300, refreshMs: 10_000 },
  { id: '6h', seconds: 21_600, resourceStep: 180, salesStep: 1800, refreshMs: 60_000 },
  { id: '24h', seconds: 86_400, resourceStep: 600, salesStep: 3600, refreshMs: 60_000 },
];

export const DEFAULT_RANGE: TimeRange = TIME_RANGES[0]!;

/** The window that ends now. */
export function windowEndingNow(range: TimeRange, stepSeconds: number) {
  const to = new Date();
  return { from: new Date(to.getTime() - range.seconds * 1000), to, stepSeconds };
}
