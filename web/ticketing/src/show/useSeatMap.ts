import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchSeats, seatStreamUrl, type SeatState } from '../api/show';
import { SeatStore } from './seatStore';

export type SeatMapStatus = 'loading' | 'ready' | 'failed';

interface SeatChange {
  state: SeatState;
  ids: string[];
}

function parseChange(data: string): SeatChange | null {
  try {
    const value = JSON.parse(data) as Partial<SeatChange>;
    const states: readonly unknown[] = ['available', 'held', 'sold'];
    if (!states.includes(value.state) || !Array.isArray(value.ids)) return null;
    return { state: value.state as SeatState, ids: value.ids.filter((id): id is string => typeof id === 'string') };
  } catch {
    return null;
  }
}

/**
 * The seat map of a performance, kept live by its server-sent event stream. The snapshot is
 * read once the stream is open, so every change after the read comes through the stream;
 * changes that arrive while it loads are replayed on top of it, and a fresh snapshot is loaded
 * after the stream reconnects, so no change is lost. If the stream cannot connect, the map is
 * loaded anyway and loaded again once it does. `onTaken` hears of selected seats that someone
 * else took. `section` narrows the map to one section (a large venue's page shows one at a time);
 * null waits until one is chosen; undefined is the whole map.
 */
export function useSeatMap(slug: string, onTaken: (ids: string[]) => void, section?: string | null) {
  const [store] = useState(() => new SeatStore());
  const [status, setStatus] = useState<SeatMapStatus>('loading');
  const [live, setLive] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const takenRef = useRef(onTaken);
  takenRef.current = onTaken;

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (section === null) {
      setStatus('loading');
      return;
    }
    let closed = false;
    let pending: SeatChange[] | null = null;
    let controller: AbortController | null = null;

    const applyChange = (change: SeatChange) => {
      const taken = store.apply(change.ids, change.state);
      if (taken.length > 0) takenRef.current(taken);
    };

    const loadSnapshot = () => {
      controller?.abort();
      const current = (controller = new AbortController());
      pending = [];
      fetchSeats(slug, current.signal, section).then(
        (map) => {
          if (closed || current.signal.aborted) return;
          store.load(map);
          const replay = pending ?? [];
          pending = null;
          replay.forEach(applyChange);
          setStatus('ready');
        },
        (failure: unknown) => {
          if (closed || current.signal.aborted) return;
          console.error('Seat map request failed', failure);
          pending = null;
          setStatus((previous) => (previous === 'ready' ? previous : 'failed'));
        },
      );
    };

    const source = typeof EventSource === 'undefined' ? null : new EventSource(seatStreamUrl(slug, section));
    let opened = false;
    let interrupted = false;
    source?.addEventListener('seats', (event) => {
      const change = parseChange((event as MessageEvent<string>).data);
      if (!change) return;
      if (pending) pending.push(change);
      else applyChange(change);
    });
    source?.addEventListener('open', () => {
      setLive(true);
      // The first snapshot waits for this; after an interruption, changes may have been missed.
      if (!opened || interrupted) loadSnapshot();
      opened = true;
      interrupted = false;
    });
    source?.addEventListener('error', () => {
      // A stream that never opened must not keep the map from showing.
      if (!opened && !interrupted) loadSnapshot();
      interrupted = true;
      setLive(source.readyState === EventSource.OPEN);
    });

    setStatus((previous) => (previous === 'ready' ? previous : 'loading'));
    if (!source) loadSnapshot();
    return () => {
      closed = true;
      controller?.abort();
      source?.close();
    };
  }, [slug, store, attempt, section]);

  return { store, status, live, reload };
}
