/**
 * File-based service discovery for a local Prometheus: one file_sd entry per managed replica
 * that listens on an address, labelled so queries can select a deployment's processes.
 * https://prometheus.io/docs/prometheus/latest/configuration/configuration/#file_sd_config
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ManagedReplica } from '../metrics/metrics-source.js';

export interface ScrapeTargetGroup {
  targets: string[];
  labels: {
    namespace: string;
    deployment: string;
    component: string;
    replica: string;
    workload: string;
  };
}

/** `http://127.0.0.1:4100/` → `127.0.0.1:4100`; null when the address is not an http(s) URL. */
export function scrapeTarget(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

/** The file_sd groups for the replicas, in a stable order so equal inputs give equal files. */
export function scrapeTargetGroups(replicas: readonly ManagedReplica[]): ScrapeTargetGroup[] {
  const groups: ScrapeTargetGroup[] = [];
  for (const replica of replicas) {
    const target = replica.address === undefined ? null : scrapeTarget(replica.address);
    if (target === null) continue;
    groups.push({
      targets: [target],
      labels: {
        namespace: replica.namespace,
        deployment: replica.deploymentId ?? '',
        component: replica.component,
        replica: replica.replica,
        workload: replica.workload,
      },
    });
  }
  const key = (g: ScrapeTargetGroup) => [g.labels.namespace, g.labels.component, g.labels.replica, g.targets[0] ?? ''];
  return groups.sort((a, b) => compareKeys(key(a), key(b)));
}

export function scrapeTargetsJson(replicas: readonly ManagedReplica[]): string {
  return `${JSON.stringify(scrapeTargetGroups(replicas), null, 2)}\n`;
}

/** Writes the discovery file atomically: a temporary file in the same folder, then a rename. */
export async function writeScrapeTargets(file: string, replicas: ManagedReplica[]): Promise<void> {
  await writeAtomically(file, scrapeTargetsJson(replicas));
}

/**
 * The discovery file of one Prometheus, rewritten only when its content changes, so Prometheus
 * does not reload targets on every poll of the runtime. Updates are applied one at a time.
 */
export class ScrapeTargetsFile {
  private lastWritten: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Resolves to true when the file was (re)written, false when it already had this content. */
  update(replicas: readonly ManagedReplica[]): Promise<boolean> {
    const content = scrapeTargetsJson(replicas);
    const next = this.queue.then(() => this.write(content));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(content: string): Promise<boolean> {
    if (this.lastWritten === undefined) this.lastWritten = await readIfExists(this.file);
    if (content === this.lastWritten) return false;
    await writeAtomically(this.file, content);
    this.lastWritten = content;
    return true;
  }
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const folder = dirname(file);
  await mkdir(folder, { recursive: true });
  // A name Prometheus' file_sd never matches (it only reads .json/.yml/.yaml files).
  const temporary = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
