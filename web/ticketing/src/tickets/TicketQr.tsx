import { useEffect, useState } from 'react';
import { statusOf } from '@clove/web-kit/problem';
import { useResource } from '@clove/web-kit/useResource';
import { fetchTicketQr } from '../api/tickets';
import type { Messages } from '../i18n';

interface TicketQrProps {
  slug: string;
  token: string;
  ticketId: string;
  alt: string;
  t: Messages;
}

/**
 * The entry QR code, fetched with the bearer token and shown through an object URL. A refreshed
 * token does not fetch it again; a refused one does, once the shell renewed the session.
 */
export function TicketQr({ slug, token, ticketId, alt, t }: TicketQrProps) {
  const qr = useResource((signal) => fetchTicketQr(slug, token, ticketId, signal), { key: `${slug}/${ticketId}` });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!qr.data) return setUrl(null);
    const objectUrl = URL.createObjectURL(qr.data);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [qr.data]);

  // A token refused (401) is being renewed: the image follows.
  if (qr.failure && statusOf(qr.failure) !== 401) return <p role="alert" className="tk-alert">{t.qrFailed}</p>;
  if (!url) return <p role="status" className="hint">{t.loadingQr}</p>;
  return <img className="ticket-qr" src={url} alt={alt} width={200} height={200} />;
}
