import { useCallback, useState } from 'react';
import { describeFailure } from '@clove/web-kit/describeFailure';
import type { Messages } from '../i18n';

export type ActionState =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'done'; message: string }
  | { status: 'failed'; message: string };

/** One request at a time for a control, with its outcome as a sentence. */
export function useComponentAction(t: Messages) {
  const [state, setState] = useState<ActionState>({ status: 'idle' });
  const run = useCallback(async (action: () => Promise<string>) => {
    setState({ status: 'sending' });
    try {
      setState({ status: 'done', message: await action() });
    } catch (failure) {
      setState({ status: 'failed', message: describeFailure(failure, t) });
    }
  }, [t]);
  return { state, run };
}
