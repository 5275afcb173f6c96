import type { RemotePageProps, Session } from '@clove/web-kit/session';
import { useResource } from '@clove/web-kit/useResource';
import { fetchDeployments } from '../api/deployments';
import { AccessNotice } from '../components/AccessNotice';
import { FailureAlert } from '../components/FailureAlert';
import { messages } from '../i18n';
import { AlertList } from './AlertList';
import { AutoscaleSection } from './AutoscaleSection';
import { RulesEditor } from './RulesEditor';
import '../styles.css';

/** R20, R21 for admins: alerts, the rules that raise them, and autoscaling policies. */
export default function AlertsPage(props: RemotePageProps) {
  const { session, lang, navigate } = props;
  const t = messages(lang);
  if (session?.user.role !== 'admin') {
    return <AccessNotice heading={t.alertsPageHeading} reason={t.adminsOnly} signedIn={session !== null} t={t} navigate={navigate} />;
  }
  return <AlertsView {...props} session={session} />;
}

function AlertsView({ session, lang, navigate }: RemotePageProps & { session: Session }) {
  const t = messages(lang);
  const token = session.accessToken;
  const deployments = useResource((signal) => fetchDeployments(token, signal), { key: 'deployments' });
  const slugs = new Map((deployments.data ?? []).map((d) => [d.id, d.slug]));
  const live = (deployments.data ?? []).filter((d) => d.status !== 'deleted' && d.status !== 'deleting');

  return (
    <section className="mon-page" aria-labelledby="mon-alerts-page-heading">
      <h1 id="mon-alerts-page-heading">{t.alertsPageHeading}</h1>
      <section className="mon-section" aria-labelledby="mon-alerts-heading">
        <h2 id="mon-alerts-heading">{t.alertsHeading}</h2>
        <AlertList token={token} slugs={slugs} lang={lang} t={t} navigate={navigate} />
      </section>
      <section className="mon-section" aria-labelledby="mon-rules-heading">
        <h2 id="mon-rules-heading">{t.rulesHeading}</h2>
        <RulesEditor token={token} t={t} navigate={navigate} />
      </section>
      <section className="mon-section" aria-labelledby="mon-autoscale-heading">
        <h2 id="mon-autoscale-heading">{t.autoscaleHeading}</h2>
        <p className="mon-hint">{t.autoscaleIntro}</p>
        {deployments.failure !== null && (
          <FailureAlert what={t.deploymentsFailed} failure={deployments.failure} t={t} navigate={navigate} onRetry={deployments.refresh} />
        )}
        {deployments.data && <AutoscaleSection token={token} deployments={live} lang={lang} t={t} navigate={navigate} />}
      </section>
    </section>
  );
}
