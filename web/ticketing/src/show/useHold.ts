import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchCurrentHold, holdSeats, releaseHold, type LiveHold } from '../api/show';
import { ApiError, statusOf } from '../api/problem';
import { describeFailure } from '../describeFailure';
import { formatDate } from '../format';
import type { Messages } from '../i18n';
import type { Lang, Session } from '../session';
import type { SeatStore } from './seatStore';

/** The buyer's hold on this performance: taking one, releasing it, and its end. */
export function useHold(slug: string, session: Session | null, store: SeatStore, t: Messages, lang: Lang) {
  const [hold, setHold] = useState<LiveHold | null>(null);
  const [busy, setBusy] = useState<'holding' | 'releasing' | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Seats of the hold whose price the seller changed after this page showed them (R24). */
  const [repriced, setRepriced] = useState<string[]>([]);
  const token = session?.accessToken ?? '';

  /** Set once the buyer holds seats here: a late answer about an older hold must not undo that. */
  const acted = useRef(false);
  const holdRef = useRef<LiveHold | null>(null);
  holdRef.current = hold;

  const adopt = useCallback((live: LiveHold) => {
    store.remember(live.seats);
    store.setMine(live.seatIds);
    setHold(live);
  }, [store]);

  // A page opened again (reloaded, or another tab) carries on with the buyer's live hold. Only a
  // buyer can have one; if this fails, the buyer can still hold seats anew, which replaces it.
  const buyerId = session?.user.role === 'buyer' ? session.user.id : null;
  useEffect(() => {
    if (!buyerId) return;
    const controller = new AbortController();
    fetchCurrentHold(slug, token, controller.signal).then(
      (live) => {
        if (!live || controller.signal.aborted || acted.current) return;
        adopt(live);
      },
      () => undefined,
    );
    return () => controller.abort();
    // The token is renewed in the background: a new one alone is no reason to ask again.
  }, [slug, buyerId, adopt]);

  /** The hold is over on the server (paid, expired or released): forget it here. */
  const end = useCallback(() => {
    setHold(null);
    setRepriced([]);
    store.setMine([]);
  }, [store]);

  const tokenRef = useRef(token);
  tokenRef.current = token;
  /**
   * Compares this page's hold with the buyer's live hold on the server, which another tab or
   * device may have replaced, paid for or released, and takes the server's: 'replaced' (this page
   * now shows the newer hold), 'ended' (no live hold), 'same', or 'unknown' (it could not ask).
   */
  const reconcile = useCallback(async (): Promise<'same' | 'replaced' | 'ended' | 'unknown'> => {
    const mine = holdRef.current;
    let live: LiveHold | null;
    try {
      live = await fetchCurrentHold(slug, tokenRef.current);
    } catch {
      return 'unknown';
    }
    if (holdRef.current !== mine) return 'same'; // this page moved on meanwhile
    if (live && live.holdId === mine?.holdId) return 'same';
    if (live) {
      adopt(live);
      return 'replaced';
    }
    end();
    return 'ended';
  }, [slug, adopt, end]);

  /**
   * The prices shown came with the seat map; a seller may have changed some since (R24). The
   * server tells the prices the hold is paid at: the checkout shows those, and which changed.
   */
  const confirmPrices = useCallback(async (holdId: string, seen: LiveHold['seats']) => {
    const live = await fetchCurrentHold(slug, tokenRef.current).catch(() => null);
    if (!live || live.holdId !== holdId || holdRef.current?.holdId !== holdId) return;
    const changed = live.seats.filter((seat) => seen.find((shown) => shown.id === seat.id)?.price !== seat.price);
    if (changed.length === 0) return;
    setHold(live);
    setRepriced(changed.map((seat) => seat.id));
  }, [slug]);

  /** Holds the selected seats; true when they are held. */
  const take = useCallback(async (): Promise<boolean> => {
    const selection = store.selection();
    const ids = selection.map((seat) => seat.id);
    if (ids.length === 0) {
      setError(t.selectFirst);
      return false;
    }
    setError(null);
    setRepriced([]);
    acted.current = true;
    setBusy('holding');
    store.claim(ids);
    try {
      const next = await holdSeats(slug, token, ids);
      store.claim(null);
      store.setMine(next.seatIds);
      const seen = selection.filter((seat) => next.seatIds.includes(seat.id));
      setHold({ ...next, seats: seen });
      void confirmPrices(next.holdId, seen);
      return true;
    } catch (failure) {
      store.claim(null);
      const problem = failure instanceof ApiError ? failure.problem : null;
      if (problem?.status === 409 && problem.seats?.length) {
        store.apply(problem.seats, 'held');
        store.deselect(problem.seats); // also those of a section not shown, whose changes the page does not hear
        store.dropUnavailable();
        setError(t.holdConflict(problem.seats.join(', ')));
      } else if (problem?.status === 403 && problem.opensAt) {
        setError(t.saleNotOpen(formatDate(problem.opensAt, lang)));
      } else {
        store.dropUnavailable();
        setError(describeFailure(failure, t));
      }
      return false;
    } finally {
      setBusy(null);
    }
  }, [slug, token, store, t, lang, confirmPrices]);

  /** Releases the hold; true when it is gone. */
  const release = useCallback(async (): Promise<boolean> => {
    if (!hold) return false;
    setError(null);
    setBusy('releasing');
    try {
      await releaseHold(slug, token, hold.holdId);
      end();
      return true;
    } catch (failure) {
      // 404 or 410: the hold is already gone.
      if (statusOf(failure) === 404 || statusOf(failure) === 410) {
        end();
        return true;
      }
      setError(describeFailure(failure, t));
      return false;
    } finally {
      setBusy(null);
    }
  }, [hold, slug, token, end, t]);

  return { hold, busy, error, setError, repriced, take, release, end, reconcile };
}
