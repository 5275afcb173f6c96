/**
 * The local runtime's replicas are like pods: a crash of the deployer (the control plane)
 * does not take them down. Buyers keep being served while the deployer is down and comes
 * back; the deployer adopts the replicas it left (same processes) and goes on scaling and
 * deleting them. Yet nothing outlives the platform: when all of it dies, so do the replicas.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { processIdentity } from '@clove/kit';
import { signUpAndLogIn, type Session } from './support/accounts.js';
import { builtinTemplates, deployRunning, uniqueSlug, type DeploymentView } from './support/deployments.js';
import { eventually, get, request } from './support/http.js';
import { applyPerformance } from './support/performance.js';
import { startPlatform, type RunningPlatform } from './support/platform.js';

const SECTIONS = [{ name: 'A', grade: 'R', price: 50_000, rows: 2, seatsPerRow: 5 }];

interface Container { namespace: string; name: string; pid?: number; ready: boolean }

/** Running, not a zombie, not a later process that got the pid. */
const running = (pid: number) => processIdentity(pid) !== null;

/** The launcher's child running this entry now (runtime.json has the pids of the launcher's start). */
async function childRunning(launcher: number, entry: string): Promise<number> {
  for (const name of await readdir('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === launcher && (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes(entry)) return pid;
    } catch {
      // Gone meanwhile.
    }
  }
  assert.fail(`no child of ${launcher} runs ${entry}`);
}

const DEPLOYER_ENTRY = join('services', 'deployer', 'dist', 'server.js');

/** Sends a request every 50 ms until stopped, counting the answers that are not 200. */
function keepAsking(url: string) {
  let stopped = false;
  const failures: string[] = [];
  let answered = 0;
  const loop = (async () => {
    while (!stopped) {
      const sent = Date.now();
      try {
        const result = await get(url);
        if (result.status === 200) answered += 1;
        else failures.push(`${result.status} ${result.text.slice(0, 200)}`);
      } catch (error) {
        failures.push(String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 50 - (Date.now() - sent))));
    }
  })();
  return {
    failures,
    answered: () => answered,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

describe('deployer crash: replicas keep serving and are adopted', () => {
  let platform: RunningPlatform;
  let seller: Session;
  let templates: Record<string, string>;
  let monitorToken: string;

  before(async () => {
    platform = await startPlatform({ env: { DEPLOYER_DRAIN_MS: '200' } });
    seller = await signUpAndLogIn(platform.gateway, 'seller');
    templates = await builtinTemplates(platform.gateway, seller.accessToken);
    monitorToken = (await platform.secrets()).monitorServiceToken as string;
  });
  after(async () => {
    await platform?.dispose();
  });

  async function containersOf(namespace: string): Promise<Container[]> {
    const listed = await get<Container[]>(`${platform.gateway}/deploy/runtime/containers`, monitorToken);
    assert.equal(listed.status, 200, listed.text);
    return listed.body.filter((c) => c.namespace === namespace);
  }

  /** Scales the performance's ticketing to two replicas and waits until both are ready. */
  async function scaleToTwo(view: DeploymentView): Promise<Container[]> {
    const scaled = await request('PUT', `${platform.gateway}/deploy/deployments/${view.id}/components/ticketing/replicas`, { token: monitorToken, body: { replicas: 2 } });
    assert.equal(scaled.status, 200, scaled.text);
    return eventually(async () => {
      const containers = await containersOf(view.namespace);
      return containers.length === 2 && containers.every((c) => c.ready) ? containers : undefined;
    }, 30_000, 'two ready replicas');
  }

  async function performance(tag: string): Promise<{ view: DeploymentView; pids: number[] }> {
    const view = await deployRunning(platform.gateway, seller.accessToken, templates.standard!, { slug: uniqueSlug(tag) });
    await applyPerformance(platform, view.slug, seller.accessToken, SECTIONS);
    const pids = (await containersOf(view.namespace)).map((c) => c.pid!);
    assert.equal(pids.length, 1);
    assert.ok(pids.every(running));
    return { view, pids };
  }

  it('serves every request while the deployer is killed and restarted, which then reports, scales and deletes the same replicas', async () => {
    const { view, pids } = await performance('crash');
    const event = `${platform.gateway}/e/${view.slug}/event`;
    assert.equal((await get(event)).status, 200);
    const deployer = (await platform.runtime()).services.deployer!.pid;
    assert.equal(await childRunning(platform.launcher.pid!, DEPLOYER_ENTRY), deployer);

    const asking = keepAsking(event);
    let adopted: Container[];
    try {
      process.kill(deployer, 'SIGKILL');
      await eventually(async () => /deployer exited \(signal SIGKILL\); restarting/.test(platform.output()), 10_000, 'the launcher to see the deployer die');
      // Back: its runtime API answers, with the replicas it adopted, ready.
      adopted = await eventually(async () => {
        const containers = await containersOf(view.namespace);
        return containers.length > 0 && containers.every((c) => c.ready) ? containers : undefined;
      }, 60_000, 'the deployer to come back with the replicas');
      // Traffic goes on after the deployer took the replicas back (it publishes their route again).
      const after = asking.answered();
      await eventually(async () => asking.answered() >= after + 20, 10_000, 'more answers after the adoption');
    } finally {
      await asking.stop();
    }
    const failed = asking.failures.length;
    assert.equal(failed, 0, `${failed} of ${failed + asking.answered()} requests failed while the deployer was down; the first: ${asking.failures[0]}`);
    assert.ok(asking.answered() > 20, `answered ${asking.answered()}`);
    assert.deepEqual(adopted.map((c) => c.pid), pids, 'the same processes, adopted');
    assert.ok(pids.every(running), 'the replicas never stopped');

    // Scaling works on adopted replicas: a second one joins, the adopted one stays.
    const two = await scaleToTwo(view);
    assert.ok(two.some((c) => c.pid === pids[0]), JSON.stringify(two));
    const all = two.map((c) => c.pid!);
    assert.equal((await get(event)).status, 200);

    // Deleting stops every replica, the adopted one too.
    const deleted = await request('DELETE', `${platform.gateway}/deploy/deployments/${view.id}`, { token: seller.accessToken });
    assert.equal(deleted.status, 202, deleted.text);
    await eventually(async () => (await get(`${platform.gateway}/deploy/deployments/${view.id}`, seller.accessToken)).status === 404, 30_000, 'the deployment to be gone');
    await eventually(async () => all.every((pid) => !running(pid)), 15_000, 'the replicas to stop');
    assert.equal((await get(event)).status, 404);
  });

  it('serves every request when a replica dies while the deployer is down, and the deployer replaces it', async () => {
    const { view, pids } = await performance('orphan');
    const two = await scaleToTwo(view);
    const event = `${platform.gateway}/e/${view.slug}/event`;
    const deployer = await childRunning(platform.launcher.pid!, DEPLOYER_ENTRY);
    const restartsBefore = platform.output().match(/deployer exited \(signal SIGKILL\); restarting/g)?.length ?? 0;

    const asking = keepAsking(event);
    let replaced: Container[];
    try {
      process.kill(deployer, 'SIGKILL');
      // The first replica dies too, with nobody watching it: its address stays in the route.
      process.kill(pids[0]!, 'SIGKILL');
      await eventually(async () => !running(pids[0]!), 10_000, 'the replica to die');
      const diedAt = asking.answered();
      await eventually(async () => asking.answered() >= diedAt + 20, 10_000, 'answers while the replica is dead');
      await eventually(async () => (platform.output().match(/deployer exited \(signal SIGKILL\); restarting/g)?.length ?? 0) > restartsBefore, 10_000, 'the launcher to see the deployer die');
      replaced = await eventually(async () => {
        const containers = await containersOf(view.namespace);
        return containers.length === 2 && containers.every((c) => c.ready) && !containers.some((c) => c.pid === pids[0]) ? containers : undefined;
      }, 60_000, 'the deployer to come back and replace the dead replica');
    } finally {
      await asking.stop();
    }
    const failed = asking.failures.length;
    assert.equal(failed, 0, `${failed} of ${failed + asking.answered()} requests failed; the first: ${asking.failures[0]}`);
    const survivor = two.find((c) => c.pid !== pids[0])!.pid!;
    assert.ok(replaced.some((c) => c.pid === survivor), 'the live replica was adopted');

    const deleted = await request('DELETE', `${platform.gateway}/deploy/deployments/${view.id}`, { token: seller.accessToken });
    assert.equal(deleted.status, 202, deleted.text);
    await eventually(async () => replaced.every((c) => !running(c.pid!)), 30_000, 'the replicas to stop');
  });

  it('leaves no replica running when the whole platform is killed', async () => {
    const { pids } = await performance('orphan');
    // Both at once: the launcher is gone before it could restart the deployer, and the deployer
    // cannot stop the replicas on its way out.
    process.kill(await childRunning(platform.launcher.pid!, DEPLOYER_ENTRY), 'SIGKILL');
    await platform.stop('SIGKILL');
    await eventually(async () => pids.every((pid) => !running(pid)), 10_000, 'the replicas to notice the platform is gone');
    // PostgreSQL of the killed launcher stays behind; it is not part of this test.
    const postmaster = Number((await readFile(join(platform.stateDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    if (running(postmaster)) process.kill(postmaster, 'SIGINT');
    await eventually(async () => !running(postmaster), 30_000, 'PostgreSQL to stop');
  });
});
