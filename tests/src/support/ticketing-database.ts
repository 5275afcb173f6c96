import { after, before } from 'node:test';
import { createPool, migrate, type Pool } from '@clove/kit';
import { startTestDatabase, type TestDatabase } from './database.js';
import { REPO_ROOT } from './platform.js';

/**
 * For the tests of one describe block: a real PostgreSQL database with the ticketing schema,
 * and one pool to it per ticketing replica, made before the block's tests and closed after.
 * The returned array holds the pools once the block has started.
 */
export function ticketingDatabase(name: string, replicas: number): Pool[] {
  const pools: Pool[] = [];
  let db: TestDatabase | undefined;
  before(async () => {
    db = await startTestDatabase();
    const url = await db.createDatabase(name);
    await migrate({ databaseUrl: url, schema: 'ticketing', dir: `${REPO_ROOT}services/ticketing/migrations` });
    for (let i = 0; i < replicas; i++) pools.push(createPool({ connectionString: url, schema: 'ticketing', max: 2 }));
  });
  after(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await db?.stop();
  });
  return pools;
}
