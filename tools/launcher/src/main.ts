#!/usr/bin/env node
/**
 * `npm start`: Clove embedded on one machine — PostgreSQL (embedded unless DATABASE_URL is
 * set), every platform service as a supervised process, and the gateway in front.
 */
import { parseArgs } from 'node:util';
import { blockedPorts } from './blocked-ports.js';
import { loadLauncherConfig } from './config.js';
import { Platform } from './platform.js';
import { unusableAddresses } from './ports-in-use.js';
import { lockStateDir } from './state-lock.js';

const config = loadLauncherConfig();
let slugs: string[];
try {
  // --slug NAME (repeatable) also starts that performance's ticketing service under /e/NAME/.
  slugs = parseArgs({ options: { slug: { type: 'string', multiple: true } } }).values.slug ?? [];
} catch (error) {
  console.error(`${(error as Error).message}
Usage: npm start [-- --slug NAME ...]`);
  process.exit(2);
}

const blocked = blockedPorts(config, slugs.length);
if (blocked.length > 0) {
  console.error(`Port ${blocked.join(', ')} would be used, but browsers and fetch refuse to connect to it (a "bad port" of the Fetch standard).
Choose another CLOVE_PORT_BASE (services use it and the ports after it) or CLOVE_GATEWAY_PORT.`);
  process.exit(2);
}

let unlock: () => Promise<void>;
try {
  unlock = await lockStateDir(config.CLOVE_STATE_DIR);
} catch (error) {
  console.error(`[launcher] ${(error as Error).message}`);
  process.exit(1);
}

const unusable = await unusableAddresses(config, slugs.length);
if (unusable.length > 0) {
  console.error(`Clove cannot listen where it is configured to:\n${unusable.map((problem) => `  ${problem}`).join('\n')}`);
  await unlock();
  process.exit(2);
}

const platform = new Platform(config, process.env, slugs);
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) {
    console.error('[launcher] forced exit');
    process.exit(1);
  }
  stopping = true;
  console.log(`[launcher] ${signal}: stopping Clove…`);
  await platform.stop();
  await unlock();
  console.log('[launcher] stopped');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  const summary = await platform.start();
  console.log(summary);
} catch (error) {
  console.error(`[launcher] Clove could not start: ${(error as Error).message}`);
  // A value a service refused is a configuration error, as one the launcher refuses itself.
  const refused = platform.refusedConfiguration;
  await platform.stop();
  await unlock();
  process.exit(refused ? 2 : 1);
}
