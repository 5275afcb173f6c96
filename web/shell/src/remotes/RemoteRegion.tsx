import { lazy, Suspense, useMemo, useState } from 'react';
import { useLanguage } from '../language';
import type { RemotePageProps } from '../session/session';
import type { RemotePageLoader } from './authPages';
import { RemoteBoundary } from './RemoteBoundary';
import { RemoteError } from './RemoteError';

type RemoteRegionProps<Extra> = RemotePageProps & Extra & {
  remote: string;
  load: RemotePageLoader<Extra>;
};

/**
 * A page of a micro-frontend: fetched lazily, with a loading notice, and replaced by an
 * error panel with a retry button when it cannot be loaded or throws.
 */
export function RemoteRegion<Extra extends object = object>({ remote, load, ...rest }: RemoteRegionProps<Extra>) {
  const props = rest as RemotePageProps & Extra;
  const { t } = useLanguage();
  const [attempt, setAttempt] = useState(0);
  // A new lazy component per attempt: React.lazy remembers a rejected load for good.
  const Page = useMemo(() => lazy(load), [load, attempt]);

  return (
    <RemoteBoundary
      key={attempt}
      remote={remote}
      fallback={<RemoteError onRetry={() => setAttempt((n) => n + 1)} />}
    >
      <Suspense fallback={<p role="status" className="loading">{t.loadingPart}</p>}>
        <Page {...props} />
      </Suspense>
    </RemoteBoundary>
  );
}
