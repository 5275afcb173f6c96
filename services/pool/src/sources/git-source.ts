import { posix } from 'node:path';
import { invalid, notAllowed, type FieldError } from '@clove/kit';

export interface GitSource {
  kind: 'git';
  url: string;
  ref: string;
  path: string;
}

const BASE = '/body/source';
const MAX_URL_LENGTH = 2000;
const REF = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,100}$/;
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

/**
 * The URL git may clone from, normalised: only http(s) and no credentials. Everything else
 * (`file://`, `ext::`, `git://`, ssh, `-…`) is refused, because git would happily run or read
 * what those name.
 */
export function parseGitUrl(value: string): { url: URL } | { error: FieldError } {
  const error = (message: string) => ({ error: { path: `${BASE}/url`, message } });
  if (value.length > MAX_URL_LENGTH || CONTROL_OR_SPACE.test(value) || value.includes('\\')) {
    return error('must be a plain http:// or https:// URL');
  }
  if (!/^https?:\/\//i.test(value)) return error('must start with http:// or https://');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return error('is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return error('must start with http:// or https://');
  if (url.username || url.password) return error('must not contain credentials');
  if (!url.hostname) return error('must name a host');
  return { url };
}

/** Whether the URL's host (with its port, when not the default) is one the operator allowed. */
export function isAllowedHost(url: URL, allowedHosts: ReadonlySet<string>): boolean {
  return allowedHosts.has(url.host.toLowerCase());
}

/** A branch or tag name that git cannot mistake for an option or a range. */
export function gitRefError(ref: string): FieldError | null {
  const error = (message: string) => ({ path: `${BASE}/ref`, message });
  if (!REF.test(ref)) return error('must be a branch or tag name: letters, digits, ".", "_", "/", "-", not starting with "-"');
  if (ref.includes('..') || ref.includes('//') || ref.endsWith('/') || ref.endsWith('.') || ref.endsWith('.lock')) {
    return error('is not a valid branch or tag name');
  }
  return null;
}

/**
 * The folder inside the checkout to build, normalised (`./app/` → `app`, '' → '.'), or a field
 * error when it is absolute or escapes the checkout.
 */
export function normaliseBuildPath(path: string): { path: string } | { error: FieldError } {
  const error = (message: string) => ({ error: { path: `${BASE}/path`, message } });
  if (path.length > 500 || /[\u0000-\u001f\u007f\\]/.test(path)) return error('must be a relative folder of plain characters');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return error('must be relative to the repository, not absolute');
  const normalised = posix.normalize(path === '' ? '.' : path).replace(/\/+$/, '') || '.';
  const segments = normalised.split('/');
  if (segments[0] === '..') return error('must stay inside the repository');
  if (segments.includes('.git')) return error('must not be inside .git');
  return { path: normalised };
}

/**
 * Checks a git source: a 400 naming every bad field, then a 403 for a host not allowed.
 * Returns it normalised.
 */
export function checkGitSource(source: { url: string; ref: string; path?: string | undefined }, allowedHosts: ReadonlySet<string>): GitSource {
  const url = parseGitUrl(source.url);
  const path = normaliseBuildPath(source.path ?? '.');
  const errors = [
    'error' in url ? url.error : null,
    gitRefError(source.ref),
    'error' in path ? path.error : null,
  ].filter((e): e is FieldError => e !== null);
  if (errors.length > 0 || 'error' in url || 'error' in path) {
    throw invalid(`Invalid git source: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);
  }
  if (!isAllowedHost(url.url, allowedHosts)) {
    throw notAllowed(`Git sources may not be cloned from ${url.url.host}; an operator must allow the host.`, 'GIT_HOST_NOT_ALLOWED');
  }
  return { kind: 'git', url: url.url.href, ref: source.ref, path: path.path };
}
