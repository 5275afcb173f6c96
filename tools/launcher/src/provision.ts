import pg from 'pg';

export interface ServiceDatabase {
  /** URL of the service's own least-privileged role. */
  url: string;
  schema: string;
}

/**
 * Gives a service its own database role, owning only its schema (least privilege: a service
 * cannot read another's tables). Idempotent; the password is reset to the kept secret.
 */
export async function provisionServiceDatabase(
  adminUrl: string,
  service: { name: string; schema: string; roleAttributes?: string },
  password: string,
): Promise<ServiceDatabase> {
  const role = `clove_${service.name}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const database = (await client.query<{ db: string }>('select current_database() as db')).rows[0]!.db;
    const roleId = client.escapeIdentifier(role);
    const literal = client.escapeLiteral(password);
    // Several launchers may provision one server at once (tests); serialise on a lock.
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('clove-provision'))`);
    const exists = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    const attributes = service.roleAttributes ?? 'nocreatedb nocreaterole';
    await client.query(`${exists.rowCount ? 'alter' : 'create'} role ${roleId} login ${attributes} password ${literal}`);
    await client.query(`grant connect on database ${client.escapeIdentifier(database)} to ${roleId}`);
    await client.query(
      `create schema if not exists ${client.escapeIdentifier(service.schema)} authorization ${roleId}`,
    );
    await client.query('commit');
    const url = new URL(adminUrl);
    url.username = role;
    url.password = password;
    return { url: url.toString(), schema: service.schema };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * A performance's own database (a namespace is a database in the embedded runtime), owned by
 * its own role. CREATE DATABASE cannot run in a transaction, so existence is checked first.
 */
export async function provisionPerformanceDatabase(adminUrl: string, slug: string, password: string): Promise<string> {
  const name = `clove_perf_${slug.replaceAll('-', '_')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const id = client.escapeIdentifier(name);
    const role = await client.query('select 1 from pg_roles where rolname = $1', [name]);
    await client.query(`${role.rowCount ? 'alter' : 'create'} role ${id} login password ${client.escapeLiteral(password)}`);
    const database = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!database.rowCount) await client.query(`create database ${id} owner ${id}`);
    await client.query(`revoke all on database ${id} from public`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.username = name;
  url.password = password;
  url.pathname = `/${name}`;
  return url.toString();
}
