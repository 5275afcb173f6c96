import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readProcess } from './proc-reader.js';

describe('readProcess', () => {
  it('reads this process\'s CPU time and memory, and sees them grow with work', async () => {
    const before = readProcess(process.pid);
    assert.ok(before);
    assert.ok(Math.abs(before.memoryBytes - process.memoryUsage().rss) < 64 * 2 ** 20, 'about the RSS Node.js reports');
    // Work measured in CPU time (Node's own count), not wall time, which a busy machine stretches.
    const start = process.cpuUsage();
    let spin = 0;
    while (process.cpuUsage(start).user + process.cpuUsage(start).system < 300_000) spin += Math.sqrt(spin + 1);
    const after = readProcess(process.pid);
    assert.ok(after!.cpuSeconds - before.cpuSeconds >= 0.25, `${after!.cpuSeconds - before.cpuSeconds} s of CPU for 0.3 s of work`);
    assert.equal(after!.startTicks, before.startTicks);
  });

  it('answers null for a process that does not exist', () => {
    assert.equal(readProcess(2 ** 22 + 1), null);
  });
});
