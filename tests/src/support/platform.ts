import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortRange } from './ports.js';
import { aTestFailed, postMortem } from './post-mortem.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LAUNCHER = join(REPO_ROOT, 'tools/launcher/dist/main.js');

export interface RuntimeInfo {
  gateway: string;
  gatewayAdmin: string;
  databases: Record<string, string>;
  services: Record<string, { url: string; pid: number }>;
  performances: Record<string, { url: string; internalUrl: string; ownerEmail: string; ownerId: string; database: string }>;
}

export interface PlatformOptions {
  env?: Record<string, string>;
  /** Launcher arguments, e.g. ['--slug', 'gala']. */
  args?: string[];
  /** Reuse a state folder (to test restarts); a fresh temporary one otherwise. */
  stateDir?: string;
  /** Reuse the ports of an earlier run. */
  ports?: PlatformPorts;
}

export interface PlatformPorts {
  postgres: number;
  gateway: number;
  base: number;
}

export interface RunningPlatform {
  gateway: string;
  gatewayAdmin: string;
  stateDir: string;
  ports: PlatformPorts;
  launcher: ChildProcess;
  /** Everything the launcher printed so far. */
  output: () => string;
  runtime: () => Promise<RuntimeInfo>;
  /** The gateway route-table API's token. */
  gatewayAdminToken: () => Promise<string>;
  secrets: () => Promise<Record<string, any>>;
  /**
   * Sends a signal and waits for the launcher to exit; returns its exit code. SIGINT goes to the
   * whole process group, as a terminal's Ctrl-C does.
   */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Stops and deletes the state folder. */
  dispose: () => Promise<void>;
}

/** Starts the real launcher (embedded PostgreSQL, services, gateway) on free ports. */
export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  let stateDir = options.stateDir;
  if (!stateDir) {
    stateDir = await mkdtemp(join(tmpdir(), 'clove-test-'));
    await chmod(stateDir, 0o755); // like a project folder: PostgreSQL's user may enter it
  }
  let ports = options.ports;
  if (!ports) {
    // base + 0…6: platform services, base + 20…: performances started with --slug.
    const base = await freePortRange(30);
    ports = { base, gateway: base + 28, postgres: base + 29 };
  }
  const launcher = spawn(process.execPath, [LAUNCHER, ...(options.args ?? [])], {
    env: {
      ...process.env,
      CLOVE_STATE_DIR: stateDir,
      CLOVE_PG_PORT: String(ports.postgres),
      CLOVE_GATEWAY_PORT: String(ports.gateway),
      CLOVE_PORT_BASE: String(ports.base),
      CLOVE_READY_TIMEOUT_MS: '60000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, like a command started in a terminal
  });
  let output = '';
  launcher.stdout!.on('data', (chunk) => (output += chunk));
  launcher.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (output.includes('Clove is ready')) {
        launcher.stdout!.off('data', onData);
        resolve();
      }
    };
    launcher.stdout!.on('data', onData);
    // The end of the output says why; all of it would make a failure message of megabytes.
    void exited.then((code) => reject(new Error(`launcher exited (${code}) before ready:\n…${output.slice(-4000)}`)));
  });

  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const platform: RunningPlatform = {
    gateway,
    gatewayAdmin: `http://127.0.0.1:${ports.base}`,
    stateDir,
    ports,
    launcher,
    output: () => output,
    runtime: async () => JSON.parse(await readFile(join(stateDir, 'runtime.json'), 'utf8')) as RuntimeInfo,
    secrets: async () => JSON.parse(await readFile(join(stateDir, 'secrets.json'), 'utf8')) as Record<string, any>,
    gatewayAdminToken: async () =>
      (JSON.parse(await readFile(join(stateDir, 'secrets.json'), 'utf8')) as { gatewayAdminToken: string }).gatewayAdminToken,
    stop: async (signal = 'SIGINT') => {
      if (launcher.exitCode !== null || launcher.signalCode !== null) return launcher.exitCode;
      if (signal === 'SIGINT') process.kill(-launcher.pid!, signal);
      else launcher.kill(signal);
      return exited;
    },
    dispose: async () => {
      await platform.stop();
      if (options.stateDir) return;
      // A failed test keeps the platform's logs and data for a post-mortem, and says so; so does
      // every run with CLOVE_TEST_KEEP_STATE=1.
      if (aTestFailed()) console.error(await postMortem(stateDir));
      else if (!process.env.CLOVE_TEST_KEEP_STATE) await rm(stateDir, { recursive: true, force: true });
    },
  };
  return platform;
}
