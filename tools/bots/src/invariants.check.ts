export type CheckGroup = 'api' | 'journeys' | 'database' | 'payments';

const SAMPLES = 5;

/** One invariant's verdict, with a few of the offending rows when it fails. */
export function check(group: CheckGroup, name: string, violations: readonly string[], detail = '', total = violations.length) {
  return {
    group,
    name,
    passed: total === 0,
    violations: total,
    detail,
    samples: violations.slice(0, SAMPLES),
  };
}

export type Check = ReturnType<typeof check>;

/** A check that could not run (e.g. the database refused the connection) fails with the reason. */
export function broken(group: CheckGroup, name: string, error: unknown): Check {
  return { ...check(group, name, [String((error as Error).message ?? error)]), detail: 'could not be checked' };
}
