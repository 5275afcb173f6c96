/** An application/problem+json error body, as every Clove service returns it. */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
  /** Seats someone else holds or bought (409 on a hold). */
  seats?: string[];
  /** When the sale opens (403 before it does). */
  opensAt?: string;
  /** Sold, unrefunded tickets (409 TICKETS_SOLD when deleting a deployment). */
  liveTickets?: number;
  /** Templates that use an image (409 IMAGE_IN_USE when deleting it). */
  templates?: string[];
  /** Why a card was declined (402 PAYMENT_DECLINED), e.g. insufficient_funds. */
  declineCode?: string;
}

/** Thrown by the API client; `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

export function networkProblem(): Problem {
  return { title: 'Network error', status: 0, detail: '', code: 'NETWORK' };
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.status === 'number' && typeof candidate.detail === 'string';
}

/** The HTTP status of a failure, 0 for network failures and -1 for anything else. */
export function statusOf(failure: unknown): number {
  return failure instanceof ApiError ? failure.status : -1;
}
