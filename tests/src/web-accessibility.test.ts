/**
 * R36's accessibility and phone bar, checked on every page of the web client in a real browser:
 * axe-core's WCAG 2.1 A and AA rules (names and labels, contrast, ARIA, language) on each page,
 * as the role that uses it, in Korean on a desktop screen and in English on a 360 px phone
 * screen, where the page must also need no sideways scrolling of its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, fitsWidth } from './support/accessibility.js';
import { ADMIN, adminEnv, PASSWORD, signUpAndLogIn, type Session } from './support/accounts.js';
import { launchBrowser } from './support/browser.js';
import { GOOD_CARD, pay } from './support/buying.js';
import { builtinTemplates, deployRunning, uniqueSlug } from './support/deployments.js';
import { eventually, get, post } from './support/http.js';
import { applyPerformance } from './support/performance.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

interface PageCheck {
  path: string;
  /** Something that shows once the page has what it loads. */
  ready: (page: Page) => Promise<unknown>;
}

const SCREENS = [
  { lang: 'ko', viewport: { width: 1280, height: 800 } },
  { lang: 'en', viewport: { width: 360, height: 740 } },
] as const;

describe('web client accessibility and phone screens', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let seller: Session;
  let buyer: Session;
  let slug: string;
  /** A venue large enough to be shown one section at a time. */
  let arena: string;
  let deploymentId: string;
  let standard: string;

  before(async () => {
    platform = await startPlatform({ env: { ...adminEnv, MONITOR_SAMPLE_INTERVAL_MS: '1000' } });
    browser = await launchBrowser();
    [seller, buyer] = await Promise.all([signUpAndLogIn(platform.gateway, 'seller'), signUpAndLogIn(platform.gateway, 'buyer')]);
    standard = (await builtinTemplates(platform.gateway, seller.accessToken)).standard!;
    slug = uniqueSlug('a11y');
    deploymentId = (await deployRunning(platform.gateway, seller.accessToken, standard, { slug })).id;
    await applyPerformance(platform, slug, seller.accessToken, [
      { name: 'A', grade: 'VIP', price: 150_000, rows: 4, seatsPerRow: 20 },
      { name: 'B', grade: 'R', price: 90_000, rows: 6, seatsPerRow: 20 },
    ], { title: 'Accessible Gala' });
    arena = uniqueSlug('a11y-arena');
    await deployRunning(platform.gateway, seller.accessToken, standard, { slug: arena });
    await applyPerformance(platform, arena, seller.accessToken, ['A', 'B', 'C'].map((name, i) => (
      { name, grade: ['VIP', 'R', 'S'][i]!, price: [150_000, 90_000, 60_000][i]!, rows: 10, seatsPerRow: 200 }
    )), { title: 'Accessible Arena' });
    const hold = await post(`${platform.gateway}/e/${slug}/buyticket/holds`, { seatIds: ['A-1-1', 'A-1-2'] }, buyer.accessToken);
    assert.equal((await pay(`${platform.gateway}/e/${slug}`, buyer.accessToken, hold.body.holdId, GOOD_CARD)).status, 201);
    await eventually(async () => (await get(`${platform.gateway}/catalog/events?q=Accessible`)).body.length > 0, 30_000, 'the catalog');
  });
  after(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const visible = (selector: string) => (page: Page) => page.locator(`${selector}:visible`).first().waitFor();

  /** Opens each page as `who` (null: signed out) on both screens and collects every finding. */
  async function check(who: { email: string; password: string } | null, pages: PageCheck[]): Promise<void> {
    const findings: string[] = [];
    for (const { lang, viewport } of SCREENS) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(`${platform.gateway}/`);
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      if (who) {
        await page.goto(`${platform.gateway}/login`);
        await page.locator('input[type="email"]').fill(who.email);
        await page.locator('input[type="password"]').fill(who.password);
        await page.locator('form button[type="submit"]').click();
        await page.waitForURL(`${platform.gateway}/`);
      }
      for (const { path, ready } of pages) {
        await page.goto(`${platform.gateway}${path}`);
        await ready(page);
        for (const finding of await accessibilityViolations(page)) findings.push(`${lang} ${path}: ${finding}`);
        if (!(await fitsWidth(page))) findings.push(`${lang} ${path}: the page scrolls sideways at ${viewport.width} px`);
      }
      await context.close();
    }
    assert.deepEqual(findings, [], findings.join('\n'));
  }

  it('has no findings on the pages anyone sees', async () => {
    await check(null, [
      { path: '/', ready: (page) => page.getByText('Accessible Gala').first().waitFor() },
      { path: '/login', ready: visible('form') },
      { path: '/signup', ready: visible('form') },
      { path: `/shows/${slug}`, ready: visible('button[aria-label^="B-6-20 "]') },
      { path: `/shows/${arena}`, ready: visible('button[aria-label^="A-10-200 "]') },
    ]);
  });

  it('has no findings on the buyer\'s pages', async () => {
    await check({ email: buyer.email, password: PASSWORD }, [
      { path: `/shows/${slug}`, ready: visible('button[aria-label^="B-6-20 "]') },
      {
        // The same page with two seats held and the checkout open.
        path: `/shows/${slug}`,
        ready: async (page) => {
          const free = page.locator('button[aria-label^="B-"]:enabled');
          await free.nth(0).click();
          await free.nth(1).click();
          // The buyer's hold of an earlier visit is live: holding again replaces it.
          await page.getByRole('button', { name: /^(Hold seats|좌석 선점|Hold these instead|이 좌석으로 바꿔 선점)$/ }).click();
          await page.locator('#card-number').waitFor();
        },
      },
      { path: '/tickets', ready: (page) => page.getByText('Accessible Gala').first().waitFor() },
      { path: '/account', ready: (page) => page.getByText(buyer.email).waitFor() },
    ]);
  });

  it('has no findings on the seller\'s console and show pages', async () => {
    await check({ email: seller.email, password: PASSWORD }, [
      { path: '/console', ready: (page) => page.getByRole('link', { name: slug }).waitFor() },
      { path: '/console/new', ready: visible('input[type="radio"]') },
      { path: `/console/deployments/${deploymentId}`, ready: visible('.dp-facts') },
      { path: `/console/shows/${slug}`, ready: visible('form') },
      { path: `/console/shows/${slug}/bookers`, ready: visible('table') },
      { path: `/console/shows/${slug}/sales`, ready: visible('table') },
      { path: `/console/deployments/${deploymentId}/monitor`, ready: visible('canvas') },
    ]);
  });

  it('has no findings on the admin\'s pages', async () => {
    await check(ADMIN, [
      { path: '/admin/system', ready: (page) => page.locator('td:visible').filter({ hasText: slug }).first().waitFor() },
      { path: '/admin/alerts', ready: (page) => page.locator('input:visible').nth(3).waitFor() },
      { path: '/admin/pool', ready: visible('table') },
      { path: '/admin/templates', ready: visible('table') },
      { path: `/admin/templates/${standard}`, ready: visible('pre') },
      { path: `/admin/templates/${standard}/copy`, ready: visible('input[value="standard-copy"]') },
    ]);
  });
});
