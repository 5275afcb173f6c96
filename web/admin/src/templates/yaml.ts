// A small YAML writer for JSON data (objects, arrays, strings, numbers, booleans, null): enough
// to show Kubernetes documents the way they are usually read.

/** Keys first in this order, as Kubernetes documents are usually written; the rest keep theirs. */
const FIRST_KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'spec'];

// Plain scalars start with a safe character and contain no ": " or " #"; everything else,
// and strings that would read as another type, is written as a JSON (double-quoted) string.
const PLAIN = /^[A-Za-z_/.$][A-Za-z0-9_./$ {}:@~=+-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    const plain = PLAIN.test(value) && !RESERVED.test(value) && !/[ :]$/.test(value)
      && !value.includes(': ') && !value.includes(' #') && Number.isNaN(Number(value));
    return plain ? value : JSON.stringify(value);
  }
  return String(value);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isEmpty = (value: unknown) => (Array.isArray(value) ? value.length === 0 : isObject(value) && Object.keys(value).length === 0);
const emptyText = (value: unknown) => (Array.isArray(value) ? '[]' : '{}');
const rank = (key: string) => {
  const index = FIRST_KEYS.indexOf(key);
  return index < 0 ? FIRST_KEYS.length : index;
};

function lines(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if ((isObject(item) || Array.isArray(item)) && !isEmpty(item)) {
        const [first = '', ...rest] = lines(item, `${indent}  `);
        return [`${indent}- ${first.trimStart()}`, ...rest];
      }
      return [`${indent}- ${isEmpty(item) ? emptyText(item) : scalar(item)}`];
    });
  }
  if (isObject(value)) {
    const entries = Object.entries(value).sort(([a], [b]) => rank(a) - rank(b));
    return entries.flatMap(([key, item]) => {
      const name = scalar(key);
      if ((isObject(item) || Array.isArray(item)) && !isEmpty(item)) return [`${indent}${name}:`, ...lines(item, `${indent}  `)];
      return [`${indent}${name}: ${isEmpty(item) ? emptyText(item) : scalar(item)}`];
    });
  }
  return [`${indent}${scalar(value)}`];
}

/** One document as YAML. */
export function toYaml(value: unknown): string {
  return `${lines(value, '').join('\n')}\n`;
}

/** Documents as a multi-document YAML stream. */
export function toYamlStream(documents: readonly unknown[]): string {
  return documents.map(toYaml).join('---\n');
}
