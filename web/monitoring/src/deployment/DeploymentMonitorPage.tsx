import { AppLink } from '@clove/web-kit/AppLink';
import { statusOf } from '@clove/web-kit/problem';
import type { RemotePageProps, Session } from '@clove/web-kit/session';
import { useResource } from '@clove/web-kit/useResource';
import { fetchDeployment } from '../api/deployments';
import { AccessNotice } from '../components/AccessNotice';
import { FailureAlert } from '../components/FailureAlert';
import { messages } from '../i18n';
import { MonitorCharts } from './MonitorCharts';
import '../styles.css';

export interface DeploymentMonitorPageProps extends RemotePageProps {
  deploymentId: string;
}

/** R11, R26: a deployment's CPU and memory per component, and its bookings and revenue, over time. */
export default function DeploymentMonitorPage(props: DeploymentMonitorPageProps) {
  const { session, lang, navigate } = props;
  const t = messages(lang);
  if (!session || (session.user.role !== 'seller' && session.user.role !== 'admin')) {
    return (
      <AccessNotice
        heading={t.monitorHeading}
        reason={session ? t.sellersOnly : t.logInAsSeller}
        signedIn={session !== null}
        t={t}
        navigate={navigate}
      />
    );
  }
  return <MonitorView {...props} session={session} />;
}

function MonitorView({ deploymentId, session, lang, navigate }: DeploymentMonitorPageProps & { session: Session }) {
  const t = messages(lang);
  const token = session.accessToken;
  const deployment = useResource((signal) => fetchDeployment(deploymentId, token, signal), { key: deploymentId });
  // Not there or not theirs: the charts would only repeat the same refusal.
  const refused = [401, 403, 404].includes(statusOf(deployment.failure));
  const back = `/console/deployments/${encodeURIComponent(deploymentId)}`;

  return (
    <section className="mon-page" aria-labelledby="mon-monitor-heading">
      <p className="mon-back"><AppLink href={back} navigate={navigate}>{t.backToDeployment}</AppLink></p>
      <h1 id="mon-monitor-heading">{deployment.data ? t.monitorOf(deployment.data.slug) : t.monitorHeading}</h1>
      {deployment.failure !== null && (
        <FailureAlert what={t.deploymentFailed} failure={deployment.failure} t={t} navigate={navigate} onRetry={deployment.refresh} />
      )}
      {!refused && <MonitorCharts deploymentId={deploymentId} token={token} lang={lang} navigate={navigate} />}
    </section>
  );
}
