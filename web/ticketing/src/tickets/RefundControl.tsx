import { useEffect, useRef, useState } from 'react';
import { refundTicket } from '../api/tickets';
import { describeFailure } from '../describeFailure';
import type { Messages } from '../i18n';

interface RefundControlProps {
  slug: string;
  token: string;
  ticketId: string;
  t: Messages;
  onRefunded: (amount: number) => void;
}

/** "Refund", then a confirmation, then the request. */
export function RefundControl({ slug, token, ticketId, t, onRefunded }: RefundControlProps) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'sending'>('idle');
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
  }, [step]);

  const send = async () => {
    setStep('sending');
    setError(null);
    try {
      const result = await refundTicket(slug, token, ticketId);
      onRefunded(result.refund.amount);
    } catch (failure) {
      setError(describeFailure(failure, t));
      setStep('idle');
    }
  };

  return (
    <div className="refund">
      {step === 'idle' && (
        <button type="button" className="tk-button" onClick={() => setStep('confirm')}>{t.refund}</button>
      )}
      {step !== 'idle' && (
        <div role="group" aria-label={t.refund} className="refund-confirm">
          <p>{t.refundQuestion}</p>
          <div className="actions">
            <button ref={confirmRef} type="button" className="tk-button tk-button-danger" disabled={step === 'sending'} onClick={() => void send()}>
              {step === 'sending' ? t.refunding : t.confirmRefund}
            </button>
            <button type="button" className="tk-button" disabled={step === 'sending'} onClick={() => setStep('idle')}>{t.cancel}</button>
          </div>
        </div>
      )}
      {error && <p role="alert" className="tk-alert">{error}</p>}
    </div>
  );
}
