import { useId, useState } from 'react';
import { formatDate } from '@clove/web-kit/format';
import type { Lang } from '@clove/web-kit/session';
import { useResource } from '@clove/web-kit/useResource';
import { fetchAlerts, type Alert, type AlertState } from '../api/alerts';
import { formatDecimal } from '../common/format';
import { FailureAlert } from '../components/FailureAlert';
import { ScrollTable } from '../components/ScrollTable';
import { UpdatedNote } from '../components/UpdatedNote';
import type { Messages } from '../i18n';

const STATES: readonly AlertState[] = ['open', 'resolved', 'all'];
export const ALERTS_REFRESH_MS = 10_000;

interface AlertListProps {
  token: string;
  /** Deployment slugs by id, to name an alert's target. */
  slugs: ReadonlyMap<string, string>;
  lang: Lang;
  t: Messages;
  navigate: (path: string) => void;
}

/** R20: alerts the rules raised, open or resolved, newest first. */
export function AlertList({ token, slugs, lang, t, navigate }: AlertListProps) {
  const [state, setState] = useState<AlertState>('open');
  const name = useId();
  const alerts = useResource((signal) => fetchAlerts(token, state, signal), { key: state, intervalMs: ALERTS_REFRESH_MS });
  const target = (alert: Alert) =>
    `${(alert.deploymentId && slugs.get(alert.deploymentId)) || alert.namespace} / ${alert.component} / ${alert.replica}`;

  return (
    <>
      <fieldset className="mon-segmented">
        <legend>{t.alertStateFilter}</legend>
        {STATES.map((candidate) => (
          <label key={candidate}>
            <input type="radio" name={name} value={candidate} checked={state === candidate} onChange={() => setState(candidate)} />
            <span>{t.alertStates[candidate]}</span>
          </label>
        ))}
      </fieldset>
      <UpdatedNote updatedAt={alerts.updatedAt} loading={alerts.loading} lang={lang} t={t} />
      {alerts.failure !== null && <FailureAlert what={t.alertsFailed} failure={alerts.failure} t={t} navigate={navigate} onRetry={alerts.refresh} />}
      {alerts.data && alerts.data.length === 0 && <p className="mon-empty">{t.noAlerts[state]}</p>}
      {alerts.data && alerts.data.length > 0 && (
        <ScrollTable label={t.tableOf(t.alertsHeading)}>
          <table className="mon-table">
            <thead>
              <tr>
                <th scope="col">{t.rule}</th>
                <th scope="col">{t.severity}</th>
                <th scope="col">{t.target}</th>
                <th scope="col">{t.since}</th>
                <th scope="col">{t.resolvedAt}</th>
                <th scope="col">{t.value}</th>
                <th scope="col">{t.message}</th>
              </tr>
            </thead>
            <tbody>
              {alerts.data.map((alert) => (
                <tr key={alert.id}>
                  <th scope="row">{alert.rule}</th>
                  <td><span className={`mon-badge mon-severity-${alert.severity}`}>{t.severityLabel(alert.severity)}</span></td>
                  <td>{target(alert)}</td>
                  <td>{formatDate(alert.openedAt, lang, 'medium')}</td>
                  <td>{alert.resolvedAt ? formatDate(alert.resolvedAt, lang, 'medium') : t.stillOpen}</td>
                  <td className="mon-number">{formatDecimal(alert.value, lang, 3)}</td>
                  <td>{alert.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
