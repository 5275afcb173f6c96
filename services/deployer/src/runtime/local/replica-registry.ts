import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isSameProcess, type AdoptedChild } from '@clove/kit';

/** A running replica as the local runtime records it, for a later run of the deployer to adopt. */
export interface ReplicaRecord extends AdoptedChild {
  namespace: string;
  /** The Deployment, e.g. ticketing-r1. */
  workload: string;
  /** The replica, e.g. ticketing-r1-0. */
  name: string;
  /** The pod recipe it runs: a replica of another recipe is not adopted. */
  fingerprint: string;
}

const VERSION = 1;

/**
 * The replicas this deployer runs, in a file of its state folder: replicas outlive a crash of
 * the deployer, and its next run adopts them from here. Each change rewrites the whole file
 * through a temporary one and a rename, so a crash never leaves half a file.
 */
export class ReplicaRegistry {
  private readonly records = new Map<string, ReplicaRecord>();
  private writing = Promise.resolve();
  private serial = 0;

  constructor(private readonly file: string, private readonly onError: (error: unknown) => void = () => undefined) {}

  /**
   * The replicas a previous run recorded that still run: the same process (boot and start
   * time), not a later one that got its pid. Read once, when the driver starts; they stay
   * recorded until they are adopted again or forgotten.
   */
  survivors(): ReplicaRecord[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return [];
    }
    const { version, replicas } = (parsed ?? {}) as { version?: unknown; replicas?: unknown };
    if (version !== VERSION || !Array.isArray(replicas)) return [];
    const alive = replicas.filter(isRecord).filter((r) => isSameProcess(r.pid, r.identity));
    for (const replica of alive) this.records.set(keyOf(replica), replica);
    return alive.map((r) => ({ ...r }));
  }

  /** Records a replica running (again: its pid or port changed). */
  record(replica: ReplicaRecord): Promise<void> {
    this.records.set(keyOf(replica), { ...replica });
    return this.save();
  }

  /** Forgets a replica that stopped. */
  forget(replica: Pick<ReplicaRecord, 'namespace' | 'name'>): Promise<void> {
    if (!this.records.delete(keyOf(replica))) return this.writing;
    return this.save();
  }

  /** Resolves once every change so far is in the file. */
  flushed(): Promise<void> {
    return this.writing;
  }

  private save(): Promise<void> {
    const content = JSON.stringify({ version: VERSION, replicas: [...this.records.values()] }, null, 2);
    const temporary = `${this.file}.${process.pid}.${++this.serial}.tmp`;
    // One write at a time, in order: the last change is the one that stays.
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(temporary, content, { mode: 0o600 });
      await rename(temporary, this.file);
    }).catch(this.onError);
    return this.writing;
  }
}

function keyOf(replica: Pick<ReplicaRecord, 'namespace' | 'name'>): string {
  return `${replica.namespace}/${replica.name}`;
}

function isRecord(value: unknown): value is ReplicaRecord {
  const r = value as Partial<ReplicaRecord> | null;
  return typeof r === 'object' && r !== null
    && typeof r.namespace === 'string' && typeof r.workload === 'string' && typeof r.name === 'string'
    && typeof r.fingerprint === 'string' && Number.isInteger(r.pid) && typeof r.identity === 'string'
    && Number.isInteger(r.port) && (r.port ?? 0) > 0 && typeof r.since === 'string' && Number.isInteger(r.restarts);
}
