/** An OCI image reference taken apart: `[registry/]repository(:tag|@digest)`. */
export interface OciReference {
  registry: string | null;
  repository: string;
  tag: string | null;
  digest: string | null;
}

const MAX_LENGTH = 255;
const DOMAIN_COMPONENT = '(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
const REGISTRY = new RegExp(`^${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]{1,5})?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Parses a reference as the distribution grammar does, or returns null. The first component
 * is the registry only when it looks like a host (a dot, a port, or `localhost`), so
 * `MyOrg/app:1` is an upper-case repository, not a registry. A tag or a digest is required:
 * what is deployed must be named, not "whatever latest is".
 */
export function parseOciReference(value: string): OciReference | null {
  if (value.length === 0 || value.length > MAX_LENGTH) return null;
  let rest = value;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }
  let tag: string | null = null;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) return null;
  }
  if (tag === null && digest === null) return null;

  const parts = rest.split('/');
  let registry: string | null = null;
  const first = parts[0]!;
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!REGISTRY.test(first)) return null;
    registry = first;
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((part) => PATH_COMPONENT.test(part))) return null;
  return { registry, repository: parts.join('/'), tag, digest };
}
