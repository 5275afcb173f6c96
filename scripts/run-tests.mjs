#!/usr/bin/env node
// Runs every compiled test file (`dist/**/*.test.js`) of the workspaces with node's test runner.
// `--unit` runs only the unit tests next to the code, not the platform tests in tests/.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const unitOnly = process.argv.includes('--unit');
const groups = ['packages', 'services', 'tools'];

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const distDirs = [];
for (const group of groups) {
  for (const pkg of readdirSync(join(root, group))) distDirs.push(join(root, group, pkg, 'dist'));
}
if (!unitOnly) distDirs.push(join(root, 'tests', 'dist'));

const files = distDirs
  .filter((dir) => { try { return statSync(dir).isDirectory(); } catch { return false; } })
  .flatMap((dir) => findTests(dir))
  .map((file) => relative(root, file))
  .sort();

if (files.length === 0) {
  console.error('No test files found; run `npm run build` first.');
  process.exit(1);
}

// A test may take at most 5 minutes; a stuck one fails instead of holding CI hostage.
const runner = spawn(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=1', '--test-timeout=300000', '--test-force-exit', ...files],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);

// Node 20's runner can spin forever on a test file's output that ends in the middle of a
// message (nodejs/node#62693): nothing more is printed and it ignores SIGTERM. Silence far longer
// than any one test may take ends the run, with the runner and every test file it started.
const SILENT_FOR_MS = 10 * 60_000;
let lastOutput = Date.now();
runner.stdout.on('data', (chunk) => ((lastOutput = Date.now()), process.stdout.write(chunk)));
runner.stderr.on('data', (chunk) => ((lastOutput = Date.now()), process.stderr.write(chunk)));
const killAll = (signal) => {
  try {
    process.kill(-runner.pid, signal);
  } catch {
    // already gone
  }
};
const watchdog = setInterval(() => {
  if (Date.now() - lastOutput < SILENT_FOR_MS) return;
  console.error(`\nThe test runner printed nothing for ${SILENT_FOR_MS / 60_000} minutes: stopping it. The last test file above did not finish.`);
  killAll('SIGKILL');
}, 10_000);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => killAll(signal));

// Once its output is all written: the runner's exit code is ours.
runner.once('close', (code) => {
  clearInterval(watchdog);
  process.exitCode = code ?? 1;
});
