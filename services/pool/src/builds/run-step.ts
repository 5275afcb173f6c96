import { spawn } from 'node:child_process';
import type { BuildLog } from './build-log.js';

export interface Step {
  /** Names the step in the log and in the status reason, e.g. `npm ci`. */
  title: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

export type StepOutcome = { ok: true } | { ok: false; reason: string; timedOut: boolean };

/** Time for a killed process's pipes to close before they are closed for it. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Runs one step as its own process group, never through a shell, with stdout and stderr in the
 * log. At the deadline, or when `signal` aborts, the whole group is killed, so nothing the step
 * started (npm's script shells, their children) outlives it.
 */
export function runStep(step: Step, log: BuildLog, deadline: number, signal: AbortSignal): Promise<StepOutcome> {
  log.line(`$ ${[step.command, ...step.args].join(' ')}`);
  return new Promise((resolve) => {
    let stopped: 'timeout' | 'aborted' | null = null;
    const child = spawn(step.command, step.args, {
      cwd: step.cwd,
      env: step.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const stop = (why: 'timeout' | 'aborted') => {
      if (stopped) return;
      stopped = why;
      killGroup();
    };
    const timer = setTimeout(() => stop('timeout'), Math.max(0, deadline - Date.now()));
    const onAbort = () => stop('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();

    child.stdout.on('data', (chunk: Buffer) => log.append(chunk));
    child.stderr.on('data', (chunk: Buffer) => log.append(chunk));
    child.on('exit', () => {
      // A process that left the group may still hold the pipes open; do not wait on it forever.
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, CLOSE_GRACE_MS).unref();
    });

    let settled = false;
    const finish = (outcome: StepOutcome, note: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      // Whatever the step left running in its group goes with it.
      killGroup();
      log.line(note);
      resolve(outcome);
    };
    child.on('error', (error) => finish({ ok: false, reason: `${step.title} could not start: ${error.message}`, timedOut: false }, `! ${error.message}`));
    child.on('close', (code, signalName) => {
      if (stopped === 'timeout') {
        finish({ ok: false, reason: `${step.title} was stopped: the build exceeded its time limit`, timedOut: true }, '! killed: time limit exceeded');
      } else if (stopped === 'aborted') {
        finish({ ok: false, reason: 'interrupted', timedOut: false }, '! killed: build interrupted');
      } else if (code === 0) {
        finish({ ok: true }, '[exit code 0]');
      } else {
        const how = code === null ? `was killed by ${signalName}` : `exited with code ${code}`;
        finish({ ok: false, reason: `${step.title} ${how}`, timedOut: false }, `[${how}]`);
      }
    });
  });
}
