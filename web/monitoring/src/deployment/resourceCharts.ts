import type { ResourceSeries, ServerView } from '../api/views';
import { alignSeries, spanOf, type ChartData } from '../charts/chartData';
import { bytesToMiB, coresToPercent } from '../common/format';

export interface ComponentCharts {
  component: string;
  cpu: ChartData;
  memory: ChartData;
}

/** Charted in units whose round numbers make good axis ticks. */
const CHART_UNIT: Record<ResourceSeries['metric'], (value: number) => number> = { cpu: coresToPercent, memory: bytesToMiB };

/**
 * One CPU chart (percent of one core) and one memory chart (MiB) per component, one line per
 * replica, components by name.
 */
export function chartsPerComponent({ series, from, to }: ServerView): ComponentCharts[] {
  const span = spanOf(from, to);
  const components = [...new Set(series.map((s) => s.component))].sort();
  const lines = (component: string, metric: ResourceSeries['metric']): ChartData => ({
    span,
    ...alignSeries(
      series
        .filter((s) => s.component === component && s.metric === metric)
        .sort((a, b) => a.replica.localeCompare(b.replica))
        .map((s) => ({ label: s.replica, points: s.points.map(([time, value]): [number, number] => [time, CHART_UNIT[metric](value)]) })),
    ),
  });
  return components.map((component) => ({ component, cpu: lines(component, 'cpu'), memory: lines(component, 'memory') }));
}
