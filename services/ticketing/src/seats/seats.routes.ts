import { Type, type Static } from 'typebox';
import { NoQuery, withProblems, type App, type Pool } from '@clove/kit';
import type { GradeCountsCache } from '../performance/performance.cache.js';
import { Label } from '../performance/performance.schemas.js';
import { sharedQuickList } from './quick-list.js';
import { remainingByGrade, SectionSummarySchema, sharedSectionSummaries, sharedSeatLists } from './seat-list.js';
import { SeatSchema } from './seat.schemas.js';
import type { SeatFeed } from './seat-stream.js';

const SeatMapSchema = Type.Object({
  seats: Type.Array(SeatSchema),
  remaining: Type.Record(Type.String(), Type.Integer()),
});

const SectionsSchema = Type.Object({ sections: Type.Array(SectionSummarySchema) });

const HEARTBEAT_MS = 15_000;

/** R29: the seat map with live states, and a stream of changes. */
export function registerSeatRoutes(app: App, deps: { pool: Pool; feed: SeatFeed; grades: GradeCountsCache }): void {
  const quickList = sharedQuickList(deps.pool);
  const seatLists = sharedSeatLists(deps.pool);
  const sections = sharedSectionSummaries(deps.pool);
  const streams = new Set<() => void>();
  // Open streams would hold the server open on shutdown; end them first.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get('/seats', {
    schema: {
      summary: 'Seats with their state, and seats remaining per grade (R29); filters narrow the list, not the counts',
      description:
        'Seats come best first: sections in the order the seller registered them, then rows and numbers. '
        + '`?state=available&limit=N` is the quick list: the first N available seats, best first, with counts up to 1 s old. '
        + '`?section=S` is one section of the map, as a large venue\'s page shows it. '
        + 'Any list is read once for the requests that ask for it while it is being read: they share that read.',
      querystring: Type.Object(
        {
          state: Type.Optional(Type.Enum(['available', 'held', 'sold'])),
          grade: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
          section: Type.Optional(Label),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
        },
        { additionalProperties: false },
      ),
      response: withProblems({ 200: SeatMapSchema }),
    },
  }, async (request, reply) => {
    const { state, grade, section, limit } = request.query;
    if (state === 'available' && limit !== undefined && section === undefined) {
      const [list, grades] = await Promise.all([quickList(grade ?? null, limit), deps.grades.get()]);
      // The seats' JSON is written once for all the requests that share a read; a JSON string is
      // sent as it is (SeatMapSchema's shape), not serialized again.
      const body = `{"seats":${list.json},"remaining":${JSON.stringify(remainingByGrade(grades))}}`;
      return reply.type('application/json; charset=utf-8').send(body as unknown as Static<typeof SeatMapSchema>);
    }
    // Bytes written once for everyone who shared the read (a full map is megabytes).
    const body = await seatLists({ state: state ?? null, grade: grade ?? null, section: section ?? null, limit: limit ?? null });
    return reply.type('application/json; charset=utf-8').send(body as unknown as Static<typeof SeatMapSchema>);
  });

  app.get('/seats/sections', {
    schema: {
      summary: 'The sections of the seat map in the order the seller registered them (best first), with their seats, seats available and lowest price (R29)',
      description: 'A large venue\'s page lists the sections, then loads one with `GET /seats?section=S`.',
      querystring: NoQuery,
      response: withProblems({ 200: SectionsSchema }),
    },
  }, async () => ({ sections: await sections() }));

  app.get('/seats/stream', {
    schema: {
      summary: 'Server-sent events: `event: seats`, data `{state, ids}` for each change (R29); `?section=S` for one section\'s',
      querystring: Type.Object({ section: Type.Optional(Label) }, { additionalProperties: false }),
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
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(end);
      res.end();
    };
    const unsubscribe = deps.feed.subscribe({
      write: (chunk) => void res.write(chunk),
      get writableLength() {
        return res.writableLength;
      },
      end,
      section: request.query.section,
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    streams.add(end);
    request.raw.once('close', end);
  });
}
