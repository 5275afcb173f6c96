/** Kubernetes resource quantities (requests and limits) as the pool, templates and deployer check them. */
import type { FieldError } from '../errors/domain-error.js';

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

const CPU = /^(?:[0-9]+m?|[0-9]*\.[0-9]{1,3})$/;
const MEMORY = /^([0-9]+)(Ki|Mi|Gi)$/;
const MEMORY_UNITS: Record<string, bigint> = { Ki: 1024n, Mi: 1024n ** 2n, Gi: 1024n ** 3n };

/** Kubernetes CPU quantity in millicores ('250m' → 250, '1' → 1000, '0.5' → 500), or null. */
export function cpuMillis(value: string): number | null {
  if (!CPU.test(value)) return null;
  const millis = value.endsWith('m') ? Number(value.slice(0, -1)) : Math.round(Number(value) * 1000);
  return Number.isSafeInteger(millis) && millis > 0 ? millis : null;
}

/** Kubernetes memory quantity in bytes ('256Mi' → 268435456), or null. */
export function memoryBytes(value: string): bigint | null {
  const match = MEMORY.exec(value);
  if (!match) return null;
  const bytes = BigInt(match[1]!) * MEMORY_UNITS[match[2]!]!;
  return bytes > 0n ? bytes : null;
}

/** Field errors of a resources block: each quantity well-formed, and limits at least the requests. */
export function resourceErrors(resources: Resources, base: string): FieldError[] {
  const errors: FieldError[] = [];
  const cpu = { requests: cpuMillis(resources.requests.cpu), limits: cpuMillis(resources.limits.cpu) };
  const memory = { requests: memoryBytes(resources.requests.memory), limits: memoryBytes(resources.limits.memory) };
  for (const part of ['requests', 'limits'] as const) {
    if (cpu[part] === null) errors.push({ path: `${base}/${part}/cpu`, message: 'must be a positive CPU quantity like 250m, 1 or 0.5' });
    if (memory[part] === null) errors.push({ path: `${base}/${part}/memory`, message: 'must be a positive memory quantity like 256Mi (Ki, Mi or Gi)' });
  }
  if (cpu.requests !== null && cpu.limits !== null && cpu.limits < cpu.requests) {
    errors.push({ path: `${base}/limits/cpu`, message: `must be at least the requested ${resources.requests.cpu}` });
  }
  if (memory.requests !== null && memory.limits !== null && memory.limits < memory.requests) {
    errors.push({ path: `${base}/limits/memory`, message: `must be at least the requested ${resources.requests.memory}` });
  }
  return errors;
}
