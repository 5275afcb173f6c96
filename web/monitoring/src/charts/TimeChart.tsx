import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { locales } from '@clove/web-kit/format';
import type { Lang } from '@clove/web-kit/session';
import type { ChartData } from './chartData';
import { AXIS_INK, GRID_LINE, LINE_STYLES } from './palette';

export interface TimeChartProps {
  data: ChartData;
  lang: Lang;
  /** A value as the axis and the legend show it, e.g. "12.5 %". */
  formatValue: (value: number) => string;
  /** Names the time in the chart's legend. */
  timeLabel: string;
  /** Values that hold over an interval (counts per step) are drawn as steps. */
  stepped?: boolean;
  height?: number;
}

const MIN_WIDTH = 240;

function toAligned(data: ChartData): uPlot.AlignedData {
  return [data.times, ...data.lines.map((line) => line.values)];
}

function options(props: TimeChartProps, width: number, span: () => [number, number] | undefined): uPlot.Options {
  const { data, lang, formatValue, stepped, timeLabel, height = 240 } = props;
  const tick = new Intl.DateTimeFormat(locales[lang], { hour: 'numeric', minute: '2-digit' });
  const moment = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'short', timeStyle: 'medium' });
  const paths = stepped ? uPlot.paths.stepped?.({ align: 1 }) : undefined;
  return {
    width,
    height,
    series: [
      { label: timeLabel, value: (_u, time) => (time == null ? '—' : moment.format(time * 1000)) },
      ...data.lines.map((line, i): uPlot.Series => {
        const style = LINE_STYLES[i % LINE_STYLES.length]!;
        return {
          label: line.label,
          stroke: style.stroke,
          dash: style.dash,
          width: 2,
          spanGaps: true,
          paths,
          value: (_u, value) => (value == null ? '—' : formatValue(value)),
        };
      }),
    ],
    scales: {
      x: { time: true, range: (_u, min, max) => span() ?? [min, max] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      {
        stroke: AXIS_INK,
        grid: { stroke: GRID_LINE },
        ticks: { stroke: GRID_LINE },
        space: 90,
        values: (_u, splits) => splits.map((time) => tick.format(time * 1000)),
      },
      {
        stroke: AXIS_INK,
        grid: { stroke: GRID_LINE },
        ticks: { stroke: GRID_LINE },
        size: 84,
        values: (_u, splits) => splits.map((value) => formatValue(value)),
      },
    ],
  };
}

/**
 * A uPlot line chart that fills its container's width and follows it when it resizes. The
 * canvas is hidden from screen readers: the figure around it gives the text alternative.
 */
export function TimeChart(props: TimeChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const { data, lang, stepped, timeLabel, height } = props;
  // A chart is built again only when its lines or their look change; new values are set in place.
  const shape = JSON.stringify([data.lines.map((line) => line.label), lang, stepped, timeLabel, height]);
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const width = Math.max(MIN_WIDTH, box.clientWidth);
    const span = () => propsRef.current.data.span;
    const chart = new uPlot(options(propsRef.current, width, span), toAligned(propsRef.current.data), box);
    chartRef.current = chart;
    const resize = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const next = Math.max(MIN_WIDTH, Math.floor(entry.contentRect.width));
      if (next !== chart.width) chart.setSize({ width: next, height: chart.height });
    });
    resize.observe(box);
    return () => {
      resize.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, [shape]);

  useEffect(() => {
    chartRef.current?.setData(toAligned(data));
  }, [data]);

  return <div ref={boxRef} className="mon-chart" aria-hidden="true" />;
}
