import { useCallback, useSyncExternalStore } from 'react';
import type { SeatStore, Topic } from './seatStore';

/** Renders the calling component again whenever the topic changes in the store. */
export function useStoreTopic(store: SeatStore, topic: Topic): number {
  const subscribe = useCallback((listener: () => void) => store.subscribe(topic, listener), [store, topic]);
  return useSyncExternalStore(subscribe, () => store.version(topic));
}
