import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { lifelineOf } from '@clove/kit';
import type { DeployerConfig } from '../config.js';
import type { RuntimeDriver } from './driver.js';
import { LocalDriver } from './local/local-driver.js';
import { GatewayRouteTable } from './local/route-table.client.js';

/** This repository's services folder, next to the deployer's own. */
const SERVICES_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/** The runtime chosen by configuration: the embedded one, or a cluster through its kubeconfig. */
export async function createDriver(config: DeployerConfig, log: FastifyBaseLogger): Promise<RuntimeDriver> {
  if (config.RUNTIME === 'kubernetes') {
    // Loaded only when chosen: the Kubernetes client is large.
    const { KubernetesDriver } = await import('./kubernetes/kubernetes-driver.js');
    return KubernetesDriver.fromKubeconfig(config.KUBECONFIG, {});
  }
  if (!config.GATEWAY_ADMIN_URL || !config.GATEWAY_ADMIN_TOKEN) {
    throw new Error('The local runtime needs GATEWAY_ADMIN_URL and GATEWAY_ADMIN_TOKEN to publish routes.');
  }
  const logDir = config.LOCAL_LOG_DIR ?? fileURLToPath(new URL('../../logs', import.meta.url));
  let lifeline: string | undefined;
  if (config.LOCAL_LIFELINE_PID !== undefined) {
    lifeline = lifelineOf(config.LOCAL_LIFELINE_PID) ?? undefined;
    if (!lifeline) throw new Error(`LOCAL_LIFELINE_PID ${config.LOCAL_LIFELINE_PID} names no running process: the platform is gone.`);
  }
  return new LocalDriver({
    servicesDir: config.LOCAL_SERVICES_DIR ?? SERVICES_DIR,
    logDir,
    stateDir: config.LOCAL_STATE_DIR ?? logDir,
    ...(lifeline ? { lifeline } : {}),
    routes: new GatewayRouteTable(config.GATEWAY_ADMIN_URL, config.GATEWAY_ADMIN_TOKEN),
    baseEnv: inheritedEnv(process.env, config.LOG_LEVEL),
    onError: (error, context) => log.warn({ err: error, context }, 'the local runtime could not publish routes'),
    onSlowStop: (replica, stop) => log.warn({ replica, ...stop }, stop.stopped ? 'a replica took long to stop' : 'a replica is still stopping'),
  });
}

/** The little of the deployer's environment a replica needs; nothing secret. */
function inheritedEnv(env: NodeJS.ProcessEnv, logLevel: string): Record<string, string> {
  const out: Record<string, string> = { NODE_ENV: env.NODE_ENV ?? 'production', LOG_LEVEL: logLevel };
  for (const key of ['PATH', 'HOME', 'TZ', 'LANG']) if (env[key]) out[key] = env[key]!;
  return out;
}
