import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isSameProcess, processIdentity } from '@clove/kit';
import { makeDirectory } from './make-directory.js';

interface Holder {
  pid: number;
  identity: string;
}

/**
 * Claims the state folder for this launcher: a second launcher on the same folder would stop
 * the first one's PostgreSQL and share its files. A claim left by a launcher that is gone
 * (killed with -9) is taken over. Returns the release.
 */
export async function lockStateDir(stateDir: string): Promise<() => Promise<void>> {
  try {
    await makeDirectory(stateDir);
  } catch (error) {
    throw new Error(`CLOVE_STATE_DIR: cannot create the state folder ${stateDir} (${(error as Error).message})`);
  }
  const file = join(stateDir, 'launcher.lock');
  const mine: Holder = { pid: process.pid, identity: processIdentity(process.pid) ?? 'pid' };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await writeFile(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      return async () => {
        if ((await readHolder(file))?.identity === mine.identity) await rm(file, { force: true });
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new Error(`CLOVE_STATE_DIR: cannot write in the state folder ${stateDir} (${(error as Error).message})`);
      }
    }
    const holder = await readHolder(file);
    if (holder && isSameProcess(holder.pid, holder.identity)) {
      throw new Error(
        `Clove already runs on the state folder ${stateDir} (launcher pid ${holder.pid}). ` +
          'Stop it first, or set CLOVE_STATE_DIR to another folder.',
      );
    }
    await rm(file, { force: true });
  }
  throw new Error(`Another launcher is starting on the state folder ${stateDir}; try again.`);
}

async function readHolder(file: string): Promise<Holder | null> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' && typeof holder.identity === 'string' ? { pid: holder.pid, identity: holder.identity } : null;
  } catch {
    return null;
  }
}
