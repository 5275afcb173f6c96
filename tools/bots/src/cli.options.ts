import { parseArgs } from 'node:util';

/** Every option of `npm run bots`, with its default and what it means (also the --help text). */
const OPTIONS = {
  target: { type: 'string', help: 'Performance base URL, e.g. http://127.0.0.1:8080/e/demo (required)' },
  auth: { type: 'string', help: 'Auth service URL for sign-up and log-in (default: <origin of target>/auth)' },
  buyers: { type: 'string', default: '100', help: 'Simulated buyers' },
  concurrency: { type: 'string', default: '20', help: 'Buyers in flight at once' },
  'decline-share': { type: 'string', default: '0.1', help: 'Share of buyers paying with a declining card, then releasing' },
  'abandon-share': { type: 'string', default: '0.1', help: 'Share of buyers who hold, then release or walk away' },
  'refund-share': { type: 'string', default: '0.05', help: 'Share of buyers who pay, then refund one ticket' },
  'replay-share': { type: 'string', default: '0.1', help: 'Share of payers who send the same payment again (same Idempotency-Key)' },
  'seats-max': { type: 'string', default: '2', help: 'Each buyer wants 1..max seats' },
  'hot-share': { type: 'string', default: '0.7', help: 'Share of buyers going for the best seats (they collide); the rest pick at random' },
  'mint-tokens-from': { type: 'string', help: "Auth database URL: sign buyer tokens with auth's own key instead of signing up" },
  'database-url': { type: 'string', help: "The performance's ticketing database URL: check invariants in it" },
  'payments-database-url': { type: 'string', help: 'The payments database URL: check payments against orders' },
  json: { type: 'string', help: 'Also write the report as JSON to this file' },
  'duration-limit': { type: 'string', default: '600', help: 'Seconds after which no new buyer starts' },
  seed: { type: 'string', help: 'Seed of the random choices (default: random; printed in the report)' },
  help: { type: 'boolean', help: 'Print this help' },
} as const;

export class UsageError extends Error {}

export const usage = (): string =>
  [
    'Usage: npm run bots -- --target <performance base url> [options]',
    '',
    ...Object.entries(OPTIONS).map(([name, spec]) => {
      const fallback = 'default' in spec ? ` (default ${spec.default})` : '';
      return `  --${name.padEnd(22)} ${spec.help}${fallback}`;
    }),
    '',
    'Exit codes: 0 all invariants hold, 1 an invariant failed or the run broke, 2 bad options.',
  ].join('\n');

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

function share(name: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--${name} must be a number from 0 to 1, not "${raw}"`);
  }
  return value;
}

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--${name} must be a URL, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--${name} must be an http(s) URL, not "${raw}"`);
  return url.toString().replace(/\/+$/, '');
}

function postgresUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new UsageError(`--${name} must be a postgres:// URL`);
  return raw;
}

/** Parses and checks argv; throws UsageError with a message naming the bad option. */
export function parseBotOptions(argv: string[]) {
  let values;
  try {
    values = parseArgs({ options: OPTIONS, args: argv, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true as const };
  if (!values.target) throw new UsageError('--target is required (the performance base URL)');
  const target = httpUrl('target', values.target);
  const options = {
    target,
    auth: values.auth ? httpUrl('auth', values.auth) : `${new URL(target).origin}/auth`,
    buyers: integer('buyers', values.buyers!, 1, 10_000_000),
    concurrency: integer('concurrency', values.concurrency!, 1, 5_000),
    declineShare: share('decline-share', values['decline-share']!),
    abandonShare: share('abandon-share', values['abandon-share']!),
    refundShare: share('refund-share', values['refund-share']!),
    replayShare: share('replay-share', values['replay-share']!),
    seatsMax: integer('seats-max', values['seats-max']!, 1, 50),
    hotShare: share('hot-share', values['hot-share']!),
    mintTokensFrom: postgresUrl('mint-tokens-from', values['mint-tokens-from']),
    databaseUrl: postgresUrl('database-url', values['database-url']),
    paymentsDatabaseUrl: postgresUrl('payments-database-url', values['payments-database-url']),
    json: values.json,
    durationLimitSeconds: integer('duration-limit', values['duration-limit']!, 1, 86_400),
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integer('seed', values.seed, 0, 2 ** 31),
  };
  const shares = options.declineShare + options.abandonShare + options.refundShare;
  if (shares > 1 + 1e-9) {
    throw new UsageError(`--decline-share + --abandon-share + --refund-share is ${shares.toFixed(3)}; it may be at most 1`);
  }
  if (options.paymentsDatabaseUrl && !options.databaseUrl) {
    throw new UsageError('--payments-database-url needs --database-url too (orders are read from the ticketing database)');
  }
  return { help: false as const, options };
}

export type BotOptions = Extract<ReturnType<typeof parseBotOptions>, { help: false }>['options'];
