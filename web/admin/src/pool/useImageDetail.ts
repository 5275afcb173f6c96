import { useEffect, useRef } from 'react';
import { statusOf } from '@clove/web-kit/problem';
import { useResource } from '@clove/web-kit/useResource';
import { fetchBuildLog, fetchImage, type PoolImage } from '../api/pool';

const POLL_MS = 2000;

export interface ImageDetailState {
  image: PoolImage | null;
  /** null: no build log (images that are not built from git have none). */
  log: string | null;
  failure: unknown;
}

/**
 * One image and its build log, polled while the image is building; loaded again once the shell
 * renewed a session whose token was refused.
 */
export function useImageDetail(token: string, id: string, onChange: (image: PoolImage) => void): ImageDetailState {
  const detail = useResource(
    async (signal) => {
      const image = await fetchImage(token, id, signal);
      const log = image.source.kind === 'git'
        ? await fetchBuildLog(token, id, signal).catch((failure: unknown) => {
          if (statusOf(failure) === 404) return null;
          throw failure;
        })
        : null;
      return { image, log };
    },
    { key: id, intervalMs: (data) => (data?.image.status === 'building' ? POLL_MS : null) },
  );
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const image = detail.data?.image ?? null;
  useEffect(() => {
    if (image) onChangeRef.current(image);
  }, [image]);

  return { image, log: detail.data?.log ?? null, failure: detail.failure };
}
