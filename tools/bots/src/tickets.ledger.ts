/** The valid tickets the bots hold (ticket id → seat id), for the end-of-run check. */
export class TicketLedger {
  private readonly tickets = new Map<string, string>();
  refunded = 0;

  add(tickets: ReadonlyArray<{ id: string; seatId: string }>): void {
    for (const t of tickets) this.tickets.set(t.id, t.seatId);
  }

  refund(ticketId: string): void {
    if (this.tickets.delete(ticketId)) this.refunded++;
  }

  get size(): number {
    return this.tickets.size;
  }

  seats(): IterableIterator<[string, string]> {
    return this.tickets.entries();
  }
}
