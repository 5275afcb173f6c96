import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ManagedReplica } from '../metrics/metrics-source.js';
import { scrapeTarget, ScrapeTargetsFile, writeScrapeTargets } from './scrape-targets.js';

function replica(overrides: Partial<ManagedReplica>): ManagedReplica {
  return {
    namespace: 'perf-demo',
    deploymentId: 'd-1',
    workload: 'ticketing-r1',
    component: 'ticketing',
    replica: 'ticketing-r1-0',
    node: 'local',
    state: 'Running',
    ready: true,
    restarts: 0,
    startedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('scrape targets', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'clove-scrape-targets-'));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('turns replica addresses into host:port targets', () => {
    assert.equal(scrapeTarget('http://127.0.0.1:4100'), '127.0.0.1:4100');
    assert.equal(scrapeTarget('http://127.0.0.1:4100/'), '127.0.0.1:4100');
    assert.equal(scrapeTarget('http://localhost'), 'localhost:80');
    assert.equal(scrapeTarget('https://svc.example'), 'svc.example:443');
    assert.equal(scrapeTarget('http://[::1]:4100'), '[::1]:4100');
    assert.equal(scrapeTarget('not a url'), null);
    assert.equal(scrapeTarget('tcp://127.0.0.1:5432'), null);
  });

  it('writes one labelled group per replica with an address, in a stable order', async () => {
    const file = join(folder, 'nested', 'targets.json');
    await writeScrapeTargets(file, [
      replica({ replica: 'ticketing-r1-1', address: 'http://127.0.0.1:4102' }),
      replica({ replica: 'ticketing-r1-0', address: 'http://127.0.0.1:4101' }),
      replica({ replica: 'ticketing-r1-2' }),
      replica({ namespace: 'clove', deploymentId: null, workload: 'catalog', component: 'catalog', replica: 'catalog-0', address: 'http://127.0.0.1:4001/' }),
    ]);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), [
      { targets: ['127.0.0.1:4001'], labels: { namespace: 'clove', deployment: '', component: 'catalog', replica: 'catalog-0', workload: 'catalog' } },
      { targets: ['127.0.0.1:4101'], labels: { namespace: 'perf-demo', deployment: 'd-1', component: 'ticketing', replica: 'ticketing-r1-0', workload: 'ticketing-r1' } },
      { targets: ['127.0.0.1:4102'], labels: { namespace: 'perf-demo', deployment: 'd-1', component: 'ticketing', replica: 'ticketing-r1-1', workload: 'ticketing-r1' } },
    ]);
    assert.deepEqual(await readdir(join(folder, 'nested')), ['targets.json']);
  });

  it('writes an empty list when no replica listens', async () => {
    const file = join(folder, 'empty.json');
    await writeScrapeTargets(file, [replica({})]);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), []);
  });

  it('rewrites the file by rename, and only when its content changes', async () => {
    const sub = join(folder, 'watched');
    const file = join(sub, 'targets.json');
    const targets = new ScrapeTargetsFile(file);
    const first = [replica({ address: 'http://127.0.0.1:4101' })];

    assert.equal(await targets.update(first), true);
    const written = await stat(file);

    // Equal replicas as fresh objects: nothing to write.
    assert.equal(await targets.update([replica({ address: 'http://127.0.0.1:4101' })]), false);
    assert.equal((await stat(file)).ino, written.ino);
    assert.equal((await stat(file)).mtimeMs, written.mtimeMs);

    // A new replica: a new file replaces the old one in one step (a new inode, no temporary left).
    const second = [...first, replica({ replica: 'ticketing-r1-1', address: 'http://127.0.0.1:4102' })];
    assert.equal(await targets.update(second), true);
    const rewritten = await stat(file);
    assert.notEqual(rewritten.ino, written.ino);
    assert.equal(JSON.parse(await readFile(file, 'utf8')).length, 2);
    assert.deepEqual(await readdir(sub), ['targets.json']);

    // Another order, or a replica's state changing, does not change what is scraped.
    assert.equal(await targets.update([...second].reverse().map((r) => ({ ...r, state: 'Terminating', ready: false }))), false);
    assert.equal((await stat(file)).ino, rewritten.ino);
  });

  it('does not rewrite a file that already holds the content after a restart', async () => {
    const file = join(folder, 'restart.json');
    const replicas = [replica({ address: 'http://127.0.0.1:4101' })];
    assert.equal(await new ScrapeTargetsFile(file).update(replicas), true);
    const written = await stat(file);
    assert.equal(await new ScrapeTargetsFile(file).update(replicas), false);
    assert.equal((await stat(file)).ino, written.ino);
  });

  it('applies concurrent updates in call order', async () => {
    const file = join(folder, 'concurrent.json');
    const targets = new ScrapeTargetsFile(file);
    const updates = await Promise.all([
      targets.update([replica({ address: 'http://127.0.0.1:4101' })]),
      targets.update([replica({ address: 'http://127.0.0.1:4102' })]),
      targets.update([replica({ address: 'http://127.0.0.1:4103' })]),
    ]);
    assert.deepEqual(updates, [true, true, true]);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8'))[0].targets, ['127.0.0.1:4103']);
  });
});
