/**
 * R7–R10 and R12 in a real browser against the real platform: a seller deploys a performance
 * from the console, sees a refused value at its field and the progress live, changes a value,
 * shares the performance with another seller, and deletes it (after a second confirmation when
 * tickets are sold).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD, signUpAndLogIn, type Session } from './support/accounts.js';
import { launchBrowser, logInInBrowser } from './support/browser.js';
import { pay } from './support/buying.js';
import { builtinTemplates, deployment, deployRunning, uniqueSlug } from './support/deployments.js';
import { eventually, get, post } from './support/http.js';
import { applyPerformance } from './support/performance.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const WAIT = { timeout: 120_000 };

describe('seller console in a browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let seller: Session;
  let colleague: Session;
  let buyer: Session;
  let templates: Record<string, string>;
  let page: Page;
  const slug = uniqueSlug('console');
  let deploymentId = '';

  before(async () => {
    platform = await startPlatform({ env: { DEPLOYER_DRAIN_MS: '500' } });
    browser = await launchBrowser();
    [seller, colleague, buyer] = await Promise.all([
      signUpAndLogIn(platform.gateway, 'seller'),
      signUpAndLogIn(platform.gateway, 'seller'),
      signUpAndLogIn(platform.gateway, 'buyer'),
    ]);
    templates = await builtinTemplates(platform.gateway, seller.accessToken);
    page = await logInInBrowser(browser, platform.gateway, seller.email, PASSWORD);
    page.setDefaultTimeout(60_000);
  });
  after(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  /** Waits until the API no longer knows the deployment. */
  const gone = (id: string) => eventually(
    async () => (await get(`${platform.gateway}/deploy/deployments/${id}`, seller.accessToken)).status === 404,
    60_000,
    `deployment ${id} to be gone`,
  );
  /** The row of a table whose header cell is exactly `name`. */
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

  it('deploys a performance from a template: a refused value shows at its field, progress shows live until it runs', async () => {
    await page.getByRole('link', { name: 'Console', exact: true }).click();
    await page.waitForURL(`${platform.gateway}/console`);
    await page.getByText('You have no performances yet.').waitFor();

    await page.getByRole('link', { name: 'New performance' }).first().click();
    await page.waitForURL(`${platform.gateway}/console/new`);
    await page.getByRole('radio', { name: /standard/ }).check();
    await page.getByRole('heading', { name: 'Values for standard' }).waitFor();
    assert.equal(await page.getByLabel('Hold time (seconds)').inputValue(), '420', 'the schema\'s default is filled in');
    assert.equal(await page.getByLabel('Seats per buyer').getAttribute('min'), '1');

    // Checked in the browser first: out of the schema's range.
    await page.getByLabel('Slug').fill('admin');
    await page.getByLabel('Hold time (seconds)').fill('5');
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.getByText('Enter 60 or more.').waitFor();
    assert.equal(await page.getByLabel('Hold time (seconds)').getAttribute('aria-invalid'), 'true');

    // The server has the last word: a slug the browser lets through, the deployer refuses.
    await page.getByLabel('Hold time (seconds)').fill('300');
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.getByText('admin is reserved; choose another').waitFor();
    assert.equal(await page.getByLabel('Slug').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Hold time (seconds)').getAttribute('aria-invalid'), null);
    assert.match(await page.getByRole('alert').first().innerText(), /do not fit the template/);
    assert.deepEqual((await get(`${platform.gateway}/deploy/deployments`, seller.accessToken)).body, []);

    await page.getByLabel('Slug').fill(slug);
    await page.getByLabel('Seats per buyer').fill('2');
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.waitForURL(new RegExp(`/console/deployments/${UUID}$`));
    deploymentId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: slug }).waitFor();
    const steps = page.getByRole('list').filter({ hasText: 'Namespace' });
    await steps.waitFor();
    assert.deepEqual(
      await steps.locator('.dp-step-name').allInnerTexts(),
      ['Namespace', 'Access credential', 'Database', 'Start the services', 'Wait until ready', 'Open the address'],
      'the steps in their order',
    );

    await page.locator('.dp-facts').getByText('Running').waitFor(WAIT);
    await page.locator('[aria-live="polite"]').filter({ hasText: 'Status: Running.' }).waitFor({ state: 'attached' });
    assert.equal(await steps.getByText('done').count(), 6, 'every step done');
    assert.equal(await page.evaluate(() => 'sameDocument' in window), true, 'no reload on the way');
    assert.equal(await row('ticketing').getByText('1 of 1').count(), 1, 'one ready replica of one');

    const view = await deployment(platform.gateway, seller.accessToken, deploymentId);
    assert.equal(view.status, 'running', view.reason ?? '');
    assert.equal(view.slug, slug);
    assert.equal(view.values.holdSeconds, 300);
    assert.equal(view.values.maxSeatsPerBuyer, 2);
  });

  /** The deploy form of a page, with the standard template chosen and its values shown. */
  async function openStandardValues(on: Page): Promise<void> {
    await on.goto(`${platform.gateway}/console/new`);
    await on.getByRole('radio', { name: /standard/ }).check();
    await on.getByRole('heading', { name: 'Values for standard' }).waitFor();
  }

  it('opens the sale now by default, said in plain words', async () => {
    const fresh = await logInInBrowser(browser, platform.gateway, seller.email, PASSWORD);
    try {
      await openStandardValues(fresh);
      const opens = await fresh.getByLabel('Sale opens at').inputValue();
      assert.match(opens, /^\d{4}-\d\d-\d\dT\d\d:\d\d$/, 'to the minute');
      // A datetime-local value is the browser's (and this machine's) local time.
      const minutes = (Date.now() - new Date(opens).getTime()) / 60_000;
      assert.ok(minutes >= 0 && minutes < 2, `the sale opens now, not years from now: ${opens}`);
      await fresh.getByText('When buyers can start buying tickets').waitFor();
      assert.equal(await fresh.getByText(/RFC 3339/).count(), 0, 'no format names for a seller to read');
      await fresh.getByRole('button', { name: '한국어' }).click();
      await fresh.getByText('구매자가 표를 사기 시작할 수 있는 시각').waitFor();
      assert.equal(await fresh.getByText(/RFC 3339/).count(), 0);
    } finally {
      await fresh.close();
    }
  });

  it('labels a template\u2019s values in Korean where the template gives them, and says what is wrong in the language switched to', async () => {
    const korean = await logInInBrowser(browser, platform.gateway, seller.email, PASSWORD);
    try {
      await openStandardValues(korean);
      await korean.getByLabel('Slug').fill('Bad_Slug');
      await korean.getByLabel('Hold time (seconds)').fill('5');
      await korean.getByRole('button', { name: 'Deploy' }).click();
      await korean.getByText('Enter 60 or more.').waitFor();
      await korean.getByText(/^Use lower-case letters, digits and dashes/).waitFor();
      await korean.getByRole('alert').filter({ hasText: 'Check the highlighted fields.' }).waitFor();

      await korean.getByRole('button', { name: '한국어' }).click();
      await korean.getByText('일반적인 수요의 공연을 위한 티켓팅 인스턴스 하나.').waitFor();
      await korean.getByRole('heading', { name: 'standard 템플릿의 값' }).waitFor();
      await korean.getByText('60 이상을 입력하세요.').waitFor();
      await korean.getByText(/^영문 소문자, 숫자, 대시\(-\)만 쓰고/).waitFor();
      await korean.getByRole('alert').filter({ hasText: '표시된 항목을 확인하세요.' }).waitFor();
      for (const english of ['Enter 60 or more.', /^Use lower-case letters/, 'Check the highlighted fields.']) {
        assert.equal(await korean.getByText(english).count(), 0, `no English left: ${english}`);
      }
      assert.equal(await korean.getByLabel('선점 시간(초)').inputValue(), '5', 'what was typed stays');
      assert.equal(await korean.getByLabel('선점 시간(초)').getAttribute('aria-invalid'), 'true');
      assert.equal(await korean.getByLabel('1인당 좌석 수').inputValue(), '4');
      assert.equal(await korean.getByLabel('예매 시작 시각').count(), 1);
      await korean.getByText('구매자가 선점한 좌석이 풀리기까지의 시간(초)').waitFor();
      assert.equal(await korean.getByText('How long seats are held').count(), 0, 'no English beside the Korean');
    } finally {
      await korean.close();
    }
  });

  it('changes a value in the page and sees revision 2 running', async () => {
    const values = page.getByRole('region', { name: 'Values' });
    await values.getByLabel('Hold time (seconds)').waitFor();
    assert.equal(await values.getByLabel('Hold time (seconds)').inputValue(), '300', 'the current values are filled in');
    assert.equal(await values.getByLabel('Slug').getAttribute('readonly'), '', 'the slug stays');
    await values.getByLabel('Hold time (seconds)').fill('240');
    // Emptied, an optional value goes back to its default (4), not to what it was.
    await values.getByLabel('Seats per buyer').fill('');
    await values.getByRole('button', { name: 'Update' }).click();
    await page.getByRole('heading', { name: 'Progress of revision 2' }).waitFor();
    await row('2').getByText('active').waitFor(WAIT);
    await page.locator('.dp-facts').getByText('Running').waitFor(WAIT);
    assert.equal(await row('1').getByText('retired').count(), 1);

    const view = await deployment(platform.gateway, seller.accessToken, deploymentId);
    assert.equal(view.status, 'running');
    assert.equal(view.currentRevision, 2);
    assert.equal(view.values.holdSeconds, 240);
    assert.equal(view.values.maxSeatsPerBuyer, 4);
    assert.equal(view.values.slug, slug);
  });

  it('adds another seller as a member by email, refuses a buyer inline, and removes the member', async () => {
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByText('No other seller is a member.').waitFor();

    await members.getByLabel('Seller\'s email').fill(buyer.email);
    await members.getByRole('button', { name: 'Add member' }).click();
    assert.match(await members.getByRole('alert').innerText(), /Only sellers can be members/);

    await members.getByLabel('Seller\'s email').fill(colleague.email);
    await members.getByRole('button', { name: 'Add member' }).click();
    await members.getByRole('list').getByText(colleague.email).waitFor();
    assert.deepEqual((await deployment(platform.gateway, seller.accessToken, deploymentId)).members.map((m) => m.userId), [colleague.userId]);
    assert.equal((await deployment(platform.gateway, colleague.accessToken, deploymentId)).access, 'member');

    await members.getByRole('button', { name: `Remove ${colleague.email}` }).click();
    await members.getByText('No other seller is a member.').waitFor();
    assert.deepEqual((await deployment(platform.gateway, seller.accessToken, deploymentId)).members, []);
  });

  it('deletes the performance once its slug is typed; it leaves the console and the API', async () => {
    const danger = page.getByRole('region', { name: 'Delete the performance' });
    await danger.getByRole('button', { name: 'Delete…' }).click();
    const confirm = danger.getByRole('button', { name: 'Delete performance' });
    assert.equal(await confirm.isDisabled(), true, 'not before the slug is typed');
    await danger.getByLabel(`Type ${slug} to confirm`).fill(slug);
    await confirm.click();
    await page.waitForURL(`${platform.gateway}/console`);
    await page.getByRole('heading', { name: 'Console' }).waitFor();
    await page.getByRole('link', { name: slug }).waitFor({ state: 'detached', ...WAIT });
    await page.getByText('You have no performances yet.').waitFor(WAIT);

    await gone(deploymentId);
  });

  it('explains sold tickets before deleting, and deletes only after a second, explicit choice', async () => {
    const sold = uniqueSlug('sold');
    const view = await deployRunning(platform.gateway, seller.accessToken, templates.standard!, { slug: sold });
    await applyPerformance(platform, sold, seller.accessToken, [{ name: 'A', grade: 'R', price: 50_000, rows: 1, seatsPerRow: 4 }]);
    const base = `${platform.gateway}/e/${sold}`;
    const hold = await post(`${base}/buyticket/holds`, { seatIds: ['A-1-1'] }, buyer.accessToken);
    assert.equal(hold.status, 201, hold.text);
    assert.equal((await pay(base, buyer.accessToken, hold.body.holdId)).status, 201);

    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('link', { name: sold }).click();
    await page.getByRole('heading', { name: sold }).waitFor();
    const danger = page.getByRole('region', { name: 'Delete the performance' });
    await danger.getByRole('button', { name: 'Delete…' }).click();
    await danger.getByLabel(`Type ${sold} to confirm`).fill(sold);
    await danger.getByRole('button', { name: 'Delete performance' }).click();
    assert.match(await danger.getByRole('alert').innerText(), /1 ticket is sold and not refunded/);
    assert.equal((await deployment(platform.gateway, seller.accessToken, view.id)).status, 'running', 'nothing deleted yet');

    await danger.getByRole('button', { name: 'Delete anyway, with the sold tickets' }).click();
    await page.waitForURL(`${platform.gateway}/console`);
    await gone(view.id);
    await page.getByRole('link', { name: sold }).waitFor({ state: 'detached', ...WAIT });
  });
});
