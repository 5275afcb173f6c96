import { formatDate } from '@clove/web-kit/format';
import type { Lang } from '@clove/web-kit/session';
import { formatCpu, formatMemory } from '../common/format';
import { ScrollTable } from '../components/ScrollTable';
import type { Messages } from '../i18n';
import type { ComponentRow } from './systemView';

interface ReplicasTableProps {
  rows: ComponentRow[];
  lang: Lang;
  t: Messages;
}

/** R19: every running container (replica), where it runs, its state and its latest use. */
export function ReplicasTable({ rows, lang, t }: ReplicasTableProps) {
  const replicas = rows.flatMap((row) => row.replicas.map((replica) => ({ row, replica })));
  if (replicas.length === 0) return <p className="mon-empty">{t.noContainers}</p>;
  return (
    <ScrollTable label={t.tableOf(t.containersHeading)}>
      <table className="mon-table">
        <thead>
          <tr>
            <th scope="col">{t.replica}</th>
            <th scope="col">{t.deployment}</th>
            <th scope="col">{t.componentColumn}</th>
            <th scope="col">{t.node}</th>
            <th scope="col">{t.state}</th>
            <th scope="col">{t.cpu}</th>
            <th scope="col">{t.memory}</th>
            <th scope="col">{t.restarts}</th>
            <th scope="col">{t.started}</th>
          </tr>
        </thead>
        <tbody>
          {replicas.map(({ row, replica }) => (
            <tr key={`${replica.namespace}/${replica.replica}`}>
              <th scope="row">{replica.replica}</th>
              <td>{row.deploymentLabel}</td>
              <td>{replica.component}</td>
              <td>{replica.node}</td>
              <td>
                <span className={replica.ready ? 'mon-badge mon-badge-ok' : 'mon-badge mon-badge-warn'}>
                  {replica.ready ? t.ready : t.notReady}
                </span>{' '}
                {t.replicaState(replica.state)}
                {replica.message && <span className="mon-hint"> · {replica.message}</span>}
              </td>
              <td className="mon-number">{replica.usage?.cpuCores == null ? '—' : formatCpu(replica.usage.cpuCores, lang)}</td>
              <td className="mon-number">{replica.usage?.memoryBytes == null ? '—' : formatMemory(replica.usage.memoryBytes, lang)}</td>
              <td className="mon-number">{replica.restarts}</td>
              <td>{replica.startedAt ? formatDate(replica.startedAt, lang, 'medium') : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
