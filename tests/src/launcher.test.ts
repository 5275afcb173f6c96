/**
 * The launcher: one command starts the platform, Ctrl-C stops all of it in order, a restart
 * keeps the data, a killed service comes back (the gateway answers 502 meanwhile), a killed
 * launcher leaves nothing behind, and each service also runs alone from its own entry point.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isProcessAlive } from '@clove/kit';
import { logIn, PASSWORD, uniqueEmail } from './support/accounts.js';
import { eventually, get, post } from './support/http.js';
import { freePortRange } from './support/ports.js';
import { REPO_ROOT, startPlatform, type RunningPlatform } from './support/platform.js';

const isAlive = isProcessAlive;

async function postgresPid(dataDir: string): Promise<number> {
  return Number.parseInt((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]!, 10);
}

/**
 * Runs the launcher until it exits on its own: its exit code and all it printed. One still
 * running after withinMs is killed, and its code is null.
 */
async function launchUntilExit(env: Record<string, string>, withinMs = 120_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'tools/launcher/dist/main.js')], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const tooLong = setTimeout(() => child.kill('SIGKILL'), withinMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(tooLong);
  return { code, output };
}

async function holdPort(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('launcher', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('prints where everything is, stops cleanly on SIGINT and keeps the data on restart', async () => {
    const first = await startPlatform();
    cleanups.push(() => first.dispose());
    assert.match(first.output(), new RegExp(`gateway +http://127\\.0\\.0\\.1:${first.ports.gateway}`));
    assert.match(first.output(), /API docs: .*\/auth\/docs/);
    assert.equal((await get(`${first.gateway}/auth/docs/openapi.json`)).body.info.title, 'Clove auth');

    const email = uniqueEmail('stays');
    assert.equal((await post(`${first.gateway}/auth/signup`, { email, password: PASSWORD, role: 'seller' })).status, 201);

    const runtime = await first.runtime();
    const pids = [runtime.services.auth!.pid, runtime.services.gateway!.pid, await postgresPid(join(first.stateDir, 'postgres'))];
    assert.ok(pids.every(isAlive));
    assert.equal(await first.stop('SIGINT'), 0, 'Ctrl-C exits 0');
    assert.deepEqual(pids.map(isAlive), [false, false, false], 'services and PostgreSQL are gone');
    assert.match(first.output(), /stopped/);
    assert.doesNotMatch(first.output(), /restarting/, 'Ctrl-C stops services without restarting them');

    const second = await startPlatform({ stateDir: first.stateDir, ports: first.ports });
    cleanups.push(() => second.stop().then(() => undefined));
    const session = await logIn(second.gateway, email);
    assert.ok(session.accessToken, 'the user survived the restart');
    await second.stop('SIGTERM');
  });

  describe('with a running platform', () => {
    let platform: RunningPlatform;

    it('restarts a killed service while the gateway answers 502, then recovers', async () => {
      platform = await startPlatform();
      cleanups.push(() => platform.dispose());
      const before = (await platform.runtime()).services.auth!.pid;
      process.kill(before, 'SIGKILL');

      const statuses: number[] = [];
      let problem: { code?: string } | undefined;
      await eventually(async () => {
        const result = await get(`${platform.gateway}/auth/jwks`);
        statuses.push(result.status);
        if (result.status === 502) problem = result.body;
        return result.status === 200;
      }, 30_000, 'auth to come back');
      assert.ok(statuses.includes(502), `the gateway answered 502 while auth was down (saw ${[...new Set(statuses)]})`);
      assert.equal(problem?.code, 'UPSTREAM_UNAVAILABLE');
      assert.ok(statuses.every((s) => s === 502 || s === 200), `only 502 then 200: ${[...new Set(statuses)]}`);
      assert.match(platform.output(), /auth exited \(signal SIGKILL\); restarting/);
      assert.equal((await post(`${platform.gateway}/auth/signup`, { email: uniqueEmail(), password: PASSWORD, role: 'buyer' })).status, 201);
    });

    it('restarts PostgreSQL when it is killed; the services answer 503 meanwhile and then work again', async () => {
      const email = uniqueEmail('before-crash');
      assert.equal((await post(`${platform.gateway}/auth/signup`, { email, password: PASSWORD, role: 'buyer' })).status, 201);
      const dataDir = join(platform.stateDir, 'postgres');
      const killed = await postgresPid(dataDir);
      process.kill(killed, 'SIGKILL');

      const statuses = new Set<number>();
      await eventually(async () => {
        const result = await post(`${platform.gateway}/auth/login`, { email, password: PASSWORD });
        statuses.add(result.status);
        return result.status === 200;
      }, 60_000, 'log-in to work again');
      assert.ok([...statuses].every((s) => s === 503 || s === 200), `only 503 then 200: ${[...statuses]}`);
      assert.match(platform.output(), /PostgreSQL exited \(signal SIGKILL\); restarting/);
      assert.notEqual(await postgresPid(dataDir), killed);
      assert.equal((await post(`${platform.gateway}/auth/signup`, { email: uniqueEmail(), password: PASSWORD, role: 'seller' })).status, 201, 'writes work again');
    });

    it('runs a service alone from its own entry point with DATABASE_URL', async () => {
      const secrets = JSON.parse(await readFile(join(platform.stateDir, 'secrets.json'), 'utf8'));
      const databaseUrl = `postgres://clove:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${platform.ports.postgres}/postgres`;
      const port = await freePortRange(1);
      const child = spawn(process.execPath, [join(REPO_ROOT, 'services/auth/dist/server.js')], {
        env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, DB_SCHEMA: 'auth_alone', PORT: String(port), LOG_LEVEL: 'warn' },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      try {
        const base = `http://127.0.0.1:${port}`;
        await eventually(async () => (await get(`${base}/readyz`)).status === 200, 20_000, 'standalone auth');
        const signup = await post(`${base}/signup`, { email: uniqueEmail('alone'), password: PASSWORD, role: 'buyer' });
        assert.equal(signup.status, 201);
      } finally {
        child.kill('SIGTERM');
      }
      assert.equal(await exited, 0, 'SIGTERM stops it cleanly');
    });

    it('refuses bad configuration with a message naming each variable', async () => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'services/auth/dist/server.js')], {
        env: { PATH: process.env.PATH, PORT: 'eighty', ACCESS_TOKEN_TTL_SECONDS: '5' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 2);
      assert.match(stderr, /PORT/);
      assert.match(stderr, /DATABASE_URL: is required/);
      assert.match(stderr, /ACCESS_TOKEN_TTL_SECONDS/);
    });

    it('refuses a second launcher on the same state folder and leaves the first one running', async () => {
      const postgres = await postgresPid(join(platform.stateDir, 'postgres'));
      const printedBefore = platform.output().length;
      const base = await freePortRange(30);
      const second = await launchUntilExit({
        CLOVE_STATE_DIR: platform.stateDir,
        CLOVE_PORT_BASE: String(base),
        CLOVE_GATEWAY_PORT: String(base + 28),
        CLOVE_PG_PORT: String(base + 29),
      });
      assert.equal(second.code, 1);
      assert.match(second.output, new RegExp(`Clove already runs on the state folder ${platform.stateDir} \\(launcher pid ${platform.launcher.pid}\\)`));
      assert.ok(isAlive(postgres), 'the first launcher keeps its PostgreSQL');
      assert.doesNotMatch(platform.output().slice(printedBefore), /PostgreSQL exited/);
      const email = uniqueEmail('still-here');
      assert.equal((await post(`${platform.gateway}/auth/signup`, { email, password: PASSWORD, role: 'buyer' })).status, 201);
    });
  });

  it('refuses ports that fetch and browsers refuse, naming the port and what to change', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'clove-test-'));
    try {
      // CLOVE_PORT_BASE 10075 would put a service on 10080, a "bad port" of the Fetch standard.
      const child = spawn(process.execPath, [join(REPO_ROOT, 'tools/launcher/dist/main.js')], {
        env: { PATH: process.env.PATH, CLOVE_STATE_DIR: stateDir, CLOVE_PORT_BASE: '10075' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 2);
      assert.match(stderr, /Port 10080 would be used/);
      assert.match(stderr, /CLOVE_PORT_BASE/);
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  it('refuses addresses it cannot listen on and bad values, naming the variable, before starting anything', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'clove-test-'));
    await chmod(stateDir, 0o755);
    const base = await freePortRange(30);
    const ports = { CLOVE_STATE_DIR: stateDir, CLOVE_PORT_BASE: String(base), CLOVE_GATEWAY_PORT: String(base + 28), CLOVE_PG_PORT: String(base + 29) };
    const taken = await holdPort(base + 28);
    try {
      const gatewayPort = await launchUntilExit(ports);
      assert.equal(gatewayPort.code, 2);
      assert.match(gatewayPort.output, new RegExp(`CLOVE_GATEWAY_PORT: port ${base + 28} on 127\\.0\\.0\\.1 is in use by another program`));
      assert.doesNotMatch(gatewayPort.output, /gateway exited|\n +at /, 'no restarts, no stack trace');

      const host = await launchUntilExit({ ...ports, CLOVE_GATEWAY_PORT: String(base + 27), CLOVE_GATEWAY_HOST: '999.1.1.1' });
      assert.equal(host.code, 2);
      assert.match(host.output, /CLOVE_GATEWAY_HOST: cannot listen on 999\.1\.1\.1/);
      assert.doesNotMatch(host.output, /\n +at /);

      const serviceHeld = await holdPort(base + 1);
      const service = await launchUntilExit({ ...ports, CLOVE_GATEWAY_PORT: String(base + 27) });
      serviceHeld.close();
      assert.equal(service.code, 2);
      assert.match(service.output, new RegExp(`CLOVE_PORT_BASE: port ${base + 1} on 127\\.0\\.0\\.1 is in use by another program`));

      const postgresHeld = await holdPort(base + 29);
      const postgres = await launchUntilExit({ ...ports, CLOVE_GATEWAY_PORT: String(base + 27) });
      postgresHeld.close();
      assert.equal(postgres.code, 1);
      assert.match(postgres.output, new RegExp(`CLOVE_PG_PORT: port ${base + 29} on 127\\.0\\.0\\.1 is in use by another program`));

      const level = await launchUntilExit({ ...ports, CLOVE_GATEWAY_PORT: String(base + 27), LOG_LEVEL: 'loud' });
      assert.equal(level.code, 2);
      assert.match(level.output, /LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent\n/);
      assert.doesNotMatch(level.output, /must be equal to constant/);

      const database = await launchUntilExit({ ...ports, CLOVE_GATEWAY_PORT: String(base + 27), DATABASE_URL: 'not a url' });
      assert.notEqual(database.code, 0);
      assert.match(database.output, /DATABASE_URL: not a PostgreSQL URL/);
      const unreachable = await launchUntilExit({ ...ports, CLOVE_GATEWAY_PORT: String(base + 27), DATABASE_URL: `postgres://clove:hunter2-secret@127.0.0.1:${base + 26}/postgres` });
      assert.notEqual(unreachable.code, 0);
      assert.match(unreachable.output, new RegExp(`DATABASE_URL: cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${base + 26}`));
      assert.doesNotMatch(unreachable.output, /hunter2-secret/);
    } finally {
      taken.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  });

  it('names the variable the operator set when a service refuses its value, and stops', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'clove-test-'));
    await chmod(stateDir, 0o755);
    cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
    const base = await freePortRange(30);
    const refused = await launchUntilExit({
      CLOVE_STATE_DIR: stateDir, CLOVE_PORT_BASE: String(base), CLOVE_GATEWAY_PORT: String(base + 28), CLOVE_PG_PORT: String(base + 29),
      DEPLOYER_RUNTIME: 'docker',
      DEPLOYER_MAX_REPLICAS: '0',
    });
    assert.equal(refused.code, 2, refused.output);
    assert.match(refused.output, /DEPLOYER_RUNTIME: must be one of local, kubernetes\n/);
    assert.match(refused.output, /DEPLOYER_MAX_REPLICAS: must be >= 1\n/);
    assert.doesNotMatch(refused.output, /[\s|](RUNTIME|MAX_REPLICAS):/, 'not the name the deployer knows it by');
    assert.match(refused.output, /deployer refused its configuration/);
  });

  it('refuses a state folder it cannot create or write, naming CLOVE_STATE_DIR, at once', async () => {
    const base = await freePortRange(30);
    const ports = { CLOVE_PORT_BASE: String(base), CLOVE_GATEWAY_PORT: String(base + 28), CLOVE_PG_PORT: String(base + 29) };
    const aFile = join(await mkdtemp(join(tmpdir(), 'clove-test-')), 'a-file');
    await writeFile(aFile, '');
    cleanups.push(() => rm(dirname(aFile), { recursive: true, force: true }));
    // /proc takes no new folders; the state folder would be made in it, or under a folder made there.
    const tag = `clove-${Math.random().toString(36).slice(2, 8)}`;
    for (const stateDir of [`/proc/${tag}`, `/proc/${tag}/state`, '/proc', aFile]) {
      const launched = await launchUntilExit({ ...ports, CLOVE_STATE_DIR: stateDir }, 15_000);
      assert.equal(launched.code, 1, `${stateDir}: the launcher exits at once (null: it was still running after 15 s):\n${launched.output}`);
      assert.match(launched.output, new RegExp(`CLOVE_STATE_DIR: cannot (create|write in) the state folder ${stateDir}[ :(]`));
      assert.doesNotMatch(launched.output, /\n +at /, 'no stack trace');
    }
  });

  it('leaves nothing running when the launcher itself is killed, and starts again afterwards', async () => {
    const platform = await startPlatform();
    cleanups.push(() => platform.dispose());
    const runtime = await platform.runtime();
    const children = [runtime.services.auth!.pid, runtime.services.gateway!.pid];
    await platform.stop('SIGKILL');
    await eventually(async () => children.every((pid) => !isAlive(pid)), 15_000, 'services to notice the launcher is gone');

    const again = await startPlatform({ stateDir: platform.stateDir, ports: platform.ports });
    cleanups.push(() => again.stop().then(() => undefined));
    assert.equal((await get(`${again.gateway}/auth/jwks`)).status, 200, 'the orphaned PostgreSQL was replaced');
    await again.stop();
  });

  it('runs PostgreSQL from a state folder closed to other users', async () => {
    const closed = await mkdtemp(join(tmpdir(), 'clove-closed-'));
    await chmod(closed, 0o700);
    const platform = await startPlatform({ stateDir: closed });
    cleanups.push(async () => {
      await platform.stop();
      const location = join(closed, 'postgres', 'LOCATION');
      if (existsSync(location)) await rm((await readFile(location, 'utf8')).trim(), { recursive: true, force: true });
      await rm(closed, { recursive: true, force: true });
    });
    if (process.getuid?.() === 0) {
      // As root, PostgreSQL runs as the postgres user, who cannot enter the closed folder.
      assert.match(platform.output(), /PostgreSQL data lives in \/var\/lib\/clove\/data\//);
    } else {
      assert.ok(existsSync(join(closed, 'postgres', 'PG_VERSION')), 'a regular user keeps the data in the state folder');
    }
    const email = uniqueEmail();
    assert.equal((await post(`${platform.gateway}/auth/signup`, { email, password: PASSWORD, role: 'buyer' })).status, 201);
  });

  it('starts afresh when the state folder is made again at the same path, wherever its data lived', async () => {
    const closed = await mkdtemp(join(tmpdir(), 'clove-again-'));
    await chmod(closed, 0o700);
    const first = await startPlatform({ stateDir: closed });
    const ports = first.ports;
    const location = join(closed, 'postgres', 'LOCATION');
    const elsewhere = existsSync(location) ? (await readFile(location, 'utf8')).trim() : null;
    cleanups.push(async () => {
      if (elsewhere) {
        for (const left of await readdir(dirname(elsewhere))) {
          if (left.startsWith(basename(elsewhere))) await rm(join(dirname(elsewhere), left), { recursive: true, force: true });
        }
      }
      await rm(closed, { recursive: true, force: true });
    });
    assert.equal(await first.stop(), 0);

    // A new checkout at the same path: a new state folder, with new passwords.
    await rm(closed, { recursive: true, force: true });
    await mkdir(closed, { mode: 0o700 });
    const again = await startPlatform({ stateDir: closed, ports });
    try {
      if (elsewhere) assert.match(again.output(), /held the data of an earlier state folder at this path; moved it to /);
      const email = uniqueEmail();
      assert.equal((await post(`${again.gateway}/auth/signup`, { email, password: PASSWORD, role: 'buyer' })).status, 201);
    } finally {
      await again.stop();
    }

    // Passwords lost while the data stayed: a clear refusal, at once.
    await rm(join(closed, 'secrets.json'));
    await assert.rejects(startPlatform({ stateDir: closed, ports }), /PostgreSQL refuses the password in the state folder's secrets\.json/);
  });
});
