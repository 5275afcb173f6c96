/**
 * R4: the sessions the auth service ended lately (deleted accounts, log-outs, reused refresh
 * tokens), read every second, so an access token of an ended session stops working in every
 * service within about a second, not when it expires. Tokens are still verified without calling
 * auth per request (R5): this is one small read a second per process, and a set lookup per
 * request. Until the first answer, and while auth cannot be reached, the last list known holds.
 */
export class RevokedSessions {
  private revoked = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(private readonly url: string, private readonly everyMs = 1_000) {}

  /** True when the session is known to have ended. */
  has(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }

  /** Follows the list: reads it now, then every `everyMs`, without keeping the process alive. */
  start(): this {
    if (this.timer) return this;
    this.timer = setInterval(() => void this.refresh(), this.everyMs);
    this.timer.unref();
    void this.refresh();
    return this;
  }

  /** Reads the list now (the first read, and tests). */
  async refresh(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(Math.max(this.everyMs, 1_000)) });
      if (!response.ok) {
        await response.body?.cancel();
        return;
      }
      const body = (await response.json()) as { sessions?: unknown };
      if (Array.isArray(body.sessions)) this.revoked = new Set(body.sessions.filter((s): s is string => typeof s === 'string'));
    } catch {
      // auth is restarting or unreachable: keep the last list and read again next time.
    } finally {
      this.reading = false;
    }
  }
}

/** Where the auth service lists ended sessions, next to its keys: `…/jwks` → `…/revoked-sessions`. */
export function revokedSessionsUrlOf(jwksUrl: string): string {
  return new URL('revoked-sessions', jwksUrl).href;
}
