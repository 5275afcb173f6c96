import type { FastifyBaseLogger } from 'fastify';
import type { CatalogClient } from '../clients/catalog.client.js';
import type { DeploymentRepository } from './deployment.repository.js';

/**
 * R10, R27: takes deleted deployments' performances off the catalog's listing. The deployment's
 * row is the record of what is owed, so a catalog that is down delays a withdrawal and never
 * loses or blocks it: each pass withdraws every deleted deployment not yet withdrawn, after a
 * delete, every `retryMs`, and when the deployer starts.
 */
export class ListingWithdrawals {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly repo: DeploymentRepository,
    private readonly catalog: CatalogClient,
    private readonly log: FastifyBaseLogger,
    private readonly retryMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.nudge(), this.retryMs);
    this.timer.unref();
    this.nudge();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.again = false;
    await this.running;
  }

  /** Runs a pass now, or right after the one under way (which may have missed a deletion). */
  nudge(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  private async pass(): Promise<void> {
    try {
      for (const deployment of await this.repo.withdrawalsOwed()) {
        await this.catalog.withdraw(deployment.slug, deployment.id);
        await this.repo.setListingWithdrawn(deployment.id);
      }
    } catch (error) {
      this.log.warn({ err: error }, `the catalog did not withdraw a deleted performance; trying again within ${this.retryMs} ms`);
    }
  }
}
