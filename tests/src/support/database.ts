import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../../tools/launcher/dist/embedded-postgres.js';
import { freePortRange } from './ports.js';

export interface TestDatabase {
  /** Superuser URL of a fresh embedded PostgreSQL (database `postgres`). */
  url: string;
  /** Creates a new empty database and returns its URL. */
  createDatabase: (name: string) => Promise<string>;
  stop: () => Promise<void>;
}

/** A real, throw-away PostgreSQL server for service-level tests (the launcher's embedded one). */
export async function startTestDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'clove-db-'));
  await chmod(dir, 0o755);
  const port = await freePortRange(1);
  const server = await startEmbeddedPostgres({
    dataDir: join(dir, 'postgres'),
    logFile: join(dir, 'postgres.log'),
    port,
    password: randomBytes(12).toString('base64url'),
  });
  return {
    url: server.url,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        await client.query(`create database ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
