import { readFileSync } from 'node:fs';
import { isProcessAlive } from './is-alive.js';

/**
 * What tells a process apart from a later one that got the same pid: the boot it runs in and
 * its start time (clock ticks after boot, /proc/<pid>/stat). Null when there is no such
 * process, or only its zombie is left (it has exited; its parent has not reaped it yet).
 * Where there is no /proc, a live pid is taken at its word ("pid"): no guard against reuse.
 */
export function processIdentity(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return process.platform === 'linux' || !isProcessAlive(pid) ? null : 'pid';
  }
  // The command name (field 2) may contain spaces and parentheses: fields after it follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19];
  if (state === 'Z' || state === 'X' || !startTicks) return null;
  return `${bootId()}:${startTicks}`;
}

/** Whether pid still names the very process that had this identity. */
export function isSameProcess(pid: number, identity: string): boolean {
  return processIdentity(pid) === identity;
}

let boot: string | undefined;

function bootId(): string {
  if (boot === undefined) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      boot = 'boot';
    }
  }
  return boot;
}
