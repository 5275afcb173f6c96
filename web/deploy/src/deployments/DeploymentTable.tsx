import type { DeploymentSummary } from '../api/deployments';
import { AppLink } from '../components/AppLink';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate } from '../format';
import type { Messages } from '../i18n';
import type { Lang } from '../session';

interface DeploymentTableProps {
  deployments: DeploymentSummary[];
  lang: Lang;
  t: Messages;
  navigate: (path: string) => void;
}

/** The performances, one row each; scrolls sideways on a narrow screen. */
export function DeploymentTable({ deployments, lang, t, navigate }: DeploymentTableProps) {
  return (
    <div className="dp-table-scroll" role="region" aria-labelledby="dp-deployments-caption" tabIndex={0}>
      <table className="dp-table">
        <caption id="dp-deployments-caption">{t.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.columnSlug}</th>
            <th scope="col">{t.columnStatus}</th>
            <th scope="col">{t.columnTemplate}</th>
            <th scope="col">{t.columnAccess}</th>
            <th scope="col">{t.columnCreated}</th>
            <th scope="col">{t.columnUpdated}</th>
          </tr>
        </thead>
        <tbody>
          {deployments.map((deployment) => (
            <tr key={deployment.id}>
              <th scope="row">
                <AppLink href={`/console/deployments/${encodeURIComponent(deployment.id)}`} navigate={navigate}>{deployment.slug}</AppLink>
              </th>
              <td><StatusBadge status={deployment.status} t={t} /></td>
              <td>{deployment.templateName}</td>
              <td>{t.access[deployment.access]}</td>
              <td><time dateTime={deployment.createdAt}>{formatDate(deployment.createdAt, lang, 'medium')}</time></td>
              <td><time dateTime={deployment.updatedAt}>{formatDate(deployment.updatedAt, lang, 'medium')}</time></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
