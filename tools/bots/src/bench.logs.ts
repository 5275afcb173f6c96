import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Errors the services logged (pino level 50 and up), counted by service and message: what the 5xx answers were. */
export async function loggedErrors(logDir: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await readdir(logDir).catch(() => [] as string[])) {
    const text = await readFile(join(logDir, name), 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!/"level":(5|6)\d/.test(line)) continue;
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        const key = `${name.replace(/\.log$/, '')}: ${entry.err?.message ?? entry.msg ?? '?'}`.slice(0, 200);
        counts[key] = (counts[key] ?? 0) + 1;
      } catch {
        // not a JSON log line
      }
    }
  }
  return counts;
}
