#!/usr/bin/env node
// Screenshots of the web client's main pages, in Korean and English, for the README: starts
// the platform, deploys a performance and puts it in the catalog, then photographs the pages
// in Debian's Chromium (playwright-core) into docs/screenshots/.
// Usage: npm run screenshots
import { mkdir, mkdtemp, chmod, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { jsonCall as call, startLauncher, waitFor } from '../bench/launcher.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'docs', 'screenshots');
const day = 86_400_000;


const stateDir = await mkdtemp(join(tmpdir(), 'clove-screenshots-'));
await chmod(stateDir, 0o755);
const admin = { email: 'admin@example.com', password: 'admin-password-1' };
const platform = await startLauncher(stateDir, {
  env: { LOG_LEVEL: 'warn', CLOVE_ADMIN_EMAIL: admin.email, CLOVE_ADMIN_PASSWORD: admin.password, MONITOR_SAMPLE_INTERVAL_MS: '1000' },
});
let browser;
try {
  await platform.ready;
  const g = platform.gateway;
  await call('POST', `${g}/auth/signup`, { email: 'seller@example.com', password: 'correct-horse-1', role: 'seller', name: 'Seoul Arts' });
  const seller = (await call('POST', `${g}/auth/login`, { email: 'seller@example.com', password: 'correct-horse-1' })).accessToken;
  const standard = await waitFor(async () => (await call('GET', `${g}/template/templates`, undefined, seller)).find((t) => t.name === 'standard')?.id, 30_000, 'the standard template');
  const deployments = {};
  for (const [slug, title, venue, days, price] of [['spring-gala', '봄 갈라 콘서트', '예술의전당', 30, 90_000], ['jazz-night', 'Jazz Night', 'Blue Note Seoul', 45, 55_000]]) {
    const deployment = await call('POST', `${g}/deploy/deployments`, { templateId: standard, values: { slug } }, seller);
    await waitFor(async () => {
      const view = await call('GET', `${g}/deploy/deployments/${deployment.id}`, undefined, seller);
      if (view.status === 'failed') throw new Error(view.reason);
      return view.status === 'running';
    }, 60_000, `${slug} to run`);
    deployments[slug] = deployment.id;
    await call('POST', `${g}/e/${slug}/apply`, {
      title, venue, performers: ['Clove Ensemble'],
      startsAt: new Date(Date.now() + days * day).toISOString(), endsAt: new Date(Date.now() + days * day + 7_200_000).toISOString(),
      saleOpensAt: new Date(Date.now() - day).toISOString(),
      seatMap: { sections: [{ name: 'A', grade: 'VIP', price: price * 2, rows: 5, seatsPerRow: 20 }, { name: 'B', grade: 'R', price, rows: 10, seatsPerRow: 20 }] },
    }, seller);
  }
  await waitFor(async () => (await call('GET', `${g}/catalog/events`)).length >= 2, 30_000, 'the catalog');
  // A few sales, so that the seller's pages and charts have something to show.
  await call('POST', `${g}/auth/signup`, { email: 'buyer@example.com', password: 'correct-horse-1', role: 'buyer', name: 'Kim Minji' });
  const buyer = (await call('POST', `${g}/auth/login`, { email: 'buyer@example.com', password: 'correct-horse-1' })).accessToken;
  for (const seats of [['A-1-9', 'A-1-10'], ['B-2-5']]) {
    const hold = await call('POST', `${g}/e/spring-gala/buyticket/holds`, { seatIds: seats }, buyer);
    await call('POST', `${g}/e/spring-gala/buyticket/orders`, { holdId: hold.holdId, card: { number: '4242424242424242', expiry: '12/39', cvc: '123' } }, buyer, { 'idempotency-key': crypto.randomUUID() });
  }

  await mkdir(out, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  for (const [lang, viewport] of [['ko', { width: 1200, height: 800 }], ['en', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
    const page = await context.newPage();
    await page.goto(`${g}/`);
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await page.getByText(lang === 'ko' ? '봄 갈라 콘서트' : 'Jazz Night').waitFor();
    await page.screenshot({ path: join(out, `home-${lang}.png`), fullPage: true });
    await page.goto(`${g}/shows/spring-gala`);
    await page.locator('button[aria-label^="B-10-20 "]').waitFor();
    await page.screenshot({ path: join(out, `show-${lang}.png`), fullPage: true });
    await page.goto(`${g}/signup`);
    await page.locator('form').waitFor();
    await page.screenshot({ path: join(out, `signup-${lang}.png`), fullPage: true });
    await page.goto(`${g}/login`);
    await page.locator('form').waitFor();
    await page.screenshot({ path: join(out, `login-${lang}.png`), fullPage: true });
    await context.close();
  }
  const logIn = async (page, who) => {
    await page.goto(`${g}/login`);
    await page.getByLabel(/이메일|Email/).fill(who.email);
    await page.getByLabel(/비밀번호|Password/).fill(who.password);
    await page.locator('form button[type="submit"]').click();
    await page.waitForURL(`${g}/`);
  };
  const id = deployments['spring-gala'];
  const consolePages = [
    ['console', { email: 'seller@example.com', password: 'correct-horse-1' }, [
      ['console', '/console', (page) => page.getByRole('link', { name: 'spring-gala' }).waitFor()],
      ['deploy-new', '/console/new', async (page) => { await page.getByRole('radio', { name: /standard/ }).check(); }],
      ['deployment', `/console/deployments/${id}`, (page) => page.locator('.dp-facts').waitFor()],
      ['seat-map-builder', '/console/shows/spring-gala', (page) => page.locator('form').first().waitFor()],
      ['bookers', '/console/shows/spring-gala/bookers', (page) => page.getByText('buyer@example.com').first().waitFor()],
      ['sales', '/console/shows/spring-gala/sales', (page) => page.locator('table:visible').first().waitFor()],
      ['monitoring', `/console/deployments/${id}/monitor`, (page) => page.locator('canvas').first().waitFor()],
    ]],
    ['admin', admin, [
      ['system', '/admin/system', (page) => page.locator('td:visible, th:visible').filter({ hasText: 'spring-gala' }).first().waitFor()],
      ['alerts', '/admin/alerts', (page) => page.locator('input:visible').nth(3).waitFor()],
      ['pool', '/admin/pool', (page) => page.locator('table:visible').first().waitFor()],
      ['templates', '/admin/templates', (page) => page.getByText('standard').first().waitFor()],
      ['template-editor', `/admin/templates/${standard}`, (page) => page.locator('pre').first().waitFor()],
    ]],
  ];
  for (const [, who, pages] of consolePages) {
    for (const [lang, viewport] of [['ko', { width: 1200, height: 800 }], ['en', { width: 390, height: 844 }]]) {
      const context = await browser.newContext({ viewport, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
      const page = await context.newPage();
      await logIn(page, who);
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      for (const [name, path, ready] of pages) {
        await page.evaluate((to) => { history.pushState(null, '', to); dispatchEvent(new PopStateEvent('popstate')); }, path);
        await ready(page);
        await page.screenshot({ path: join(out, `${name}-${lang}.png`), fullPage: true });
      }
      await context.close();
    }
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser?.close();
  await platform.stop();
  await rm(stateDir, { recursive: true, force: true });
}
