import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { LauncherConfig } from './config.js';
import { PERFORMANCE_PORT_OFFSET, PLATFORM_SERVICES } from './platform-services.js';

export interface Claim {
  host: string;
  port: number;
  hostVariable?: string;
  portVariable: string;
}

/** Services of a launcher killed just before may still be closing: how long their ports get to free. */
const SETTLE_MS = 5_000;
const RECHECK_MS = 250;

/**
 * What stops the launcher from listening where it would, one message per problem, each naming
 * the variable to change: a port another program holds, or a host this machine has not.
 */
export async function unusableAddresses(config: LauncherConfig, performances: number): Promise<string[]> {
  const deadline = Date.now() + SETTLE_MS;
  let problems = await addressProblems(config, performances);
  while (problems.length > 0 && problems.every((p) => p.includes('in use')) && Date.now() < deadline) {
    await delay(RECHECK_MS);
    problems = await addressProblems(config, performances);
  }
  return problems;
}

async function addressProblems(config: LauncherConfig, performances: number): Promise<string[]> {
  const internal = [
    0,
    ...PLATFORM_SERVICES.map((service) => service.portOffset),
    ...Array.from({ length: performances }, (_, i) => PERFORMANCE_PORT_OFFSET + i),
  ].map((offset): Claim => ({ host: '127.0.0.1', port: config.CLOVE_PORT_BASE + offset, portVariable: 'CLOVE_PORT_BASE' }));
  const claims: Claim[] = [
    { host: config.CLOVE_GATEWAY_HOST, port: config.CLOVE_GATEWAY_PORT, hostVariable: 'CLOVE_GATEWAY_HOST', portVariable: 'CLOVE_GATEWAY_PORT' },
    ...internal,
  ];
  const problems: string[] = [];
  for (const claim of claims) {
    const problem = await listenProblem(claim);
    if (problem && !problems.includes(problem)) problems.push(problem);
  }
  return problems;
}

/** Why nothing could listen at the claim's address now, or null when something could. */
export function listenProblem(claim: Claim): Promise<string | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        resolve(`${claim.portVariable}: port ${claim.port} on ${claim.host} is in use by another program`);
      } else if (error.code === 'EACCES') {
        resolve(`${claim.portVariable}: port ${claim.port} on ${claim.host} needs privileges this user lacks`);
      } else {
        resolve(`${claim.hostVariable ?? claim.portVariable}: cannot listen on ${claim.host}:${claim.port} (${error.code ?? error.message})`);
      }
    });
    server.listen({ host: claim.host, port: claim.port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}
