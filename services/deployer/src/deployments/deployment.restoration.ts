import type { Readiness } from '@clove/kit';

/** A deployment the deployer brings back after a restart. */
export interface RestoredDeployment {
  slug: string;
  namespace: string;
}

/**
 * How far the deployer is in bringing back the deployments a previous run left running. Its
 * readiness (/readyz) waits until each serves again or is given up, and tells which are still
 * coming back (`restoring`) and which could not be started again (`notRestored`).
 */
export class Restoration {
  private settled = false;
  private readonly restoring = new Map<string, RestoredDeployment>();
  private readonly notRestored: RestoredDeployment[] = [];

  /** The deployment is being brought back. */
  begin(id: string, deployment: RestoredDeployment): void {
    this.restoring.set(id, deployment);
  }

  /** It serves again. */
  served(id: string): void {
    this.restoring.delete(id);
  }

  /** It could not be started again. */
  gaveUp(id: string): void {
    const deployment = this.restoring.get(id);
    if (!deployment) return;
    this.restoring.delete(id);
    this.notRestored.push(deployment);
  }

  /** Every deployment of the previous run is settled, one way or the other. */
  finished(): void {
    this.settled = true;
  }

  readiness(): Readiness {
    return {
      ready: this.settled,
      detail: { restoring: [...this.restoring.values()], notRestored: [...this.notRestored] },
    };
  }
}
