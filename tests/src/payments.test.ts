/**
 * The payments service (a test-mode payment gateway) against a real PostgreSQL: card outcomes,
 * validation, API keys, idempotency under concurrency, refunds that never exceed the payment,
 * look-up by reference, fault injection, and that no full card number is ever stored or logged.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { buildApp, type PaymentsApp } from '../../services/payments/dist/app.js';
import { loadPaymentsConfig } from '../../services/payments/dist/config.js';
import { requestFingerprint } from '../../services/payments/dist/idempotency/fingerprint.js';
import { startTestDatabase, type TestDatabase } from './support/database.js';
import { eventually, get } from './support/http.js';
import { freePortRange } from './support/ports.js';
import { REPO_ROOT } from './support/platform.js';

const API_KEY = 'ticketing-test-key-0123456789';
const OTHER_API_KEY = 'catalog-test-key-abcdefghijk';
const CAPTURED = '4242424242424242';
const DECLINED = '4000000000000002';
const INSUFFICIENT = '4000000000009995';
const LIVE = '5555555555554444';
const ALL_NUMBERS = [CAPTURED, DECLINED, INSUFFICIENT, LIVE];
const EXPIRY = `12/${String((new Date().getUTCFullYear() + 5) % 100).padStart(2, '0')}`;

const card = (number: string) => ({ number, expiry: EXPIRY, cvc: '123' });
const uniqueReference = (what: string) => `${what}-${randomUUID()}`;

describe('payments service', () => {
  let database: TestDatabase;
  let databaseUrl: string;
  let service: PaymentsApp;
  let sql: pg.Pool;

  type Inject = { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown; headers?: Record<string, string> };
  const call = (options: Inject, apiKey: string | null = API_KEY) =>
    service.app.inject({
      method: options.method,
      url: options.url,
      ...(options.payload === undefined ? {} : { payload: options.payload as object }),
      headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...options.headers },
    });
  const pay = (payload: unknown, key: string = randomUUID(), apiKey: string = API_KEY) =>
    call({ method: 'POST', url: '/payments', payload, headers: { 'idempotency-key': key } }, apiKey);
  const refund = (paymentId: string, payload: unknown = {}, key: string = randomUUID()) =>
    call({ method: 'POST', url: `/payments/${paymentId}/refunds`, payload, headers: { 'idempotency-key': key } });
  const setFaults = (payload: unknown) => call({ method: 'PUT', url: '/_faults', payload });
  const paymentsWith = async (reference: string) =>
    (await sql.query('select * from payments where reference = $1', [reference])).rows;

  before(async () => {
    database = await startTestDatabase();
    databaseUrl = await database.createDatabase('payments_test');
    const config = loadPaymentsConfig({ DATABASE_URL: databaseUrl, PAYMENTS_API_KEYS: `${API_KEY},${OTHER_API_KEY}` });
    service = await buildApp(config, { silent: true });
    sql = new pg.Pool({ connectionString: databaseUrl, options: '-c search_path=payments', max: 3 });
    // The server stopping at the end may reach a connection still closing; that is no failure.
    sql.on('error', () => undefined);
  });
  after(async () => {
    await sql?.end();
    await service?.close();
    await database?.stop();
  });

  it('captures a payment with the success test card and shows it by id', async () => {
    const reference = uniqueReference('order');
    const created = await pay({ amount: 150000, card: card(CAPTURED), reference, description: 'Two seats' });
    assert.equal(created.statusCode, 201);
    const payment = created.json();
    assert.deepEqual(Object.keys(payment).sort(), [
      'amount', 'card', 'createdAt', 'currency', 'description', 'id', 'reference', 'refundedAmount', 'status',
    ]);
    assert.match(payment.id, /^[0-9a-f-]{36}$/);
    assert.equal(payment.status, 'captured');
    assert.equal(payment.amount, 150000);
    assert.equal(payment.currency, 'KRW', 'KRW is the default currency');
    assert.deepEqual(payment.card, { last4: '4242', brand: 'visa' });
    assert.equal(payment.reference, reference);
    assert.equal(payment.description, 'Two seats');
    assert.equal(payment.refundedAmount, 0);
    assert.equal(new Date(payment.createdAt).toISOString(), payment.createdAt);
    assert.equal(created.headers['idempotent-replayed'], undefined);

    const shown = await call({ method: 'GET', url: `/payments/${payment.id}` });
    assert.equal(shown.statusCode, 200);
    assert.deepEqual(shown.json(), payment);

    const usd = await pay({ amount: 1999, currency: 'USD', card: card('4242 4242 4242 4242') });
    assert.equal(usd.statusCode, 201, 'spaces in the number are allowed');
    assert.equal(usd.json().currency, 'USD');
    assert.equal(usd.json().reference, null);
    assert.equal(usd.json().description, null);
  });

  it('declines the decline test cards with 402 and stores the failed attempt', async () => {
    const cases = [
      { number: DECLINED, declineCode: 'generic_decline', brand: 'visa' },
      { number: INSUFFICIENT, declineCode: 'insufficient_funds', brand: 'visa' },
      { number: LIVE, declineCode: 'live_card_in_test_mode', brand: 'mastercard' },
      { number: '378282246310005', declineCode: 'live_card_in_test_mode', brand: 'amex' },
    ];
    for (const { number, declineCode, brand } of cases) {
      const reference = uniqueReference('declined');
      const response = await pay({ amount: 5000, card: card(number), reference });
      assert.equal(response.statusCode, 402, number);
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
      const problem = response.json();
      assert.equal(problem.code, 'CARD_DECLINED');
      assert.equal(problem.declineCode, declineCode);
      assert.equal(problem.status, 402);

      const stored = await call({ method: 'GET', url: `/payments/${problem.paymentId}` });
      assert.equal(stored.statusCode, 200);
      assert.equal(stored.json().status, 'failed');
      assert.deepEqual(stored.json().card, { last4: number.slice(-4), brand });
      assert.equal((await paymentsWith(reference)).length, 1);
    }
  });

  it('answers 404 for unknown payments', async () => {
    for (const id of [randomUUID(), 'not-a-payment-id']) {
      const response = await call({ method: 'GET', url: `/payments/${id}` });
      assert.equal(response.statusCode, 404, id);
      assert.equal(response.json().code, 'PAYMENT_NOT_FOUND');
    }
  });

  it('refuses invalid requests naming each field, and stores nothing for them', async () => {
    const reference = uniqueReference('invalid');
    const pathsOf = (response: { json: () => { errors?: Array<{ path: string }> } }) =>
      (response.json().errors ?? []).map((e) => e.path).sort();

    const badCard = await pay({ amount: 1000, card: { number: '4242424242424241', expiry: '01/20', cvc: '12' }, reference });
    assert.equal(badCard.statusCode, 400);
    assert.deepEqual(pathsOf(badCard), ['/body/card/cvc', '/body/card/expiry', '/body/card/number']);

    const shortNumber = await pay({ amount: 1000, card: { ...card(CAPTURED), number: '42424242424' }, reference });
    assert.deepEqual(pathsOf(shortNumber), ['/body/card/number']);
    const badExpiry = await pay({ amount: 1000, card: { ...card(CAPTURED), expiry: '2040-12' }, reference });
    assert.deepEqual(pathsOf(badExpiry), ['/body/card/expiry']);

    const badBody = await pay({ amount: 0, currency: 'krw', card: card(CAPTURED), reference, extra: 1 });
    assert.equal(badBody.statusCode, 400);
    assert.equal(badBody.json().code, 'VALIDATION_FAILED');
    assert.deepEqual(pathsOf(badBody), ['/body/amount', '/body/currency', '/body/extra']);
    const tooMuch = await pay({ amount: 100_000_001, card: card(CAPTURED), reference });
    assert.deepEqual(pathsOf(tooMuch), ['/body/amount']);
    const noCard = await pay({ amount: 1000, reference: 'x'.repeat(201) });
    assert.deepEqual(pathsOf(noCard), ['/body/card', '/body/reference']);

    const noKey = await call({ method: 'POST', url: '/payments', payload: { amount: 1000, card: card(CAPTURED), reference } });
    assert.equal(noKey.statusCode, 400);
    assert.deepEqual(pathsOf(noKey), ['/headers/idempotency-key']);
    const longKey = await pay({ amount: 1000, card: card(CAPTURED), reference }, 'k'.repeat(201));
    assert.deepEqual(pathsOf(longKey), ['/headers/idempotency-key']);

    assert.equal((await paymentsWith(reference)).length, 0);
  });

  it('requires a valid API key everywhere but the probes and docs', async () => {
    const body = { amount: 1000, card: card(CAPTURED) };
    const missing = await call({ method: 'POST', url: '/payments', payload: body, headers: { 'idempotency-key': randomUUID() } }, null);
    assert.equal(missing.statusCode, 401);
    assert.equal(missing.json().code, 'API_KEY_MISSING');
    const wrong = await pay(body, randomUUID(), `${API_KEY}x`);
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().code, 'API_KEY_INVALID');
    for (const url of [`/payments/${randomUUID()}`, '/payments?reference=x', '/_faults']) {
      assert.equal((await call({ method: 'GET', url }, null)).statusCode, 401, url);
    }
    assert.equal((await pay(body, randomUUID(), OTHER_API_KEY)).statusCode, 201, 'every configured key works');
    for (const url of ['/healthz', '/readyz', '/metrics', '/docs/openapi.json']) {
      assert.equal((await call({ method: 'GET', url }, null)).statusCode, 200, url);
    }
  });

  it('replays the stored answer for a retry with the same key and charges once', async () => {
    const reference = uniqueReference('retry');
    const key = randomUUID();
    const body = { amount: 30000, card: card(CAPTURED), reference };
    const first = await pay(body, key);
    assert.equal(first.statusCode, 201);
    const retry = await pay({ reference, card: { cvc: '123', expiry: EXPIRY, number: '4242 4242 4242 4242' }, amount: 30000, currency: 'KRW' }, key);
    assert.equal(retry.statusCode, 201, 'the same request, written differently');
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.deepEqual(retry.json(), first.json());
    assert.equal((await paymentsWith(reference)).length, 1);

    const declinedReference = uniqueReference('retry-declined');
    const declinedKey = randomUUID();
    const declined = await pay({ amount: 30000, card: card(DECLINED), reference: declinedReference }, declinedKey);
    const declinedAgain = await pay({ amount: 30000, card: card(DECLINED), reference: declinedReference }, declinedKey);
    assert.equal(declinedAgain.statusCode, 402);
    assert.equal(declinedAgain.headers['idempotent-replayed'], 'true');
    assert.deepEqual(declinedAgain.json(), declined.json());
    assert.equal((await paymentsWith(declinedReference)).length, 1);
  });

  it('refuses a key reused for another request, and scopes keys per API key', async () => {
    const reference = uniqueReference('reuse');
    const key = randomUUID();
    assert.equal((await pay({ amount: 1000, card: card(CAPTURED), reference }, key)).statusCode, 201);
    for (const other of [
      { amount: 2000, card: card(CAPTURED), reference },
      { amount: 1000, card: card(INSUFFICIENT), reference },
    ]) {
      const reused = await pay(other, key);
      assert.equal(reused.statusCode, 409);
      assert.equal(reused.json().code, 'IDEMPOTENCY_KEY_REUSED');
    }
    const elsewhere = await refund(randomUUID(), {}, key);
    assert.equal(elsewhere.json().code, 'IDEMPOTENCY_KEY_REUSED', 'a key belongs to one request, whatever the route');
    const otherCaller = await pay({ amount: 1000, card: card(CAPTURED), reference }, key, OTHER_API_KEY);
    assert.equal(otherCaller.statusCode, 201, 'another API key has its own key space');
    assert.equal(otherCaller.headers['idempotent-replayed'], undefined);
    assert.equal((await paymentsWith(reference)).length, 2);
  });

  it('charges exactly once for 50 concurrent requests with one key, and gives each the answer', async () => {
    const reference = uniqueReference('burst');
    const key = randomUUID();
    const body = { amount: 77000, card: card(CAPTURED), reference };
    const responses = await Promise.all(Array.from({ length: 50 }, () => pay(body, key)));
    assert.deepEqual(new Set(responses.map((r) => r.statusCode)), new Set([201]), responses.map((r) => r.body).join('\n'));
    assert.equal(responses.filter((r) => r.headers['idempotent-replayed'] === undefined).length, 1, 'one request charged');
    const bodies = new Set(responses.map((r) => r.body));
    assert.equal(bodies.size, 1, 'every answer carries the same payment');
    const rows = await paymentsWith(reference);
    assert.equal(rows.length, 1);
    assert.equal(responses[0]!.json().id, rows[0].id);
    const later = await pay(body, key);
    assert.equal(later.statusCode, 201);
    assert.equal(later.headers['idempotent-replayed'], 'true');
  });

  it('charges 200 concurrent requests with their own keys once each, declines included, and replays each answer', async () => {
    const reference = uniqueReference('crowd');
    const requests = Array.from({ length: 200 }, (_, i) => ({
      key: randomUUID(),
      body: { amount: 1000 + i, card: card(i % 10 === 0 ? DECLINED : CAPTURED), reference },
    }));
    // Among them, one key reused for another request at the same time.
    const reused = { key: requests[5]!.key, body: { ...requests[5]!.body, amount: 99 } };
    const responses = await Promise.all([...requests, reused].map((r) => pay(r.body, r.key)));
    requests.forEach((r, i) => {
      const response = responses[i]!;
      if (i === 5 && response.statusCode === 409) return; // the reused key's twin may have come first
      assert.equal(response.statusCode, i % 10 === 0 ? 402 : 201, response.body);
    });
    const twins = [responses[5]!.statusCode, responses[200]!.statusCode].sort();
    assert.deepEqual(twins, [201, 409], 'of the two requests with one key, one is charged and the other refused');
    const rows = await paymentsWith(reference);
    assert.equal(rows.length, 200, 'one stored attempt per request');
    assert.deepEqual(
      rows.map((row: { amount: number }) => row.amount).sort((a: number, b: number) => a - b),
      requests.map((r, i) => (i === 5 && responses[5]!.statusCode === 409 ? 99 : r.body.amount)).sort((a, b) => a - b),
    );
    const replays = await Promise.all(requests.map((r) => pay(r.body, r.key)));
    replays.forEach((replay, i) => {
      if (i === 5 && responses[5]!.statusCode === 409) return;
      assert.equal(replay.headers['idempotent-replayed'], 'true');
      assert.deepEqual(replay.json(), responses[i]!.json(), 'a retry gets the stored answer');
    });
  });

  it('lets a charge with the key of a charge still being written (on another replica) wait for it and get its answer', async () => {
    const reference = uniqueReference('waits');
    const key = randomUUID();
    const body = { amount: 12000, card: card(CAPTURED), reference };
    const replica = await buildApp(loadPaymentsConfig({ DATABASE_URL: databaseUrl, PAYMENTS_API_KEYS: API_KEY }), { silent: true });
    // Charges queued for the table the blocker locked. Autovacuum may queue
    // there too; it is not a client backend running a charge.
    const chargesWaiting = async () =>
      Number((await sql.query(
        `select count(*) from pg_stat_activity
         where backend_type = 'client backend' and wait_event_type = 'Lock'
           and datname = current_database() and query like '%insert into idempotency_keys%'`,
      )).rows[0].count);
    const blocker = await sql.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table payments in exclusive mode');
      const first = pay(body, key);
      await eventually(async () => (await chargesWaiting()) === 1, 10_000, 'the first charge to wait for the table');
      const second = replica.app.inject({
        method: 'POST',
        url: '/payments',
        payload: body,
        headers: { authorization: `Bearer ${API_KEY}`, 'idempotency-key': key },
      });
      await eventually(async () => (await chargesWaiting()) === 2, 10_000, 'the second charge to wait too');
      await blocker.query('commit');
      // Both are let in at once when the table lock goes; whichever writes the key first charges,
      // and the other waits for it on the key and answers what it stored.
      const answers = await Promise.all([first, second]);
      for (const answer of answers) assert.equal(answer.statusCode, 201, answer.body);
      assert.deepEqual(answers.map((a) => a.headers['idempotent-replayed'] ?? 'charged').sort(), ['charged', 'true']);
      assert.deepEqual(answers[1]!.json(), answers[0]!.json());
    } finally {
      await blocker.query('rollback').catch(() => undefined);
      blocker.release();
      await replica.close();
    }
    assert.equal((await paymentsWith(reference)).length, 1);
  });

  it('answers 409 IN_USE while the first refund with a key is still running', async () => {
    const payment = (await pay({ amount: 12000, card: card(CAPTURED) })).json();
    const key = randomUUID();
    const blocker = await sql.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table refunds in exclusive mode');
      const first = refund(payment.id, { amount: 2000 }, key);
      await eventually(async () => {
        const { rows } = await sql.query(`select status from idempotency_keys where key = $1`, [key]);
        return rows[0]?.status === 'processing';
      }, 10_000, 'the first request to claim its key');
      const second = await refund(payment.id, { amount: 2000 }, key);
      assert.equal(second.statusCode, 409);
      assert.equal(second.json().code, 'IDEMPOTENCY_KEY_IN_USE');
      await blocker.query('commit');
      assert.equal((await first).statusCode, 201);
    } finally {
      await blocker.query('rollback').catch(() => undefined);
      blocker.release();
    }
    assert.equal((await refund(payment.id, { amount: 2000 }, key)).headers['idempotent-replayed'], 'true');
    const { rows } = await sql.query('select amount from refunds where payment_id = $1', [payment.id]);
    assert.deepEqual(rows, [{ amount: 2000 }]);
  });

  it('lets a retry take over a claim abandoned long ago, and the old request can then not complete', async () => {
    const payment = (await pay({ amount: 4000, card: card(CAPTURED) })).json();
    const key = randomUUID();
    const claimOf = async () =>
      (await sql.query(`select status, locked_at > now() - interval '1 minute' as fresh from idempotency_keys where key = $1`, [key])).rows[0];
    const blocker = await sql.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table refunds in exclusive mode');
      const stale = refund(payment.id, { amount: 1000 }, key);
      await eventually(async () => (await claimOf())?.status === 'processing', 10_000, 'the first claim');
      await sql.query(`update idempotency_keys set locked_at = now() - interval '2 minutes' where key = $1`, [key]);
      const takeover = refund(payment.id, { amount: 1000 }, key);
      await eventually(async () => (await claimOf())?.fresh === true, 10_000, 'the claim to be taken over');
      await blocker.query('commit');
      const [staleAnswer, takeoverAnswer] = await Promise.all([stale, takeover]);
      assert.equal(staleAnswer.statusCode, 409);
      assert.equal(staleAnswer.json().code, 'IDEMPOTENCY_KEY_IN_USE');
      assert.equal(takeoverAnswer.statusCode, 201);
    } finally {
      await blocker.query('rollback').catch(() => undefined);
      blocker.release();
    }
    const { rows } = await sql.query('select amount from refunds where payment_id = $1', [payment.id]);
    assert.deepEqual(rows, [{ amount: 1000 }], 'the old request rolled its refund back');
    const different = await refund(payment.id, { amount: 1001 }, key);
    assert.equal(different.json().code, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('lets a charge take over its key from a claim abandoned long ago, but not from a fresh one', async () => {
    const reference = uniqueReference('abandoned');
    // As the service sees it, defaults included: the claim is for this very request.
    const body = { amount: 4000, currency: 'KRW', card: card(CAPTURED), reference };
    const claim = async (key: string, lockedAgo: string) =>
      sql.query(
        `insert into idempotency_keys (api_key_id, key, fingerprint, status, lock_id, locked_at)
         values ($1, $2, $3, 'processing', gen_random_uuid(), now() - $4::interval)`,
        [createHash('sha256').update(API_KEY).digest('hex'), key, requestFingerprint(API_KEY, 'POST', '/payments', body), lockedAgo],
      );
    const freshKey = randomUUID();
    await claim(freshKey, '1 second');
    const refused = await pay(body, freshKey);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'IDEMPOTENCY_KEY_IN_USE');
    assert.equal((await paymentsWith(reference)).length, 0);

    const abandonedKey = randomUUID();
    await claim(abandonedKey, '2 minutes');
    const charged = await pay(body, abandonedKey);
    assert.equal(charged.statusCode, 201);
    assert.equal(charged.headers['idempotent-replayed'], undefined);
    assert.equal((await pay(body, abandonedKey)).headers['idempotent-replayed'], 'true');
    assert.equal((await paymentsWith(reference)).length, 1);
  });

  it('frees the key of a request that failed with 5xx, so that a retry runs again', async () => {
    const reference = uniqueReference('broken');
    const key = randomUUID();
    const body = { amount: 5000, card: card(CAPTURED), reference };
    await sql.query(`create function refuse_insert() returns trigger language plpgsql as $$
      begin raise exception 'storage is broken'; end $$`);
    await sql.query('create trigger refuse_insert before insert on payments for each row execute function refuse_insert()');
    try {
      const failed = await pay(body, key);
      assert.equal(failed.statusCode, 500);
      assert.equal(failed.json().detail.includes('storage is broken'), false, 'no internals leak');
      const { rowCount } = await sql.query('select 1 from idempotency_keys where key = $1', [key]);
      assert.equal(rowCount, 0, 'the key was released');
    } finally {
      await sql.query('drop trigger refuse_insert on payments');
      await sql.query('drop function refuse_insert()');
    }
    const retried = await pay(body, key);
    assert.equal(retried.statusCode, 201);
    assert.equal(retried.headers['idempotent-replayed'], undefined);
    assert.equal((await paymentsWith(reference)).length, 1);
  });

  it('refunds partly, then the rest, and never more than was paid', async () => {
    const payment = (await pay({ amount: 150000, card: card(CAPTURED) })).json();
    const partKey = randomUUID();
    const part = await refund(payment.id, { amount: 40000 }, partKey);
    assert.equal(part.statusCode, 201);
    assert.deepEqual(Object.keys(part.json()).sort(), ['amount', 'createdAt', 'id', 'paymentId']);
    assert.equal(part.json().paymentId, payment.id);
    assert.equal(part.json().amount, 40000);
    assert.equal((await call({ method: 'GET', url: `/payments/${payment.id}` })).json().refundedAmount, 40000);

    const replayed = await refund(payment.id, { amount: 40000 }, partKey);
    assert.equal(replayed.headers['idempotent-replayed'], 'true');
    assert.deepEqual(replayed.json(), part.json());

    const over = await refund(payment.id, { amount: 110001 });
    assert.equal(over.statusCode, 409);
    assert.equal(over.json().code, 'REFUND_EXCEEDS_PAYMENT');

    const rest = await refund(payment.id);
    assert.equal(rest.statusCode, 201);
    assert.equal(rest.json().amount, 110000, 'by default everything not yet refunded');
    assert.equal((await call({ method: 'GET', url: `/payments/${payment.id}` })).json().refundedAmount, 150000);
    const nothingLeft = await refund(payment.id, { amount: 1 });
    assert.equal(nothingLeft.statusCode, 409);
    assert.equal(nothingLeft.json().code, 'REFUND_EXCEEDS_PAYMENT');
    const { rows } = await sql.query('select sum(amount)::int as total, count(*)::int as n from refunds where payment_id = $1', [payment.id]);
    assert.deepEqual(rows[0], { total: 150000, n: 2 });
  });

  it('refuses refunds of failed or unknown payments and invalid refund requests', async () => {
    const failed = (await pay({ amount: 5000, card: card(DECLINED) })).json();
    const notCaptured = await refund(failed.paymentId);
    assert.equal(notCaptured.statusCode, 409);
    assert.equal(notCaptured.json().code, 'PAYMENT_NOT_CAPTURED');
    const unknown = await refund(randomUUID(), { amount: 10 });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'PAYMENT_NOT_FOUND');

    const payment = (await pay({ amount: 5000, card: card(CAPTURED) })).json();
    const zero = await refund(payment.id, { amount: 0 });
    assert.equal(zero.statusCode, 400);
    assert.equal(zero.json().errors[0].path, '/body/amount');
    const noKey = await call({ method: 'POST', url: `/payments/${payment.id}/refunds`, payload: {} });
    assert.equal(noKey.statusCode, 400);
    assert.equal(noKey.json().errors[0].path, '/headers/idempotency-key');
  });

  it('never refunds more than the amount under concurrent refunds', async () => {
    const payment = (await pay({ amount: 100000, card: card(CAPTURED) })).json();
    const responses = await Promise.all(Array.from({ length: 20 }, () => refund(payment.id, { amount: 10000 })));
    const statuses = responses.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 201).length, 10, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 409).length, 10, statuses.join(','));
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      assert.equal(response.json().code, 'REFUND_EXCEEDS_PAYMENT');
    }
    const { rows } = await sql.query(
      `select p.refunded_amount, (select sum(amount)::int from refunds r where r.payment_id = p.id) as total
       from payments p where p.id = $1`,
      [payment.id],
    );
    assert.deepEqual(rows[0], { refunded_amount: 100000, total: 100000 });
  });

  it('finds the payments of a reference, oldest first', async () => {
    const reference = uniqueReference('lookup');
    const declined = (await pay({ amount: 8000, card: card(INSUFFICIENT), reference })).json();
    const captured = (await pay({ amount: 8000, card: card(CAPTURED), reference })).json();
    const found = await call({ method: 'GET', url: `/payments?reference=${encodeURIComponent(reference)}` });
    assert.equal(found.statusCode, 200);
    assert.deepEqual(found.json().items.map((p: { id: string; status: string }) => [p.id, p.status]), [
      [declined.paymentId, 'failed'],
      [captured.id, 'captured'],
    ]);
    const none = await call({ method: 'GET', url: `/payments?reference=${uniqueReference('none')}` });
    assert.deepEqual(none.json(), { items: [] });
    const missing = await call({ method: 'GET', url: '/payments' });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().errors[0].path, '/querystring/reference');
  });

  it('injects latency and failures at run time, without charging or consuming keys', async () => {
    try {
      const initial = await call({ method: 'GET', url: '/_faults' });
      assert.deepEqual(initial.json(), { latencyMs: 0, failureRate: 0 });
      const slow = await setFaults({ latencyMs: 300 });
      assert.equal(slow.statusCode, 200);
      assert.deepEqual(slow.json(), { latencyMs: 300, failureRate: 0 });
      const started = performance.now();
      const delayed = await call({ method: 'GET', url: `/payments?reference=${uniqueReference('slow')}` });
      assert.equal(delayed.statusCode, 200);
      assert.ok(performance.now() - started >= 290, 'the request waited the injected latency');
      const probeStarted = performance.now();
      await call({ method: 'GET', url: '/healthz' }, null);
      assert.ok(performance.now() - probeStarted < 290, 'probes are not delayed');

      assert.deepEqual((await setFaults({ latencyMs: 0, failureRate: 1 })).json(), { latencyMs: 0, failureRate: 1 });
      const reference = uniqueReference('unavailable');
      const key = randomUUID();
      const body = { amount: 9000, card: card(CAPTURED), reference };
      const failed = await pay(body, key);
      assert.equal(failed.statusCode, 503);
      assert.equal(failed.json().code, 'PAYMENTS_UNAVAILABLE');
      assert.equal((await paymentsWith(reference)).length, 0, 'nothing was charged');
      assert.equal((await sql.query('select 1 from idempotency_keys where key = $1', [key])).rowCount, 0);

      const invalid = await setFaults({ failureRate: 2, latencyMs: -1 });
      assert.equal(invalid.statusCode, 400);
      assert.equal((await setFaults({ failureRate: 0 })).statusCode, 200);
      const retried = await pay(body, key);
      assert.equal(retried.statusCode, 201, 'the key was not consumed by the injected failure');
      assert.equal((await paymentsWith(reference)).length, 1);
    } finally {
      await setFaults({ latencyMs: 0, failureRate: 0 });
    }
  });

  it('never logs a full card number', async () => {
    const port = await freePortRange(1);
    const child = spawn(process.execPath, [join(REPO_ROOT, 'services/payments/dist/server.js')], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        PAYMENTS_API_KEYS: API_KEY,
        LOG_LEVEL: 'trace',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const base = `http://127.0.0.1:${port}`;
      await eventually(async () => (await get(`${base}/healthz`)).status === 200, 20_000, 'the payments server');
      for (const number of [CAPTURED, DECLINED, '4242424242424241']) {
        const response = await fetch(`${base}/payments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${API_KEY}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
          body: JSON.stringify({ amount: 1000, card: card(number) }),
        });
        assert.ok([201, 400, 402].includes(response.status), String(response.status));
      }
      assert.match(output, /"service":"payments"/, 'the server logged');
      assert.match(output, /\/payments/, 'requests were logged');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    for (const secret of [CAPTURED, DECLINED, '4242424242424241', API_KEY]) {
      assert.equal(output.includes(secret), false, `the log holds ${secret.slice(0, 4)}…`);
    }
  });

  it('stores no full card number anywhere in its schema', async () => {
    const { rows: tables } = await sql.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'payments' and table_type = 'BASE TABLE'`,
    );
    assert.ok(tables.length >= 4);
    let dump = '';
    for (const { table_name } of tables) {
      const { rows } = await sql.query(`select t::text as line from payments.${pg.escapeIdentifier(table_name)} t`);
      dump += rows.map((r) => r.line).join('\n');
    }
    assert.ok(dump.includes('4242'), 'the dump holds the payments');
    for (const number of ALL_NUMBERS) {
      assert.equal(dump.includes(number), false, `the number ending ${number.slice(-4)} is stored`);
      const hash = createHash('sha256').update(number).digest('hex');
      assert.equal(dump.includes(hash), false, 'nor a plain hash of it');
    }
    assert.equal(dump.includes(API_KEY), false, 'API keys are stored as hashes only');
  });
});
