import { Type } from 'typebox';
import { withProblems, type App, type Pool } from '@clove/kit';
import { EFFECTIVE_STATE_SQL } from './seat-events.js';
import type { SeatFeed } from './seat-stream.js';

const SeatSchema = Type.Object({
  id: Type.String(),
  section: Type.String(),
  row: Type.String(),
  number: Type.Integer(),
  grade: Type.String(),
  price: Type.Integer(),
  state: Type.Enum(['available', 'held', 'sold']),
});
const SeatMapSchema = Type.Object({
  seats: Type.Array(SeatSchema),
  remaining: Type.Record(Type.String(), Type.Integer()),
});

const HEARTBEAT_MS = 15_000;

/** R29: the seat map with live states, and a stream of changes. */
export function registerSeatRoutes(app: App, deps: { pool: Pool; feed: SeatFeed }): void {
  const streams = new Set<() => void>();
  // Open streams would hold the server open on shutdown; end them first.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get('/seats', {
    schema: { summary: 'Every seat with its state, and seats remaining per grade (R29)', response: withProblems({ 200: SeatMapSchema }) },
  }, async () => {
    const { rows } = await deps.pool.query<{ id: string; section: string; row: string; number: number; grade: string; price: number; state: 'available' | 'held' | 'sold' }>(
      `select id, section, row_label as row, number, grade, price, ${EFFECTIVE_STATE_SQL} as state
       from seats order by section, length(row_label), row_label, number`,
    );
    const remaining: Record<string, number> = {};
    for (const seat of rows) {
      remaining[seat.grade] = (remaining[seat.grade] ?? 0) + (seat.state === 'available' ? 1 : 0);
    }
    return { seats: rows, remaining };
  });

  app.get('/seats/stream', {
    schema: {
      summary: 'Server-sent events: `event: seats`, data `{state, ids}` for each change (R29)',
      response: { 200: Type.String({ description: 'text/event-stream' }) },
    },
  }, async (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    res.write('retry: 2000\n: connected\n\n');
    const unsubscribe = deps.feed.subscribe((payload) => res.write(`event: seats\ndata: ${payload}\n\n`));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      res.end();
    };
    streams.add(end);
    request.raw.once('close', end);
  });
}
