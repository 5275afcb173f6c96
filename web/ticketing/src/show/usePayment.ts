import { useCallback, useRef, useState } from 'react';
import { payForHold, type Card, type Purchase } from '../api/show';
import { statusOf } from '../api/problem';

interface Attempt {
  key: string;
  fingerprint: string;
}

export type PaymentResult =
  | { outcome: 'paid'; purchase: Purchase }
  | { outcome: 'expired' }
  | { outcome: 'failed'; failure: unknown };

/**
 * Pays for a hold. Each checkout attempt gets its own Idempotency-Key; when an attempt
 * got no definite answer (network failure, 5xx) and is sent again unchanged, the same key
 * goes with it so the buyer is never charged twice.
 */
export function usePayment(slug: string, token: string) {
  const [paying, setPaying] = useState(false);
  const attempt = useRef<Attempt | null>(null);

  const pay = useCallback(async (holdId: string, card: Card): Promise<PaymentResult> => {
    const fingerprint = JSON.stringify([holdId, card.number, card.expiry, card.cvc]);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { key: crypto.randomUUID(), fingerprint };
    setPaying(true);
    try {
      const purchase = await payForHold(slug, token, holdId, card, attempt.current.key);
      attempt.current = null;
      return { outcome: 'paid', purchase };
    } catch (failure) {
      const status = statusOf(failure);
      const definite = status >= 400 && status < 500;
      if (definite) attempt.current = null;
      return status === 410 ? { outcome: 'expired' } : { outcome: 'failed', failure };
    } finally {
      setPaying(false);
    }
  }, [slug, token]);

  return { pay, paying };
}
