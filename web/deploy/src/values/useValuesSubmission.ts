import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { describeFailure, describeFormProblem } from '../describeFailure';
import type { Messages } from '../i18n';
import type { SentValues } from '../schemaForm/fields';
import { placeServerErrors } from '../schemaForm/serverErrors';
import type { useSchemaForm } from '../schemaForm/useSchemaForm';
import { SLUG } from './deployFields';

type SchemaForm = ReturnType<typeof useSchemaForm>;

/** Refusals that are about one field without naming it in `errors`. */
const CODE_FIELDS: Readonly<Record<string, string>> = { SLUG_TAKEN: SLUG, SLUG_IMMUTABLE: SLUG };

/**
 * What the form's alert is about, not yet in words: fields the browser found wrong, or a failed
 * request (with the server's messages no field shows). `formProblemText` says it in the page's
 * language when it is shown, so a language switch changes it too.
 */
export type FormProblem =
  | { checked: true }
  | { failure: unknown; placed: boolean; unplaced: string[] };

export function formProblemText(problem: FormProblem, t: Messages): string {
  if ('checked' in problem) return t.checkFields;
  // The fields show their own errors; the alert says what to do and adds only those no field shows.
  const { failure, placed, unplaced } = problem;
  return placed && failure instanceof ApiError ? [describeFormProblem(failure.problem, t), ...unplaced].join(' ') : describeFailure(failure, t);
}

/**
 * Sends a generated form's values: checked in the browser first, then the server's refusals
 * placed on the fields they name. Focus goes to the first field in error, else to the alert.
 */
export function useValuesSubmission(form: SchemaForm) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [shown, setShown] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (shown === 0) return;
    const root = formRef.current;
    root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus() ?? root?.querySelector<HTMLElement>('.dp-alert')?.focus();
  }, [shown]);

  const submit = useCallback(async (send: (values: SentValues) => Promise<void>) => {
    const values = form.collect();
    if (!values) {
      setProblem({ checked: true });
      setShown((n) => n + 1);
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      await send(values);
    } catch (failure) {
      const { fieldErrors, unplaced } = placeServerErrors(failure, form.names);
      const apiProblem = failure instanceof ApiError ? failure.problem : null;
      const codeField = apiProblem ? CODE_FIELDS[apiProblem.code] : undefined;
      if (apiProblem && codeField && form.names.includes(codeField)) fieldErrors[codeField] ??= { refused: apiProblem };
      form.setErrors(fieldErrors);
      setProblem({ failure, placed: Object.keys(fieldErrors).length > 0, unplaced });
      setShown((n) => n + 1);
    } finally {
      setPending(false);
    }
  }, [form]);

  return { pending, problem, formRef, submit };
}
