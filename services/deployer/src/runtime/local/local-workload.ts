import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LIFELINE_ENV, SupervisedProcess, type SlowStop } from '@clove/kit';
import type { ReplicaState, ReplicaStatus, WorkloadStatus } from '../driver.js';
import type { ReplicaRecord } from './replica-registry.js';
import { stopSurvivor } from './stop-survivor.js';

/** How a Deployment's replicas are run: resolved from its pod template by the driver. */
export interface PodRecipe {
  entry: string;
  env: Record<string, string>;
  execArgv: string[];
  readyPath: string;
  /** Labels of the pod template, which Services select on. */
  labels: Record<string, string>;
  /** Identity of the recipe: replicas of another recipe are replaced. */
  fingerprint: string;
}

/** What a workload tells its driver. */
export interface WorkloadEvents {
  /** The set of ready replicas may have changed. */
  changed: () => void;
  /** A replica takes long to stop (told while it lasts and when it is gone): the deployer logs it. */
  slowStop?: (replica: string, stop: SlowStop) => void;
  /** How long a stop may take before it is told; the process supervisor's default otherwise. */
  slowStopMs?: number;
  /** A replica runs (again): its pid and port, for a later run of the deployer to adopt it. */
  recorded?: (replica: ReplicaRecord) => void;
  /** A replica stopped for good. */
  forgotten?: (replica: Pick<ReplicaRecord, 'namespace' | 'name'>) => void;
}

/** What a workload is given besides its recipe. */
export interface WorkloadOptions {
  /** Replicas of this Deployment that a previous run of the deployer left running: adopted, not started anew. */
  survivors?: ReplicaRecord[];
  /** Replicas outlive the deployer and stop when this process is gone (see the kit's lifeline); unset, they stop with the deployer. */
  lifeline?: string;
}

interface Replica {
  name: string;
  process: SupervisedProcess;
  ready: boolean;
  stopped: boolean;
}

/** Probing a replica that is not ready yet is fast, so a deploy is quick; a ready one is checked each second. */
const PROBE_STARTING_MS = 50;
const PROBE_READY_MS = 1_000;

/**
 * One Deployment of the local runtime: its replicas are supervised processes (restarted with
 * backoff when they crash), each probed for readiness before it gets traffic. Replicas a
 * previous run of the deployer left running are adopted when they run this recipe. Those of
 * another recipe (the deployer's settings changed meanwhile) go on serving until this recipe's
 * replicas are ready, as in a rolling update, then stop; the rest stop at once.
 */
export class LocalWorkload {
  private replicas: Replica[] = [];
  private serial = 0;
  private desired = 0;
  /** Replicas scaled away that are still finishing their in-flight requests. */
  private readonly terminating = new Set<Promise<void>>();
  private survivors: ReplicaRecord[];
  /** Survivors of another recipe, still serving until this recipe's replicas are all ready. */
  private outgoing: ReplicaRecord[] = [];

  constructor(
    readonly namespace: string,
    readonly name: string,
    private recipe: PodRecipe,
    private readonly logDir: string,
    private readonly nodeName: string,
    private readonly events: WorkloadEvents,
    private readonly options: WorkloadOptions = {},
  ) {
    this.survivors = [...(options.survivors ?? [])].sort((a, b) => serialOf(a.name) - serialOf(b.name));
    // New replicas get names the survivors do not have.
    this.serial = Math.max(0, ...this.survivors.map((s) => serialOf(s.name) + 1));
  }

  get labels(): Record<string, string> {
    return this.recipe.labels;
  }

  get desiredReplicas(): number {
    return this.desired;
  }

  /** URLs of the replicas that pass their readiness probe, and of the survivors they are to replace. */
  readyUrls(): string[] {
    const ready = this.replicas.filter((r) => r.ready && !r.stopped).map((r) => r.process.url);
    return [...ready, ...this.outgoing.map((survivor) => `http://127.0.0.1:${survivor.port}`)];
  }

  /** Applies a recipe and a replica count: replicas of an older recipe are replaced. */
  async update(recipe: PodRecipe, replicas: number): Promise<void> {
    if (recipe.fingerprint !== this.recipe.fingerprint) {
      this.recipe = recipe;
      const outdated = this.replicas;
      this.replicas = [];
      this.desired = replicas;
      this.fill();
      await Promise.all([...outdated.map((r) => this.stopReplica(r)), this.settleSurvivors()]);
      return;
    }
    this.scale(replicas);
    await this.settleSurvivors();
  }

  /**
   * Sets the replica count. As on a cluster, the change is made when this returns: surplus
   * replicas get no new traffic and finish their in-flight requests afterwards (up to the
   * grace period), so a caller is not kept waiting for a slow request of a replica going away.
   */
  scale(replicas: number): void {
    this.desired = replicas;
    this.fill();
    const surplus = this.replicas.slice(replicas);
    this.replicas = this.replicas.slice(0, replicas);
    this.events.changed();
    for (const replica of surplus) this.terminate(replica);
    this.retireOutgoingWhenReplaced();
  }

  /** Stops every replica, also those still terminating; in-flight requests finish first (the services close gracefully on SIGTERM). */
  async stop(): Promise<void> {
    const all = this.replicas;
    this.replicas = [];
    this.desired = 0;
    this.events.changed();
    const outgoing = this.outgoing;
    this.outgoing = [];
    await Promise.all([...all.map((r) => this.stopReplica(r)), ...this.terminating, this.dismissSurvivors(), this.stopSurvivors(outgoing)]);
  }

  status(): WorkloadStatus {
    const replicas = this.replicas.map((r) => this.replicaStatus(r));
    return { name: this.name, desiredReplicas: this.desired, readyReplicas: replicas.filter((r) => r.ready).length, replicas };
  }

  /** Why replicas are not ready, for a failed deploy's reason. */
  describeTrouble(): string {
    const troubled = this.replicas.filter((r) => !r.ready);
    if (troubled.length === 0) return `${this.name}: ${this.replicas.length} of ${this.desired} replicas started`;
    return troubled.map((r) => {
      const p = r.process;
      const exit = p.lastExit ? `, last ${p.lastExit}` : '';
      // The seller reads this: the replica's name, not where its log lies on the server
      // (an admin finds it under the runtime's log folder, by namespace and replica name).
      return `${r.name}: ${p.state}, ${p.restarts} restarts${exit}`;
    }).join('; ');
  }

  /** True when a replica refused its configuration: waiting longer cannot help. */
  hasFailedReplica(): boolean {
    return this.replicas.some((r) => r.process.state === 'failed');
  }

  private fill(): void {
    while (this.replicas.length < this.desired) this.replicas.push(this.startReplica());
  }

  private startReplica(): Replica {
    const index = this.survivors.findIndex((s) => s.fingerprint === this.recipe.fingerprint);
    const survivor = index >= 0 ? this.survivors.splice(index, 1)[0]! : undefined;
    const name = survivor?.name ?? `${this.name}-${this.serial++}`;
    const process = this.supervisor(name);
    const replica: Replica = { name, process, ready: false, stopped: false };
    process.on('exit', () => this.setReady(replica, false));
    process.on('slow-stop', (stop: SlowStop) => this.events.slowStop?.(`${this.namespace}/${name}`, stop));
    process.on('listening', () => this.record(replica));
    if (survivor) {
      process.adopt(survivor);
      this.record(replica);
    } else {
      process.start();
    }
    void this.probeLoop(replica);
    return replica;
  }

  private supervisor(name: string): SupervisedProcess {
    return new SupervisedProcess({
      name: `${this.namespace}/${name}`,
      entry: this.recipe.entry,
      env: { ...this.recipe.env, ...(this.options.lifeline ? { [LIFELINE_ENV]: this.options.lifeline } : {}) },
      port: 0,
      readyPath: this.recipe.readyPath,
      execArgv: this.recipe.execArgv,
      logFile: join(this.logDir, `${name}.log`),
      echoAll: false,
      quiet: true,
      // Replicas write their logs themselves: they run on while the deployer restarts.
      outputToFile: true,
      ...(this.events.slowStopMs !== undefined ? { slowStopMs: this.events.slowStopMs } : {}),
    });
  }

  /**
   * Survivors nobody adopted: those of this recipe are more than wanted and stop at once, like a
   * replica scaled away; those of another recipe serve on until their replacements are ready.
   */
  private async settleSurvivors(): Promise<void> {
    this.outgoing.push(...this.survivors.filter((s) => s.fingerprint !== this.recipe.fingerprint));
    this.survivors = this.survivors.filter((s) => s.fingerprint === this.recipe.fingerprint);
    await this.dismissSurvivors();
    this.retireOutgoingWhenReplaced();
  }

  private async dismissSurvivors(): Promise<void> {
    const dismissed = this.survivors;
    this.survivors = [];
    await this.stopSurvivors(dismissed);
  }

  /** Once this recipe's replicas are all ready, the survivors they replace leave the routes, then stop. */
  private retireOutgoingWhenReplaced(): void {
    if (this.outgoing.length === 0 || this.replicas.filter((r) => r.ready).length < this.desired) return;
    const retired = this.outgoing;
    this.outgoing = [];
    this.events.changed();
    const stopped = this.stopSurvivors(retired).finally(() => this.terminating.delete(stopped));
    this.terminating.add(stopped);
  }

  private async stopSurvivors(survivors: ReplicaRecord[]): Promise<void> {
    await Promise.all(survivors.map(async (survivor) => {
      await stopSurvivor(survivor, this.logDir);
      this.events.forgotten?.(survivor);
    }));
  }

  private record(replica: Replica): void {
    const p = replica.process;
    if (replica.stopped || p.pid === undefined || p.identity === null || p.port === 0) return;
    this.events.recorded?.({
      namespace: this.namespace,
      workload: this.name,
      name: replica.name,
      fingerprint: this.recipe.fingerprint,
      pid: p.pid,
      identity: p.identity,
      port: p.port,
      since: (p.since ?? new Date()).toISOString(),
      restarts: p.restarts,
    });
  }

  private async probeLoop(replica: Replica): Promise<void> {
    while (!replica.stopped) {
      this.setReady(replica, await replica.process.probe());
      await delay(replica.ready ? PROBE_READY_MS : PROBE_STARTING_MS);
    }
  }

  private setReady(replica: Replica, ready: boolean): void {
    if (replica.stopped || replica.ready === ready) return;
    replica.ready = ready;
    this.events.changed();
    this.retireOutgoingWhenReplaced();
  }

  private terminate(replica: Replica): void {
    const stopped = this.stopReplica(replica).finally(() => this.terminating.delete(stopped));
    this.terminating.add(stopped);
  }

  private async stopReplica(replica: Replica): Promise<void> {
    replica.stopped = true;
    replica.ready = false;
    await replica.process.stop();
    this.events.forgotten?.({ namespace: this.namespace, name: replica.name });
  }

  private replicaStatus(replica: Replica): ReplicaStatus {
    const p = replica.process;
    return {
      name: replica.name,
      node: this.nodeName,
      state: stateOf(p.state, replica.ready),
      ready: replica.ready,
      restarts: p.restarts,
      startedAt: p.since?.toISOString() ?? null,
      ...(p.lastExit && !replica.ready ? { message: `last ${p.lastExit}` } : {}),
      ...(p.pid !== undefined ? { pid: p.pid } : {}),
      ...(p.port !== 0 ? { address: p.url } : {}),
    };
  }
}

/** The number a replica's name ends in (ticketing-r1-3 → 3). */
function serialOf(name: string): number {
  return Number(/-(\d+)$/.exec(name)?.[1] ?? 0);
}

function stateOf(state: SupervisedProcess['state'], ready: boolean): ReplicaState {
  if (state === 'running') return ready ? 'running' : 'starting';
  return state;
}
