#!/usr/bin/env node
// Runs every compiled test file (`dist/**/*.test.js`) of the workspaces with node's test runner.
// `--unit` runs only the unit tests next to the code, not the platform tests in tests/.
import { spawnSync } from 'node:child_process';
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

const result = spawnSync(
  process.execPath,
  // A test may take at most 5 minutes; a stuck one fails instead of holding CI hostage.
  ['--test', '--test-reporter=spec', '--test-concurrency=1', '--test-timeout=300000', '--test-force-exit', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
