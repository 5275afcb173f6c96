import { readdir, readFile } from 'node:fs/promises';

/** CPU ticks (1/100 s) of each process, keyed by pid, labelled with the part of the platform it is. */
export type CpuSample = Map<number, { part: string; ticks: number }>;

/** Which part of the platform a process is, from its command line (PostgreSQL backends by role). */
function partOf(cmd: string): string | null {
  const service = /services\/([a-z]+)\/dist\//.exec(cmd);
  if (service) return service[1]!;
  const backend = /^postgres: (\S+) /.exec(cmd);
  if (backend) return `postgres (${backend[1]})`;
  if (/bin\/postgres|^postgres:/.test(cmd)) return 'postgres (other)';
  return null;
}

/** CPU used so far by every process under `rootPid` (the launcher), from Linux /proc; empty elsewhere. */
export async function sampleCpu(rootPid: number): Promise<CpuSample> {
  const procs = new Map<number, { ppid: number; cmd: string; ticks: number }>();
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ').trim();
      // fields[1] is the parent; [11] and [12] are user and system time.
      procs.set(Number(pid), { ppid: Number(fields[1]), cmd, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) {
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const sample: CpuSample = new Map();
  for (const pid of tree) {
    const p = procs.get(pid);
    const part = p ? partOf(p.cmd) : null;
    if (p && part) sample.set(pid, { part, ticks: p.ticks });
  }
  return sample;
}

/** CPU seconds the whole machine has been busy (every process, ours or not); null off Linux. */
export async function machineBusySeconds(): Promise<number | null> {
  const line = (await readFile('/proc/stat', 'utf8').catch(() => '')).split('\n')[0] ?? '';
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  if (user === undefined || !Number.isFinite(user)) return null;
  return (user + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100;
}

/** CPU seconds per part between two samples, largest first. */
export function cpuBetween(before: CpuSample, after: CpuSample): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const [pid, { part, ticks }] of after) {
    seconds[part] = (seconds[part] ?? 0) + (ticks - (before.get(pid)?.ticks ?? 0)) / 100;
  }
  return Object.fromEntries(
    Object.entries(seconds)
      .filter(([, s]) => s >= 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([part, s]) => [part, Math.round(s * 10) / 10]),
  );
}
