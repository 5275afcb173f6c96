import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Where the numbers were measured; they mean little without it. */
export function machineInfo() {
  const cores = cpus();
  return {
    // The cores this run may use (fewer than the machine's under taskset or a CPU quota).
    cores: availableParallelism(),
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}
