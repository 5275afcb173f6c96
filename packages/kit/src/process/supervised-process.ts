import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';

export interface ProcessSpec {
  name: string;
  /** Compiled entry point, run with this Node.js. */
  entry: string;
  env: Record<string, string>;
  /** Port whose readiness path tells readiness; 0 = the port the child reports once listening. */
  port: number;
  /** Default /readyz. */
  readyPath?: string;
  /** Node.js options, e.g. a heap limit. */
  execArgv?: string[];
  logFile: string;
  /** Echo every log line to the console, not only warnings and errors. */
  echoAll: boolean;
  /** Echo nothing to the console (the log file still gets everything). */
  quiet?: boolean;
  /** Prefix of the supervisor's own console messages. */
  reporter?: string;
  /** A stop taking longer than this is told ('slow-stop' events and a console message). Default 3 s. */
  slowStopMs?: number;
}

/** A stop that took long: told once while it lasts, and again when the process is gone. */
export interface SlowStop {
  /** Milliseconds since SIGTERM. */
  afterMs: number;
  /** False while the process still runs (its in-flight requests, or a hang). */
  stopped: boolean;
  /** It did not exit within the grace period and got SIGKILL. */
  killed: boolean;
}

export type ProcessState = 'starting' | 'running' | 'backoff' | 'stopping' | 'stopped' | 'failed';

/** Exit status of a service whose configuration is invalid: restarting cannot help. */
const CONFIG_ERROR_EXIT = 2;

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;
/** A process that stayed up this long is healthy again; its backoff starts over. */
const STABLE_AFTER_MS = 15_000;
const SLOW_STOP_MS = 3_000;

/**
 * One supervised service process: restarted with exponential backoff when it exits on its
 * own, stopped with SIGTERM (then SIGKILL) when asked.
 */
export class SupervisedProcess extends EventEmitter {
  state: ProcessState = 'stopped';
  restarts = 0;
  /** How the last child ended, e.g. "exit code 1". */
  lastExit: string | null = null;
  private child: ChildProcess | null = null;
  private backoff = MIN_BACKOFF_MS;
  private startedAt = 0;
  private listeningPort = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly log: WriteStream;

  constructor(readonly spec: ProcessSpec) {
    super();
    this.log = createWriteStream(spec.logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The port it listens on: the configured one, or the one it reported. 0 until known. */
  get port(): number {
    return this.spec.port || this.listeningPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** When the current child was started. */
  get since(): Date | null {
    return this.startedAt ? new Date(this.startedAt) : null;
  }

  start(): void {
    this.state = 'starting';
    this.startedAt = Date.now();
    this.listeningPort = 0;
    const child = fork(this.spec.entry, [], {
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: this.spec.execArgv ?? [],
      // Own process group: a terminal's Ctrl-C reaches only the launcher, which then stops the
      // services in order. If the launcher dies, the IPC channel closes and services exit.
      detached: true,
    });
    this.child = child;
    this.pipe(child.stdout!, false);
    this.pipe(child.stderr!, true);
    child.on('message', (message: unknown) => {
      if (this.child === child && isListening(message)) this.listeningPort = message.port;
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    this.state = 'running';
  }

  /** One readiness probe: does the child answer its readiness path with 2xx now? */
  async probe(timeoutMs = 1000): Promise<boolean> {
    if (this.state !== 'running' || this.port === 0) return false;
    try {
      const response = await fetch(`${this.url}${this.spec.readyPath ?? '/readyz'}`, { signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  /** Waits until /readyz answers 200, or fails after the timeout. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.state === 'failed') throw new Error(`${this.spec.name} has an invalid configuration; see above`);
      if (this.state === 'stopping' || this.state === 'stopped') throw new Error(`${this.spec.name} stopped`);
      if (await this.probe()) return;
      await delay(50);
    }
    throw new Error(`${this.spec.name} was not ready within ${timeoutMs} ms; see ${this.spec.logFile}`);
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.state = 'stopping';
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const since = Date.now();
      const slowAfterMs = this.spec.slowStopMs ?? SLOW_STOP_MS;
      let killed = false;
      child.kill('SIGTERM');
      const slow = setTimeout(() => this.toldSlowStop({ afterMs: Date.now() - since, stopped: false, killed }), slowAfterMs);
      const timer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      await exited;
      clearTimeout(slow);
      clearTimeout(timer);
      const tookMs = Date.now() - since;
      if (tookMs >= slowAfterMs) this.toldSlowStop({ afterMs: tookMs, stopped: true, killed });
    }
    this.state = 'stopped';
    await new Promise((resolve) => this.log.end(resolve));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child || this.state === 'stopping' || this.state === 'stopped') return;
    if (code === CONFIG_ERROR_EXIT) {
      this.state = 'failed';
      this.report(`${this.spec.name} refused its configuration; not restarting it`);
      this.emit('exit', { code, signal });
      return;
    }
    const ranFor = Date.now() - this.startedAt;
    if (ranFor > STABLE_AFTER_MS) this.backoff = MIN_BACKOFF_MS;
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.restarts += 1;
    this.state = 'backoff';
    const why = signal ? `signal ${signal}` : `exit code ${code}`;
    this.lastExit = why;
    this.report(`${this.spec.name} exited (${why}); restarting in ${wait} ms`);
    this.emit('exit', { code, signal });
    this.restartTimer = setTimeout(() => {
      if (this.state !== 'backoff') return;
      this.start();
      this.emit('restart', this.restarts);
    }, wait);
  }

  private toldSlowStop(stop: SlowStop): void {
    const seconds = (stop.afterMs / 1000).toFixed(1);
    this.report(stop.stopped
      ? `${this.spec.name} took ${seconds} s to stop${stop.killed ? ' and was killed' : ''}`
      : `${this.spec.name} is still stopping after ${seconds} s (finishing its requests)`);
    this.emit('slow-stop', stop);
  }

  private report(message: string): void {
    if (!this.spec.quiet) console.error(`[${this.spec.reporter ?? 'launcher'}] ${message}`);
  }

  private pipe(stream: NodeJS.ReadableStream, isStderr: boolean): void {
    const lines = createInterface({ input: stream });
    lines.on('line', (line) => {
      this.log.write(`${line}\n`);
      if (this.spec.quiet) return;
      if (this.spec.echoAll || isStderr || isWarning(line)) console.log(`${this.spec.name.padEnd(8)}| ${line}`);
    });
  }
}

/** pino levels: 40 warn, 50 error, 60 fatal. */
function isWarning(line: string): boolean {
  const match = /"level":(\d+)/.exec(line);
  return match !== null && Number(match[1]) >= 40;
}

function isListening(message: unknown): message is { type: 'listening'; port: number } {
  return typeof message === 'object' && message !== null
    && (message as { type?: unknown }).type === 'listening' && typeof (message as { port?: unknown }).port === 'number';
}
