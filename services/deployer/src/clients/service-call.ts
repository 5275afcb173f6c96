import { DomainError, ErrorCode } from '@clove/kit';

export const unavailable = (service: string, cause?: unknown) =>
  new DomainError(ErrorCode.UNAVAILABLE, `The ${service} service cannot be reached; try again later.`, { reason: `${service.toUpperCase()}_UNAVAILABLE`, cause });

/** One JSON call to another platform service, with a time limit; network failures and 5xx are "unavailable". */
export async function callService(service: string, url: string, init: { method: string; authorization: string; body?: unknown; timeoutMs: number }): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        authorization: init.authorization,
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    throw unavailable(service, error);
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    throw unavailable(service, new Error(`${service} answered ${response.status}`));
  }
  return response;
}
