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
const platform = await startLauncher(stateDir, { env: { LOG_LEVEL: 'warn' } });
let browser;
try {
  await platform.ready;
  const g = platform.gateway;
  await call('POST', `${g}/auth/signup`, { email: 'seller@example.com', password: 'correct-horse-1', role: 'seller', name: 'Seoul Arts' });
  const seller = (await call('POST', `${g}/auth/login`, { email: 'seller@example.com', password: 'correct-horse-1' })).accessToken;
  const standard = await waitFor(async () => (await call('GET', `${g}/template/templates`, undefined, seller)).find((t) => t.name === 'standard')?.id, 30_000, 'the standard template');
  for (const [slug, title, venue, days, price] of [['spring-gala', '봄 갈라 콘서트', '예술의전당', 30, 90_000], ['jazz-night', 'Jazz Night', 'Blue Note Seoul', 45, 55_000]]) {
    const deployment = await call('POST', `${g}/deploy/deployments`, { templateId: standard, values: { slug } }, seller);
    await waitFor(async () => {
      const view = await call('GET', `${g}/deploy/deployments/${deployment.id}`, undefined, seller);
      if (view.status === 'failed') throw new Error(view.reason);
      return view.status === 'running';
    }, 60_000, `${slug} to run`);
    await call('POST', `${g}/e/${slug}/apply`, {
      title, venue, performers: ['Clove Ensemble'],
      startsAt: new Date(Date.now() + days * day).toISOString(), endsAt: new Date(Date.now() + days * day + 7_200_000).toISOString(),
      saleOpensAt: new Date(Date.now() - day).toISOString(),
      seatMap: { sections: [{ name: 'A', grade: 'VIP', price: price * 2, rows: 5, seatsPerRow: 20 }, { name: 'B', grade: 'R', price, rows: 10, seatsPerRow: 20 }] },
    }, seller);
  }
  await waitFor(async () => (await call('GET', `${g}/catalog/events`)).length >= 2, 30_000, 'the catalog');

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
  console.log(`screenshots in ${out}`);
} finally {
  await browser?.close();
  await platform.stop();
  await rm(stateDir, { recursive: true, force: true });
}
