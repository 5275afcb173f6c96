import { callService } from './service-call.js';

/** The catalog's internal side, with the ingest token performances publish their events with. */
export class CatalogClient {
  constructor(private readonly baseUrl: string, private readonly ingestToken: string, private readonly timeoutMs: number) {}

  /** Takes a deployed performance off the listing, by its generation (the deployment's id). Idempotent. */
  async withdraw(slug: string, generation: string): Promise<void> {
    const path = `/performances/${encodeURIComponent(slug)}/generations/${encodeURIComponent(generation)}`;
    const response = await callService('catalog', `${this.baseUrl.replace(/\/$/, '')}${path}`, {
      method: 'DELETE', authorization: `Bearer ${this.ingestToken}`, timeoutMs: this.timeoutMs,
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the catalog answered ${response.status} to a withdrawal`);
  }
}
