import type { Pool } from '@clove/kit';

export interface SampleRow {
  at: Date;
  namespace: string;
  deploymentId: string | null;
  component: string;
  replica: string;
  node: string;
  cpuCores: number | null;
  memoryBytes: number | null;
  cpuLimit: number | null;
  memoryLimit: number | null;
  ready: boolean;
  restarts: number;
}

export interface SeriesRow {
  component: string;
  replica: string;
  t: number;
  cpu: number | null;
  memory: number | null;
}

/** Samples as taken (recent), one-minute averages (older), and the queries over them. */
export class SampleRepository {
  constructor(private readonly pool: Pool, private readonly retention: { rawHours: number; rollupDays: number }) {}

  async insert(rows: SampleRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <K extends keyof SampleRow>(key: K) => rows.map((r) => r[key]);
    await this.pool.query(
      `insert into samples (at, namespace, deployment_id, component, replica, node, cpu_cores, memory_bytes, cpu_limit, memory_limit, ready, restarts)
       select * from unnest($1::timestamptz[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::int8[], $9::float8[], $10::int8[], $11::bool[], $12::int[])`,
      [column('at'), column('namespace'), column('deploymentId'), column('component'), column('replica'), column('node'),
        column('cpuCores'), column('memoryBytes'), column('cpuLimit'), column('memoryLimit'), column('ready'), column('restarts')],
    );
  }

  /** The newest sample of every replica sampled within the last `seconds`. */
  async latest(seconds: number): Promise<SampleRow[]> {
    const { rows } = await this.pool.query<SampleRow>(
      `select distinct on (namespace, replica) ${ROW_COLUMNS} from samples
        where at > now() - make_interval(secs => $1) order by namespace, replica, at desc`,
      [seconds],
    );
    return rows.map(numbers);
  }

  /**
   * Averages per step of one deployment's replicas. Steps of a minute or more read the
   * one-minute averages for the minutes already averaged and the samples as taken after them;
   * shorter steps read the samples as taken.
   */
  async series(deploymentId: string, from: Date, to: Date, stepSeconds: number): Promise<{ rows: SeriesRow[]; stepSeconds: number }> {
    const data = stepSeconds >= 60
      ? `select minute as at, component, replica, cpu_cores, memory_bytes from samples_minute
          where deployment_id = $1 and minute >= $2 and minute < least($3, (select max(minute) + interval '1 minute' from samples_minute))
         union all
         select at, component, replica, cpu_cores, memory_bytes from samples
          where deployment_id = $1 and at < $3
            and at >= greatest($2, coalesce((select max(minute) + interval '1 minute' from samples_minute), '-infinity'))`
      : `select at, component, replica, cpu_cores, memory_bytes from samples where deployment_id = $1 and at >= $2 and at < $3`;
    const { rows } = await this.pool.query<SeriesRow>(
      `with data as (${data})
       select component, replica, (floor(extract(epoch from at) / $4) * $4)::float8 as t,
              avg(cpu_cores) as cpu, avg(memory_bytes)::float8 as memory
         from data group by 1, 2, 3 order by 1, 2, 3`,
      [deploymentId, from, to, stepSeconds],
    );
    return { rows, stepSeconds };
  }

  /** Averages the complete minutes (before `now`) not yet averaged, then drops what is past its retention. */
  async rollUpAndPrune(now = new Date()): Promise<void> {
    await this.pool.query(
      `insert into samples_minute (minute, namespace, deployment_id, component, replica, cpu_cores, memory_bytes)
       select date_trunc('minute', at), namespace, deployment_id, component, replica, avg(cpu_cores), avg(memory_bytes)::int8
         from samples
        where at < date_trunc('minute', $2::timestamptz)
          and at >= coalesce((select max(minute) + interval '1 minute' from samples_minute), $2::timestamptz - make_interval(hours => $1))
        group by 1, 2, 3, 4, 5
       on conflict (replica, namespace, minute) do update set cpu_cores = excluded.cpu_cores, memory_bytes = excluded.memory_bytes`,
      [this.retention.rawHours, now],
    );
    await this.pool.query(`delete from samples where at < $2::timestamptz - make_interval(hours => $1)`, [this.retention.rawHours, now]);
    await this.pool.query(`delete from samples_minute where minute < $2::timestamptz - make_interval(days => $1)`, [this.retention.rollupDays, now]);
  }
}

const ROW_COLUMNS = `at, namespace, deployment_id as "deploymentId", component, replica, node, cpu_cores as "cpuCores",
  memory_bytes as "memoryBytes", cpu_limit as "cpuLimit", memory_limit as "memoryLimit", ready, restarts`;

/** int8 columns arrive as strings. */
function numbers(row: SampleRow): SampleRow {
  return {
    ...row,
    memoryBytes: row.memoryBytes === null ? null : Number(row.memoryBytes),
    memoryLimit: row.memoryLimit === null ? null : Number(row.memoryLimit),
  };
}
