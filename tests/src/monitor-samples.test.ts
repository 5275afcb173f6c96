/**
 * The monitor's sample store against a real PostgreSQL: samples as taken, one-minute averages,
 * retention, and series that read both.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createPool, migrate, type Pool } from '@clove/kit';
import { EmbeddedSource } from '../../services/monitor/dist/metrics/embedded-source.js';
import { SampleRepository } from '../../services/monitor/dist/metrics/sample.repository.js';
import { REPO_ROOT } from './support/platform.js';
import { startTestDatabase, type TestDatabase } from './support/database.js';

describe('monitor samples', () => {
  let db: TestDatabase;
  let pool: Pool;
  let samples: SampleRepository;
  const deploymentId = randomUUID();

  before(async () => {
    db = await startTestDatabase();
    const url = await db.createDatabase('monitor_test');
    await migrate({ databaseUrl: url, schema: 'monitor', dir: `${REPO_ROOT}services/monitor/migrations` });
    pool = createPool({ connectionString: url, schema: 'monitor', max: 2 });
    samples = new SampleRepository(pool, { rawHours: 2, rollupDays: 1 });
  });
  after(async () => {
    await pool?.end();
    await db?.stop();
  });

  /** Samples of one replica at the given times, with CPU = the given cores. */
  const insertAt = (points: Array<[number, number]>, replica = 'ticketing-r1-0') => samples.insert(points.map(([at, cores]) => ({
    at: new Date(at), namespace: 'perf-x', deploymentId, component: 'ticketing', replica, node: 'n',
    cpuCores: cores, memoryBytes: 100 * 2 ** 20, cpuLimit: 1, memoryLimit: 512 * 2 ** 20, ready: true, restarts: 0,
  })));

  it('answers long steps from one-minute averages plus the samples taken since, and short steps from the samples', async () => {
    // "Now" is half a minute into the last complete minute, so no minute boundary can move under the test.
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    const now = new Date(minute + 30_000);
    // Two minutes before (0.2 and 0.4 → 0.3 on average), the minute before (0.6), and just before now (1.0).
    await insertAt([[minute - 150_000, 0.2], [minute - 130_000, 0.4], [minute - 30_000, 0.6], [now.getTime() - 500, 1.0]]);
    await samples.rollUpAndPrune(now);
    const rolled = await pool.query('select count(*)::int as n from samples_minute');
    assert.equal(rolled.rows[0].n, 2, 'the two complete minutes, not the current one');

    const source = new EmbeddedSource(samples);
    const from = new Date(minute - 180_000);
    const to = new Date(minute + 60_000);
    const cpu = (await source.serverSeries({ deploymentId, namespace: 'perf-x', from, to, stepSeconds: 60 })).find((s) => s.metric === 'cpu')!;
    assert.deepEqual(cpu.points.map(([, v]) => v), [0.3, 0.6, 1]);
    assert.ok(cpu.points.every(([t]) => t % 60 === 0));
    const fine = (await source.serverSeries({ deploymentId, namespace: 'perf-x', from, to, stepSeconds: 5 })).find((s) => s.metric === 'cpu')!;
    assert.equal(fine.points.length, 4, 'every sample as taken');
  });

  it('drops samples past their retention', async () => {
    await insertAt([[Date.now() - 3 * 3_600_000, 0.5]], 'old-replica');
    await samples.rollUpAndPrune();
    const { rows } = await pool.query(`select count(*)::int as n from samples where replica = 'old-replica'`);
    assert.equal(rows[0].n, 0);
  });
});
