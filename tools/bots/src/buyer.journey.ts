import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import type { BuyerContext } from './buyer.context.js';
import { holdSeats, type Hold } from './buyer.holding.js';
import type { BuyerPlan } from './buyer.plan.js';
import type { HttpResult } from './http.client.js';

export const GOOD_CARD = { number: '4242424242424242', expiry: '12/39', cvc: '123' };
export const DECLINING_CARD = { number: '4000000000000002', expiry: '12/39', cvc: '123' };

/** A payment whose answer never came (or came as 5xx) is retried with the same key, as a client should. */
const PAY_RETRIES = 2;
const PAY_RETRY_DELAY_MS = 200;

type Order = { order: { id: string }; tickets: Array<{ id: string; seatId: string }> };

const unsure = (r: HttpResult) =>
  r.status === 0 || r.status >= 500 || (r.status === 409 && (r.body as { code?: string } | undefined)?.code === 'REQUEST_IN_PROGRESS');

async function pay(ctx: BuyerContext, token: string, hold: Hold, card: typeof GOOD_CARD, key: string, step: 'pay' | 'replay') {
  let result: HttpResult;
  for (let attempt = 0; ; attempt++) {
    result = await ctx.http.send('POST', `${ctx.target}/buyticket/orders`, {
      token,
      body: { holdId: hold.holdId, card },
      headers: { 'idempotency-key': key },
    });
    ctx.recorder.record(step, result.status, result.ms, result.error);
    if (!unsure(result) || attempt >= PAY_RETRIES) return result;
    await sleep(PAY_RETRY_DELAY_MS * (attempt + 1));
  }
}

async function release(ctx: BuyerContext, token: string, hold: Hold): Promise<boolean> {
  const result = await ctx.http.send('DELETE', `${ctx.target}/buyticket/holds/${hold.holdId}`, { token });
  ctx.recorder.record('release', result.status, result.ms, result.error);
  if (result.status !== 204) {
    ctx.recorder.anomaly('release-failed', `hold ${hold.holdId}: ${result.status}`);
    return false;
  }
  for (const id of hold.seatIds) ctx.board.add(id);
  return true;
}

/** Pays with the good card (and maybe replays the request); the order, or null. */
async function purchase(ctx: BuyerContext, token: string, hold: Hold, replay: boolean): Promise<Order | null> {
  const key = randomUUID();
  const first = await pay(ctx, token, hold, GOOD_CARD, key, 'pay');
  if (first.status !== 201) {
    ctx.recorder.anomaly('pay-failed', `${first.status} ${JSON.stringify(first.body ?? first.error).slice(0, 200)}`);
    return null;
  }
  const order = first.body as Order;
  ctx.ledger.add(order.tickets);
  if (replay) {
    const again = await pay(ctx, token, hold, GOOD_CARD, key, 'replay');
    if (again.status !== first.status || !isDeepStrictEqual(again.body, first.body)) {
      ctx.recorder.anomaly('replay-differs', `order ${order.order.id}: ${again.status} ${JSON.stringify(again.body).slice(0, 200)}`);
    }
  }
  return order;
}

async function refundOne(ctx: BuyerContext, token: string, order: Order): Promise<boolean> {
  const ticket = order.tickets[0]!;
  const result = await ctx.http.send('POST', `${ctx.target}/ticket/tickets/${ticket.id}/refund`, { token });
  ctx.recorder.record('refund', result.status, result.ms, result.error);
  if (result.status !== 200) {
    ctx.recorder.anomaly('refund-failed', `ticket ${ticket.id}: ${result.status}`);
    return false;
  }
  ctx.ledger.refund(ticket.id);
  ctx.board.add(ticket.seatId);
  return true;
}

async function decline(ctx: BuyerContext, token: string, hold: Hold): Promise<boolean> {
  const result = await pay(ctx, token, hold, DECLINING_CARD, randomUUID(), 'pay');
  if (result.status === 201) ctx.ledger.add((result.body as Order).tickets);
  if (result.status !== 402) {
    ctx.recorder.anomaly('decline-not-402', `${result.status} ${JSON.stringify(result.body ?? result.error).slice(0, 200)}`);
    return false;
  }
  return release(ctx, token, hold);
}

/** One simulated buyer from token to outcome; every request is recorded on the way. */
export async function runBuyer(ctx: BuyerContext, plan: BuyerPlan): Promise<void> {
  const { recorder } = ctx;
  const token = await ctx.token();
  if (!token) return recorder.outcome('failed');
  const hold = await holdSeats(ctx, plan, token);
  if (hold === 'failed') return recorder.outcome('failed');
  if (hold === null) return recorder.outcome('no-seats');

  switch (plan.behaviour) {
    case 'decline':
      return recorder.outcome((await decline(ctx, token, hold)) ? 'declined-then-released' : 'failed');
    case 'abandon':
      if (!plan.releases) return recorder.outcome('walked-away');
      return recorder.outcome((await release(ctx, token, hold)) ? 'released' : 'failed');
    case 'pay':
    case 'refund': {
      const order = await purchase(ctx, token, hold, plan.replay);
      if (!order) return recorder.outcome('failed');
      if (plan.behaviour === 'pay') return recorder.outcome('purchased');
      return recorder.outcome((await refundOne(ctx, token, order)) ? 'purchased-then-refunded' : 'failed');
    }
  }
}
