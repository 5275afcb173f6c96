import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * R35: a ticket's entry code: the ticket id and seat with an HMAC over them, so it can be
 * verified offline by anyone holding the secret and cannot be guessed or altered.
 */
export class TicketCodes {
  constructor(private readonly secret: string, private readonly slug: string) {}

  sign(ticketId: string, seatId: string): string {
    return `${ticketId}.${seatId}.${this.mac(ticketId, seatId)}`;
  }

  /** The ticket id and seat of a genuine code, or null. */
  verify(code: string): { ticketId: string; seatId: string } | null {
    const parts = code.split('.');
    if (parts.length !== 3) return null;
    const [ticketId, seatId, mac] = parts as [string, string, string];
    const expected = Buffer.from(this.mac(ticketId, seatId));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? { ticketId, seatId } : null;
  }

  private mac(ticketId: string, seatId: string): string {
    return createHmac('sha256', this.secret).update(`${this.slug}|${ticketId}|${seatId}`).digest('base64url');
  }
}
