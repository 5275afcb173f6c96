import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RuntimeError } from '../driver.js';

/** The image name under which a built-in service of this repository is deployed (see the pool). */
const BUILTIN_IMAGE = /^clove\/([a-z][a-z0-9-]*):builtin$/;

/**
 * What the local runtime runs for an image: the compiled entry of a built-in service of this
 * repository. Container images and git builds need a container runtime: the Kubernetes one.
 */
export function entryOfImage(image: string, servicesDir: string): string {
  const match = BUILTIN_IMAGE.exec(image);
  if (!match) {
    throw new RuntimeError(`The local runtime runs this repository's built-in services (clove/<service>:builtin) only; ${image} needs the Kubernetes runtime.`, 'UNSUPPORTED');
  }
  const entry = join(servicesDir, match[1]!, 'dist', 'server.js');
  if (!existsSync(entry)) throw new RuntimeError(`The built-in service ${match[1]} is not built here (${entry} is missing).`, 'UNSUPPORTED');
  return entry;
}
