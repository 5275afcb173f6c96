import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** A deployment the deployer brings back after a restart, as its /readyz tells. */
interface RestoredDeployment {
  slug: string;
  namespace: string;
}

interface DeployerReadiness {
  restoring?: RestoredDeployment[];
  notRestored?: RestoredDeployment[];
}

export interface Restoration {
  /** What to tell the operator, a line each: performances that do not serve, or a deployer that is late. */
  problems: string[];
  /** How many deployed performances do not serve. */
  notServing: number;
}

/**
 * Waits until the deployer is ready, which it is once the deployments a previous run left
 * running serve again through the gateway or are given up, for at most timeoutMs; then says
 * which do not serve.
 */
export async function waitForRestoredDeployments(deployerUrl: string, timeoutMs: number, logDir: string): Promise<Restoration> {
  const logsOf = (d: RestoredDeployment) => join(logDir, 'performances', d.namespace);
  const deadline = Date.now() + timeoutMs;
  let last: DeployerReadiness = {};
  for (;;) {
    let ready = false;
    try {
      const response = await fetch(`${deployerUrl}/readyz`, { signal: AbortSignal.timeout(1000) });
      last = await response.json() as DeployerReadiness;
      ready = response.ok;
    } catch {
      // Not answering now (started again after a crash): asked again.
    }
    const notRestored = (last.notRestored ?? []).map((d) =>
      `performance ${d.slug} (/e/${d.slug}/) could not be started again; its deployment tells why, its logs are in ${logsOf(d)}`);
    if (ready) return { problems: notRestored, notServing: notRestored.length };
    if (Date.now() >= deadline) {
      const restoring = (last.restoring ?? []).map((d) =>
        `performance ${d.slug} (/e/${d.slug}/) is not serving yet after ${timeoutMs} ms; the deployer goes on starting it, its logs are in ${logsOf(d)}`);
      const late = restoring.length + notRestored.length === 0
        ? [`the deployer has not brought back the deployments of the previous run within ${timeoutMs} ms; see ${join(logDir, 'deployer.log')}`]
        : [];
      return { problems: [...notRestored, ...restoring, ...late], notServing: notRestored.length + restoring.length };
    }
    await delay(50);
  }
}
