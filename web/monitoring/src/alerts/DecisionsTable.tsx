import { formatDate } from '@clove/web-kit/format';
import type { Lang } from '@clove/web-kit/session';
import type { Decision } from '../api/autoscale';
import { formatShare } from '../common/format';
import { ScrollTable } from '../components/ScrollTable';
import type { Messages } from '../i18n';

interface DecisionsTableProps {
  decisions: Decision[];
  lang: Lang;
  t: Messages;
}

/** What the policy did and why, newest first. */
export function DecisionsTable({ decisions, lang, t }: DecisionsTableProps) {
  if (decisions.length === 0) return <p className="mon-empty">{t.noDecisions}</p>;
  return (
    <ScrollTable label={t.tableOf(t.decisionsHeading)}>
      <table className="mon-table">
        <caption>{t.decisionsHeading}</caption>
        <thead>
          <tr>
            <th scope="col">{t.when}</th>
            <th scope="col">{t.replicaChange}</th>
            <th scope="col">{t.utilization}</th>
            <th scope="col">{t.reason}</th>
            <th scope="col">{t.outcome}</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((decision) => (
            <tr key={`${decision.at}-${decision.toReplicas}`}>
              <th scope="row">{formatDate(decision.at, lang, 'medium')}</th>
              <td className="mon-number">{`${decision.fromReplicas} → ${decision.toReplicas}`}</td>
              <td className="mon-number">{decision.utilization === null ? '—' : formatShare(decision.utilization, lang)}</td>
              <td>{decision.reason}</td>
              <td>{decision.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
