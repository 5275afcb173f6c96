/**
 * R36 in a real browser (Debian's Chromium through playwright-core) against the real platform:
 * the shell and the auth remote served by the gateway, signing up, logging in and out, the
 * catalog, the language switch, and a remote that fails to load.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { uniqueEmail } from './support/accounts.js';
import { launchBrowser } from './support/browser.js';
import { get } from './support/http.js';
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
    assert.equal((await fetch(`${platform.gateway}/web/auth/remoteEntry.js`)).status, 200);
    assert.equal((await get(`${platform.gateway}/web/auth/../../package.json`)).status, 404);
    assert.equal((await get(`${platform.gateway}/web/shell/no-such-file.js`)).body.code, 'ROUTE_NOT_FOUND');
    assert.equal((await get(`${platform.gateway}/nothing-here`)).body.code, 'ROUTE_NOT_FOUND', 'an API client gets a problem, not a page');
    assert.equal((await get(`${platform.gateway}/catalog/events`)).status, 200);
  });

  it('signs a buyer up, shows the account, logs out, in Korean and in English', async () => {
    const page = await open('/');
    await page.waitForSelector('header');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko', 'Korean first');
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
