/**
 * R23–R26 in a real browser against the real platform: a seller registers a deployed
 * performance with the seat-map builder of the storefront remote, changes it, follows the
 * bookers (and downloads them as CSV) and the sales.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { PASSWORD, signUpAndLogIn, type Session } from './support/accounts.js';
import { launchBrowser, logInInBrowser } from './support/browser.js';
import { pay } from './support/buying.js';
import { builtinTemplates, deployRunning, uniqueSlug } from './support/deployments.js';
import { eventually, get, post, request } from './support/http.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

/** A datetime-local value `days` from now, in this machine's time zone (the browser's too). */
function localInput(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

interface SeatView {
  id: string;
  section: string;
  row: string;
  grade: string;
  price: number;
}

describe('seller pages in a browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let seller: Session;
  let slug: string;
  let page: Page;

  before(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    seller = await signUpAndLogIn(platform.gateway, 'seller');
    const templates = await builtinTemplates(platform.gateway, seller.accessToken);
    slug = uniqueSlug('seller');
    await deployRunning(platform.gateway, seller.accessToken, templates.standard!, { slug });
    page = await logInInBrowser(browser, platform.gateway, seller.email, PASSWORD);
  });
  after(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const api = (path: string, token?: string) => get(`${platform.gateway}/e/${slug}${path}`, token);
  const group = (name: string, within: Page | Locator = page) => within.getByRole('group', { name, exact: true });
  const sectionNav = () => page.getByRole('navigation', { name: 'Performance management' });
  /** The builder's section names, in its order. */
  const builderSections = async () =>
    Promise.all((await page.getByRole('group', { name: /^Section \d+$/ }).all()).map((section) => section.getByLabel('Section name').inputValue()));

  it('refuses a negative price in the page, then registers a 210-seat map built in the builder, its sections in the builder’s order', async () => {
    await page.goto(`${platform.gateway}/console/shows/${slug}`);
    await page.getByRole('heading', { name: 'Register the performance' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), slug, 'the slug until there is a title');
    assert.equal(await sectionNav().getByRole('link', { name: 'Setup' }).getAttribute('aria-current'), 'page');
    assert.equal(await page.getByRole('link', { name: 'All my deployments' }).getAttribute('href'), '/console');

    const vip = group('Grade 1');
    await vip.getByLabel('Name', { exact: true }).fill('VIP');
    await vip.getByLabel('Price (₩)').fill('0');
    const sectionA = group('Section 1');
    await sectionA.getByLabel('Section name').fill('A');
    const rowsA = group('Rows 1', sectionA);
    await rowsA.getByLabel('Number of rows').fill('5');
    await rowsA.getByLabel('Seats per row').fill('20');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('A price must be more than 0.').waitFor();
    await page.getByRole('alert').filter({ hasText: /Nothing was sent: fix the \d+ marked fields/ }).waitFor();
    assert.equal(await vip.getByLabel('Price (₩)').getAttribute('aria-invalid'), 'true');
    assert.equal((await api('/event')).status, 404, 'nothing was sent');

    // A start already past would open a sale that is over: the page says so before sending.
    await page.getByLabel('Starts', { exact: true }).fill(localInput(-1));
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('Must be in the future.').waitFor();
    assert.equal(await page.getByLabel('Starts', { exact: true }).getAttribute('aria-invalid'), 'true');

    const startsAt = localInput(30);
    await page.getByLabel('Title', { exact: true }).fill('Builder Gala');
    await page.getByLabel('Venue', { exact: true }).fill('Seoul Arts Center');
    await page.getByLabel('Starts', { exact: true }).fill(startsAt);
    await page.getByLabel('Ends', { exact: true }).fill(localInput(30.125));
    await page.getByLabel('Sale opens', { exact: true }).fill(localInput(-1));
    await page.getByLabel('Performers', { exact: true }).fill('Orchestra\nSoloist');
    await page.getByLabel('Description', { exact: true }).fill('An evening of music');

    await vip.getByLabel('Price (₩)').fill('150000');
    await page.getByRole('button', { name: 'Add a grade' }).click();
    const r = group('Grade 2');
    await r.getByLabel('Name', { exact: true }).fill('R');
    await r.getByLabel('Price (₩)').fill('90000');

    // Section B: letter-labelled rows in two groups, which the page sends as an explicit seat list.
    await page.getByRole('button', { name: 'Add a section' }).click();
    const sectionB = group('Section 2');
    await sectionB.getByLabel('Section name').fill('B');
    const front = group('Rows 1', sectionB);
    await front.getByLabel('Rows by').selectOption('range');
    await front.getByLabel('First row').fill('A');
    await front.getByLabel('Last row').fill('C');
    await front.getByLabel('Seats per row').fill('20');
    await front.getByLabel('Grade', { exact: true }).selectOption({ label: 'R' });
    await sectionB.getByRole('button', { name: /^Add rows/ }).click();
    const back = group('Rows 2', sectionB);
    await back.getByLabel('Rows by').selectOption('range');
    await back.getByLabel('First row').fill('D');
    await back.getByLabel('Last row').fill('E');
    await back.getByLabel('Seats per row').fill('20');
    // Section AA, added last: the map keeps the builder's order, not the names' (A, AA, B).
    await page.getByRole('button', { name: 'Add a section' }).click();
    const sectionAA = group('Section 3');
    await sectionAA.getByLabel('Section name').fill('AA');
    const rowsAA = group('Rows 1', sectionAA);
    await rowsAA.getByLabel('Number of rows').fill('1');
    await rowsAA.getByLabel('Seats per row').fill('10');
    await rowsAA.getByLabel('Grade', { exact: true }).selectOption({ label: 'R' });
    await page.getByText('210 seats in total, ₩24,900,000 at full sale.').waitFor();

    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText('The performance is registered and on the storefront.').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Change the performance' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Builder Gala');

    const seats = (await api('/seats')).body.seats as SeatView[];
    assert.equal(seats.length, 210);
    const byGrade = (grade: string) => seats.filter((seat) => seat.grade === grade);
    assert.equal(byGrade('VIP').length, 100);
    assert.equal(byGrade('R').length, 110);
    assert.ok(byGrade('VIP').every((seat) => seat.section === 'A' && seat.price === 150_000));
    assert.ok(byGrade('R').every((seat) => ['B', 'AA'].includes(seat.section) && seat.price === 90_000));
    for (const id of ['A-1-1', 'A-5-20', 'B-A-1', 'B-E-20', 'AA-1-10']) assert.ok(seats.some((seat) => seat.id === id), id);
    assert.deepEqual([...new Set(seats.map((seat) => seat.section))], ['A', 'B', 'AA'], 'the seats in the builder\'s order of sections');
    assert.deepEqual((await api('/seats/sections')).body.sections.map((section: { name: string }) => section.name), ['A', 'B', 'AA']);

    const event = (await api('/event')).body;
    assert.equal(event.venue, 'Seoul Arts Center');
    assert.deepEqual(event.performers, ['Orchestra', 'Soloist']);
    assert.equal(event.startsAt, new Date(startsAt).toISOString(), 'local time converted to an instant');
    await eventually(async () => {
      const listed = await get(`${platform.gateway}/catalog/events?q=Builder`);
      return listed.body.some((entry: { slug: string }) => entry.slug === slug);
    }, 30_000, 'the catalog to list the show');
  });

  it('changes the title without touching the seat map or the times, to the second', async () => {
    // A start set elsewhere to the second: the page shows minutes, and must not send them back.
    const registered = (await api('/event')).body;
    const startsAt = new Date(Date.parse(registered.startsAt) + 37_000).toISOString();
    const moved = await request('PUT', `${platform.gateway}/e/${slug}/modify`, { token: seller.accessToken, body: { startsAt } });
    assert.equal(moved.status, 200, moved.text);
    await page.reload();
    await page.getByLabel('Title', { exact: true }).fill('Builder Gala Night');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes are saved.').waitFor({ timeout: 30_000 });
    const event = (await api('/event')).body;
    assert.equal(event.title, 'Builder Gala Night');
    assert.equal(event.startsAt, startsAt);
    assert.equal(event.totalSeats, 210);
    await page.getByRole('heading', { level: 1, name: 'Builder Gala Night' }).waitFor();
  });

  it('lists a buyer among the bookers and downloads them as a CSV file', async () => {
    const buyer = await signUpAndLogIn(platform.gateway, 'buyer');
    const hold = await post(`${platform.gateway}/e/${slug}/buyticket/holds`, { seatIds: ['A-1-1', 'A-1-2'] }, buyer.accessToken);
    assert.equal(hold.status, 201, hold.text);
    const order = await pay(`${platform.gateway}/e/${slug}`, buyer.accessToken, hold.body.holdId);
    assert.equal(order.status, 201, order.text);

    await sectionNav().getByRole('link', { name: 'Bookers' }).click();
    await page.waitForURL(`${platform.gateway}/console/shows/${slug}/bookers`);
    assert.equal(await sectionNav().getByRole('link', { name: 'Bookers' }).getAttribute('aria-current'), 'page');
    const table = page.getByRole('table', { name: 'Orders with their buyer and seats' });
    const row = table.getByRole('row').filter({ hasText: buyer.email });
    await row.waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /A-1-1, A-1-2/);
    assert.match(await row.innerText(), /₩300,000/);

    await page.getByLabel('Filter by name, email, seat or order').fill('nobody-at-all');
    await page.getByText('0 of 1 orders match.').waitFor();
    await page.getByLabel('Filter by name, email, seat or order').fill('A-1-2');
    await row.waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `${slug}-bookers.csv`);
    const bytes = await readFile((await download.path())!);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark, so a spreadsheet reads Korean names right');
    const csv = bytes.toString('utf8');
    assert.match(csv, /^\uFEFForderId,buyerId,buyerEmail/);
    assert.ok(csv.includes(buyer.email), csv);
    assert.ok(csv.includes('"A-1-1 A-1-2"'), csv);
  });

  it('keeps each booker\'s name, email and date on one line on a phone, the table scrolling in its box, in both languages', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await logInInBrowser(phone, platform.gateway, seller.email, PASSWORD);
    await small.goto(`${platform.gateway}/console/shows/${slug}/bookers`);
    for (const [lang, caption] of [['en', 'Orders with their buyer and seats'], ['ko', /.+/]] as const) {
      if (lang === 'ko') await small.getByRole('button', { name: '한국어' }).click();
      const table = small.getByRole('table', { name: caption });
      await table.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
      const layout = await table.evaluate((element) => {
        /** How many lines a cell's text takes. */
        const lines = (node: Element) => {
          const range = document.createRange();
          range.selectNodeContents(node);
          return new Set(Array.from(range.getClientRects()).filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
        };
        const body = element.querySelector('tbody tr')!;
        const box = element.parentElement!;
        return {
          name: lines(body.querySelector('.tk-seller-name')!),
          email: lines(body.querySelector('.tk-seller-email')!),
          paid: lines(body.querySelector('time')!),
          headers: Array.from(element.querySelectorAll('thead th')).map(lines),
          boxRight: box.getBoundingClientRect().right,
          scrolls: box.scrollWidth > box.clientWidth,
          pageFits: document.documentElement.scrollWidth <= window.innerWidth,
        };
      });
      assert.deepEqual({ name: layout.name, email: layout.email, paid: layout.paid }, { name: 1, email: 1, paid: 1 }, `${lang}: one line each`);
      assert.ok(layout.headers.every((count) => count === 1), `${lang}: headers on one line: ${layout.headers}`);
      assert.ok(layout.boxRight <= 390, `${lang}: the table's box ends within the screen (${layout.boxRight})`);
      assert.ok(layout.scrolls, `${lang}: the table scrolls sideways in its box`);
      assert.ok(layout.pageFits, `${lang}: the page itself does not scroll sideways`);
      const paid = table.locator('tbody time').first();
      await paid.scrollIntoViewIfNeeded();
      const box = (await paid.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= 390, `${lang}: the paid date can be scrolled into view (${box.x}+${box.width})`);
    }
    await phone.close();
  });

  it('saves a new price for a grade with sold seats, and explains why renaming that grade is refused', async () => {
    await sectionNav().getByRole('link', { name: 'Setup' }).click();
    await page.waitForURL(`${platform.gateway}/console/shows/${slug}`);
    const grades = page.getByRole('group', { name: /^Grade \d+$/ });
    assert.equal(await grades.count(), 2, 'the grades of the registered map');
    let vip: Locator | undefined;
    for (const grade of await grades.all()) {
      if ((await grade.getByLabel('Name', { exact: true }).inputValue()) === 'VIP') vip = grade;
    }
    assert.ok(vip, 'the VIP grade is loaded');
    assert.deepEqual(await builderSections(), ['A', 'B', 'AA'], 'the sections of the registered map, in its order');
    const vipPrice = vip.getByLabel('Price (₩)');
    assert.equal(await vipPrice.inputValue(), '150000');
    await vipPrice.fill('160000');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes are saved.').waitFor({ timeout: 30_000 });
    let seats = (await api('/seats')).body.seats as SeatView[];
    assert.equal(seats.find((seat) => seat.id === 'A-1-1')?.price, 160_000, 'the sold seat takes the new price');
    assert.equal(seats.find((seat) => seat.id === 'A-3-3')?.price, 160_000);

    await vip.getByLabel('Name', { exact: true }).fill('Gold');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'would remove seats that are already sold or held, or move them to another grade' });
    await refusal.waitFor({ timeout: 30_000 });
    const said = await refusal.innerText();
    assert.match(said, /another grade: A-1-1, A-1-2\./, 'the seats are named');
    assert.equal(said.match(/would remove seats/g)?.length, 1, `said once: ${said}`);
    assert.equal(await refusal.evaluate((element) => element === document.activeElement), true, 'focus moves to the refusal');
    assert.equal(await refusal.getAttribute('tabindex'), '-1');
    seats = (await api('/seats')).body.seats as SeatView[];
    assert.equal(seats.find((seat) => seat.id === 'A-1-1')?.grade, 'VIP');
    assert.equal(seats.find((seat) => seat.id === 'A-3-3')?.grade, 'VIP', 'nothing was changed');
  });

  it('moves a section up with its button or the keyboard, focus staying with it, and saves the new order for buyers', async () => {
    await page.reload(); // the registered map again, without the refused grade name
    await page.getByRole('heading', { name: 'Change the performance' }).waitFor();
    assert.deepEqual(await builderSections(), ['A', 'B', 'AA']);
    assert.equal(await group('Section 3').getByRole('button', { name: /^Move down/ }).count(), 0, 'the last section cannot move down');
    assert.equal(await group('Section 1').getByRole('button', { name: /^Move up/ }).count(), 0, 'the first section cannot move up');

    await group('Section 3').getByRole('button', { name: 'Move up AA' }).click();
    assert.deepEqual(await builderSections(), ['A', 'AA', 'B']);
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    assert.equal(await focused(), 'Move up AA', 'focus stays on the button, with the section');
    await page.keyboard.press('Enter');
    assert.deepEqual(await builderSections(), ['AA', 'A', 'B']);
    assert.equal(await focused(), 'Move down AA', 'at the top, focus goes to the button left');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Your changes are saved.').waitFor({ timeout: 30_000 });
    assert.deepEqual((await api('/seats/sections')).body.sections.map((section: { name: string }) => section.name), ['AA', 'A', 'B']);
    const sold = ((await api('/seats?state=sold')).body.seats as SeatView[]).map((seat) => seat.id);
    assert.deepEqual(sold, ['A-1-1', 'A-1-2'], 'the sold seats moved with their section');
  });

  it('says so, instead of showing a form, where nothing is deployed or the performance is another seller\'s', async () => {
    const missing = uniqueSlug('nowhere');
    await page.goto(`${platform.gateway}/console/shows/${missing}`);
    await page.getByRole('alert').filter({ hasText: `No performance is deployed at /e/${missing}/.` }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Register' }).count(), 0);

    const stranger = await signUpAndLogIn(platform.gateway, 'seller');
    const theirs = await logInInBrowser(browser, platform.gateway, stranger.email, PASSWORD);
    await theirs.goto(`${platform.gateway}/console/shows/${slug}`);
    await theirs.getByRole('alert').filter({ hasText: 'This performance is not yours' }).waitFor();
    assert.equal(await theirs.getByRole('button', { name: 'Save' }).count(), 0, 'no form to fill in for nothing');
    await theirs.close();

    await page.goto(`${platform.gateway}/console/shows/${slug}`);
    await page.getByRole('button', { name: 'Save' }).waitFor();
  });

  it('shows two seats sold and the revenue in won', async () => {
    await sectionNav().getByRole('link', { name: 'Sales' }).click();
    await page.waitForURL(`${platform.gateway}/console/shows/${slug}/sales`);
    const byGrade = page.getByRole('table', { name: 'Seats and revenue by grade' });
    const vip = byGrade.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'VIP' }) });
    await vip.waitFor({ timeout: 30_000 });
    const cells = await vip.getByRole('cell').allInnerTexts();
    assert.deepEqual(cells.slice(0, 5), ['2', '0', '98', '100', '₩300,000']);
    const totals = page.locator('dl.tk-seller-totals');
    assert.match(await totals.innerText(), /Sold\s+2\b/);
    assert.match(await totals.innerText(), /Revenue\s+₩300,000/);
    const days = page.getByRole('table', { name: /per day/ });
    assert.match(await days.getByRole('row').last().innerText(), /\b2\b[\s\S]*₩300,000/);

    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText(/Updated at/).waitFor();
  });

  describe('the storefront seat map of the show', () => {
    const seat = (on: Page, id: string) => on.locator(`button[aria-label^="${id} "]`);
    const focusedSeat = (on: Page) => on.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.seat ?? null);

    it('is one tab stop per section, with arrow keys, Home and End between seats that can be chosen', async () => {
      const shop = await browser.newPage();
      await shop.goto(`${platform.gateway}/shows/${slug}`);
      await seat(shop, 'A-1-3').waitFor();
      assert.equal(await shop.locator('button[data-seat^="A-"][tabindex="0"]').count(), 1, 'one stop in section A');
      assert.equal(await shop.locator('button[data-seat^="B-"][tabindex="0"]').count(), 1, 'one stop in section B');
      assert.equal(await seat(shop, 'A-1-3').getAttribute('tabindex'), '0', 'the first seat that can be chosen (A-1-1 and A-1-2 are sold)');

      await seat(shop, 'A-1-3').focus();
      const press = async (key: string, expected: string) => {
        await shop.keyboard.press(key);
        assert.equal(await focusedSeat(shop), expected, `${key} → ${expected}`);
      };
      await press('ArrowRight', 'A-1-4');
      await press('ArrowDown', 'A-2-4');
      await press('End', 'A-2-20');
      await press('ArrowRight', 'A-2-20');
      await press('Home', 'A-2-1');
      await press('ArrowUp', 'A-1-3');
      await press('ArrowDown', 'A-2-3');
      assert.equal(await seat(shop, 'A-2-3').getAttribute('tabindex'), '0', 'the stop follows focus');
      assert.equal(await seat(shop, 'A-1-3').getAttribute('tabindex'), '-1');
      await shop.keyboard.press('Tab');
      assert.equal(await focusedSeat(shop), 'B-A-1', 'Tab leaves the section for the next one');
      await shop.close();
    });

    it('announces the hold countdown in minutes, not every second', async () => {
      const buyer = await signUpAndLogIn(platform.gateway, 'buyer');
      const shop = await logInInBrowser(browser, platform.gateway, buyer.email, PASSWORD);
      await shop.goto(`${platform.gateway}/shows/${slug}`);
      await seat(shop, 'B-E-5').click();
      await shop.getByRole('button', { name: 'Hold seats' }).click();
      await shop.getByRole('heading', { name: 'Checkout' }).waitFor();
      const live = shop.locator('.checkout [aria-live="polite"]');
      assert.equal(await live.count(), 1, 'only the announcement is live, not the ticking timer');
      assert.match(await live.innerText(), /^About \d+ minutes? left to pay\.$/);
      assert.match(await shop.locator('.countdown time').innerText(), /^\d\d:\d\d$/);
      await shop.getByRole('button', { name: 'Release' }).click();
      await shop.close();
    });
  });
});
