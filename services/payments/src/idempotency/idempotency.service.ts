import { randomUUID } from 'node:crypto';
import { CallBatcher, conflict, DomainError, statusOf, toProblem, withTransaction, type Pool, type PoolClient } from '@clove/kit';
import {
  claimKeys,
  completeKey,
  findKey,
  releaseKey,
  storeAnswersWith,
  type Answered,
  type Claim,
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

/** Work that is one payment row, computed from the request alone, with the answer it gives once the row has committed. */
export interface AnsweredWrite extends JoinedWrite {
  outcome: Outcome;
}

/** The stored and sent answer for a client error. */
export function problemOutcome(error: DomainError, requestId: string): Outcome {
  return { statusCode: statusOf[error.code], body: toProblem(error, requestId) };
}

/** Claims or answers sent in one statement at most. */
const MAX_BATCH = 64;

const inUse = () =>
  conflict('A request with this Idempotency-Key is still being processed; retry shortly.', 'IDEMPOTENCY_KEY_IN_USE');

/**
 * Runs a request at most once per (API key, Idempotency-Key). Later requests with the same key
 * get the stored answer again, a 409 while the first one runs, or a 409 when their request
 * differs. Client errors (4xx) are stored as answers too; anything else leaves the key free.
 *
 * Work that needs the database (run) claims the key first; the work and the stored answer then
 * commit in one transaction. Work computed from the request alone (runWrite: a charge) needs no
 * claim: its answer and payment row are stored in one statement, and a request with the same key
 * arriving meanwhile waits for that statement and gets its answer.
 */
export class Idempotency {
  /** Claims that arrive together are sent together (CallBatcher), and so are answers with their payments. */
  private readonly claims: CallBatcher<Claim, boolean>;
  private readonly answers: CallBatcher<Answered, boolean>;

  constructor(private readonly pool: Pool) {
    this.claims = new CallBatcher({ one: async (c) => (await claimKeys(pool, [c]))[0]!, many: (cs) => claimKeys(pool, cs) }, MAX_BATCH);
    this.answers = new CallBatcher(
      { one: async (a) => (await storeAnswersWith(pool, [a]))[0]!, many: (as) => storeAnswersWith(pool, as) },
      MAX_BATCH,
    );
  }

  /** `work` runs in a transaction that also stores its answer. */
  run(request: IdempotentRequest, work: (db: PoolClient) => Promise<Outcome>): Promise<Answer> {
    const ref = newRef(request);
    return this.onceOrStored(request, async () => {
      if (!(await this.claims.call({ ref, fingerprint: request.fingerprint }))) return null;
      return this.answering(ref, request.requestId, () =>
        withTransaction(this.pool, async (client) => {
          const outcome = await work(client);
          if (!(await completeKey(client, ref, outcome.statusCode, outcome.body))) throw inUse();
          return { ...outcome, replayed: false };
        }),
      );
    });
  }

  /** For work that is one payment row, computed from the request alone: it and the stored answer commit in one statement. */
  runWrite(request: IdempotentRequest, prepare: () => AnsweredWrite): Promise<Answer> {
    const { outcome, row } = prepare();
    const answered: Answered = { ref: newRef(request), fingerprint: request.fingerprint, statusCode: outcome.statusCode, body: outcome.body, row };
    return this.onceOrStored(request, async () => ((await this.answers.call(answered)) ? { ...outcome, replayed: false } : null));
  }

  /**
   * Runs `attempt` (null: the key was not free), or answers what the key already holds. A key
   * released between a failed attempt and the read of it is free again: attempt once more.
   */
  private async onceOrStored(request: IdempotentRequest, attempt: () => Promise<Answer | null>): Promise<Answer> {
    for (let tries = 0; tries < 3; tries++) {
      const answer = await attempt();
      if (answer) return answer;
      const stored = await this.storedAnswer(request);
      if (stored) return stored;
    }
    throw inUse();
  }

  /**
   * The answer stored under the request's key, or a 409 when the key holds another request or
   * a claim still being worked on; null when the key is free again (a claim released meanwhile).
   */
  private async storedAnswer(request: IdempotentRequest): Promise<Answer | null> {
    const stored = await findKey(this.pool, request.apiKeyId, request.key);
    if (!stored) return null;
    if (stored.fingerprint !== request.fingerprint) {
      throw conflict(
        'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        'IDEMPOTENCY_KEY_REUSED',
      );
    }
    if (stored.status === 'processing') throw inUse();
    return { statusCode: stored.response_status!, body: stored.response_body, replayed: true };
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

const newRef = (request: IdempotentRequest): KeyRef => ({ apiKeyId: request.apiKeyId, key: request.key, lockId: randomUUID() });

