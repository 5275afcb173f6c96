import { createServer } from 'node:net';
import { FETCH_BLOCKED_PORTS } from '@clove/kit';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive free loopback ports, from a random start so parallel runs rarely meet.
 * They lie below Linux's ephemeral range (32768 and up), where outgoing connections would
 * otherwise take them between the check and the listen, and none is a port fetch refuses
 * (10080 is one: a service there could not be called).
 */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 10_000 + Math.floor(Math.random() * (32_000 - 10_000 - count));
    if (Array.from({ length: count }, (_, i) => base + i).some((port) => FETCH_BLOCKED_PORTS.has(port))) continue;
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => isFree(base + i)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error('no free port range found');
}
