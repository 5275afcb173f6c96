import { useCallback, useMemo, useRef, useState } from 'react';
import { readValues, type FieldErrors } from './check';
import type { FieldDescriptor, SentValues } from './fields';
import { initialInputs, type Inputs } from './inputs';

/**
 * The state of a generated form: its inputs (starting from `original`, else the defaults) and
 * its field errors. `collect` checks the inputs and answers the values, or null (with the
 * errors shown) when something does not fit. Give the form a new key to start over.
 */
export function useSchemaForm(fields: FieldDescriptor[], original: Record<string, unknown> = {}) {
  const originalRef = useRef(original);
  const [inputs, setInputs] = useState<Inputs>(() => initialInputs(fields, original));
  const [errors, setErrors] = useState<FieldErrors>({});
  const names = useMemo(() => fields.map((field) => field.name), [fields]);

  const setInput = useCallback((name: string, value: string | boolean) => {
    setInputs((previous) => ({ ...previous, [name]: value }));
  }, []);

  const collect = useCallback((): SentValues | null => {
    const checked = readValues(fields, inputs, originalRef.current);
    setErrors(checked.errors);
    return Object.keys(checked.errors).length === 0 ? checked.values : null;
  }, [fields, inputs]);

  return { inputs, errors, names, setInput, setErrors, collect };
}
