import { get as httpGet, type ClientRequest, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';

/** How long a read waits at the auth service for a session to end before it is answered anyway. */
const WAIT_SECONDS = 20;
/**
 * The least time between two reads: when sessions end one after another (a wave of log-outs),
 * each answer would otherwise be followed at once by another, every process reading the whole
 * list tens of times a second. A session ending within it is still heard of at the next read.
 */
const MIN_READ_GAP_MS = 50;

/**
 * R4: the sessions the auth service ended lately (deleted accounts, log-outs, reused refresh
 * tokens), so an access token of an ended session stops working in every service at once, not
 * when it expires. Tokens are still verified without calling auth per request (R5): each
 * process keeps one read waiting at auth (GET /revoked-sessions?after=<revision>&waitSeconds=…),
 * which auth answers as soon as a session ends, and a set lookup per request. Until the first
 * answer, and while auth cannot be reached (then read again every `retryMs`), the last list
 * known holds. An auth that does not wait (no revision in its answer) is read every `retryMs`.
 * The waiting read does not keep the process alive.
 */
export class RevokedSessions {
  private revoked = new Set<string>();
  private revision: string | undefined;
  private following = false;
  private stopped = false;
  private inFlight: ClientRequest | undefined;
  private pause: NodeJS.Timeout | undefined;

  constructor(private readonly url: string, private readonly retryMs = 1_000) {}

  /** True when the session is known to have ended. */
  has(sessionId: string): boolean {
    return this.revoked.has(sessionId);
  }

  /** Follows the list from now on. */
  start(): this {
    if (this.following) return this;
    this.following = true;
    void this.follow();
    return this;
  }

  /** Stops following: the waiting read is dropped. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.pause);
    this.inFlight?.destroy();
  }

  /** Reads the list now, without waiting for a change (the first read, and tests); false if no list came. */
  async refresh(): Promise<boolean> {
    return this.read(0);
  }

  private async follow(): Promise<void> {
    while (!this.stopped) {
      const startedAt = Date.now();
      const held = this.revision;
      const answered = await this.read(held === undefined ? 0 : WAIT_SECONDS);
      const took = Date.now() - startedAt;
      // No list, an auth that does not wait, or one that did not keep this read waiting (too many
      // wait already; the list did not change): read again a little later, as before waiting existed.
      if (!answered || this.revision === undefined || (held !== undefined && this.revision === held && took < this.retryMs)) {
        await this.sleep(this.retryMs);
      } else if (took < MIN_READ_GAP_MS) {
        await this.sleep(MIN_READ_GAP_MS - took);
      }
    }
  }

  private async read(waitSeconds: number): Promise<boolean> {
    const url = new URL(this.url);
    if (waitSeconds > 0 && this.revision !== undefined) {
      url.searchParams.set('after', this.revision);
      url.searchParams.set('waitSeconds', String(waitSeconds));
    }
    try {
      const body = JSON.parse(await this.getText(url, (waitSeconds + 5) * 1000)) as { sessions?: unknown; revision?: unknown };
      if (!Array.isArray(body.sessions)) return false;
      this.revoked = new Set(body.sessions.filter((s): s is string => typeof s === 'string'));
      this.revision = typeof body.revision === 'string' ? body.revision : undefined;
      return true;
    } catch {
      // auth is restarting or unreachable, or answered something else: keep the last list.
      return false;
    }
  }

  private getText(url: URL, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const get = url.protocol === 'https:' ? httpsGet : httpGet;
      const request = get(url, { timeout: timeoutMs, headers: { accept: 'application/json' } }, (response: IncomingMessage) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`status ${response.statusCode}`));
          return;
        }
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
        response.on('error', reject);
      });
      this.inFlight = request;
      request.on('socket', (socket) => socket.unref());
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', reject);
      request.on('close', () => {
        if (this.inFlight === request) this.inFlight = undefined;
      });
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.pause = setTimeout(resolve, ms);
      this.pause.unref();
    });
  }
}

/** Where the auth service lists ended sessions, next to its keys: `…/jwks` → `…/revoked-sessions`. */
export function revokedSessionsUrlOf(jwksUrl: string): string {
  return new URL('revoked-sessions', jwksUrl).href;
}
