/**
 * One performance's sale through the gateway of the real platform (launcher, auth, payments,
 * catalog, ticketing under /e/{slug}/): the seller's and the buyer's journeys, holds racing
 * for seats, expiry, live seat updates, refunds, and every refusal (R23–R35, R39, N4).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { logIn, signUpAndLogIn, type Session } from './support/accounts.js';
import { eventually, expectProblem, get, post, request } from './support/http.js';
import { builtinTemplates } from './support/deployments.js';
import { applyPerformance, FUTURE, ownerOf, PAST, startPerformance } from './support/performance.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';
import { tokenMinter, type Minter } from './support/tokens.js';
import { DECLINED_CARD, GOOD_CARD, pay } from './support/buying.js';

describe('ticketing through the gateway', () => {
  let platform: RunningPlatform;
  let minter: Minter;
  let owner: Session;
  let gala: string;

  before(async () => {
    platform = await startPlatform({
      args: ['--slug', 'gala', '--slug', 'race', '--slug', 'quick'],
      env: { PERF_QUICK_HOLD_SECONDS: '2', PERF_QUICK_SWEEP_INTERVAL_MS: '100', PERF_GALA_SEAT_COUNT_INTERVAL_MS: '200' },
    });
    minter = await tokenMinter(platform);
    owner = await ownerOf(platform, 'gala');
    gala = `${platform.gateway}/e/gala`;
    await applyPerformance(platform, 'gala', owner.accessToken, [
      { name: 'A', grade: 'VIP', price: 150_000, rows: 10, seatsPerRow: 10 },
      { name: 'B', grade: 'R', price: 90_000, rows: 10, seatsPerRow: 10 },
    ]);
  });
  after(async () => {
    await platform?.dispose();
  });

  describe('seller', () => {
    it('registered a 200-seat performance that anyone can read', async () => {
      const event = await get(`${gala}/event`);
      assert.equal(event.status, 200);
      assert.equal(event.body.slug, 'gala');
      assert.equal(event.body.totalSeats, 200);
      assert.equal(event.body.lowestPrice, 90_000);
      assert.deepEqual(event.body.grades.map((g: { grade: string; total: number }) => [g.grade, g.total]), [['VIP', 100], ['R', 100]]);
      const seats = await get(`${gala}/seats`);
      assert.equal(seats.body.seats.length, 200);
      assert.deepEqual(seats.body.remaining, { VIP: 100, R: 100 });
      assert.ok(seats.body.seats.some((s: { id: string }) => s.id === 'A-3-7'));
      // A query parameter a route does not take is named, not silently ignored.
      for (const [path, token] of [['/event?section=A', undefined], ['/seats/sections?sort=name', undefined], ['/sales?from=2030', owner.accessToken]] as const) {
        const refused = await get(`${gala}${path}`, token);
        expectProblem(refused, 400, 'VALIDATION_FAILED');
        assert.match(refused.body.errors[0].path, /^\/querystring\//, path);
      }
    });

    it('keeps a performance the platform runs itself from being deployed over', async () => {
      const seller = await signUpAndLogIn(platform.gateway, 'seller');
      const standard = (await builtinTemplates(platform.gateway, seller.accessToken)).standard!;
      const taken = await post(`${platform.gateway}/deploy/deployments`, { templateId: standard, values: { slug: 'gala' } }, seller.accessToken);
      expectProblem(taken, 409, 'SLUG_TAKEN');
      assert.equal((await get(`${gala}/event`)).body.title, 'Gala gala', 'the address still serves the performance it served');
    });

    it('refuses registering twice, other sellers and buyers', async () => {
      const again = await post(`${gala}/apply`, { title: 'x', venue: 'y', startsAt: FUTURE(1), endsAt: FUTURE(2), seatMap: { sections: [{ name: 'A', grade: 'G', price: 1, rows: 1, seatsPerRow: 1 }] } }, owner.accessToken);
      expectProblem(again, 409, 'PERFORMANCE_EXISTS');
      const stranger = await signUpAndLogIn(platform.gateway, 'seller');
      expectProblem(await request('PUT', `${gala}/modify`, { token: stranger.accessToken, body: { title: 'Mine now' } }), 403, 'NOT_OWNER');
      const buyer = await minter.token({ role: 'buyer' });
      expectProblem(await request('PUT', `${gala}/modify`, { token: buyer, body: { title: 'Mine now' } }), 403, 'WRONG_ROLE');
      expectProblem(await get(`${gala}/bookers`, buyer), 403, 'WRONG_ROLE');
      expectProblem(await get(`${gala}/sales`), 401, 'TOKEN_MISSING');
    });

    it('refuses absurd seat maps and times with 400', async () => {
      const race = `${platform.gateway}/e/race`;
      const raceOwner = await ownerOf(platform, 'race');
      const base = { title: 'Race', venue: 'Hall', startsAt: FUTURE(10), endsAt: FUTURE(10.1) };
      const bad = async (seatMap: unknown, extra: Record<string, unknown> = {}) =>
        post(`${race}/apply`, { ...base, seatMap, ...extra }, raceOwner.accessToken);
      for (const price of [-5, 0]) {
        // A seat of no price could never be paid for: the payment service takes no charge of 0.
        const unpaid = await bad({ sections: [{ name: 'A', grade: 'G', price, rows: 1, seatsPerRow: 1 }] });
        assert.equal(unpaid.status, 400);
        assert.equal(unpaid.body.errors[0].path, '/body/seatMap/sections/0/price');
      }
      assert.equal((await bad({ sections: [{ name: 'A', grade: 'G', price: 100_000_000, rows: 1, seatsPerRow: 1 }] })).status, 400);
      assert.equal((await bad({ sections: [{ name: 'A', grade: 'G', price: 1, rows: 0, seatsPerRow: 1 }] })).status, 400);
      assert.equal((await bad({ sections: [{ name: 'A', grade: 'G', price: 1, rows: 5000, seatsPerRow: 1 }] })).status, 400);
      const tooMany = await bad({ sections: Array.from({ length: 120 }, (_, i) => ({ name: `S${i}`, grade: 'G', price: 1, rows: 200, seatsPerRow: 10 })) });
      expectProblem(tooMany, 400, 'TOO_MANY_SEATS');
      const twice = await bad({ sections: [{ name: 'A', grade: 'G', price: 1, rows: 1, seatsPerRow: 1 }, { name: 'A', grade: 'H', price: 1, rows: 1, seatsPerRow: 1 }] });
      assert.equal(twice.status, 400);
      const backwards = await bad({ sections: [{ name: 'A', grade: 'G', price: 1, rows: 1, seatsPerRow: 1 }] }, { endsAt: FUTURE(9) });
      assert.equal(backwards.body.errors[0].path, '/body/endsAt');
      const over = await bad({ sections: [{ name: 'A', grade: 'G', price: 1, rows: 1, seatsPerRow: 1 }] }, { startsAt: PAST(5), saleOpensAt: PAST(10) });
      assert.deepEqual(over.body.errors, [{ path: '/body/startsAt', message: 'must be in the future' }]);
      // Text other people read must read as stored: a right-to-left override turns the title
      // around on every buyer's page, an escape sequence recolours a terminal reading the CSV.
      const oneSection = { sections: [{ name: 'A', grade: 'G', price: 1, rows: 1, seatsPerRow: 1 }] };
      const spoofed = await bad(oneSection, { title: 'Race \u202Egpj.exe', venue: 'Hall\nFloor 2', performers: ['\u001b[31mRed'], description: 'Doors at 7.\n\tBring a ticket.' });
      expectProblem(spoofed, 400, 'VALIDATION_FAILED');
      assert.deepEqual(spoofed.body.errors, [
        { path: '/body/title', message: 'must not contain bidirectional formatting characters, which make text read otherwise than it is stored (U+202E at character 6)' },
        { path: '/body/performers/0', message: 'must be one line of text, without line breaks, tabs or other control characters (U+001B at character 1)' },
        { path: '/body/venue', message: 'must be one line of text, without line breaks, tabs or other control characters (U+000A at character 5)' },
      ]);
      const blankGrade = await bad({ sections: [{ name: 'A', grade: '  ', price: 1, rows: 1, seatsPerRow: 1 }] });
      assert.deepEqual(blankGrade.body.errors, [{ path: '/body/seatMap/sections/0/grade', message: 'must not be blank' }]);
      assert.equal((await get(`${race}/event`)).status, 404, 'nothing was registered');
    });
  });

  describe('buyer', () => {
    let buyer: Session;
    before(async () => {
      buyer = await signUpAndLogIn(platform.gateway, 'buyer');
    });

    it('holds two seats, pays, gets tickets with codes and a QR image, refunds one', async () => {
      const hold = await post(`${gala}/buyticket/holds`, { seatIds: ['A-1-1', 'A-1-2'] }, buyer.accessToken);
      assert.equal(hold.status, 201, hold.text);
      assert.deepEqual(hold.body.seatIds, ['A-1-1', 'A-1-2']);
      assert.ok(Date.parse(hold.body.expiresAt) > Date.now());
      const seats = (await get(`${gala}/seats`)).body.seats as Array<{ id: string; state: string }>;
      assert.equal(seats.find((s) => s.id === 'A-1-1')?.state, 'held');
      assert.equal((await get(`${gala}/seats`)).body.remaining.VIP, 98);
      const quick = await get(`${gala}/seats?state=available&limit=3`);
      assert.equal(quick.status, 200);
      assert.match(quick.headers.get('content-type') ?? '', /^application\/json/);
      const bestAvailable = (await get(`${gala}/seats?state=available`)).body.seats.slice(0, 3);
      assert.deepEqual(quick.body.seats, bestAvailable, 'the quick list is the first available seats, best first');
      assert.ok(!quick.body.seats.some((s: { id: string }) => s.id === 'A-1-1' || s.id === 'A-1-2'), 'held seats are not in it');
      assert.equal(typeof quick.body.remaining.VIP, 'number');

      const key = randomUUID();
      const order = await pay(gala, buyer.accessToken, hold.body.holdId, GOOD_CARD, key);
      assert.equal(order.status, 201, order.text);
      assert.equal(order.body.order.status, 'paid');
      assert.equal(order.body.order.amount, 300_000);
      assert.equal(order.body.tickets.length, 2);
      const replay = await pay(gala, buyer.accessToken, hold.body.holdId, GOOD_CARD, key);
      assert.equal(replay.status, 201);
      assert.deepEqual(replay.body, order.body, 'a retry with the same key returns the same order');
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      expectProblem(await pay(gala, buyer.accessToken, hold.body.holdId, { ...GOOD_CARD, cvc: '999' }, key), 409, 'IDEMPOTENCY_KEY_REUSED');

      const tickets = await get(`${gala}/ticket/tickets`, buyer.accessToken);
      assert.deepEqual(tickets.body.map((t: { seatId: string; state: string }) => [t.seatId, t.state]), [['A-1-1', 'valid'], ['A-1-2', 'valid']]);
      const qr = await fetch(`${gala}/ticket/tickets/${tickets.body[0].id}/qr`, { headers: { authorization: `Bearer ${buyer.accessToken}` } });
      assert.equal(qr.headers.get('content-type'), 'image/png');
      assert.deepEqual([...new Uint8Array(await qr.arrayBuffer()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

      const check = await post(`${gala}/ticket/verify`, { code: tickets.body[0].code }, owner.accessToken);
      assert.deepEqual(check.body, { valid: true, ticket: { id: tickets.body[0].id, seatId: 'A-1-1', state: 'valid' } });
      assert.equal((await post(`${gala}/ticket/verify`, { code: tickets.body[0].code.replace('A-1-1', 'A-1-3') }, owner.accessToken)).body.valid, false);

      const refund = await post(`${gala}/ticket/tickets/${tickets.body[1].id}/refund`, undefined, buyer.accessToken);
      assert.equal(refund.status, 200, refund.text);
      assert.deepEqual(refund.body, { ticket: { id: tickets.body[1].id, seatId: 'A-1-2', state: 'refunded' }, refund: { amount: 150_000 } });
      expectProblem(await post(`${gala}/ticket/tickets/${tickets.body[1].id}/refund`, undefined, buyer.accessToken), 409, 'ALREADY_REFUNDED');
      const stranger = await minter.token({ role: 'buyer' });
      expectProblem(await post(`${gala}/ticket/tickets/${tickets.body[0].id}/refund`, undefined, stranger), 403, 'NOT_YOUR_TICKET');
      expectProblem(await get(`${gala}/ticket/tickets/${tickets.body[0].id}/qr`, stranger), 403, 'NOT_YOUR_TICKET');
      expectProblem(await post(`${gala}/ticket/tickets/${randomUUID()}/refund`, undefined, buyer.accessToken), 404, 'TICKET_NOT_FOUND');
      const after = (await get(`${gala}/seats`)).body.seats as Array<{ id: string; state: string }>;
      assert.equal(after.find((s) => s.id === 'A-1-1')?.state, 'sold');
      assert.equal(after.find((s) => s.id === 'A-1-2')?.state, 'available', 'the refunded seat is for sale again');

      const orders = await get(`${gala}/ticket/orders`, buyer.accessToken);
      assert.equal(orders.body[0].status, 'partially_refunded');
      assert.equal(orders.body[0].refundedAmount, 150_000);
    });

    it('feeds the catalog: the performance, the buyer\u2019s orders and tickets', async () => {
      const listed = await eventually(async () => {
        const r = await get(`${platform.gateway}/catalog/events?q=gala%20GALA`);
        return r.body.find((e: { slug: string }) => e.slug === 'gala') ? r : undefined;
      }, 20_000, 'the performance in the catalog');
      const entry = listed.body.find((e: { slug: string }) => e.slug === 'gala');
      assert.equal(entry.title, 'Gala gala');
      assert.equal(entry.lowestPrice, 90_000);
      const mine = await eventually(async () => {
        const r = await get(`${platform.gateway}/catalog/me/orders`, buyer.accessToken);
        return r.body.length && r.body[0].status === 'partially_refunded' ? r : undefined;
      }, 20_000, 'the order in the catalog');
      assert.equal(mine.body[0].slug, 'gala');
      const tickets = await get(`${platform.gateway}/catalog/me/tickets`, buyer.accessToken);
      assert.deepEqual(tickets.body.map((t: { seatId: string }) => t.seatId), ['A-1-1']);
      const other = await signUpAndLogIn(platform.gateway, 'buyer');
      assert.deepEqual((await get(`${platform.gateway}/catalog/me/orders`, other.accessToken)).body, []);
    });

    it('tells the catalog the seats left when holds change them, which no order or refund does', async () => {
      const listed = async () => ((await get(`${platform.gateway}/catalog/events?q=gala`)).body as Array<{ slug: string; remaining: number }>)
        .find((event) => event.slug === 'gala')?.remaining;
      const settled = await eventually(async () => {
        const [catalog, own] = await Promise.all([listed(), get(`${gala}/seats`)]);
        const left = Object.values(own.body.remaining as Record<string, number>).reduce((sum, n) => sum + n, 0);
        return catalog === left && { left };
      }, 20_000, 'the catalog to agree with the performance');
      const token = await minter.token({ role: 'buyer' });
      const hold = await post(`${gala}/buyticket/holds`, { seatIds: ['B-6-9', 'B-6-10'] }, token);
      assert.equal(hold.status, 201, hold.text);
      await eventually(async () => (await listed()) === settled.left - 2, 10_000, 'the catalog to count the held seats as taken');
      assert.equal((await request('DELETE', `${gala}/buyticket/holds/${hold.body.holdId}`, { token })).status, 204);
      await eventually(async () => (await listed()) === settled.left, 10_000, 'the catalog to count the released seats as left');
    });

    it('keeps the hold when the card is declined', async () => {
      const other = await minter.token({ role: 'buyer' });
      const hold = await post(`${gala}/buyticket/holds`, { seatIds: ['B-2-5'] }, other);
      const declined = await pay(gala, other, hold.body.holdId, DECLINED_CARD);
      expectProblem(declined, 402, 'PAYMENT_DECLINED');
      assert.equal(declined.body.declineCode, 'generic_decline');
      const seat = (await get(`${gala}/seats`)).body.seats.find((s: { id: string }) => s.id === 'B-2-5');
      assert.equal(seat.state, 'held', 'the hold stays after a decline');
      assert.equal((await pay(gala, other, hold.body.holdId)).status, 201, 'a good card then succeeds');
    });

    it('answers 300 simultaneous readers of the details, and counts a new hold within a second', async () => {
      type Details = { totalSeats: number; remaining: number; grades: Array<{ grade: string; remaining: number }> };
      const grade = (body: Details) => body.grades.find((g) => g.grade === 'R')!.remaining;
      const readers = await Promise.all(Array.from({ length: 300 }, () => get(`${gala}/event`)));
      assert.ok(readers.every((r) => r.status === 200), readers.find((r) => r.status !== 200)?.text);
      for (const { body } of readers as Array<{ body: Details }>) {
        assert.equal(body.totalSeats, 200);
        assert.equal(body.remaining, body.grades.reduce((sum, g) => sum + g.remaining, 0), 'the total is the sum of the grades');
      }
      // Let the details catch up with the earlier tests' changes, then hold one seat more.
      const settled = await get(`${gala}/seats`);
      const { before } = await eventually(async () => {
        const now = grade((await get(`${gala}/event`)).body);
        return now === settled.body.remaining.R ? { before: now } : undefined;
      }, 5_000, 'the details to agree with the seat map');

      const token = await minter.token({ role: 'buyer' });
      assert.equal((await post(`${gala}/buyticket/holds`, { seatIds: ['B-8-4'] }, token)).status, 201);
      // The details are at most a second old; the rest of the wait is slack for a busy machine.
      await eventually(async () => grade((await get(`${gala}/event`)).body) === before - 1, 5_000, 'the details to count the hold');
    });

    it('gives 300 simultaneous readers the whole seat map, its states agreeing with the counts', async () => {
      const readers = await Promise.all(Array.from({ length: 300 }, () => get(`${gala}/seats`)));
      assert.ok(readers.every((r) => r.status === 200), readers.find((r) => r.status !== 200)?.text);
      for (const { body } of readers) {
        const seats = body.seats as Array<{ id: string; grade: string; state: string }>;
        assert.equal(seats.length, 200);
        assert.deepEqual(seats.slice(0, 2).map((seat) => seat.id), ['A-1-1', 'A-1-2'], 'best first');
        const available: Record<string, number> = {};
        for (const seat of seats) if (seat.state === 'available') available[seat.grade] = (available[seat.grade] ?? 0) + 1;
        assert.deepEqual(available, body.remaining, 'remaining per grade = available seats per grade');
      }
    });

    it('lists the sections with their seats left, and gives one section of the map at a time', async () => {
      type MapSeat = { id: string; section: string; price: number; state: string };
      const summaryOf = (seats: MapSeat[]) => {
        const names = [...new Set(seats.map((seat) => seat.section))];
        return names.map((name) => {
          const of = seats.filter((seat) => seat.section === name);
          return { name, seats: of.length, available: of.filter((seat) => seat.state === 'available').length, lowestPrice: Math.min(...of.map((seat) => seat.price)) };
        });
      };
      const whole = (await get(`${gala}/seats`)).body.seats as MapSeat[];
      const sections = await get(`${gala}/seats/sections`);
      assert.equal(sections.status, 200);
      assert.deepEqual(sections.body.sections, summaryOf(whole));
      assert.deepEqual(sections.body.sections.map((s: { name: string }) => s.name), ['A', 'B'], 'in map order');

      const b = await get(`${gala}/seats?section=B`);
      assert.equal(b.status, 200);
      assert.deepEqual(b.body.seats, whole.filter((seat) => seat.section === 'B'), 'the same seats, best first');
      assert.deepEqual(b.body.remaining, (await get(`${gala}/seats`)).body.remaining, 'the counts are the whole performance\u2019s');
      const freeInB = (await get(`${gala}/seats?section=B&state=available&limit=1`)).body.seats;
      assert.deepEqual(freeInB, b.body.seats.filter((seat: MapSeat) => seat.state === 'available').slice(0, 1), 'filters combine');
      assert.deepEqual((await get(`${gala}/seats?section=Z`)).body.seats, [], 'a section the map does not have is empty');

      const held = await post(`${gala}/buyticket/holds`, { seatIds: [freeInB[0].id] }, await minter.token({ role: 'buyer' }));
      assert.equal(held.status, 201, held.text);
      const after = (await get(`${gala}/seats/sections`)).body.sections as Array<{ name: string; available: number }>;
      assert.equal(after.find((s) => s.name === 'B')!.available, sections.body.sections[1].available - 1, 'a hold shows at once');
      assert.equal(after.find((s) => s.name === 'A')!.available, sections.body.sections[0].available);

      const bad = await get(`${gala}/seats?section=${encodeURIComponent('B; drop')}`);
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      assert.match(JSON.stringify(bad.body.errors), /section/);
    });

    it('streams one section\u2019s seat changes to a page showing that section', async () => {
      expectProblem(await get(`${gala}/seats/stream?section=${encodeURIComponent('B-1')}`), 400, 'VALIDATION_FAILED');
      const stream = await fetch(`${gala}/seats/stream?section=B`);
      assert.equal(stream.headers.get('content-type'), 'text/event-stream');
      const reader = stream.body!.getReader();
      let received = '';
      const deadline = AbortSignal.timeout(15_000);
      const free = async (section: string) =>
        ((await get(`${gala}/seats?section=${section}&state=available&limit=1`)).body.seats as Array<{ id: string }>)[0]!.id;
      const [inA, inB] = [await free('A'), await free('B')];
      assert.equal((await post(`${gala}/buyticket/holds`, { seatIds: [inA] }, await minter.token({ role: 'buyer' }))).status, 201);
      assert.equal((await post(`${gala}/buyticket/holds`, { seatIds: [inB] }, await minter.token({ role: 'buyer' }))).status, 201);
      // Changes go out in order: once B's hold is here, A's (made first) would have been too.
      while (!received.includes(`"ids":["${inB}"]`)) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => deadline.addEventListener('abort', () => reject(new Error(`no change of ${inB}; got ${received}`)))),
        ]);
        received += new TextDecoder().decode(chunk.value);
      }
      await reader.cancel();
      assert.match(received, new RegExp(`event: seats\\ndata: \\{"state":"held","ids":\\["${inB}"\\]\\}`));
      assert.doesNotMatch(received, /"A-/, 'no change of section A');
    });

    it('replaces a buyer\u2019s previous hold atomically', async () => {
      const token = await minter.token({ role: 'buyer' });
      const first = await post(`${gala}/buyticket/holds`, { seatIds: ['B-3-1', 'B-3-2'] }, token);
      const second = await post(`${gala}/buyticket/holds`, { seatIds: ['B-3-2', 'B-3-3'] }, token);
      assert.equal(second.status, 201);
      const states = Object.fromEntries(((await get(`${gala}/seats`)).body.seats as Array<{ id: string; state: string }>).map((s) => [s.id, s.state]));
      assert.deepEqual([states['B-3-1'], states['B-3-2'], states['B-3-3']], ['available', 'held', 'held']);
      const replaced = await pay(gala, token, first.body.holdId);
      expectProblem(replaced, 410, 'HOLD_EXPIRED');
      assert.match(replaced.body.detail, /replaced by a newer hold/);

      // A failed replacement leaves the previous hold as it was.
      const rival = await minter.token({ role: 'buyer' });
      await post(`${gala}/buyticket/holds`, { seatIds: ['B-3-9'] }, rival);
      expectProblem(await post(`${gala}/buyticket/holds`, { seatIds: ['B-3-4', 'B-3-9'] }, token), 409, 'SEATS_TAKEN');
      const after = Object.fromEntries(((await get(`${gala}/seats`)).body.seats as Array<{ id: string; state: string }>).map((s) => [s.id, s.state]));
      assert.deepEqual([after['B-3-2'], after['B-3-3'], after['B-3-4']], ['held', 'held', 'available']);
    });

    it('refuses bad holds, other people\u2019s holds and wrong roles', async () => {
      const token = await minter.token({ role: 'buyer' });
      expectProblem(await post(`${gala}/buyticket/holds`, { seatIds: ['A-9-1', 'A-9-2', 'A-9-3', 'A-9-4', 'A-9-5'] }, token), 400, 'TOO_MANY_SEATS');
      const unknown = await post(`${gala}/buyticket/holds`, { seatIds: ['Z-1-1', 'A-9-1'] }, token);
      expectProblem(unknown, 400, 'UNKNOWN_SEATS');
      assert.deepEqual(unknown.body.seats, ['Z-1-1']);
      assert.equal((await post(`${gala}/buyticket/holds`, { seatIds: ['A-9-1', 'A-9-1'] }, token)).status, 400);
      assert.equal((await post(`${gala}/buyticket/holds`, { seatIds: [] }, token)).status, 400);
      // NUL, which PostgreSQL cannot store or compare: refused with where it is, not a failed query.
      const nul = await post(`${gala}/buyticket/holds`, { seatIds: ['A-9-1\u0000'] }, token);
      expectProblem(nul, 400, 'VALIDATION_FAILED');
      assert.equal(nul.body.errors[0].path, '/body/seatIds/0');
      expectProblem(await get(`${gala}/seats?grade=%00`), 400, 'VALIDATION_FAILED');
      expectProblem(await get(`${gala}/seats?grade=%00&state=available&limit=2`), 400, 'VALIDATION_FAILED');
      expectProblem(await post(`${gala}/buyticket/holds`, { seatIds: ['A-9-1'] }, owner.accessToken), 403, 'WRONG_ROLE');
      expectProblem(await post(`${gala}/buyticket/holds`, { seatIds: ['A-9-1'] }), 401, 'TOKEN_MISSING');

      const hold = await post(`${gala}/buyticket/holds`, { seatIds: ['A-9-1'] }, token);
      const thief = await minter.token({ role: 'buyer' });
      expectProblem(await pay(gala, thief, hold.body.holdId), 403, 'NOT_YOUR_HOLD');
      const noKey = await request('POST', `${gala}/buyticket/orders`, { token, body: { holdId: hold.body.holdId, card: GOOD_CARD } });
      assert.equal(noKey.status, 400);
      assert.equal(noKey.body.errors[0].path, '/headers/idempotency-key');
      const badCard = await pay(gala, token, hold.body.holdId, { number: '12', expiry: '13/40', cvc: 'abc' });
      assert.deepEqual(new Set(badCard.body.errors.map((e: { path: string }) => e.path)), new Set(['/body/card/number', '/body/card/expiry', '/body/card/cvc']));
      // Well-formed but refused by the payment service: the buyer's to correct (400), not a fault (5xx); kept for the key.
      const key = randomUUID();
      const mistyped = await pay(gala, token, hold.body.holdId, { number: '4242 4242 4242 4241', expiry: '12/40', cvc: '123' }, key);
      expectProblem(mistyped, 400, 'CARD_INVALID');
      assert.deepEqual(mistyped.body.errors, [{ path: '/body/card/number', message: 'is not a valid card number (Luhn check failed)' }]);
      const replayed = await pay(gala, token, hold.body.holdId, { number: '4242 4242 4242 4241', expiry: '12/40', cvc: '123' }, key);
      assert.deepEqual([replayed.status, replayed.body.code], [400, 'CARD_INVALID']);
      const expired = await pay(gala, token, hold.body.holdId, { number: '4242424242424242', expiry: '01/20', cvc: '123' });
      expectProblem(expired, 400, 'CARD_INVALID');
      assert.deepEqual(expired.body.errors.map((e: { path: string }) => e.path), ['/body/card/expiry']);
      expectProblem(await request('DELETE', `${gala}/buyticket/holds/${hold.body.holdId}`, { token: thief }), 403, 'NOT_YOUR_HOLD');
      assert.equal((await request('DELETE', `${gala}/buyticket/holds/${hold.body.holdId}`, { token })).status, 204);
      assert.equal((await get(`${gala}/seats?state=available`)).body.seats.some((s: { id: string }) => s.id === 'A-9-1'), true, 'the released seat is for sale again');
      expectProblem(await request('DELETE', `${gala}/buyticket/holds/${hold.body.holdId}`, { token }), 410, 'HOLD_NOT_ACTIVE');
      expectProblem(await request('DELETE', `${gala}/buyticket/holds/${randomUUID()}`, { token }), 404, 'HOLD_NOT_FOUND');
    });

    it('tells a buyer their live hold with its seats, so a reloaded page carries on with checkout', async () => {
      const token = await minter.token({ role: 'buyer' });
      const current = `${gala}/buyticket/holds/current`;
      assert.deepEqual((await get(current, token)).body, { hold: null }, 'no hold yet');
      const hold = await post(`${gala}/buyticket/holds`, { seatIds: ['B-10-2', 'A-10-1'] }, token);
      assert.equal(hold.status, 201, hold.text);
      const live = await get(current, token);
      assert.equal(live.status, 200, live.text);
      assert.deepEqual(live.body.hold, {
        ...hold.body,
        seats: [
          { id: 'B-10-2', section: 'B', row: '10', number: 2, grade: 'R', price: 90_000 },
          { id: 'A-10-1', section: 'A', row: '10', number: 1, grade: 'VIP', price: 150_000 },
        ],
      }, 'the seats in the order they were held, with what checkout shows of them');
      assert.deepEqual((await get(current, await minter.token({ role: 'buyer' }))).body, { hold: null }, 'another buyer sees only their own');

      const replaced = await post(`${gala}/buyticket/holds`, { seatIds: ['B-10-3'] }, token);
      assert.equal((await get(current, token)).body.hold.holdId, replaced.body.holdId, 'a new hold replaces the old one');
      assert.equal((await request('DELETE', `${gala}/buyticket/holds/${replaced.body.holdId}`, { token })).status, 204);
      assert.deepEqual((await get(current, token)).body, { hold: null }, 'a released hold is no longer live');

      expectProblem(await get(current, owner.accessToken), 403, 'WRONG_ROLE');
      expectProblem(await get(current), 401, 'TOKEN_MISSING');
      expectProblem(await get(`${current}?all=1`, token), 400, 'VALIDATION_FAILED');
    });

    it('limits seats per buyer across holds and tickets', async () => {
      const token = await minter.token({ role: 'buyer' });
      const hold = await post(`${gala}/buyticket/holds`, { seatIds: ['A-8-1', 'A-8-2', 'A-8-3'] }, token);
      assert.equal((await pay(gala, token, hold.body.holdId)).status, 201);
      expectProblem(await post(`${gala}/buyticket/holds`, { seatIds: ['A-8-4', 'A-8-5'] }, token), 409, 'SEAT_LIMIT_REACHED');
      assert.equal((await post(`${gala}/buyticket/holds`, { seatIds: ['A-8-4'] }, token)).status, 201);
    });

    it('gives a seat whose hold has expired to the next buyer, swept or not, and refuses one that is live', async () => {
      const first = await minter.token({ role: 'buyer' });
      const stale = await post(`${gala}/buyticket/holds`, { seatIds: ['B-7-1', 'B-7-2'] }, first);
      assert.equal(stale.status, 201);
      const next = await minter.token({ role: 'buyer' });
      const refused = await post(`${gala}/buyticket/holds`, { seatIds: ['B-7-2', 'B-7-3'] }, next);
      expectProblem(refused, 409, 'SEATS_TAKEN');
      assert.deepEqual(refused.body.seats, ['B-7-2']);

      // The hold runs out: whether or not the sweeper has come by yet, the seat is free to hold.
      const db = new pg.Client({ connectionString: (await platform.runtime()).performances.gala!.database });
      await db.connect();
      try {
        await db.query(`update ticketing.holds set expires_at = now() - interval '1 second' where id = $1`, [stale.body.holdId]);
        await db.query(`update ticketing.seats set hold_expires_at = now() - interval '1 second' where hold_id = $1`, [stale.body.holdId]);
      } finally {
        await db.end();
      }
      assert.equal((await post(`${gala}/buyticket/holds`, { seatIds: ['B-7-2', 'B-7-3'] }, next)).status, 201);
      expectProblem(await pay(gala, first, stale.body.holdId), 410, 'HOLD_EXPIRED');
    });
  });

  describe('seller views', () => {
    it('lists bookers (JSON and CSV) and sales statistics', async () => {
      const bookers = await get(`${gala}/bookers`, owner.accessToken);
      assert.equal(bookers.status, 200);
      const first = bookers.body.find((b: { seats: string[] }) => b.seats.includes('A-1-1'));
      assert.equal(first.orderStatus, 'partially_refunded');
      assert.match(first.buyerEmail, /^buyer-.*@example\.com$/, 'the seller sees who bought');
      assert.equal(first.buyerName, 'Test User');
      assert.equal(first.paymentStatus, 'partially_refunded');
      const csv = await fetch(`${gala}/bookers?format=csv`, { headers: { authorization: `Bearer ${owner.accessToken}` } });
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      const bytes = Buffer.from(await csv.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark, for spreadsheets');
      const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
      assert.equal(lines[0], 'orderId,buyerId,buyerEmail,buyerName,seats,amount,refundedAmount,currency,orderStatus,paymentId,paymentStatus,paidAt');
      assert.equal(lines.length, bookers.body.length + 1);

      const sales = (await get(`${gala}/sales`, owner.accessToken)).body;
      const vip = sales.grades.find((g: { grade: string }) => g.grade === 'VIP');
      assert.equal(sales.totals.seats, 200);
      assert.equal(sales.totals.sold + sales.totals.held + sales.totals.available, 200);
      assert.equal(vip.sold, 4, 'A-1-1 and A-8-1..3');
      assert.equal(sales.totals.refunds.count, 1);
      assert.equal(sales.totals.refunds.amount, 150_000);
      assert.equal(sales.totals.revenue, 4 * 150_000 + 90_000, 'A-1-1, A-8-1..3 and B-2-5');
      const today = new Date().toISOString().slice(0, 10);
      assert.equal(sales.byDay.at(-1).date, today);
      assert.equal(sales.byDay.at(-1).refunds, 1);

      // The same over time, per interval and grade: this sale happened within the last hour.
      const from = new Date(Date.now() - 3_600_000).toISOString();
      const to = new Date(Date.now() + 60_000).toISOString();
      const series = await get(`${gala}/sales/series?from=${from}&to=${to}&step=300`, owner.accessToken);
      assert.equal(series.status, 200, series.text);
      assert.equal(series.body.points.length, 13, '61 minutes in 5-minute intervals');
      const sum = (key: string, grade?: string) => series.body.points.reduce((acc: number, p: any) => acc + (grade ? p.byGrade[grade][key] : p[key]), 0);
      assert.equal(sum('tickets'), sales.totals.sold + sales.totals.refunds.count, 'every ticket sold, refunded ones too');
      assert.equal(sum('revenue'), sales.totals.revenue + sales.totals.refunds.amount);
      assert.equal(sum('refunds'), 1);
      assert.equal(sum('refundedAmount', 'VIP'), 150_000);
      assert.equal(sum('orders'), (await get(`${gala}/bookers`, owner.accessToken)).body.length);
      assert.deepEqual(series.body.grades, ['R', 'VIP']);
      const reversed = await get(`${gala}/sales/series?from=${to}&to=${from}`, owner.accessToken);
      expectProblem(reversed, 400, 'INVALID_WINDOW');
      assert.equal(reversed.body.errors[0].path, '/querystring/to');
      const tooFine = await get(`${gala}/sales/series?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z&step=60`, owner.accessToken);
      expectProblem(tooFine, 400, 'INVALID_WINDOW');
      assert.match(tooFine.body.errors[0].message, /at most 11000 points/);
      expectProblem(await get(`${gala}/sales/series?from=${from}&to=${to}`), 401, 'TOKEN_MISSING');
    });

    it('keeps a deleted buyer\u2019s tickets in the records without their email or name (R4)', async () => {
      const leaving = await signUpAndLogIn(platform.gateway, 'buyer');
      const hold = await post(`${gala}/buyticket/holds`, { seatIds: ['B-9-9'] }, leaving.accessToken);
      const order = await pay(gala, leaving.accessToken, hold.body.holdId);
      assert.equal(order.status, 201);
      const before = (await get(`${gala}/bookers`, owner.accessToken)).body.find((b: { buyerId: string }) => b.buyerId === leaving.userId);
      assert.equal(before.buyerEmail, leaving.email);
      const deleted = await request('DELETE', `${platform.gateway}/auth/me`, { token: leaving.accessToken, body: { password: 'correct-horse-battery' } });
      assert.equal(deleted.status, 204);
      const after = (await get(`${gala}/bookers`, owner.accessToken)).body.find((b: { buyerId: string }) => b.buyerId === leaving.userId);
      assert.deepEqual([after.buyerEmail, after.buyerName, after.seats, after.orderStatus], [null, null, ['B-9-9'], 'paid']);
      const check = await post(`${gala}/ticket/verify`, { code: order.body.tickets[0].code }, owner.accessToken);
      assert.equal(check.body.valid, true, 'the ticket stays valid');

      // The deleted buyer's access token, which this service and the catalog took a moment ago,
      // stops working in both within about a second (they hear it from auth), not when it expires.
      const refusedEverywhere = async () => {
        const answers = await Promise.all([
          get(`${gala}/ticket/tickets`, leaving.accessToken),
          post(`${gala}/buyticket/holds`, { seatIds: ['B-9-8'] }, leaving.accessToken),
          get(`${platform.gateway}/catalog/me/orders`, leaving.accessToken),
        ]);
        return answers.every((a) => a.status === 401 && a.body.code === 'SESSION_REVOKED') ? answers : undefined;
      };
      await eventually(refusedEverywhere, 5_000, 'the deleted buyer\'s token to be refused everywhere');
    });

    it('ends a session\'s access tokens in every service when the buyer logs out', async () => {
      const buyer = await signUpAndLogIn(platform.gateway, 'buyer');
      assert.equal((await get(`${gala}/ticket/tickets`, buyer.accessToken)).status, 200);
      const other = await logIn(platform.gateway, buyer.email);
      assert.equal((await post(`${platform.gateway}/auth/logout`, { refreshToken: buyer.refreshToken }, buyer.accessToken)).status, 204);
      await eventually(async () => {
        const answer = await get(`${gala}/ticket/tickets`, buyer.accessToken);
        return answer.status === 401 && answer.body.code === 'SESSION_REVOKED';
      }, 5_000, 'the logged-out token to be refused');
      assert.equal((await get(`${gala}/ticket/tickets`, other.accessToken)).status, 200, 'the buyer\'s other session goes on');
    });

    it('refuses a logged-out token at once, in this service and the catalog, not at their next read of auth (R4)', async () => {
      // Services keep a read waiting at auth, which answers it when a session ends. Read every
      // second instead, a log-out would take 500 ms on average to arrive, over 400 ms 60 % of the time.
      const delays: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const buyer = await signUpAndLogIn(platform.gateway, 'buyer');
        assert.equal((await get(`${gala}/ticket/tickets`, buyer.accessToken)).status, 200);
        assert.equal((await get(`${platform.gateway}/catalog/me/orders`, buyer.accessToken)).status, 200);
        assert.equal((await post(`${platform.gateway}/auth/logout`, { refreshToken: buyer.refreshToken }, buyer.accessToken)).status, 204);
        const loggedOut = Date.now();
        await eventually(async () => {
          const answers = await Promise.all([get(`${gala}/ticket/tickets`, buyer.accessToken), get(`${platform.gateway}/catalog/me/orders`, buyer.accessToken)]);
          return answers.every((a) => a.status === 401 && a.body.code === 'SESSION_REVOKED');
        }, 5_000, 'the logged-out token to be refused');
        delays.push(Date.now() - loggedOut);
      }
      assert.ok(Math.max(...delays) < 400, `refused after ${delays.join(', ')} ms`);
    });

    it('refuses a modification that would remove sold seats or move them to another grade, allows the rest', async () => {
      const shrink = await request('PUT', `${gala}/modify`, {
        token: owner.accessToken,
        body: { seatMap: { sections: [{ name: 'A', grade: 'VIP', price: 150_000, rows: 10, seatsPerRow: 10 }] } },
      });
      expectProblem(shrink, 409, 'SEATS_IN_USE');
      assert.ok(shrink.body.seats.includes('B-2-5'));
      const regrade = await request('PUT', `${gala}/modify`, {
        token: owner.accessToken,
        body: { seatMap: { sections: [
          { name: 'A', grade: 'VIP', price: 150_000, rows: 10, seatsPerRow: 10 },
          { name: 'B', grade: 'S', price: 90_000, rows: 10, seatsPerRow: 10 },
        ] } },
      });
      expectProblem(regrade, 409, 'SEATS_IN_USE');
      assert.ok(regrade.body.seats.includes('B-2-5'));
      assert.ok(!regrade.body.seats.includes('A-1-1'), 'only the seats that would change grade are named');
      assert.match(regrade.body.detail, /move them to another grade: .*B-2-5/);
      assert.equal((await get(`${gala}/event`)).body.totalSeats, 200, 'read just before the change');
      const grow = await request('PUT', `${gala}/modify`, {
        token: owner.accessToken,
        body: { title: 'Gala gala (extended)', seatMap: { sections: [
          { name: 'A', grade: 'VIP', price: 150_000, rows: 10, seatsPerRow: 10 },
          { name: 'B', grade: 'R', price: 90_000, rows: 10, seatsPerRow: 10 },
          { name: 'C', grade: 'S', price: 50_000, rows: 2, seatsPerRow: 10 },
        ] } },
      });
      assert.equal(grow.status, 200, grow.text);
      assert.equal(grow.body.totalSeats, 220);
      assert.equal(grow.body.version, 2);
      assert.equal(grow.body.title, 'Gala gala (extended)');
      const details = (await get(`${gala}/event`)).body;
      assert.deepEqual([details.title, details.totalSeats, details.version], ['Gala gala (extended)', 220, 2], 'the details show a change at once');
    });

    it('reprices sold and held seats: tickets keep the price paid, a holder pays the price held at or a lower one, the next buyer the new one', async () => {
      const map = (vip: number) => ({ seatMap: { sections: [
        { name: 'A', grade: 'VIP', price: vip, rows: 10, seatsPerRow: 10 },
        { name: 'B', grade: 'R', price: 90_000, rows: 10, seatsPerRow: 10 },
        { name: 'C', grade: 'S', price: 50_000, rows: 2, seatsPerRow: 10 },
      ] } });
      const revenue = async () => (await get(`${gala}/sales`, owner.accessToken)).body.totals.revenue as number;
      const priceOf = async (id: string) => ((await get(`${gala}/seats`)).body.seats as Array<{ id: string; price: number }>).find((s) => s.id === id)?.price;
      const before = await revenue();
      const holder = await signUpAndLogIn(platform.gateway, 'buyer');
      const held = await post(`${gala}/buyticket/holds`, { seatIds: ['A-9-9'] }, holder.accessToken);
      assert.equal(held.status, 201, held.text);

      for (const vip of [180_000, 200_000]) {
        const reprice = await request('PUT', `${gala}/modify`, { token: owner.accessToken, body: map(vip) });
        assert.equal(reprice.status, 200, reprice.text);
      }
      assert.equal(await priceOf('A-1-1'), 200_000, 'the sold seat shows the new price');
      assert.equal(await priceOf('A-9-9'), 200_000, 'so does the held one, to everyone');
      const grades = (await get(`${gala}/event`)).body.grades as Array<{ grade: string; price: number }>;
      assert.equal(grades.find((g) => g.grade === 'VIP')?.price, 200_000);
      assert.equal(await revenue(), before, 'tickets sold keep the price paid');
      const current = (await get(`${gala}/buyticket/holds/current`, holder.accessToken)).body.hold;
      assert.deepEqual(current.seats.map((s: { id: string; price: number }) => [s.id, s.price]), [['A-9-9', 150_000]], 'the holder is told the price they pay');

      const paid = await pay(gala, holder.accessToken, held.body.holdId);
      assert.equal(paid.status, 201, paid.text);
      assert.equal(paid.body.order.amount, 150_000, 'the holder pays the price the seat had when held');
      const next = await signUpAndLogIn(platform.gateway, 'buyer');
      const nextHold = await post(`${gala}/buyticket/holds`, { seatIds: ['A-9-10'] }, next.accessToken);
      const nextPaid = await pay(gala, next.accessToken, nextHold.body.holdId);
      assert.equal(nextPaid.body.order.amount, 200_000, 'a seat held after the change costs the new price');
      assert.equal(await revenue(), before + 150_000 + 200_000);

      // Refunding a ticket sold before the change returns what was paid, not the new price.
      const tickets = (await get(`${gala}/ticket/tickets`, holder.accessToken)).body as Array<{ id: string }>;
      const refund = await post(`${gala}/ticket/tickets/${tickets[0]!.id}/refund`, undefined, holder.accessToken);
      assert.deepEqual(refund.body.refund, { amount: 150_000 });

      // A price lowered during a hold is the one its holder pays.
      const late = await signUpAndLogIn(platform.gateway, 'buyer');
      const lateHold = await post(`${gala}/buyticket/holds`, { seatIds: ['A-9-8'] }, late.accessToken);
      assert.equal(lateHold.status, 201, lateHold.text);
      assert.equal((await request('PUT', `${gala}/modify`, { token: owner.accessToken, body: map(150_000) })).status, 200);
      assert.equal(await priceOf('A-9-9'), 150_000, 'the refunded seat is for sale at the grade’s price');
      const lateCurrent = (await get(`${gala}/buyticket/holds/current`, late.accessToken)).body.hold;
      assert.deepEqual(lateCurrent.seats.map((s: { price: number }) => s.price), [150_000]);
      assert.equal((await pay(gala, late.accessToken, lateHold.body.holdId)).body.order.amount, 150_000);
    });

    it('lists the sections in the order the seller registers them, and moves sold seats with their section when it changes', async () => {
      const names = (seats: Array<{ section: string }>) => [...new Set(seats.map((seat) => seat.section))];
      const sold = ((await get(`${gala}/seats?state=sold`)).body.seats as Array<{ id: string }>).map((seat) => seat.id);
      assert.ok(sold.includes('B-2-5'), 'sold seats to move');
      // Not by name: C before B before A, and Box (only named by explicit seats) after them.
      const reordered = await request('PUT', `${gala}/modify`, {
        token: owner.accessToken,
        body: { seatMap: {
          sections: [
            { name: 'C', grade: 'S', price: 50_000, rows: 2, seatsPerRow: 10 },
            { name: 'B', grade: 'R', price: 90_000, rows: 10, seatsPerRow: 10 },
            { name: 'A', grade: 'VIP', price: 150_000, rows: 10, seatsPerRow: 10 },
          ],
          seats: [{ section: 'Box', row: '1', number: 1, grade: 'VIP', price: 150_000 }],
        } },
      });
      assert.equal(reordered.status, 200, reordered.text);
      const order = ['C', 'B', 'A', 'Box'];
      assert.deepEqual(((await get(`${gala}/seats/sections`)).body.sections as Array<{ name: string }>).map((s) => s.name), order);
      const seats = (await get(`${gala}/seats`)).body.seats as Array<{ id: string; section: string; state: string }>;
      assert.deepEqual(names(seats), order, 'the whole map');
      assert.deepEqual(seats.slice(0, 3).map((seat) => seat.id), ['C-1-1', 'C-1-2', 'C-1-3'], 'best first within a section too');
      assert.deepEqual(((await get(`${gala}/seats?state=sold`)).body.seats as Array<{ id: string }>).map((seat) => seat.id).sort(), [...sold].sort(), 'the sold seats stay sold');
      assert.deepEqual(names((await get(`${gala}/seats?state=available&limit=300`)).body.seats), order, 'the quick list');
      assert.equal((await get(`${gala}/seats?state=available&limit=1`)).body.seats[0].id, 'C-1-1', 'the best seat left');
    });
  });

  it('gives 500 simultaneous holds on 50 seats exactly 50 winners; every loser learns the taken seat', async () => {
    const race = `${platform.gateway}/e/race`;
    const raceOwner = await ownerOf(platform, 'race');
    await applyPerformance(platform, 'race', raceOwner.accessToken, [{ name: 'R', grade: 'G', price: 1000, rows: 5, seatsPerRow: 10 }]);
    const ids = Array.from({ length: 50 }, (_, i) => `R-${Math.floor(i / 10) + 1}-${(i % 10) + 1}`);
    const tokens = await Promise.all(Array.from({ length: 500 }, () => minter.token({ role: 'buyer' })));
    const results = await Promise.all(tokens.map((token, i) => post(`${race}/buyticket/holds`, { seatIds: [ids[i % 50]] }, token)));
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 50, `statuses: ${[...new Set(statuses)]}`);
    assert.equal(statuses.filter((s) => s === 409).length, 450);
    results.forEach((r, i) => {
      if (r.status === 409) assert.deepEqual(r.body.seats, [ids[i % 50]]);
    });
    const db = new pg.Client({ connectionString: (await platform.runtime()).performances.race!.database });
    await db.connect();
    try {
      const held = await db.query(`select count(*)::int as n, count(distinct hold_id)::int as holds from ticketing.seats where state = 'held'`);
      assert.deepEqual(held.rows[0], { n: 50, holds: 50 });
      const active = await db.query(`select count(*)::int as n from ticketing.holds where status = 'active'`);
      assert.equal(active.rows[0].n, 50);
    } finally {
      await db.end();
    }
  });

  describe('expiry and live updates', () => {
    const quick = () => `${platform.gateway}/e/quick`;
    before(async () => {
      const quickOwner = await ownerOf(platform, 'quick');
      await applyPerformance(platform, 'quick', quickOwner.accessToken, [{ name: 'Q', grade: 'G', price: 5000, rows: 2, seatsPerRow: 10 }]);
    });

    it('streams seat changes to other browsers, and the sweeper releases expired holds', async () => {
      const stream = await fetch(`${quick()}/seats/stream`);
      assert.equal(stream.headers.get('content-type'), 'text/event-stream');
      const reader = stream.body!.getReader();
      let received = '';
      const waitFor = async (pattern: RegExp) => {
        const deadline = AbortSignal.timeout(15_000);
        while (!pattern.test(received)) {
          const chunk = await Promise.race([
            reader.read(),
            new Promise<never>((_, reject) => deadline.addEventListener('abort', () => reject(new Error(`stream never showed ${pattern}; got ${received}`)))),
          ]);
          received += new TextDecoder().decode(chunk.value);
        }
      };

      const token = await minter.token({ role: 'buyer' });
      const hold = await post(`${quick()}/buyticket/holds`, { seatIds: ['Q-1-4'] }, token);
      assert.equal(hold.status, 201);
      await waitFor(/event: seats\ndata: \{"state":"held","ids":\["Q-1-4"\]\}/);
      await waitFor(/"state":"available","ids":\["Q-1-4"\]/); // the 2 s hold expired and was swept
      await reader.cancel();

      expectProblem(await pay(quick(), token, hold.body.holdId), 410, 'HOLD_EXPIRED');
      assert.deepEqual((await get(`${quick()}/buyticket/holds/current`, token)).body, { hold: null }, 'an expired hold is no live hold');
      const db = new pg.Client({ connectionString: (await platform.runtime()).performances.quick!.database });
      await db.connect();
      try {
        const { rows } = await db.query('select status from ticketing.holds where id = $1', [hold.body.holdId]);
        assert.equal(rows[0].status, 'expired');
        assert.equal((await db.query(`select count(*)::int as n from ticketing.orders`)).rows[0].n, 0, 'nothing was sold');
      } finally {
        await db.end();
      }
    });

    it('announces the changes of many buyers at once, each seat ending in its latest state', async () => {
      const stream = await fetch(`${quick()}/seats/stream`);
      const reader = stream.body!.getReader();
      const latest = new Map<string, string>();
      let buffered = '';
      const until = async (done: () => boolean) => {
        const deadline = AbortSignal.timeout(15_000);
        while (!done()) {
          const chunk = await Promise.race([
            reader.read(),
            new Promise<never>((_, reject) => deadline.addEventListener('abort', () => reject(new Error(`stream stopped at ${JSON.stringify([...latest])}`)))),
          ]);
          buffered += new TextDecoder().decode(chunk.value);
          const events = buffered.split('\n\n');
          buffered = events.pop()!;
          for (const event of events) {
            const data = /^data: (.*)$/m.exec(event)?.[1];
            if (!data) continue;
            const change = JSON.parse(data) as { state: string; ids: string[] };
            for (const id of change.ids) latest.set(id, change.state);
          }
        }
      };

      const seats = ['Q-1-5', 'Q-1-6', 'Q-1-7', 'Q-1-8', 'Q-1-9', 'Q-1-10', 'Q-2-3', 'Q-2-4', 'Q-2-5', 'Q-2-6', 'Q-2-7', 'Q-2-8'];
      const buyers = await Promise.all(seats.map(async (seat) => {
        const token = await minter.token({ role: 'buyer' });
        const hold = await post(`${quick()}/buyticket/holds`, { seatIds: [seat] }, token);
        assert.equal(hold.status, 201, JSON.stringify(hold.body));
        return { seat, token, holdId: hold.body.holdId as string };
      }));
      const payers = buyers.slice(0, 6);
      await Promise.all(payers.map(async (b) => assert.equal((await pay(quick(), b.token, b.holdId)).status, 201)));

      const paid = new Set(payers.map((b) => b.seat));
      // Held seats that were not paid may already be back (the hold lasts 2 s): held or available.
      await until(() => seats.every((seat) => (paid.has(seat) ? latest.get(seat) === 'sold' : latest.has(seat))));
      await reader.cancel();
      for (const seat of seats) {
        if (!paid.has(seat)) assert.match(latest.get(seat)!, /^(held|available)$/, seat);
      }
    });

    it('refuses holds before the sale opens (with the opening time) and refunds after the start', async () => {
      const quickOwner = await ownerOf(platform, 'quick');
      const token = await minter.token({ role: 'buyer' });
      const hold = await post(`${quick()}/buyticket/holds`, { seatIds: ['Q-2-1'] }, token);
      const order = await pay(quick(), token, hold.body.holdId);
      assert.equal(order.status, 201);

      const opensAt = FUTURE(1);
      await request('PUT', `${quick()}/modify`, { token: quickOwner.accessToken, body: { saleOpensAt: opensAt } });
      const early = await post(`${quick()}/buyticket/holds`, { seatIds: ['Q-2-2'] }, await minter.token({ role: 'buyer' }));
      expectProblem(early, 403, 'SALE_NOT_OPEN');
      assert.equal(early.body.opensAt, opensAt);

      // Moving the start into the past would end the sale and refunds at once: refused.
      const backdated = await request('PUT', `${quick()}/modify`, { token: quickOwner.accessToken, body: { saleOpensAt: PAST(120), startsAt: PAST(60) } });
      assert.deepEqual(backdated.body.errors, [{ path: '/body/startsAt', message: 'must be in the future' }]);
      assert.ok(Date.parse((await get(`${quick()}/event`)).body.startsAt) > Date.now(), 'the start did not move');

      await startPerformance(quick(), quickOwner.accessToken);
      // A started performance's details can still be corrected, its start sent back unchanged.
      const { startsAt } = (await get(`${quick()}/event`)).body;
      const corrected = await request('PUT', `${quick()}/modify`, { token: quickOwner.accessToken, body: { description: 'Doors at 7', startsAt } });
      assert.equal(corrected.status, 200, corrected.text);
      const late = await post(`${quick()}/ticket/tickets/${order.body.tickets[0].id}/refund`, undefined, token);
      expectProblem(late, 409, 'PERFORMANCE_STARTED');
    });
  });

  it('refuses paying a hold taken before the performance started, and charges nothing', async () => {
    const race = `${platform.gateway}/e/race`;
    const raceOwner = await ownerOf(platform, 'race');
    const sections = [{ name: 'R', grade: 'G', price: 1000, rows: 5, seatsPerRow: 10 }, { name: 'S', grade: 'G', price: 1000, rows: 1, seatsPerRow: 2 }];
    const widened = await request('PUT', `${race}/modify`, { token: raceOwner.accessToken, body: { seatMap: { sections } } });
    assert.equal(widened.status, 200, widened.text);
    const token = await minter.token({ role: 'buyer' });
    const hold = await post(`${race}/buyticket/holds`, { seatIds: ['S-1-1'] }, token);
    assert.equal(hold.status, 201, hold.text);

    await startPerformance(race, raceOwner.accessToken);
    const late = await pay(race, token, hold.body.holdId);
    expectProblem(late, 403, 'SALE_CLOSED');
    assert.match(late.body.detail, /Nothing was charged/);
    assert.deepEqual((await get(`${race}/ticket/orders`, token)).body, []);
    assert.equal((await get(`${race}/seats?section=S`)).body.seats.find((s: { id: string }) => s.id === 'S-1-1').state, 'held');
  });
});
