import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Warnings and errors kept per log file in a post-mortem (the last ones). */
const LINES_PER_LOG = 15;

/** Whether a test of this file failed so far (node's runner sets the exit code as it reports one). */
export const aTestFailed = () => process.exitCode !== undefined && process.exitCode !== 0;

/**
 * What a failed run leaves for whoever reads the CI output: where the platform's logs and data
 * stay, and the last warnings and errors of each service and performance log.
 */
export async function postMortem(stateDir: string): Promise<string> {
  const logs = join(stateDir, 'logs');
  const files = (await readdir(logs, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.log')).sort();
  const parts = [`A test failed: the platform's logs and data stay in ${stateDir}.`];
  for (const file of files) {
    const text = await readFile(join(logs, file), 'utf8').catch(() => '');
    const troubled = text.split('\n').filter((line) => /"level":(4|5|6)0/.test(line)).slice(-LINES_PER_LOG);
    if (troubled.length > 0) parts.push(`--- ${file}: last ${troubled.length} warnings and errors`, ...troubled.map((line) => line.slice(0, 1000)));
  }
  return parts.join('\n');
}
