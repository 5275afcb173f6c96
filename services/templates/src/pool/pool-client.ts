import { DomainError, ErrorCode, type Problem } from '@clove/kit';
import type { PoolImage } from '../templates/template.schemas.js';

export interface PoolClientOptions {
  baseUrl: string;
  serviceToken: string;
  timeoutMs: number;
}

export const poolUnavailable = (cause?: unknown) =>
  new DomainError(ErrorCode.UNAVAILABLE, 'The pool service cannot be reached; try again later.', { reason: 'POOL_UNAVAILABLE', cause });

/** An answer of the pool that the templates service does not expect. */
class PoolAnswer extends Error {
  constructor(readonly status: number, readonly problem: Partial<Problem> | undefined) {
    super(`The pool answered ${status}${problem?.code ? ` ${problem.code}` : ''}.`);
  }
}

/**
 * The pool's routes templates use: images read and usages recorded with the service token;
 * listing and registering images with the admin's own token, forwarded.
 */
export class PoolClient {
  constructor(private readonly options: PoolClientOptions) {}

  /** The image, or null when the pool has none with that id. */
  async getImage(id: string): Promise<PoolImage | null> {
    const response = await this.call('GET', `/images/${encodeURIComponent(id)}`, this.options.serviceToken);
    if (response.status === 404) return null;
    return this.json<PoolImage>(response, 200);
  }

  async addUsage(imageId: string, templateId: string): Promise<'recorded' | 'no-image'> {
    const response = await this.call('PUT', `/images/${encodeURIComponent(imageId)}/usages/${encodeURIComponent(templateId)}`, this.options.serviceToken);
    if (response.status === 404) return 'no-image';
    await this.expect(response, 204);
    return 'recorded';
  }

  async removeUsage(imageId: string, templateId: string): Promise<void> {
    const response = await this.call('DELETE', `/images/${encodeURIComponent(imageId)}/usages/${encodeURIComponent(templateId)}`, this.options.serviceToken);
    await this.expect(response, 204);
  }

  /** Admin route of the pool: the caller's own access token is forwarded. */
  async listImages(adminToken: string): Promise<PoolImage[]> {
    return this.json<PoolImage[]>(await this.call('GET', '/images', adminToken), 200, true);
  }

  /** Admin route of the pool; null when an image of that name exists already. */
  async registerImage(adminToken: string, body: unknown): Promise<PoolImage | null> {
    const response = await this.call('POST', '/images', adminToken, body);
    if (response.status === 409) return null;
    return this.json<PoolImage>(response, 201, true);
  }

  private async call(method: string, path: string, token: string, body?: unknown): Promise<Response> {
    const url = new URL(path.replace(/^\//, ''), this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
    try {
      return await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      throw poolUnavailable(error);
    }
  }

  private async json<T>(response: Response, status: number, forwarded = false): Promise<T> {
    await this.refuseUnexpected(response, status, forwarded);
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw poolUnavailable(error);
    }
  }

  private async expect(response: Response, status: number): Promise<void> {
    await this.refuseUnexpected(response, status);
    await response.body?.cancel();
  }

  /**
   * 5xx: the pool is unavailable. 401/403 on a forwarded token are the caller's; on the service
   * token they are a misconfiguration, which is this service's fault (500).
   */
  private async refuseUnexpected(response: Response, status: number, forwarded = false): Promise<void> {
    if (response.status === status) return;
    let problem: Partial<Problem> | undefined;
    try {
      problem = (await response.json()) as Partial<Problem>;
    } catch {
      problem = undefined;
    }
    if (response.status >= 500) throw poolUnavailable(new PoolAnswer(response.status, problem));
    if (forwarded && (response.status === 401 || response.status === 403)) {
      throw new DomainError(response.status === 401 ? ErrorCode.UNAUTHENTICATED : ErrorCode.NOT_ALLOWED,
        `The pool refused the call: ${problem?.detail ?? response.status}`, { reason: problem?.code ?? 'POOL_REFUSED' });
    }
    throw new PoolAnswer(response.status, problem);
  }
}
