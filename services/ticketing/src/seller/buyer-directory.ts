export interface BuyerContact {
  email: string | null;
  name: string | null;
}

/**
 * R25 with R4: bookers' emails and names come from the auth service when the list is read, so
 * a deleted account shows none, while its tickets stay in the seller's records.
 */
export class BuyerDirectory {
  constructor(
    private readonly authUrl: string | undefined,
    private readonly credentials: string | undefined,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Contacts by buyer id; empty when auth is not configured or cannot be reached. */
  async contacts(ids: string[]): Promise<Map<string, BuyerContact>> {
    const found = new Map<string, BuyerContact>();
    if (!this.authUrl || !this.credentials || ids.length === 0) return found;
    try {
      for (let i = 0; i < ids.length; i += 1000) {
        const response = await fetch(`${this.authUrl}/users/lookup`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Basic ${Buffer.from(this.credentials).toString('base64')}`,
          },
          body: JSON.stringify({ ids: ids.slice(i, i + 1000) }),
          signal: AbortSignal.timeout(3000),
        });
        if (!response.ok) throw new Error(`auth answered ${response.status}`);
        const { users } = (await response.json()) as { users: Array<{ id: string; email: string | null; name: string | null }> };
        for (const user of users) found.set(user.id, { email: user.email, name: user.name });
      }
    } catch (error) {
      this.onError(error);
    }
    return found;
  }
}
