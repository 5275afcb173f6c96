import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { isProcessAlive } from './is-alive.js';
import { isSameProcess, processIdentity } from './process-identity.js';

function sleeper() {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

describe('processIdentity: guard against a reused pid', () => {
  it('is stable for one process and differs between processes', async () => {
    const child = sleeper();
    try {
      const identity = processIdentity(child.pid!);
      assert.ok(identity, 'a running process has an identity');
      assert.equal(processIdentity(child.pid!), identity);
      assert.ok(isSameProcess(child.pid!, identity));
      assert.notEqual(processIdentity(process.pid), identity, 'another process, another identity');
      assert.equal(isSameProcess(process.pid, identity), false, 'a pid naming another process is not the same process');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('is null once the process has exited', async () => {
    const child = sleeper();
    const identity = processIdentity(child.pid!)!;
    child.kill('SIGKILL');
    await once(child, 'exit');
    assert.equal(processIdentity(child.pid!), null);
    assert.equal(isSameProcess(child.pid!, identity), false);
  });

  it('is null for a zombie: exited, though its parent has not reaped it', async () => {
    // The shell starts a child and becomes `sleep`, which never reaps it. The child exits only
    // once the shell has become `sleep` ($$ is the shell's pid in the child too): a shell still
    // running would reap it.
    const script = '(while read -r name < /proc/$$/comm && [ "$name" != sleep ]; do :; done) & echo $!; exec sleep 30';
    const parent = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const [chunk] = await once(parent.stdout!, 'data') as [Buffer];
      const pid = Number(chunk.toString().trim());
      const deadline = Date.now() + 5_000;
      while (!readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')) {
        assert.ok(Date.now() < deadline, 'the child became a zombie');
        await delay(10);
      }
      assert.ok(isProcessAlive(pid), 'signal 0 still finds a zombie');
      assert.equal(processIdentity(pid), null);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('is null for pids that name no process', () => {
    assert.equal(processIdentity(0), null);
    assert.equal(processIdentity(-1), null);
    assert.equal(processIdentity(2 ** 22 + 1), null);
  });
});
