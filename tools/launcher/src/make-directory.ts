import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Makes a folder and the folders above it, like `mkdir -p`, and fails where one cannot be
 * made. Node's own `mkdir(path, { recursive: true })` never returns when a parent exists but
 * takes no children (a path under /proc, a dangling symbolic link): it makes the parent again
 * and again.
 */
export async function makeDirectory(path: string): Promise<void> {
  const folder = resolve(path);
  try {
    await mkdir(folder);
    return;
  } catch (error) {
    const parent = dirname(folder);
    if (!isCode(error, 'ENOENT') || parent === folder) return existingFolder(folder, error);
    await makeDirectory(parent);
  }
  // The parent is there now: a second refusal is final.
  await mkdir(folder).catch((error: unknown) => existingFolder(folder, error));
}

/** A folder that already exists is what was asked for; anything else there is the error. */
async function existingFolder(folder: string, error: unknown): Promise<void> {
  if (!isCode(error, 'EEXIST')) throw error;
  if (!(await stat(folder)).isDirectory()) throw new Error(`${folder} is not a folder`);
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException).code === code;
}
