#!/usr/bin/env node
/**
 * `npm run bots -- --target <performance url>`: simulated buyers hold, pay, decline, abandon
 * and refund concurrently against one performance, then the sale's invariants are checked (R38).
 */
import { writeFile } from 'node:fs/promises';
import { parseBotOptions, usage, UsageError } from './cli.options.js';
import { renderReport } from './report.text.js';
import { runBots } from './run.runner.js';

let parsed;
try {
  parsed = parseBotOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\nRun with --help to see the options.`);
  process.exit(2);
}
if (parsed.help) {
  console.log(usage());
  process.exit(0);
}

try {
  const report = await runBots(parsed.options);
  console.log(renderReport(report));
  if (parsed.options.json) await writeFile(parsed.options.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exitCode = report.passed ? 0 : 1;
} catch (error) {
  console.error(`[bots] the run failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
