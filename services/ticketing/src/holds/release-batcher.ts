import { CallBatcher, togetherOrOneByOne, type Pool } from '@clove/kit';

export interface ReleaseRequest {
  buyerId: string;
  holdId: string;
}

export type ReleaseOutcome = { outcome: 'released'; seats: string[] } | { outcome: 'not_found' | 'not_yours' | 'not_active' };

/** Releases sent in one call at most. */
const MAX_BATCH = 64;

/**
 * Runs the releases of holds that arrive while one call is under way together in the next one,
 * in one transaction (one round trip, one commit): release_holds (migration 0014). A batch it
 * refuses (one hold twice, or any failure) runs release by release with release_hold; one that
 * deadlocks runs again release by release (CallBatcher).
 */
export class ReleaseBatcher {
  private readonly batcher: CallBatcher<ReleaseRequest, ReleaseOutcome>;
  /** Batches that ran release by release after release_holds refused them. */
  oneByOne = 0;

  constructor(private readonly pool: Pool) {
    this.batcher = new CallBatcher({ one: (r) => this.one(r), many: (rs) => this.many(rs) }, MAX_BATCH);
  }

  /** Database calls made. */
  get counts(): { calls: number } {
    return this.batcher.counts;
  }

  release(request: ReleaseRequest): Promise<ReleaseOutcome> {
    return this.batcher.call(request);
  }

  private async one(r: ReleaseRequest): Promise<ReleaseOutcome> {
    const { rows } = await this.pool.query<{ result: ReleaseOutcome }>('select release_hold($1, $2) as result', [r.buyerId, r.holdId]);
    return rows[0]!.result;
  }

  private async many(requests: ReleaseRequest[]): Promise<ReleaseOutcome[]> {
    const oneByOne = async () => {
      this.oneByOne += 1;
      const outcomes: ReleaseOutcome[] = [];
      for (const request of requests) outcomes.push(await this.one(request));
      return outcomes;
    };
    // release_holds refuses a batch that names one hold twice.
    if (new Set(requests.map((r) => r.holdId)).size < requests.length) return oneByOne();
    const body = JSON.stringify(requests.map((r) => ({ buyer: r.buyerId, hold: r.holdId })));
    return togetherOrOneByOne(
      async () => (await this.pool.query<{ result: ReleaseOutcome }>('select release_holds($1::jsonb) as result', [body])).rows.map((row) => row.result),
      oneByOne,
    );
  }
}
