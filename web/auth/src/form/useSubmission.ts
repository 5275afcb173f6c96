import { useCallback, useEffect, useRef, useState } from 'react';
import type { Messages } from '../i18n';
import { describeFailure, type FieldErrors } from './describeFailure';

interface SubmissionState<F extends string> {
  pending: boolean;
  error: string | null;
  fieldErrors: FieldErrors<F>;
}

interface SubmissionOptions<F extends string> {
  fields: readonly F[];
  /** Problem codes that belong to one field, e.g. EMAIL_TAKEN → email. */
  codeFields?: Readonly<Record<string, F>>;
}

const idle = { pending: false, error: null, fieldErrors: {} };
const FIRST_INVALID = 'input[aria-invalid="true"], fieldset[aria-invalid="true"] input';

/**
 * Runs one request at a time for a form and turns failures into a form-level message and
 * per-field messages; moves focus to the first invalid field.
 */
export function useSubmission<F extends string>(t: Messages, options: SubmissionOptions<F>) {
  const [state, setState] = useState<SubmissionState<F>>(idle);
  const formRef = useRef<HTMLFormElement>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  // The submit button lost focus when it was disabled; put focus where the problem is.
  useEffect(() => {
    if (!state.error) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>(FIRST_INVALID) ?? form?.querySelector<HTMLElement>('.auth-alert');
    target?.focus();
  }, [state.error, state.fieldErrors]);

  const submit = useCallback(async (action: () => Promise<void>) => {
    setState({ pending: true, error: null, fieldErrors: {} });
    try {
      await action();
      setState(idle);
    } catch (failure) {
      const { fields, codeFields = {} } = optionsRef.current;
      setState({ pending: false, ...describeFailure(failure, t, fields, codeFields) });
    }
  }, [t]);

  const reject = useCallback((fieldErrors: FieldErrors<F>) => {
    setState({ pending: false, error: t.checkFields, fieldErrors });
  }, [t]);

  return { ...state, formRef, submit, reject };
}
