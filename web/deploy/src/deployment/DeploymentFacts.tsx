import type { DeploymentDetail } from '../api/deployments';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate } from '../format';
import type { Messages } from '../i18n';
import type { Lang } from '../session';

/** Status, template, revision, access and dates; the reason when something failed. */
export function DeploymentFacts({ deployment, lang, t }: { deployment: DeploymentDetail; lang: Lang; t: Messages }) {
  return (
    <>
      <dl className="dp-facts">
        <div><dt>{t.statusLabel}</dt><dd><StatusBadge status={deployment.status} t={t} /></dd></div>
        <div><dt>{t.templateLabel}</dt><dd>{deployment.templateName}</dd></div>
        <div><dt>{t.revisionLabel}</dt><dd>{deployment.currentRevision ?? '–'}</dd></div>
        <div><dt>{t.accessLabel}</dt><dd>{t.access[deployment.access]}</dd></div>
        <div><dt>{t.createdLabel}</dt><dd><time dateTime={deployment.createdAt}>{formatDate(deployment.createdAt, lang, 'medium')}</time></dd></div>
        <div><dt>{t.updatedLabel}</dt><dd><time dateTime={deployment.updatedAt}>{formatDate(deployment.updatedAt, lang, 'medium')}</time></dd></div>
      </dl>
      {deployment.reason && (
        <p className={deployment.status === 'failed' ? 'dp-alert' : 'dp-notice'}>
          <strong>{t.reasonLabel}:</strong> {deployment.reason}
        </p>
      )}
    </>
  );
}
