/**
 * R11, R19–R22, R36 in a real browser against the real platform: the monitoring remote's
 * system page (nodes, containers, scaling a component), a deployment's charts for its seller,
 * and the alerts page (alert rules and an autoscaling policy), checked against the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, adminEnv, logIn, PASSWORD, signUpAndLogIn, type Session } from './support/accounts.js';
import { launchBrowser, logInInBrowser } from './support/browser.js';
import { builtinTemplates, deployment, deployRunning, uniqueSlug, type DeploymentView } from './support/deployments.js';
import { eventually, get } from './support/http.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

interface Container { deploymentId: string; component: string; ready: boolean }
interface Rule { name: string; threshold: number }

const LONG = { timeout: 90_000 };

describe('monitoring pages in a browser', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let admin: string;
  let seller: Session;
  let running: DeploymentView;

  before(async () => {
    platform = await startPlatform({ env: { ...adminEnv, MONITOR_SAMPLE_INTERVAL_MS: '1000', DEPLOYER_DRAIN_MS: '200' } });
    browser = await launchBrowser();
    admin = (await logIn(platform.gateway, ADMIN.email, ADMIN.password)).accessToken;
    seller = await signUpAndLogIn(platform.gateway, 'seller');
    const templates = await builtinTemplates(platform.gateway, seller.accessToken);
    running = await deployRunning(platform.gateway, seller.accessToken, templates.standard!, { slug: uniqueSlug('watched') });
  });
  after(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const asAdmin = (): Promise<Page> => logInInBrowser(browser, platform.gateway, ADMIN.email, ADMIN.password);
  const readyReplicas = async () =>
    (await get<Container[]>(`${platform.gateway}/system/monitor/containers`, admin)).body
      .filter((c) => c.deploymentId === running.id && c.component === 'ticketing' && c.ready).length;

  it('shows the node and the deployment\'s containers to an admin, and scales a component to 2 without reload (R19, R21)', async () => {
    const page = await asAdmin();
    await page.goto(`${platform.gateway}/admin/system`);
    await page.getByRole('heading', { name: 'System', exact: true }).waitFor();
    const node = (await get<Array<{ name: string }>>(`${platform.gateway}/system/monitor/nodes`, admin)).body[0]!.name;
    await page.getByRole('region', { name: 'Table: Nodes' }).getByRole('rowheader', { name: node, exact: true }).waitFor(LONG);

    const row = page.locator(`tr[data-component="${running.id}/ticketing"]`);
    await row.getByRole('rowheader', { name: running.slug }).waitFor(LONG);
    await row.locator('.mon-replica-count').filter({ hasText: '1 / 1' }).waitFor(LONG);
    await page.getByLabel('Deployment').selectOption({ label: running.slug });

    await page.getByLabel(`Replicas for ${running.slug} ticketing`, { exact: true }).fill('2');
    const apply = page.getByRole('button', { name: `Apply: scale ${running.slug} ticketing`, exact: true });
    await apply.click();
    const outcome = row.getByRole('status').filter({ hasText: /^Scal(ing|ed) to 2 replicas\.$/ });
    await outcome.waitFor(LONG);
    assert.equal(await apply.evaluate((button) => button === document.activeElement), true, 'focus stays on Apply, not on the page');
    await row.locator('.mon-replica-count').filter({ hasText: '2 / 2' }).waitFor(LONG);
    const containers = page.getByRole('region', { name: 'Table: Containers' });
    await eventually(async () => (await containers.locator('tbody tr', { hasText: running.slug }).filter({ has: page.getByText('Ready', { exact: true }) }).count()) === 2, 90_000, 'two ready replicas listed');
    await row.getByRole('status').filter({ hasText: 'Scaled to 2 replicas.' }).waitFor(LONG);
    assert.equal(await row.getByText('Scaling to 2 replicas.').count(), 0, 'no longer "scaling" once both are ready');

    // Started: the full date, as other pages show it (not 11/27/26).
    const startedIn = (table: string) => page.getByRole('region', { name: table }).locator('tbody tr', { hasText: running.slug }).first().locator('td').last();
    const started = startedIn('Table: Containers');
    assert.match(await started.innerText(), /\b20\d\d\b/, 'a four-digit year');
    assert.doesNotMatch(await started.innerText(), /\d+\/\d+\/\d\d\b/);
    await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('heading', { level: 1, name: '시스템' }).waitFor();
    assert.match(await startedIn('표: 컨테이너').innerText(), /^20\d\d\. \d{1,2}\. \d{1,2}\./, 'a four-digit year in Korean too');

    assert.equal(await readyReplicas(), 2);
    assert.equal((await deployment(platform.gateway, seller.accessToken, running.id)).components[0]!.desiredReplicas, 2);
    await page.close();
  });

  it('shows the seller resource charts of their deployment with a summary, and no admin pages (R11)', async () => {
    const page = await logInInBrowser(browser, platform.gateway, seller.email, PASSWORD);
    await page.goto(`${platform.gateway}/console/deployments/${running.id}/monitor`);
    await page.getByRole('heading', { name: `Monitoring · ${running.slug}` }).waitFor(LONG);
    await page.getByRole('link', { name: '← Back to the deployment' }).waitFor();

    const cpu = page.getByRole('figure', { name: 'CPU of ticketing' });
    await cpu.locator('canvas').first().waitFor(LONG);
    const summary = cpu.getByRole('table', { name: 'CPU of ticketing: latest, lowest and highest value' });
    const latest = summary.locator('tbody tr').first().locator('td').first();
    await latest.waitFor(LONG);
    assert.match(await latest.innerText(), /^\d+(\.\d+)? %$/);
    const memory = page.getByRole('figure', { name: 'Memory of ticketing' });
    const memorySummary = memory.getByRole('table', { name: 'Memory of ticketing: latest, lowest and highest value' });
    assert.match(await memorySummary.locator('tbody tr td').first().innerText(), /^\d[\d,]*(\.\d+)? MiB$/);

    await page.getByRole('radio', { name: 'Last hour' }).check();
    await cpu.locator('canvas').first().waitFor(LONG);

    await page.goto(`${platform.gateway}/admin/system`);
    await page.getByText('Only admins can see this page.').waitFor(LONG);
    await page.close();
  });

  it('lets an admin change an alert rule and set an autoscaling policy, with the server\'s errors at the field (R20, R21)', async () => {
    const page = await asAdmin();
    await page.goto(`${platform.gateway}/admin/alerts`);
    await page.getByRole('heading', { name: 'Alert rules' }).waitFor(LONG);

    const rule = page.getByRole('group', { name: 'cpu-over-limit' });
    await rule.getByLabel('Threshold', { exact: true }).fill('0.75');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('The rules are saved.').waitFor(LONG);
    const rules = (await get<Rule[]>(`${platform.gateway}/system/alert-rules`, admin)).body;
    assert.equal(rules.find((r) => r.name === 'cpu-over-limit')?.threshold, 0.75);

    await page.getByLabel('Deployment').selectOption({ label: running.slug });
    await page.getByText('ticketing has no autoscaling policy').waitFor(LONG);
    await page.getByLabel('Minimum replicas').fill('1');
    await page.getByLabel('Maximum replicas').fill('3');
    await page.getByLabel('Target CPU (%)').fill('60');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByText('The policy is saved.').waitFor(LONG);
    const policyUrl = `${platform.gateway}/system/autoscale/${running.id}/ticketing`;
    const policy = (await get(policyUrl, admin)).body;
    assert.deepEqual([policy.minReplicas, policy.maxReplicas, policy.targetCpu], [1, 3, 0.6]);

    const min = page.getByLabel('Minimum replicas');
    await min.fill('5');
    await page.getByLabel('Maximum replicas').fill('2');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('alert').filter({ hasText: 'minReplicas may not exceed maxReplicas.' }).waitFor(LONG);
    assert.equal(await min.getAttribute('aria-invalid'), 'true');
    const describedBy = (await min.getAttribute('aria-describedby')) ?? '';
    const fieldError = page.locator(`[id="${describedBy.split(' ')[0]}"]`);
    assert.match(await fieldError.innerText(), /must be at most maxReplicas \(2\)/);
    const unchanged = (await get(policyUrl, admin)).body;
    assert.deepEqual([unchanged.minReplicas, unchanged.maxReplicas], [1, 3]);
    await page.close();
  });
});
