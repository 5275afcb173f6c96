/**
 * R36 in a real browser (Debian's Chromium through playwright-core) against the real platform:
 * the shell and its remotes served by the gateway; signing up, logging in and out, the language
 * switch, a duplicated tab's session; the whole sale — a seller signs up, deploys and registers
 * a show in the console, buyers find it, hold, pay, see live seat states, refund; and a remote
 * that fails to load.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, signUpAndLogIn, uniqueEmail, type Session } from './support/accounts.js';
import { launchBrowser, logInInBrowser } from './support/browser.js';
import { deployFromConsole, registerFromBuilder } from './support/console.js';
import { builtinTemplates, deployRunning, uniqueSlug } from './support/deployments.js';
import { eventually, get, post, request } from './support/http.js';
import { applyPerformance } from './support/performance.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

describe('web client in a browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;

  before(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const open = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(`${platform.gateway}${path}`);
    return page;
  };

  it('serves the shell for pages, the packages\' files under /web/, and APIs as before', async () => {
    const page = await fetch(`${platform.gateway}/login`, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /\/web\/shell\//);
    const entry = await fetch(`${platform.gateway}/web/auth/remoteEntry.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(entry.status, 200);
    assert.match(entry.headers.get('content-type') ?? '', /javascript/);
    assert.match(entry.headers.get('content-encoding') ?? '', /^(br|gzip)$/, 'compressed at build time');
    assert.equal(entry.headers.get('cache-control'), 'no-cache', 'an entry file is never stale');
    assert.equal((await get(`${platform.gateway}/web/auth/../../package.json`)).status, 404);
    assert.equal((await get(`${platform.gateway}/web/shell/no-such-file.js`)).body.code, 'ROUTE_NOT_FOUND');
    assert.equal((await get(`${platform.gateway}/nothing-here`)).body.code, 'ROUTE_NOT_FOUND', 'an API client gets a problem, not a page');
    assert.equal((await get(`${platform.gateway}/catalog/events`)).status, 200);
    // A page address with a broken escape is still a page for a browser; an API client gets a problem.
    const broken = await fetch(`${platform.gateway}/shows/%E0%A4%A`, { headers: { accept: 'text/html' } });
    assert.equal(broken.status, 200);
    assert.match(await broken.text(), /\/web\/shell\//);
    assert.equal((await get(`${platform.gateway}/shows/%E0%A4%A`)).body.code, 'BAD_URL');
    const inBrowser = await open('/shows/%E0%A4%A');
    await inBrowser.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
    await inBrowser.close();
  });

  it('signs a buyer up, shows the account, logs out, in Korean and in English', async () => {
    const page = await open('/');
    await page.waitForSelector('header');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko', 'Korean first');
    // A refusal reads in the page's language, not in the server's English.
    await page.goto(`${platform.gateway}/login`);
    await page.getByLabel('이메일').fill(uniqueEmail('nobody'));
    await page.getByLabel('비밀번호').fill('not-the-password');
    await page.getByRole('main').getByRole('button', { name: '로그인' }).click();
    const refused = await page.getByRole('alert').filter({ hasText: '이메일 또는 비밀번호가 맞지 않습니다.' }).innerText();
    assert.doesNotMatch(refused, /[A-Za-z]{4}/, `no English in the Korean refusal: ${refused}`);
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    await page.getByRole('link', { name: 'Sign up' }).first().click();
    await page.getByRole('heading', { name: 'Sign up' }).waitFor();
    const email = uniqueEmail('browser');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Buyer').check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByLabel('Name').fill('Browser Buyer');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${platform.gateway}/`);

    await page.goto(`${platform.gateway}/account`);
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    await page.getByText(email).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in' }).first().waitFor();

    await page.goto(`${platform.gateway}/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${platform.gateway}/`);
    await page.close();
  });

  it('keeps a duplicated tab signed in when both tabs refresh the session at once', async () => {
    const who = await signUpAndLogIn(platform.gateway, 'buyer');
    const context = await browser.newContext();
    const first = await logInInBrowser(context, platform.gateway, who.email, PASSWORD);
    // Make the access token look nearly expired, and copy the tab as the browser's "Duplicate" does.
    const stored = await first.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('clove.session') ?? 'null');
      session.expiresAt = Date.now() + 3_000;
      sessionStorage.setItem('clove.session', JSON.stringify(session));
      return Object.fromEntries(Object.entries(sessionStorage));
    });
    const spent: string = JSON.parse(stored['clove.session']!).refreshToken;
    const second = await context.newPage();
    await second.addInitScript((entries: Record<string, string>) => {
      if (sessionStorage.length === 0) for (const [key, value] of Object.entries(entries)) sessionStorage.setItem(key, value);
    }, stored);
    await Promise.all([first.goto(`${platform.gateway}/account`), second.goto(`${platform.gateway}/account`)]);

    const sessionIn = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('clove.session') ?? 'null'));
    const [one, two] = await eventually(async () => {
      const both = await Promise.all([sessionIn(first), sessionIn(second)]);
      return both.every((session) => session?.refreshToken !== spent) && both;
    }, 20_000, 'both tabs to move on from the spent refresh token');
    assert.ok(one && two, 'neither tab was logged out');
    assert.equal(one.refreshToken, two.refreshToken, 'one rotation, adopted by the other tab');
    assert.equal((await get(`${platform.gateway}/auth/me`, two.accessToken)).status, 200, 'the session was not revoked for reuse');
    await second.getByText(who.email).waitFor();
    await context.close();
  });

  it('renews an access token a service refuses, and ends a session ended elsewhere', async () => {
    const who = await signUpAndLogIn(platform.gateway, 'buyer');
    const page = await logInInBrowser(browser, platform.gateway, who.email, PASSWORD);
    await page.goto(`${platform.gateway}/tickets`);
    await page.getByText('You have no tickets yet.').waitFor();
    const stored = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('clove.session') ?? 'null') as { accessToken: string; refreshToken: string } | null);
    /** Makes the stored access token one the services refuse (a broken signature) while the session lives on. */
    const spoilAccessToken = () => page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('clove.session')!);
      session.accessToken = `${session.accessToken.slice(0, -8)}AAAAAAAA`;
      sessionStorage.setItem('clove.session', JSON.stringify(session));
    });

    // A token the services refuse while the session lives (as after a computer slept past its expiry).
    const before = await stored();
    await spoilAccessToken();
    await page.reload();
    await page.getByText('You have no tickets yet.').waitFor();
    assert.equal(await page.getByText('Your tickets could not be loaded.').count(), 0);
    const renewed = await stored();
    assert.ok(renewed && renewed.refreshToken !== before!.refreshToken, 'the session was renewed');
    // Again at once, on the account page: renewed too, not logged out.
    await spoilAccessToken();
    await page.goto(`${platform.gateway}/account`);
    await eventually(async () => {
      const now = await stored();
      assert.ok(now, 'still signed in');
      return now.refreshToken !== renewed.refreshToken || undefined;
    }, 15_000, 'the session to be renewed again');
    await page.getByText(who.email).first().waitFor();
    const again = (await stored())!;

    // The session is ended elsewhere (logged out on another device): the page asks to log in again.
    await page.goto(`${platform.gateway}/tickets`);
    assert.equal((await post(`${platform.gateway}/auth/logout`, { refreshToken: again.refreshToken }, again.accessToken)).status, 204);
    await eventually(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click({ timeout: 1_000 }).catch(() => undefined);
      return (await page.getByText('Log in with a buyer account to see your tickets.').count()) === 1;
    }, 15_000, 'the page to ask for a log-in');
    assert.equal(await stored(), null, 'the session is forgotten');
    assert.equal(await page.getByText('Your tickets could not be loaded.').count(), 0);
    await page.close();
  });

  describe('the storefront', () => {
    let slug: string;
    let buyer: Session;

    before(async () => {
      buyer = await signUpAndLogIn(platform.gateway, 'buyer');
    });

    it('lets a seller sign up, deploy standard from the console and register a 200-seat show', async () => {
      const page = await open('/signup');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByLabel('Email').fill(uniqueEmail('seller'));
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByLabel('Name').fill('Browser Seller');
      await page.getByLabel('Seller').check();
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForURL(`${platform.gateway}/`);

      slug = uniqueSlug('browser');
      await deployFromConsole(page, slug);
      await page.getByRole('link', { name: 'Set up the performance' }).click();
      await registerFromBuilder(page, { title: 'Browser Gala', venue: 'Seoul Arts Center' }, [
        { name: 'A', grade: 'VIP', price: 150_000, rows: 5, seatsPerRow: 20 },
        { name: 'B', grade: 'R', price: 90_000, rows: 5, seatsPerRow: 20 },
      ]);
      const seats = (await get(`${platform.gateway}/e/${slug}/seats`)).body;
      assert.equal(seats.seats.length, 200);
      assert.deepEqual(seats.remaining, { VIP: 100, R: 100 });
      await eventually(async () => (await get(`${platform.gateway}/catalog/events?q=Browser`)).body.some((e: { slug: string }) => e.slug === slug), 20_000, 'the catalog');
      await page.close();
    });

    /** A page in English, logged in as the buyer. */
    const asBuyer = (who: Session = buyer): Promise<Page> => logInInBrowser(browser, platform.gateway, who.email, PASSWORD);
    const seat = (page: Page, id: string) => page.locator(`button[aria-label^="${id} "]`);

    it('finds the show in the catalog, holds two seats, pays, sees the tickets and refunds one', async () => {
      const page = await asBuyer();
      await page.getByText('Browser Gala').first().click();
      await page.waitForURL(`${platform.gateway}/shows/${slug}`);
      await page.getByRole('heading', { name: 'Seats' }).waitFor();
      await seat(page, 'A-1-1').click();
      await seat(page, 'A-1-2').click();
      assert.equal(await seat(page, 'A-1-1').getAttribute('aria-pressed'), 'true');
      await page.getByRole('button', { name: 'Hold seats' }).click();
      await page.getByRole('heading', { name: 'Checkout' }).waitFor();
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/39');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: 'Pay' }).click();
      await page.getByRole('heading', { name: 'Your tickets are booked' }).waitFor();
      const tickets = await get(`${platform.gateway}/e/${slug}/ticket/tickets`, buyer.accessToken);
      assert.deepEqual(tickets.body.map((t: { seatId: string }) => t.seatId).sort(), ['A-1-1', 'A-1-2']);

      await page.goto(`${platform.gateway}/tickets`);
      await eventually(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return (await page.getByRole('button', { name: 'Refund' }).count()) === 2;
      }, 20_000, 'both tickets listed');
      await page.getByRole('button', { name: 'Refund' }).first().click();
      await page.getByRole('button', { name: 'Yes, refund' }).click();
      await page.getByText('Refunded ₩150,000').waitFor();
      await eventually(async () => /^Refunded ₩150,000/.test(await page.evaluate(() => document.activeElement?.textContent ?? '')), 5_000, 'keyboard focus on what the refund says, not lost to the page');
      const order = page.locator('.order').filter({ hasText: 'Browser Gala' });
      assert.match(await order.innerText(), /Refunded\s+₩150,000[\s\S]*Partly refunded/, 'the order history shows the refund at once, before the catalog hears of it');
      await eventually(async () => {
        const now = await get(`${platform.gateway}/e/${slug}/ticket/tickets`, buyer.accessToken);
        return now.body.filter((t: { state: string }) => t.state === 'refunded').length === 1;
      }, 20_000, 'one ticket refunded');

      // The entry QR code of the ticket kept, also when the services refuse the page's token.
      const qrOf = () => page.getByRole('img', { name: /^Entry QR code for seat A-1-\d, Browser Gala$/ });
      const qrShown = async () => {
        await qrOf().waitFor();
        await eventually(async () => qrOf().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 10_000, 'the QR image to load');
      };
      await page.getByRole('button', { name: 'Show QR' }).click();
      await qrShown();
      await page.getByRole('button', { name: 'Hide QR' }).click();
      // The service gets a token it refuses (as after a computer slept past its expiry).
      let qrRequests = 0;
      await page.route('**/ticket/tickets/*/qr', (route) => {
        const headers = route.request().headers();
        if (qrRequests++ === 0) headers.authorization = `${headers.authorization!.slice(0, -8)}AAAAAAAA`;
        return route.continue({ headers });
      });
      await page.getByRole('button', { name: 'Show QR' }).click();
      await qrShown();
      assert.equal(qrRequests, 2, 'refused once, then asked again with the renewed token');
      assert.equal(await page.getByText('The QR code could not be loaded.').count(), 0);
      await page.close();
    });

    it('turns a seat taken in another browser unavailable without reload', async () => {
      const page = await asBuyer();
      await page.goto(`${platform.gateway}/shows/${slug}`);
      await seat(page, 'B-3-3').waitFor();
      assert.equal(await seat(page, 'B-3-3').isDisabled(), false);
      const other = await signUpAndLogIn(platform.gateway, 'buyer');
      const held = await post(`${platform.gateway}/e/${slug}/buyticket/holds`, { seatIds: ['B-3-3'] }, other.accessToken);
      assert.equal(held.status, 201, held.text);
      await eventually(async () => seat(page, 'B-3-3').isDisabled(), 10_000, 'the seat to turn unavailable');
      await page.close();
    });

    it('shows a seat taken while its live stream was still connecting as taken', async () => {
      const page = await asBuyer();
      const mapReads: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === `/e/${slug}/seats`) mapReads.push(request.url());
      });
      // The stream's request waits here until the seat has been taken.
      let streamRequested!: () => void;
      const streamWaiting = new Promise<void>((resolve) => (streamRequested = resolve));
      let openStream!: () => void;
      const streamMayOpen = new Promise<void>((resolve) => (openStream = resolve));
      await page.route(`**/e/${slug}/seats/stream`, async (route) => {
        streamRequested();
        await streamMayOpen;
        await route.continue();
      });
      await page.goto(`${platform.gateway}/shows/${slug}`);
      await streamWaiting;

      const other = await signUpAndLogIn(platform.gateway, 'buyer');
      const held = await post(`${platform.gateway}/e/${slug}/buyticket/holds`, { seatIds: ['B-3-4'] }, other.accessToken);
      assert.equal(held.status, 201, held.text);
      assert.deepEqual(mapReads, [], 'the map is read only once the stream is open, or a change between the two is missed');
      openStream();

      await seat(page, 'B-3-4').waitFor();
      assert.equal(mapReads.length, 1);
      await eventually(async () => seat(page, 'B-3-4').isDisabled(), 10_000, 'the seat taken before the map was read to show taken');
      await page.close();
    });

    it('shows the seat map when its live stream cannot connect, and says so', async () => {
      const page = await asBuyer();
      await page.route(`**/e/${slug}/seats/stream`, (route) => route.abort());
      await page.goto(`${platform.gateway}/shows/${slug}`);
      await seat(page, 'B-3-5').waitFor();
      assert.equal(await seat(page, 'B-3-5').isDisabled(), false);
      await page.getByText('Live seat updates were interrupted; reconnecting…').waitFor();
      await page.close();
    });

    it('shows a large venue one section at a time: its seats left, the section chosen, live, a selection and a hold kept across sections', async () => {
      const seller = await signUpAndLogIn(platform.gateway, 'seller');
      const arena = uniqueSlug('arena');
      await deployRunning(platform.gateway, seller.accessToken, (await builtinTemplates(platform.gateway, seller.accessToken)).standard!, { slug: arena });
      await applyPerformance(platform, arena, seller.accessToken, [
        { name: 'A', grade: 'VIP', price: 150_000, rows: 10, seatsPerRow: 200 },
        { name: 'B', grade: 'R', price: 90_000, rows: 10, seatsPerRow: 200 },
        { name: 'C', grade: 'S', price: 60_000, rows: 10, seatsPerRow: 150 },
      ]);
      const rival = await signUpAndLogIn(platform.gateway, 'buyer');
      assert.equal((await post(`${platform.gateway}/e/${arena}/buyticket/holds`, { seatIds: ['B-1-1'] }, rival.accessToken)).status, 201);

      const page = await asBuyer(await signUpAndLogIn(platform.gateway, 'buyer'));
      await page.goto(`${platform.gateway}/shows/${arena}`);
      const picker = page.getByRole('group', { name: 'Sections' });
      const choice = (name: string) => picker.getByRole('button').filter({ hasText: `Section ${name}` });
      await seat(page, 'A-1-1').waitFor();
      assert.deepEqual(await picker.getByRole('button').allInnerTexts(), [
        'Section A\n2,000 of 2,000 left\nfrom ₩150,000',
        'Section B\n1,999 of 2,000 left\nfrom ₩90,000',
        'Section C\n1,500 of 1,500 left\nfrom ₩60,000',
      ]);
      assert.equal(await choice('A').getAttribute('aria-pressed'), 'true', 'the best section with seats left comes first');
      assert.equal(await page.locator('button[data-seat]').count(), 2000, 'only section A of 5,500 seats is drawn');
      await page.getByText('Grades and seats left in section A').waitFor();

      await choice('B').click();
      await seat(page, 'B-10-200').waitFor();
      assert.equal(await page.locator('button[data-seat^="A-"]').count(), 0);
      assert.equal(await page.locator('button[data-seat^="B-"]').count(), 2000);
      assert.equal(await seat(page, 'B-1-1').isDisabled(), true, 'the rival’s hold');
      assert.equal(await choice('B').getAttribute('aria-pressed'), 'true');
      assert.equal((await post(`${platform.gateway}/e/${arena}/buyticket/holds`, { seatIds: ['B-1-1', 'B-1-2'] }, rival.accessToken)).status, 201);
      await eventually(async () => seat(page, 'B-1-2').isDisabled(), 10_000, 'a seat of the section shown to turn unavailable live');

      // Seats chosen in one section stay chosen while the buyer looks at another.
      await seat(page, 'B-2-5').click();
      await seat(page, 'B-3-3').click();
      await choice('C').click();
      await seat(page, 'C-1-1').waitFor();
      await seat(page, 'C-1-1').click();
      const selection = page.locator('.selection-summary');
      assert.match(await selection.innerText(), /^3 of up to 4 seats selected\. B-2-5, B-3-3, C-1-1 · Total ₩240,000$/);
      // A seat of a section not shown is taken meanwhile: the page does not hear of it until the hold is refused.
      assert.equal((await post(`${platform.gateway}/e/${arena}/buyticket/holds`, { seatIds: ['B-3-3'] }, rival.accessToken)).status, 201);
      await page.getByRole('button', { name: 'Hold seats' }).click();
      await page.getByRole('alert').filter({ hasText: 'Someone was faster: B-3-3 is no longer available.' }).waitFor();
      assert.match(await selection.innerText(), /^2 of up to 4 seats selected\. B-2-5, C-1-1 · Total ₩150,000$/, 'the taken seat leaves the selection');
      await page.getByRole('button', { name: 'Hold seats' }).click();
      await page.getByRole('heading', { name: 'Checkout' }).waitFor();
      await choice('A').click();
      await seat(page, 'A-1-1').waitFor();
      // A mistyped card draws the checkout again, with section A's seats loaded.
      await page.getByLabel('Card number').fill('4242');
      await page.getByRole('button', { name: 'Pay' }).click();
      await page.getByLabel('Card number').and(page.locator('[aria-invalid="true"]')).waitFor();
      assert.match(await page.locator('.checkout').innerText(), /B-2-5 · R\s+₩90,000\s+C-1-1 · S\s+₩60,000[\s\S]*Total\s+₩150,000/, 'the held seats keep their grade and price');
      // The seller raises grade R's price meanwhile (R24): the buyer still pays what B-2-5 cost when held.
      const repriced = await request('PUT', `${platform.gateway}/e/${arena}/modify`, { token: seller.accessToken, body: { seatMap: { sections: [
        { name: 'A', grade: 'VIP', price: 150_000, rows: 10, seatsPerRow: 200 },
        { name: 'B', grade: 'R', price: 95_000, rows: 10, seatsPerRow: 200 },
        { name: 'C', grade: 'S', price: 60_000, rows: 10, seatsPerRow: 150 },
      ] } } });
      assert.equal(repriced.status, 200, repriced.text);
      // A reload carries on with the hold: checkout again, its seats priced though their sections are not shown.
      const heldUntil = await page.locator('.checkout time').getAttribute('datetime');
      await page.reload();
      await page.getByRole('heading', { name: 'Checkout' }).waitFor();
      await seat(page, 'A-1-1').waitFor();
      await choice('B').filter({ hasText: 'from ₩95,000' }).waitFor();
      assert.match(await page.locator('.checkout').innerText(), /B-2-5 · R\s+₩90,000\s+C-1-1 · S\s+₩60,000[\s\S]*Total\s+₩150,000/, 'the same hold after a reload, at the prices held');
      assert.equal(await page.locator('.checkout time').getAttribute('datetime'), heldUntil, 'the same end, not a new hold');
      await choice('B').click();
      await seat(page, 'B-2-5').waitFor();
      assert.match(await seat(page, 'B-2-5').getAttribute('aria-label') ?? '', /held for you$/, 'the map shows the held seat as the buyer\u2019s');
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/39');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: 'Pay' }).click();
      await page.getByRole('heading', { name: 'Your tickets are booked' }).waitFor();
      assert.match(await page.locator('section.purchase').innerText(), /Total ₩150,000/, 'charged the prices held');
      await page.close();
    });

    it('tells a buyer the seller changed a price after the page showed it, and charges what the checkout says', async () => {
      const seller = await signUpAndLogIn(platform.gateway, 'seller');
      const show = uniqueSlug('reprice');
      await deployRunning(platform.gateway, seller.accessToken, (await builtinTemplates(platform.gateway, seller.accessToken)).standard!, { slug: show });
      const sections = (price: number) => [{ name: 'A', grade: 'R', price, rows: 2, seatsPerRow: 10 }];
      await applyPerformance(platform, show, seller.accessToken, sections(50_000));
      const page = await asBuyer(await signUpAndLogIn(platform.gateway, 'buyer'));
      await page.goto(`${platform.gateway}/shows/${show}`);
      await seat(page, 'A-1-1').click();
      assert.match(await page.locator('.selection-summary').innerText(), /Total ₩50,000$/);
      const repriced = await request('PUT', `${platform.gateway}/e/${show}/modify`, { token: seller.accessToken, body: { seatMap: { sections: sections(55_000) } } });
      assert.equal(repriced.status, 200, repriced.text);

      await page.getByRole('button', { name: 'Hold seats' }).click();
      await page.getByRole('alert').filter({ hasText: 'The seller changed the price of A-1-1 after this page showed it.' }).waitFor();
      assert.match(await page.locator('.checkout').innerText(), /A-1-1 · R\s+₩55,000[\s\S]*Total\s+₩55,000/, 'the checkout shows the price paid');
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/39');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: 'Pay' }).click();
      await page.getByRole('heading', { name: 'Your tickets are booked' }).waitFor();
      assert.match(await page.locator('section.purchase').innerText(), /Total ₩55,000/);
      await page.close();
    });

    it('shows why a card was declined and keeps the hold', async () => {
      const page = await asBuyer(await signUpAndLogIn(platform.gateway, 'buyer'));
      await page.goto(`${platform.gateway}/shows/${slug}`);
      await seat(page, 'B-5-1').click();
      await page.getByRole('button', { name: 'Hold seats' }).click();
      await page.getByLabel('Card number').fill('4000000000000002');
      await page.getByLabel('Expiry (MM/YY)').fill('12/39');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: 'Pay' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /declined/i);
      assert.ok(await page.getByRole('button', { name: 'Pay' }).isVisible(), 'the hold stays, so the buyer can pay with another card');
      // In Korean, a card without the funds says so, not just "declined".
      await page.getByRole('button', { name: '한국어' }).click();
      await page.getByLabel('카드 번호').fill('4000000000009995');
      await page.getByLabel('유효기간 (MM/YY)').fill('12/39');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: '결제하기' }).click();
      await page.getByRole('alert').getByText('카드 잔액이 부족해', { exact: false }).waitFor();
      await page.close();
    });
    it('says what a hold will do before it is taken, keeps keyboard focus where the buyer works, and follows a hold changed in another tab', async () => {
      const who = await signUpAndLogIn(platform.gateway, 'buyer');
      const page = await asBuyer(who);
      const focused = () => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);
      await page.goto(`${platform.gateway}/shows/${slug}`);
      const holdButton = page.getByRole('button', { name: 'Hold seats' });

      // More seats than one buyer may hold: the page says so, and Hold waits.
      for (const id of ['B-4-1', 'B-4-2', 'B-4-3', 'B-4-4', 'B-4-5']) await seat(page, id).click();
      await page.getByText('At most 4 seats can be held at once: remove 1.').waitFor();
      assert.equal(await holdButton.isDisabled(), true);
      for (const id of ['B-4-5', 'B-4-4', 'B-4-3', 'B-4-2']) await seat(page, id).click();
      assert.equal(await page.getByText(/At most 4 seats/).count(), 0);
      await holdButton.press('Enter');
      await page.getByRole('heading', { name: 'Checkout' }).waitFor();
      assert.equal(await focused(), 'checkout-heading', 'focus moves to the checkout it opened');

      // A second hold replaces the first: the page says so before the click.
      await seat(page, 'B-4-2').click();
      await page.getByText('Holding these releases the seats you hold now (B-4-1).').waitFor();
      await page.getByRole('button', { name: 'Hold these instead' }).click();
      await page.locator('.held-seats').getByText('B-4-2').waitFor();
      assert.equal(await page.locator('.held-seats').getByText('B-4-1').count(), 0);
      await eventually(async () => !(await seat(page, 'B-4-1').isDisabled()), 10_000, 'the released seat to be available again');

      // Release: focus returns to the seats.
      await page.getByRole('button', { name: 'Release' }).click();
      await page.getByRole('heading', { name: 'Checkout' }).waitFor({ state: 'detached' });
      assert.equal(await focused(), 'seats-heading');

      // A past expiry is marked, and focus goes to it, on the first try.
      await seat(page, 'B-4-3').click();
      await holdButton.click();
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('01/20');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: 'Pay' }).click();
      assert.equal(await focused(), 'card-expiry');
      await page.getByLabel('Expiry (MM/YY)').fill('12/39');

      // Another tab of the same buyer holds other seats, which replaces this page's hold: paying
      // it says so and shows the hold the buyer has now, instead of "expired".
      const other = await asBuyer(who);
      await other.goto(`${platform.gateway}/shows/${slug}`);
      await other.locator('.held-seats').getByText('B-4-3').waitFor(); // it shows the buyer's live hold
      await seat(other, 'B-4-4').click();
      await other.getByRole('button', { name: 'Hold these instead' }).click();
      await other.locator('.held-seats').getByText('B-4-4').waitFor();
      await other.getByRole('heading', { name: 'Checkout' }).waitFor();
      await page.getByRole('button', { name: 'Pay' }).click();
      await page.getByText('Your hold was replaced by a newer one, made in another tab or window.', { exact: false }).waitFor();
      await page.locator('.held-seats').getByText('B-4-4').waitFor();
      assert.equal(await page.getByText('Your hold expired').count(), 0);

      // The other tab releases it; back on this tab, the page learns it at once.
      await other.getByRole('button', { name: 'Release' }).click();
      await other.getByRole('heading', { name: 'Checkout' }).waitFor({ state: 'detached' });
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await page.getByText('Your hold ended in another tab or window', { exact: false }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Checkout' }).count(), 0);
      await other.close();
      await page.close();
    });

    it('fits a row of ten seats on a phone\'s screen', async () => {
      const page = await asBuyer();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${platform.gateway}/shows/${slug}`);
      await seat(page, 'A-1-10').waitFor();
      const { needed, room } = await page.evaluate(() => {
        const scroll = document.querySelector('.seat-scroll')!;
        const style = getComputedStyle(scroll);
        const label = document.querySelector('button[aria-label^="A-1-1 "]')!.closest('.seat-row')!.querySelector('.seat-row-label')!.getBoundingClientRect();
        const tenth = document.querySelector('button[aria-label^="A-1-10 "]')!.getBoundingClientRect();
        return { needed: tenth.right - label.left, room: scroll.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
      });
      assert.ok(needed <= room, `a row's label and ten seats take ${needed}px of the map's ${room}px`);
      const box = (await seat(page, 'A-1-1').boundingBox())!;
      assert.ok(box.width >= 24 && box.height >= 24, `a seat stays a 24px target at least (${box.width}×${box.height})`);
      await page.close();
    });
  });

  it('shows an error panel where a remote fails to load, and the rest keeps working', async () => {
    const page = await browser.newPage();
    await page.route('**/web/auth/**', (route) => route.abort());
    await page.goto(`${platform.gateway}/login`);
    const panel = page.getByRole('alert');
    await panel.waitFor();
    assert.match(await panel.innerText(), /불러오지 못했습니다|could not be loaded/);
    await page.locator('header a').first().click();
    await page.waitForURL(`${platform.gateway}/`);
    await page.getByLabel(/공연 검색|Search performances/).waitFor();
    await page.close();
  });
});
