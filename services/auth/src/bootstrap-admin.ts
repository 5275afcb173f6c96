/**
 * Creates the platform admin: `npm run admin:create -- --email a@b.c` (password from
 * CLOVE_ADMIN_PASSWORD or asked on the terminal). Uses DATABASE_URL, or the running embedded
 * platform's auth database recorded in the state folder.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createPool, migrate } from '@clove/kit';
import { AccountService } from './account/account.service.js';
import { MIGRATIONS_DIR } from './app.js';

const { values } = parseArgs({ options: { email: { type: 'string' }, 'state-dir': { type: 'string' } } });
const email = values.email ?? process.env.CLOVE_ADMIN_EMAIL;
if (!email) fail('Give the admin email with --email or CLOVE_ADMIN_EMAIL.');

const databaseUrl = process.env.DATABASE_URL ?? (await embeddedAuthUrl(values['state-dir'] ?? process.env.CLOVE_STATE_DIR ?? '.clove'));
const password = process.env.CLOVE_ADMIN_PASSWORD ?? (await ask('Admin password (10+ characters): '));
if (password.length < 10) fail('The password must have at least 10 characters.');

await migrate({ databaseUrl, schema: 'auth', dir: MIGRATIONS_DIR });
const pool = createPool({ connectionString: databaseUrl, schema: 'auth' });
try {
  const outcome = await new AccountService(pool).ensureAdmin(email, password);
  console.log(outcome === 'created' ? `Admin ${email} created.` : `Admin ${email} already exists; nothing changed.`);
} catch (error) {
  fail((error as Error).message);
} finally {
  await pool.end();
}

async function embeddedAuthUrl(stateDir: string): Promise<string> {
  try {
    const runtime = JSON.parse(await readFile(resolve(stateDir, 'runtime.json'), 'utf8')) as {
      databases?: Record<string, string>;
    };
    const url = runtime.databases?.auth;
    if (url) return url;
  } catch {
    // fall through to the message below
  }
  return fail('No DATABASE_URL and no running embedded platform found; start Clove with `npm start` first.');
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
