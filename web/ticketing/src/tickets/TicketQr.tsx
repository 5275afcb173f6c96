import { useEffect, useRef, useState } from 'react';
import { fetchTicketQr } from '../api/tickets';
import type { Messages } from '../i18n';

interface TicketQrProps {
  slug: string;
  token: string;
  ticketId: string;
  alt: string;
  t: Messages;
}

/** The entry QR code, fetched with the bearer token and shown through an object URL. */
export function TicketQr({ slug, token, ticketId, alt, t }: TicketQrProps) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  // A refreshed token does not change the image: no new request for it.
  const tokenRef = useRef(token);
  tokenRef.current = token;

  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    fetchTicketQr(slug, tokenRef.current, ticketId, controller.signal).then(
      (blob) => {
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      },
      (failure: unknown) => {
        if (controller.signal.aborted) return;
        console.error('QR request failed', failure);
        setFailed(true);
      },
    );
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [slug, ticketId]);

  if (failed) return <p role="alert" className="tk-alert">{t.qrFailed}</p>;
  if (!url) return <p role="status" className="hint">{t.loadingQr}</p>;
  return <img className="ticket-qr" src={url} alt={alt} width={200} height={200} />;
}
