import { useId } from 'react';
import type { Lang } from '@clove/web-kit/session';
import type { Messages } from '../i18n';
import { hasData, type ChartData } from './chartData';
import { SummaryTable } from './SummaryTable';
import { TimeChart } from './TimeChart';

interface ChartFigureProps {
  title: string;
  /** What the values are, e.g. "Share of one CPU core in use". */
  description: string;
  data: ChartData;
  formatValue: (value: number) => string;
  lang: Lang;
  t: Messages;
  stepped?: boolean;
  /** Shown instead of the chart when no line has a value yet. */
  emptyText: string;
}

/** A chart with its caption and its summary table, or a note when there is nothing to draw. */
export function ChartFigure({ title, description, data, formatValue, lang, t, stepped, emptyText }: ChartFigureProps) {
  const captionId = useId();
  const descriptionId = useId();
  return (
    <figure className="mon-figure" aria-labelledby={captionId} aria-describedby={descriptionId}>
      <figcaption id={captionId} className="mon-figure-title">{title}</figcaption>
      <p id={descriptionId} className="mon-hint">{description}</p>
      {hasData(data) ? (
        <>
          <TimeChart data={data} lang={lang} formatValue={formatValue} stepped={stepped} timeLabel={t.time} />
          <SummaryTable caption={t.summaryOf(title)} data={data} formatValue={formatValue} t={t} />
        </>
      ) : (
        <p className="mon-empty">{emptyText}</p>
      )}
    </figure>
  );
}
