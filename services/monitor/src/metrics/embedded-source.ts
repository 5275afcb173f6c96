import type { MetricsSource, Series, SeriesQuery } from './metrics-source.js';
import type { SampleRepository } from './sample.repository.js';

/** Server series from the samples the monitor took itself. */
export class EmbeddedSource implements MetricsSource {
  readonly name = 'embedded' as const;

  constructor(private readonly samples: SampleRepository) {}

  async serverSeries(query: SeriesQuery): Promise<Series[]> {
    const { rows } = await this.samples.series(query.deploymentId, query.from, query.to, query.stepSeconds);
    const series = new Map<string, Series>();
    for (const row of rows) {
      for (const metric of ['cpu', 'memory'] as const) {
        const value = row[metric];
        if (value === null) continue;
        const key = `${row.component}\u0000${row.replica}\u0000${metric}`;
        let entry = series.get(key);
        if (!entry) {
          entry = { component: row.component, replica: row.replica, metric, unit: metric === 'cpu' ? 'cores' : 'bytes', points: [] };
          series.set(key, entry);
        }
        entry.points.push([row.t, metric === 'cpu' ? round(value, 4) : Math.round(value)]);
      }
    }
    return [...series.values()];
  }
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
