import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc's CPU times (100 on nearly every Linux). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcessReading {
  /** CPU time used so far (user + system), in seconds. */
  cpuSeconds: number;
  /** Resident memory, in bytes. */
  memoryBytes: number;
  /** Process start in clock ticks since boot: tells a recycled pid apart. */
  startTicks: number;
}

/** One process's CPU time and memory from /proc; null when it is gone. */
export async function readProcess(pid: number): Promise<ProcessReading | null> {
  try {
    const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const startTicks = Number(fields[19]);
    const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
    if (![utime, stime, startTicks, rssKb].every(Number.isFinite)) return null;
    return { cpuSeconds: (utime + stime) / TICKS, memoryBytes: rssKb * 1024, startTicks };
  } catch {
    return null;
  }
}
