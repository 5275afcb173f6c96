/** Object storage of the fake API server: objects by kind, namespace and name, label selectors, merge patches. */
import { randomUUID } from 'node:crypto';

export type StoredObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string; namespace?: string; labels?: Record<string, string> };
};

/** An error the fake API server answers with a Kubernetes Status object. */
export class FakeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }

  status(): Record<string, unknown> {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, to compare documents whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** RFC 7386 JSON merge patch; the strategic merge of the maps the fake server is patched with behaves the same. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

type Requirement = (labels: Record<string, string>) => boolean;

/** Splits `a=b,c in (d,e)` on the commas outside parentheses. */
function selectorTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) terms.push(current.trim());
  return terms.filter(Boolean);
}

function requirement(term: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
  if (set) {
    const [, key, operator, list] = set as unknown as [string, string, string, string];
    const values = new Set(list.split(',').map((value) => value.trim()));
    return operator === 'in' ? (labels) => values.has(labels[key] ?? '\u0000') : (labels) => !values.has(labels[key] ?? '\u0000');
  }
  const comparison = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (comparison) {
    const [, key, operator, value] = comparison as unknown as [string, string, string, string];
    return operator === '!=' ? (labels) => labels[key] !== value : (labels) => labels[key] === value;
  }
  if (/^![^!=\s]+$/.test(term)) return (labels) => !Object.hasOwn(labels, term.slice(1));
  if (/^[^!=\s]+$/.test(term)) return (labels) => Object.hasOwn(labels, term);
  throw new FakeApiError(400, 'BadRequest', `unable to parse requirement: ${term}`);
}

/** A predicate over labels for a `labelSelector` query parameter. */
export function parseSelector(selector: string | undefined): Requirement {
  const requirements = selectorTerms(selector ?? '').map(requirement);
  return (labels) => requirements.every((matches) => matches(labels));
}

/** Objects by kind, namespace and name. Kinds are unique among the resources the fake server serves. */
export class ObjectStore {
  private readonly items = new Map<string, StoredObject>();
  private revision = 0;

  private static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}/${namespace ?? ''}/${name}`;
  }

  get size(): number {
    return this.items.size;
  }

  get(kind: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.items.get(ObjectStore.key(kind, namespace, name));
  }

  has(kind: string, namespace: string | undefined, name: string): boolean {
    return this.items.has(ObjectStore.key(kind, namespace, name));
  }

  /** Objects of a kind, in one namespace or all, matching a label selector, sorted by namespace and name. */
  list(kind: string, namespace?: string, selector?: string): StoredObject[] {
    const matches = parseSelector(selector);
    return [...this.items.values()]
      .filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace))
      .filter((o) => matches(o.metadata.labels ?? {}))
      .sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  }

  /** Stores an object, giving it a new resourceVersion and, when new, a uid and creationTimestamp. */
  put(object: StoredObject): StoredObject {
    const existing = this.get(object.kind, object.metadata.namespace, object.metadata.name);
    object.metadata.uid = existing?.metadata.uid ?? object.metadata.uid ?? randomUUID();
    object.metadata.creationTimestamp = existing?.metadata.creationTimestamp ?? object.metadata.creationTimestamp ?? new Date().toISOString();
    object.metadata.resourceVersion = String(++this.revision);
    this.items.set(ObjectStore.key(object.kind, object.metadata.namespace, object.metadata.name), object);
    return object;
  }

  delete(kind: string, namespace: string | undefined, name: string): StoredObject | undefined {
    const key = ObjectStore.key(kind, namespace, name);
    const object = this.items.get(key);
    this.items.delete(key);
    return object;
  }

  /** Removes every object of a namespace. */
  deleteNamespaced(namespace: string): void {
    for (const [key, object] of this.items) if (object.metadata.namespace === namespace) this.items.delete(key);
  }

  get resourceVersion(): string {
    return String(this.revision);
  }
}
