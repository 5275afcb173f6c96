/** One line of a chart: its label and a value (or a gap) per time of the chart. */
export interface ChartLine {
  label: string;
  values: Array<number | null>;
}

/** Times (unix seconds, ascending) shared by every line of a chart. */
export interface ChartData {
  times: number[];
  lines: ChartLine[];
  /** The time range the chart spans (unix seconds), even where there are no values yet. */
  span?: [number, number];
}

/** A window's ends (RFC 3339) as unix seconds. */
export function spanOf(from: string, to: string): [number, number] {
  return [Date.parse(from) / 1000, Date.parse(to) / 1000];
}

/**
 * Lines from series whose points are at different times: every time of any series becomes a
 * time of the chart, with gaps where a series has no point.
 */
export function alignSeries(series: Array<{ label: string; points: Array<[number, number]> }>): ChartData {
  const times = [...new Set(series.flatMap((s) => s.points.map(([time]) => time)))].sort((a, b) => a - b);
  const index = new Map(times.map((time, i) => [time, i]));
  const lines = series.map(({ label, points }) => {
    const values: Array<number | null> = times.map(() => null);
    for (const [time, value] of points) values[index.get(time)!] = value;
    return { label, values };
  });
  return { times, lines };
}

export interface LineSummary {
  label: string;
  latest: number | null;
  min: number | null;
  max: number | null;
}

/** Latest, least and greatest value of each line, ignoring gaps. */
export function summarize(data: ChartData): LineSummary[] {
  return data.lines.map(({ label, values }) => {
    const present = values.filter((value): value is number => value !== null);
    return {
      label,
      latest: present.at(-1) ?? null,
      min: present.length > 0 ? Math.min(...present) : null,
      max: present.length > 0 ? Math.max(...present) : null,
    };
  });
}

export function hasData(data: ChartData): boolean {
  return data.lines.some((line) => line.values.some((value) => value !== null));
}
