import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function getconf(name: string, fallback: number): number {
  try {
    return Number(execFileSync('getconf', [name], { encoding: 'utf8' }).trim()) || fallback;
  } catch {
    return fallback;
  }
}

/** Clock ticks per second of /proc's CPU times (100 on nearly every Linux) and the page size. */
const TICKS = getconf('CLK_TCK', 100);
const PAGE_BYTES = getconf('PAGESIZE', 4096);

export interface ProcessReading {
  /** CPU time used so far (user + system), in seconds. */
  cpuSeconds: number;
  /** Resident memory, in bytes. */
  memoryBytes: number;
  /** Process start in clock ticks since boot: tells a recycled pid apart. */
  startTicks: number;
}

/**
 * One process's CPU time and resident memory from /proc/<pid>/stat; null when it is gone.
 * Read synchronously on purpose: a read of /proc takes microseconds, far less than the
 * thread-pool round trip of an asynchronous one (the sampler's cost is a target).
 */
export function readProcess(pid: number): ProcessReading | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // The command name may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const startTicks = Number(fields[19]);
  const rssPages = Number(fields[21]);
  if (![utime, stime, startTicks, rssPages].every(Number.isFinite)) return null;
  return { cpuSeconds: (utime + stime) / TICKS, memoryBytes: rssPages * PAGE_BYTES, startTicks };
}
