import { createHash } from 'node:crypto';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

/** One advisory lock per schema, so services migrating one database do not queue behind each other. */
function lockValueFor(schema: string): number {
  return createHash('sha256').update(`clove-migrations:${schema}`).digest().readInt32BE(0);
}

export interface MigrateOptions {
  databaseUrl: string;
  /** Schema the migrations create objects in; also holds the migrations table. */
  schema: string;
  /** Folder of versioned `NNNN_name.sql` files with an `-- Up Migration` section. */
  dir: string;
  log?: (message: string) => void;
}

/**
 * Applies a service's pending migrations, up only, under an advisory lock so that replicas
 * starting together apply each file once. Migrations must stay backward compatible: during a
 * blue-green switch two revisions share one database.
 */
export async function migrate(options: MigrateOptions): Promise<string[]> {
  await ensureSchema(options.databaseUrl, options.schema);
  const applied = await runner({
    databaseUrl: options.databaseUrl,
    dir: options.dir,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    migrationsSchema: options.schema,
    schema: options.schema,
    createSchema: false,
    createMigrationsSchema: false,
    checkOrder: true,
    singleTransaction: true,
    useGlob: false,
    advisoryLockMode: 'wait',
    lockValue: lockValueFor(options.schema),
    migrationLoaderStrategies: [{ extensions: ['.sql'], loader: 'legacySql' }],
    log: options.log ?? (() => undefined),
    verbose: false,
  });
  return applied.map((migration) => migration.name);
}

/**
 * Creates the schema when it is missing. A provisioned service role owns its schema but may
 * not create schemas, so existence is checked first.
 */
async function ensureSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_namespace where nspname = $1', [schema]);
    if (!rowCount) await client.query(`create schema if not exists ${client.escapeIdentifier(schema)}`);
  } finally {
    await client.end();
  }
}
