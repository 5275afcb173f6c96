import { FETCH_BLOCKED_PORTS } from '@clove/kit';
import type { LauncherConfig } from './config.js';
import { PERFORMANCE_PORT_OFFSET, PLATFORM_SERVICES } from './platform-services.js';

/**
 * The ports the launcher would listen on, for the platform and for `performances` started with
 * --slug, that browsers and fetch refuse to connect to: a service there could not be called.
 */
export function blockedPorts(config: LauncherConfig, performances: number): number[] {
  const ports = [
    config.CLOVE_GATEWAY_PORT,
    config.CLOVE_PORT_BASE,
    ...PLATFORM_SERVICES.map((service) => config.CLOVE_PORT_BASE + service.portOffset),
    ...Array.from({ length: performances }, (_, i) => config.CLOVE_PORT_BASE + PERFORMANCE_PORT_OFFSET + i),
  ];
  return ports.filter((port) => FETCH_BLOCKED_PORTS.has(port));
}
