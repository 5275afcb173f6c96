import { useCallback, useState } from 'react';
import type { Lang } from '@clove/web-kit/session';
import { FailureAlert } from '../components/FailureAlert';
import { UpdatedNote } from '../components/UpdatedNote';
import { messages } from '../i18n';
import { RangeControls } from './RangeControls';
import { ResourceCharts } from './ResourceCharts';
import { SalesCharts } from './SalesCharts';
import { DEFAULT_RANGE, type TimeRange } from './timeRanges';
import { useServerView } from './useServerView';
import { useTicketView } from './useTicketView';

interface MonitorChartsProps {
  deploymentId: string;
  token: string;
  lang: Lang;
  navigate: (path: string) => void;
}

/** The time range, then the resource charts and the booking charts of that range. */
export function MonitorCharts({ deploymentId, token, lang, navigate }: MonitorChartsProps) {
  const t = messages(lang);
  const [range, setRange] = useState<TimeRange>(DEFAULT_RANGE);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const server = useServerView(deploymentId, token, range, autoRefresh);
  const ticket = useTicketView(deploymentId, token, range, autoRefresh);
  const { refresh: refreshServer } = server;
  const { refresh: refreshTicket } = ticket;
  const refresh = useCallback(() => {
    refreshServer();
    refreshTicket();
  }, [refreshServer, refreshTicket]);

  return (
    <>
      <RangeControls
        range={range}
        onRange={setRange}
        autoRefresh={autoRefresh}
        onAutoRefresh={setAutoRefresh}
        onRefresh={refresh}
        refreshing={server.loading || ticket.loading}
        t={t}
      />

      <section className="mon-section" aria-labelledby="mon-resources-heading">
        <h2 id="mon-resources-heading">{t.resourcesHeading}</h2>
        <UpdatedNote updatedAt={server.updatedAt} loading={server.loading} lang={lang} t={t} />
        {server.failure !== null && <FailureAlert what={t.resourcesFailed} failure={server.failure} t={t} navigate={navigate} onRetry={server.refresh} />}
        {server.data && <ResourceCharts view={server.data} lang={lang} t={t} />}
      </section>

      <section className="mon-section" aria-labelledby="mon-sales-heading">
        <h2 id="mon-sales-heading">{t.salesHeading}</h2>
        <UpdatedNote updatedAt={ticket.updatedAt} loading={ticket.loading} lang={lang} t={t} />
        {ticket.failure !== null && <FailureAlert what={t.salesFailed} failure={ticket.failure} t={t} navigate={navigate} onRetry={ticket.refresh} />}
        {ticket.data && <SalesCharts view={ticket.data} lang={lang} t={t} />}
      </section>
    </>
  );
}
