/**
 * R10, R27, R34, R35 through the gateway of the real platform: a deleted performance leaves the
 * catalog, and another performance deployed under its slug is listed as itself, while the buyer
 * of the first keeps their ticket as sold, marked as no longer admitting to anything.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signUpAndLogIn, type Session } from './support/accounts.js';
import { pay } from './support/buying.js';
import { builtinTemplates, deployRunning, uniqueSlug } from './support/deployments.js';
import { eventually, get, post, request } from './support/http.js';
import { applyPerformance, FUTURE } from './support/performance.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

const SECTIONS = [{ name: 'A', grade: 'R', price: 50_000, rows: 2, seatsPerRow: 5 }];

interface Listed { slug: string; title: string; venue: string; startsAt: string; lowestPrice: number | null; url: string }
interface Ticket { id: string; slug: string; title: string; venue: string; startsAt: string; code: string; performanceRemoved: boolean }

describe('a performance deleted, and its slug deployed again', () => {
  let platform: RunningPlatform;
  let owner: Session;
  let buyer: Session;
  let standard: string;

  before(async () => {
    platform = await startPlatform({ env: { DEPLOYER_READY_TIMEOUT_MS: '15000' } });
    [owner, buyer] = await Promise.all([signUpAndLogIn(platform.gateway, 'seller'), signUpAndLogIn(platform.gateway, 'buyer')]);
    standard = (await builtinTemplates(platform.gateway, owner.accessToken)).standard!;
  });
  after(async () => {
    await platform?.dispose();
  });

  const listing = async (slug: string) =>
    (await get<Listed[]>(`${platform.gateway}/catalog/events?limit=100`)).body.find((p) => p.slug === slug);
  const myTickets = async () => (await get<Ticket[]>(`${platform.gateway}/catalog/me/tickets`, buyer.accessToken)).body;

  it('leaves the listing when deleted, lists the new show in its place, and keeps the old ticket as sold', async () => {
    const slug = uniqueSlug('tmpshow');
    const base = `${platform.gateway}/e/${slug}`;
    const first = await deployRunning(platform.gateway, owner.accessToken, standard, { slug });
    const oldStart = FUTURE(20);
    await applyPerformance(platform, slug, owner.accessToken, SECTIONS, { title: 'Temp Show', venue: 'Old Hall', startsAt: oldStart, endsAt: FUTURE(20.1) });
    const hold = await post(`${base}/buyticket/holds`, { seatIds: ['A-1-1'] }, buyer.accessToken);
    assert.equal(hold.status, 201, hold.text);
    assert.equal((await pay(base, buyer.accessToken, hold.body.holdId)).status, 201);
    const [sold] = await eventually(async () => {
      const tickets = (await myTickets()).filter((t) => t.slug === slug);
      return tickets.length === 1 ? tickets : undefined;
    }, 20_000, 'the ticket in the catalog');
    assert.equal(sold!.performanceRemoved, false);
    await eventually(async () => (await listing(slug))?.title === 'Temp Show', 20_000, 'the catalog to list the show');

    const deleted = await request('DELETE', `${platform.gateway}/deploy/deployments/${first.id}?force=true`, { token: owner.accessToken });
    assert.equal(deleted.status, 202, deleted.text);
    await eventually(async () => (await listing(slug)) === undefined, 20_000, 'the deleted show to leave the listing');
    assert.deepEqual((await get<Listed[]>(`${platform.gateway}/catalog/events?q=temp`)).body.filter((p) => p.slug === slug), []);
    const kept = (await myTickets()).find((t) => t.id === sold!.id);
    assert.equal(kept?.title, 'Temp Show', 'the buyer paid: the ticket stays in their history');
    assert.equal(kept?.performanceRemoved, true);

    await eventually(async () => (await get(`${platform.gateway}/deploy/deployments/${first.id}`, owner.accessToken)).status === 404, 30_000, 'the delete to finish');
    await deployRunning(platform.gateway, owner.accessToken, standard, { slug });
    const newStart = FUTURE(40);
    await applyPerformance(platform, slug, owner.accessToken, [{ ...SECTIONS[0]!, price: 70_000 }], {
      title: 'Brand New Show', venue: 'New Arena', startsAt: newStart, endsAt: FUTURE(40.1),
    });
    const shown = await eventually(async () => {
      const found = await listing(slug);
      return found?.title === 'Brand New Show' ? found : undefined;
    }, 20_000, 'the new show to be listed');
    assert.equal(shown.venue, 'New Arena');
    assert.equal(shown.startsAt, new Date(newStart).toISOString());
    assert.equal(shown.lowestPrice, 70_000);
    assert.ok((await get<Listed[]>(`${platform.gateway}/catalog/events?q=brand`)).body.some((p) => p.slug === slug));

    const old = (await myTickets()).find((t) => t.id === sold!.id);
    assert.equal(old?.title, 'Temp Show');
    assert.equal(old?.venue, 'Old Hall');
    assert.equal(old?.startsAt, new Date(oldStart).toISOString());
    assert.equal(old?.performanceRemoved, true);
    const orders = (await get<Array<{ slug: string; title: string; performanceRemoved: boolean }>>(`${platform.gateway}/catalog/me/orders`, buyer.accessToken)).body;
    assert.deepEqual(orders.filter((o) => o.slug === slug).map((o) => [o.title, o.performanceRemoved]), [['Temp Show', true]]);
  });
});
