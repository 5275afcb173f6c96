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
    schema: {
      summary: 'Seats with their state, and seats remaining per grade (R29); filters narrow the list, not the counts',
      querystring: Type.Object(
        {
          state: Type.Optional(Type.Enum(['available', 'held', 'sold'])),
          grade: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        },
        { additionalProperties: false },
      ),
      response: withProblems({ 200: SeatMapSchema }),
    },
  }, async (request) => {
    const { state, grade, limit } = request.query;
    const [{ rows: seats }, { rows: counts }] = await Promise.all([
      deps.pool.query<{ id: string; section: string; row: string; number: number; grade: string; price: number; state: 'available' | 'held' | 'sold' }>(
        `select * from (
           select id, section, row_label as row, number, grade, price, ${EFFECTIVE_STATE_SQL} as state,
                  length(row_label) as row_length, row_label
           from seats where ($2::text is null or grade = $2)) s
         where ($1::text is null or state = $1)
         order by section, row_length, row_label, number limit $3`,
        [state ?? null, grade ?? null, limit ?? null],
      ),
      deps.pool.query<{ grade: string; remaining: string }>(
        `select grade, count(*) filter (where ${EFFECTIVE_STATE_SQL} = 'available') as remaining from seats group by grade`,
      ),
    ]);
    const remaining = Object.fromEntries(counts.map((c) => [c.grade, Number(c.remaining)]));
    return { seats: seats.map(({ id, section, row, number, grade: g, price, state: st }) => ({ id, section, row, number, grade: g, price, state: st })), remaining };
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
