// Starts the embedded platform for a benchmark: the real launcher on free loopback ports, in
// its own process group (a terminal's Ctrl-C reaches only the benchmark, which stops it in order).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { FETCH_BLOCKED_PORTS } from '../packages/kit/dist/http/blocked-ports.js';

const root = new URL('..', import.meta.url).pathname;

export async function freePorts(count) {
  const isFree = (port) => new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  for (let attempt = 0; attempt < 50; attempt++) {
    // Below the ephemeral range (32768+), where the system hands out ports to others, and
    // without a port fetch refuses (the launcher would not start on one).
    const base = 10_000 + Math.floor(Math.random() * (32_000 - 10_000 - count));
    if (Array.from({ length: count }, (_, i) => base + i).some((port) => FETCH_BLOCKED_PORTS.has(port))) continue;
    if ((await Promise.all(Array.from({ length: count }, (_, i) => isFree(base + i)))).every(Boolean)) return base;
  }
  throw new Error('no free port range');
}

/** The launcher with extra arguments and environment; `ready` resolves when it says so. */
export async function startLauncher(stateDir, { args = [], env = {} } = {}) {
  const base = await freePorts(32);
  const launcher = spawn(process.execPath, [join(root, 'tools/launcher/dist/main.js'), ...args], {
    env: {
      ...process.env,
      CLOVE_STATE_DIR: stateDir,
      CLOVE_PORT_BASE: String(base),
      CLOVE_GATEWAY_PORT: String(base + 30),
      CLOVE_PG_PORT: String(base + 31),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  launcher.stdout.on('data', (chunk) => (output += chunk));
  launcher.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => launcher.once('exit', resolve));
  const ready = new Promise((resolve, reject) => {
    const onData = () => {
      if (!output.includes('Clove is ready')) return;
      launcher.stdout.off('data', onData);
      resolve();
    };
    launcher.stdout.on('data', onData);
    exited.then((code) => reject(new Error(`the launcher exited (${code}) before ready:\n${output}`)));
  });
  return {
    pid: launcher.pid,
    gateway: `http://127.0.0.1:${base + 30}`,
    ready,
    output: () => output,
    stop: async () => {
      if (launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGINT');
      await exited;
    },
  };
}

/** One JSON call; anything but 2xx throws with the answer. */
export async function jsonCall(method, url, body, token, headers = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Polls until `check` answers something truthy, and returns it; fails after the time limit. */
export async function waitFor(check, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
