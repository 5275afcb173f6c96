import { request, requestText } from '@clove/web-kit/client';

export const SOURCE_KINDS = ['container', 'git', 'builtin'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const ROLES = ['boundary', 'control', 'entity'] as const;
export type ImageRole = (typeof ROLES)[number];
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];
export type ImageStatus = 'building' | 'ready' | 'failed';

export type ImageSource =
  | { kind: 'builtin'; service: string }
  | { kind: 'container'; reference: string }
  | { kind: 'git'; url: string; ref: string; path?: string };

export interface Quantities {
  cpu: string;
  memory: string;
}

export interface Resources {
  requests: Quantities;
  limits: Quantities;
}

export interface ImageSpec {
  className: string;
  role: ImageRole;
  linkableServices: string[];
  methods: Method[];
  path: string;
  port: number;
  healthPath: string;
  resources: Resources;
}

/** GET /pool/images/{id}. */
export interface PoolImage {
  id: string;
  name: string;
  source: ImageSource;
  spec: ImageSpec;
  status: ImageStatus;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewImage {
  name: string;
  source: ImageSource;
  spec: ImageSpec;
}

const imagePath = (id: string) => `/pool/images/${encodeURIComponent(id)}`;

export function fetchImages(token: string, signal?: AbortSignal): Promise<PoolImage[]> {
  return request<PoolImage[]>('GET', '/pool/images', { token, signal });
}

export function fetchImage(token: string, id: string, signal?: AbortSignal): Promise<PoolImage> {
  return request<PoolImage>('GET', imagePath(id), { token, signal });
}

export function registerImage(token: string, image: NewImage): Promise<PoolImage> {
  return request<PoolImage>('POST', '/pool/images', { token, body: image });
}

export function deleteImage(token: string, id: string): Promise<void> {
  return request<void>('DELETE', imagePath(id), { token });
}

/**
 * The build output, as text/plain.
 */
export function fetchBuildLog(token: string, id: string, signal?: AbortSignal): Promise<string> {
  return requestText(`${imagePath(id)}/build-log`, { token, signal });
}

/** The version a source names: a container's tag or digest, a git ref. */
export function versionOf(source: ImageSource): string {
  switch (source.kind) {
    case 'container': {
      const at = source.reference.indexOf('@');
      if (at >= 0) return source.reference.slice(at + 1, at + 20);
      const lastSlash = source.reference.lastIndexOf('/');
      const colon = source.reference.indexOf(':', lastSlash + 1);
      return colon >= 0 ? source.reference.slice(colon + 1) : '';
    }
    case 'git':
      return source.ref;
    case 'builtin':
      return 'builtin';
  }
}
