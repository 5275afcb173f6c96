import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SupervisedProcess } from '@clove/kit';
import type { ReplicaRecord } from './replica-registry.js';

/**
 * Stops a replica a previous run of the deployer left running and nobody adopts (its
 * Deployment is gone or runs another recipe): SIGTERM, so it finishes what it serves, then
 * SIGKILL after the grace period; never a signal to a process that got its pid later.
 */
export async function stopSurvivor(survivor: ReplicaRecord, logDir: string): Promise<void> {
  await mkdir(logDir, { recursive: true });
  const process = new SupervisedProcess({
    name: `${survivor.namespace}/${survivor.name}`,
    entry: '',
    env: {},
    port: survivor.port,
    logFile: join(logDir, `${survivor.name}.log`),
    echoAll: false,
    quiet: true,
  });
  process.adopt(survivor);
  await process.stop();
}
