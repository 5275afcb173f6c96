import { randomUUID } from 'node:crypto';
import { CallBatcher, conflict, DomainError, statusOf, toProblem, withTransaction, type Pool, type PoolClient } from '@clove/kit';
import {
  claimKeys,
  completeKey,
  completeKeysWith,
  findKey,
  releaseKey,
  type Claim,
  type Completion,
  type JoinedWrite,
  type KeyRef,
} from './idempotency.repository.js';

export interface IdempotentRequest {
  apiKeyId: string;
  key: string;
  fingerprint: string;
  /** Goes into problem documents that are stored and replayed. */
  requestId: string;
}

/** An HTTP answer: status and body. */
export interface Outcome {
  statusCode: number;
  body: unknown;
}

export interface Answer extends Outcome {
  replayed: boolean;
}

/** Work that is one payment row, with the answer it gives once the row has committed. */
export interface AnsweredWrite extends JoinedWrite {
  outcome: Outcome;
}

/** The stored and sent answer for a client error. */
export function problemOutcome(error: DomainError, requestId: string): Outcome {
  return { statusCode: statusOf[error.code], body: toProblem(error, requestId) };
}

/** Claims or charges sent in one statement at most. */
const MAX_BATCH = 64;

const inUse = () =>
  conflict('A request with this Idempotency-Key is still being processed; retry shortly.', 'IDEMPOTENCY_KEY_IN_USE');

/**
 * Runs a request at most once per (API key, Idempotency-Key). The first request claims the key;
 * its work and the stored answer commit in one transaction. Later requests with the same key
 * get the stored answer again, a 409 while the first one runs, or a 409 when their request
 * differs. Client errors (4xx) are stored as answers too; anything else frees the key.
 */
export class Idempotency {
  /** Claims that arrive together are sent together (CallBatcher), and so are charges with their answers. */
  private readonly claims: CallBatcher<Claim, boolean>;
  private readonly joinedWrites: CallBatcher<Completion, boolean>;

  constructor(private readonly pool: Pool) {
    this.claims = new CallBatcher({ one: async (c) => (await claimKeys(pool, [c]))[0]!, many: (cs) => claimKeys(pool, cs) }, MAX_BATCH);
    this.joinedWrites = new CallBatcher(
      { one: async (c) => (await completeKeysWith(pool, [c]))[0]!, many: (cs) => completeKeysWith(pool, cs) },
      MAX_BATCH,
    );
  }

  /** `work` runs in a transaction that also stores its answer. */
  async run(request: IdempotentRequest, work: (db: PoolClient) => Promise<Outcome>): Promise<Answer> {
    return this.claimThen(request, (ref) =>
      this.answering(ref, request.requestId, () =>
        withTransaction(this.pool, async (client) => {
          const outcome = await work(client);
          if (!(await completeKey(client, ref, outcome.statusCode, outcome.body))) throw inUse();
          return { ...outcome, replayed: false };
        }),
      ),
    );
  }

  /** For work that is one payment row: it and the stored answer commit in one statement. */
  async runWrite(request: IdempotentRequest, prepare: () => AnsweredWrite): Promise<Answer> {
    return this.claimThen(request, (ref) =>
      this.answering(ref, request.requestId, async () => {
        const { outcome, row } = prepare();
        if (!(await this.joinedWrites.call({ ref, statusCode: outcome.statusCode, body: outcome.body, row }))) throw inUse();
        return { ...outcome, replayed: false };
      }),
    );
  }

  private async claimThen(request: IdempotentRequest, execute: (ref: KeyRef) => Promise<Answer>): Promise<Answer> {
    const ref: KeyRef = { apiKeyId: request.apiKeyId, key: request.key, lockId: randomUUID() };
    // A key released between our failed claim and our read is free again: claim once more.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.claims.call({ ref, fingerprint: request.fingerprint })) return execute(ref);
      const stored = await findKey(this.pool, ref.apiKeyId, ref.key);
      if (!stored) continue;
      if (stored.fingerprint !== request.fingerprint) {
        throw conflict(
          'This Idempotency-Key was already used for a different request; use a new key for a new request.',
          'IDEMPOTENCY_KEY_REUSED',
        );
      }
      if (stored.status === 'processing') throw inUse();
      return { statusCode: stored.response_status!, body: stored.response_body, replayed: true };
    }
    throw inUse();
  }

  /** A client error (4xx) becomes the stored answer; anything else frees the key. */
  private async answering(ref: KeyRef, requestId: string, attempt: () => Promise<Answer>): Promise<Answer> {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof DomainError && statusOf[error.code] < 500) {
        const outcome = problemOutcome(error, requestId);
        if (await completeKey(this.pool, ref, outcome.statusCode, outcome.body)) return { ...outcome, replayed: false };
        throw inUse();
      }
      await releaseKey(this.pool, ref).catch(() => undefined);
      throw error;
    }
  }
}
