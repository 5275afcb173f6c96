import type { FieldError } from '@clove/kit';

/** The parts of a TypeBox validation error this mapping reads. */
export interface SchemaIssue {
  keyword: string;
  instancePath: string;
  params: object;
  message: string;
}

/**
 * Field errors in the kit's shape (`/body/...` pointers), one per field: a value that fits no
 * branch of a union gets one line ("must be string or must be null") rather than one per branch.
 */
export function fieldErrorsOf(issues: readonly SchemaIssue[], base: string): FieldError[] {
  const messages = new Map<string, string[]>();
  const add = (path: string, message: string) => {
    const list = messages.get(path) ?? [];
    if (!list.includes(message)) list.push(message);
    messages.set(path, list);
  };
  for (const issue of issues) {
    const path = `${base}${issue.instancePath}`;
    const params = issue.params as Record<string, unknown>;
    if (issue.keyword === 'required') {
      for (const property of (params.requiredProperties as string[] | undefined) ?? []) add(`${path}/${property}`, 'is required');
    } else if (issue.keyword === 'additionalProperties') {
      for (const property of (params.additionalProperties as string[] | undefined) ?? []) add(`${path}/${property}`, 'is not allowed');
    } else if (issue.keyword === 'enum') {
      add(path, `must be one of: ${((params.allowedValues as unknown[] | undefined) ?? []).map(String).join(', ')}`);
    } else if (issue.keyword !== 'anyOf') {
      // anyOf only repeats that the branches above failed.
      add(path, issue.message);
    }
  }
  return [...messages].map(([path, list]) => ({ path, message: list.join(' or ') }));
}
