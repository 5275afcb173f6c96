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
}

/** Thrown by the API client; `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
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
