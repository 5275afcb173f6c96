export { request, requestBlob, type RequestOptions } from '@clove/web-kit/client';

/** The API prefix of one performance's service. */
export function showPath(slug: string, path: string): string {
  return `/e/${encodeURIComponent(slug)}${path}`;
}
