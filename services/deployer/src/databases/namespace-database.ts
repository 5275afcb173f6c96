import pg from 'pg';
import { databaseOf } from '../compose/naming.js';

/**
 * A namespace's own database and role (R7: each performance its own database), on the
 * PostgreSQL server the deployer's role may create databases and roles on (CREATEDB,
 * CREATEROLE; not a superuser). The deployer keeps SET membership of the roles it creates,
 * and nothing more.
 */
export class NamespaceDatabases {
  constructor(private readonly adminUrl: string, private readonly workloadHost?: string) {}

  /** Creates (or resets the password of) the namespace's role and database; returns the URL its workloads use. */
  async ensure(slug: string, password: string): Promise<string> {
    const name = databaseOf(slug);
    await this.withClient(async (client) => {
      const id = client.escapeIdentifier(name);
      await client.query(`select pg_advisory_lock(hashtext('clove-namespace-' || $1))`, [name]);
      try {
        const role = await client.query('select 1 from pg_roles where rolname = $1', [name]);
        await client.query(`${role.rowCount ? 'alter' : 'create'} role ${id} login password ${client.escapeLiteral(password)}`);
        if (!role.rowCount) await client.query(`grant ${id} to current_user with set true, inherit false`);
        const database = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (!database.rowCount) {
          await client.query(`create database ${id} owner ${id}`);
          await client.query(`revoke all on database ${id} from public`);
        }
      } finally {
        await client.query(`select pg_advisory_unlock(hashtext('clove-namespace-' || $1))`, [name]);
      }
    });
    return this.urlFor(name, name, password, this.workloadHost);
  }

  /** Drops the database (ending its connections) and the role. Idempotent. */
  async drop(slug: string): Promise<void> {
    const name = databaseOf(slug);
    await this.withClient(async (client) => {
      const role = await client.query('select 1 from pg_roles where rolname = $1', [name]);
      if (!role.rowCount) return;
      const id = client.escapeIdentifier(name);
      const database = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (database.rowCount) {
        // Only the owner may drop a database: act as the namespace's role for that.
        await client.query(`set role ${id}`);
        await client.query(`drop database ${id} with (force)`);
        await client.query('reset role');
      }
      await client.query(`drop role ${id}`);
    });
  }

  /**
   * Tickets sold and not refunded in the namespace's ticketing schema (R10: such a performance
   * is not deleted without force). 0 when the namespace has no database or no ticketing tables.
   */
  async liveTickets(slug: string): Promise<number> {
    const name = databaseOf(slug);
    const exists = await this.withClient((client) => client.query('select 1 from pg_database where datname = $1', [name]));
    if (!exists.rowCount) return 0;
    const client = new pg.Client({ connectionString: this.urlFor(name, undefined, undefined) });
    await client.connect();
    try {
      await client.query(`set role ${client.escapeIdentifier(name)}`);
      const table = await client.query<{ t: string | null }>(`select to_regclass('ticketing.tickets')::text as t`);
      if (!table.rows[0]?.t) return 0;
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from ticketing.tickets where state <> 'refunded'`);
      return rows[0]?.n ?? 0;
    } finally {
      await client.end();
    }
  }

  private async withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** The admin URL pointed at another database, and optionally another role and host. */
  private urlFor(database: string, user: string | undefined, password: string | undefined, host?: string): string {
    const url = new URL(this.adminUrl);
    if (user !== undefined) url.username = user;
    if (password !== undefined) url.password = password;
    if (host) url.host = host;
    url.pathname = `/${database}`;
    return url.toString();
  }
}
