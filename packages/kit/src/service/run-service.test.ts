import assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { LIFELINE_ENV, lifelineOf } from '../process/lifeline.js';

const KIT = new URL('../index.js', import.meta.url).href;

/**
 * A service run by runService. GET /slow answers when the process gets SIGUSR2: a request in
 * flight. While it closes, it tells the test ('closing') and holds the close until SIGUSR1, so
 * the test can send a request to a service that is shutting down but still listening.
 */
const fixture = `
import { createApp, runService } from ${JSON.stringify(KIT)};
const app = await createApp({ name: 'drain', silent: true, docs: false });
const signalled = (signal) => new Promise((resolve) => process.once(signal, resolve));
const released = signalled('SIGUSR2');
app.get('/slow', async () => {
  process.send({ type: 'slow' });
  await released;
  return { answered: true };
});
app.get('/fast', async () => ({ answered: true }));
app.addHook('preClose', async () => {
  const goOn = signalled('SIGUSR1');
  process.send({ type: 'closing' });
  await goOn;
});
await runService(app, { host: '127.0.0.1', port: 0 });
`;

function nextMessage(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
  });
}

describe('runService: stopping under traffic', () => {
  let root: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'clove-run-service-'));
    await writeFile(join(root, 'service.mjs'), fixture);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finishes the request in flight, refuses new ones with a problem, and exits at once though its client keeps connections alive', async () => {
    const child = fork(join(root, 'service.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = once(child, 'exit');
    const { port } = await nextMessage(child, 'listening');
    const base = `http://127.0.0.1:${port as number}`;
    // A client that keeps its connections alive, as the gateway does.
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    try {
      const warm = await request(`${base}/fast`, { dispatcher: agent });
      assert.equal(warm.statusCode, 200);
      await warm.body.text();

      const slowStarted = nextMessage(child, 'slow');
      const inFlight = request(`${base}/slow`, { dispatcher: agent });
      await slowStarted;

      const closing = nextMessage(child, 'closing');
      child.kill('SIGTERM');
      await closing;

      // A request that arrives now is told to come back, as a problem document.
      const refused = await request(`${base}/fast`, { dispatcher: new Agent() });
      const problem = (await refused.body.json()) as { status: number; code: string };
      assert.equal(refused.statusCode, 503);
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
      assert.equal(problem.code, 'SHUTTING_DOWN');
      assert.equal(refused.headers['retry-after'], '1');
      assert.equal(refused.headers.connection, 'close');

      child.kill('SIGUSR1');
      child.kill('SIGUSR2');
      const answer = await inFlight;
      assert.equal(answer.statusCode, 200);
      assert.deepEqual(await answer.body.json(), { answered: true }, 'the request in flight is answered in full');
      assert.equal(answer.headers.connection, 'close', 'the client is told not to reuse the connection');

      // Not the forced exit (code 1) that comes 10 s later when a kept-alive connection holds the server open.
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      child.kill('SIGKILL');
      await agent.close();
    }
  });
});

describe('runService: supervisor and lifeline', () => {
  let root: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'clove-lifeline-'));
    await writeFile(join(root, 'service.mjs'), `
import { createApp, runService } from ${JSON.stringify(KIT)};
const app = await createApp({ name: 'lifeline', silent: true, docs: false });
app.get('/fast', async () => ({ answered: true }));
await runService(app, { host: '127.0.0.1', port: 0 });
`);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function answers(port: number): Promise<boolean> {
    try {
      const response = await request(`http://127.0.0.1:${port}/fast`, { reset: true });
      await response.body.text();
      return response.statusCode === 200;
    } catch {
      return false;
    }
  }

  it('stops when its supervisor goes away (the IPC channel closes)', async () => {
    const child = fork(join(root, 'service.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = once(child, 'exit');
    await nextMessage(child, 'listening');
    child.disconnect();
    const [code] = await exited;
    assert.equal(code, 0);
  });

  it('with a lifeline, runs on when its supervisor goes away and stops when the lifeline\'s process is gone', async () => {
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const child = fork(join(root, 'service.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [LIFELINE_ENV]: lifelineOf(holder.pid!)! },
    });
    const exited = once(child, 'exit');
    try {
      const { port } = await nextMessage(child, 'listening');
      child.disconnect();
      // Answers well after its supervisor went away: several lifeline checks later.
      for (const until = Date.now() + 1_500; Date.now() < until;) assert.ok(await answers(port as number), 'it still answers');
      holder.kill('SIGKILL');
      const [code] = await exited;
      assert.equal(code, 0, 'it shut down cleanly');
    } finally {
      holder.kill('SIGKILL');
      child.kill('SIGKILL');
    }
  });
});
