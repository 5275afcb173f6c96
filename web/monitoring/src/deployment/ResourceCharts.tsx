import { useMemo } from 'react';
import type { Lang } from '@clove/web-kit/session';
import type { ServerView } from '../api/views';
import { ChartFigure } from '../charts/ChartFigure';
import { formatMiB, formatPercent } from '../common/format';
import type { Messages } from '../i18n';
import { chartsPerComponent } from './resourceCharts';

interface ResourceChartsProps {
  view: ServerView;
  lang: Lang;
  t: Messages;
}

/** CPU and memory over time for each component of the deployment. */
export function ResourceCharts({ view, lang, t }: ResourceChartsProps) {
  const components = useMemo(() => chartsPerComponent(view), [view]);
  if (components.length === 0) return <p className="mon-empty">{t.noResourceData}</p>;
  const cpu = (percent: number) => formatPercent(percent, lang);
  const memory = (mib: number) => formatMiB(mib, lang);
  return (
    <div className="mon-components">
      {components.map((charts) => (
        <section key={charts.component} className="mon-component" aria-labelledby={`mon-component-${charts.component}`}>
          <h3 id={`mon-component-${charts.component}`}>{t.component(charts.component)}</h3>
          <div className="mon-figures">
            <ChartFigure
              title={t.cpuOf(charts.component)}
              description={t.cpuDescription}
              data={charts.cpu}
              formatValue={cpu}
              lang={lang}
              t={t}
              emptyText={t.noResourceData}
            />
            <ChartFigure
              title={t.memoryOf(charts.component)}
              description={t.memoryDescription}
              data={charts.memory}
              formatValue={memory}
              lang={lang}
              t={t}
              emptyText={t.noResourceData}
            />
          </div>
        </section>
      ))}
    </div>
  );
}
