import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { isSameProcess, processIdentity } from './process-identity.js';

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
  /**
   * The child writes its output straight into the log file rather than through pipes to this
   * supervisor, so it can run on (and log) when the supervisor is gone. Nothing is echoed.
   */
  outputToFile?: boolean;
}

/** What another supervisor needs to take over a running child: see adopt(). */
export interface AdoptedChild {
  pid: number;
  /** processIdentity() of the child when it was started: guards against a reused pid. */
  identity: string;
  port: number;
  /** When it was started (ISO time). */
  since: string;
  restarts: number;
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

/** How a child ended: code and signal are null when it was adopted (not our child: no exit status). */
interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running child: forked here, or adopted from a previous supervisor. */
interface Child {
  readonly pid: number | undefined;
  running(): boolean;
  kill(signal: NodeJS.Signals): void;
  readonly exited: Promise<ExitStatus>;
}

/** How often an adopted child, whose exit no event tells, is looked for. */
const ADOPTED_WATCH_MS = 100;

/**
 * One supervised service process: restarted with exponential backoff when it exits on its
 * own, stopped with SIGTERM (then SIGKILL) when asked. It may also adopt a running child that
 * a previous supervisor started, and then supervises it the same way.
 */
export class SupervisedProcess extends EventEmitter {
  state: ProcessState = 'stopped';
  restarts = 0;
  /** How the last child ended, e.g. "exit code 1". */
  lastExit: string | null = null;
  private child: Child | null = null;
  private childIdentity: string | null = null;
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

  /** processIdentity() of the current child, for adoption by a later supervisor. */
  get identity(): string | null {
    return this.childIdentity;
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
    const output = this.spec.outputToFile ? openSync(this.spec.logFile, 'a') : 'pipe';
    let forked: ChildProcess;
    try {
      forked = fork(this.spec.entry, [], {
        env: this.spec.env,
        stdio: ['ignore', output, output, 'ipc'],
        execArgv: this.spec.execArgv ?? [],
        // Own process group: a terminal's Ctrl-C reaches only the launcher, which then stops the
        // services in order. If the launcher dies, the IPC channel closes and services exit.
        detached: true,
      });
    } finally {
      if (typeof output === 'number') closeSync(output);
    }
    const child = forkedChild(forked);
    this.child = child;
    this.childIdentity = forked.pid === undefined ? null : processIdentity(forked.pid);
    if (forked.stdout) this.pipe(forked.stdout, false);
    if (forked.stderr) this.pipe(forked.stderr, true);
    forked.on('message', (message: unknown) => {
      if (this.child !== child || !isListening(message)) return;
      this.listeningPort = message.port;
      this.emit('listening', message.port);
    });
    void child.exited.then(({ code, signal }) => this.onExit(child, code, signal));
    this.state = 'running';
  }

  /**
   * Takes over a child a previous supervisor started and left running: it is probed, stopped
   * and restarted when it exits like a child started here. One whose pid now names another
   * process (or none) counts as exited at once.
   */
  adopt(adopted: AdoptedChild): void {
    this.state = 'starting';
    this.startedAt = Date.parse(adopted.since) || Date.now();
    this.listeningPort = adopted.port;
    this.restarts = adopted.restarts;
    const child = adoptedChild(adopted.pid, adopted.identity);
    this.child = child;
    this.childIdentity = adopted.identity;
    void child.exited.then(({ code, signal }) => this.onExit(child, code, signal));
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
    if (child && child.running()) {
      const exited = child.exited;
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

  private onExit(child: Child, code: number | null, signal: NodeJS.Signals | null): void {
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
    const why = signal ? `signal ${signal}` : code !== null ? `exit code ${code}` : 'exited (adopted: no exit status)';
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

function forkedChild(forked: ChildProcess): Child {
  const exited = new Promise<ExitStatus>((resolve) => forked.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    pid: forked.pid,
    running: () => forked.exitCode === null && forked.signalCode === null,
    kill: (signal) => void forked.kill(signal),
    exited,
  };
}

/** A child of another (gone) supervisor: no exit event tells when it ends, so it is looked for. */
function adoptedChild(pid: number, identity: string): Child {
  let gone = !isSameProcess(pid, identity);
  const exited = new Promise<ExitStatus>((resolve) => {
    if (gone) return resolve({ code: null, signal: null });
    const watch = setInterval(() => {
      if (isSameProcess(pid, identity)) return;
      gone = true;
      clearInterval(watch);
      resolve({ code: null, signal: null });
    }, ADOPTED_WATCH_MS);
  });
  return {
    pid,
    running: () => !gone,
    kill: (signal) => {
      // Never a signal to a later process that got the pid.
      if (gone || !isSameProcess(pid, identity)) return;
      try {
        process.kill(pid, signal);
      } catch {
        // It exited meanwhile.
      }
    },
    exited,
  };
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
