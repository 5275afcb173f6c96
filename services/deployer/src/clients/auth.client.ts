import { callService, unavailable } from './service-call.js';

export interface KnownUser {
  id: string;
  email: string;
  role: string;
}

/** The auth service's user lookup, with this service's client credentials. */
export class AuthClient {
  private readonly authorization: string;

  constructor(private readonly baseUrl: string, credentials: string, private readonly timeoutMs: number) {
    this.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }

  /** The active user with this email, or null. */
  async findByEmail(email: string): Promise<KnownUser | null> {
    const response = await callService('auth', `${this.baseUrl.replace(/\/$/, '')}/users/lookup`, {
      method: 'POST', authorization: this.authorization, body: { emails: [email] }, timeoutMs: this.timeoutMs,
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw unavailable('auth', new Error(`auth answered ${response.status} to the lookup`));
    }
    const { users } = (await response.json()) as { users: Array<{ id: string; email: string | null; role: string; deleted: boolean }> };
    const user = users.find((u) => !u.deleted && u.email?.toLowerCase() === email.toLowerCase());
    return user ? { id: user.id, email: user.email!, role: user.role } : null;
  }
}
