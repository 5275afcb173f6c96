import { Type } from 'typebox';

export const FieldErrorSchema = Type.Object({ path: Type.String(), message: Type.String() });

/** RFC 9457 problem document, as every Clove service answers errors. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { additionalProperties: true, $id: undefined, description: 'application/problem+json' },
);

/** Adds the problem document as the documented answer for every error status. */
export function withProblems<T extends Record<number, unknown>>(responses: T) {
  return { ...responses, '4xx': ProblemSchema, '5xx': ProblemSchema };
}
