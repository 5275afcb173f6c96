import { useEffect, useRef, useState } from 'react';
import { statusOf } from '@clove/web-kit/problem';
import { fetchBuildLog, fetchImage, type PoolImage } from '../api/pool';

const POLL_MS = 2000;

export interface ImageDetailState {
  image: PoolImage | null;
  /** null: no build log (images that are not built from git have none). */
  log: string | null;
  failure: unknown;
}

/** One image and its build log, polled while the image is building. */
export function useImageDetail(token: string, id: string, onChange: (image: PoolImage) => void): ImageDetailState {
  const [state, setState] = useState<ImageDetailState>({ image: null, log: null, failure: null });
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const image = await fetchImage(tokenRef.current, id, controller.signal);
        const log = image.source.kind === 'git'
          ? await fetchBuildLog(tokenRef.current, id, controller.signal).catch((failure: unknown) => {
            if (statusOf(failure) === 404) return null;
            throw failure;
          })
          : null;
        if (controller.signal.aborted) return;
        setState({ image, log, failure: null });
        onChangeRef.current(image);
        if (image.status === 'building') timer = setTimeout(() => void load(), POLL_MS);
      } catch (failure) {
        if (controller.signal.aborted) return;
        setState((previous) => ({ ...previous, failure }));
      }
    };
    setState({ image: null, log: null, failure: null });
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id]);

  return state;
}
