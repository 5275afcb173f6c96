import { useResource } from '@clove/web-kit/useResource';
import { fetchDeployments, TRANSIENT_STATUSES } from '../api/deployments';
import { AppLink } from '../components/AppLink';
import { LoadFailure } from '../components/LoadFailure';
import { consoleUser, SignInNotice } from '../components/SignInNotice';
import { messages, type Messages } from '../i18n';
import type { Lang, RemotePageProps, Session } from '../session';
import { DeploymentTable } from './DeploymentTable';
import '../styles.css';

const REFRESH_WHILE_WORKING_MS = 2_000;

/** The console's start: the performances a seller owns or shares, all of them for an admin. */
export default function DeploymentsPage({ lang, session, navigate }: RemotePageProps) {
  const t = messages(lang);
  const user = consoleUser(session);
  if (!user) {
    return (
      <section className="dp-page" aria-labelledby="dp-console-heading">
        <h1 id="dp-console-heading">{t.consoleHeading}</h1>
        <SignInNotice t={t} session={session} navigate={navigate} />
      </section>
    );
  }
  return <DeploymentList user={user} lang={lang} t={t} navigate={navigate} />;
}

interface DeploymentListProps {
  user: Session;
  lang: Lang;
  t: Messages;
  navigate: (path: string) => void;
}

function DeploymentList({ user, lang, t, navigate }: DeploymentListProps) {
  // While something is being deployed, updated or deleted, the list follows it.
  const list = useResource((signal) => fetchDeployments(user.accessToken, signal), {
    key: 'deployments',
    intervalMs: (deployments) => (deployments?.some((deployment) => TRANSIENT_STATUSES.has(deployment.status)) ? REFRESH_WHILE_WORKING_MS : null),
  });
  const isAdmin = user.user.role === 'admin';
  const { refresh } = list;
  const deployments = list.data ?? [];
  const failed = !list.loading && list.failure !== null;
  const ready = !list.loading && !failed;

  return (
    <section className="dp-page" aria-labelledby="dp-console-heading">
      <div className="dp-title-row">
        <h1 id="dp-console-heading">{t.consoleHeading}</h1>
        {!isAdmin && <AppLink href="/console/new" navigate={navigate} className="dp-button dp-button-primary">{t.newPerformance}</AppLink>}
      </div>
      <p className="dp-lead">{isAdmin ? t.consoleIntroAdmin : t.consoleIntro}</p>
      <div className="dp-actions">
        <button type="button" className="dp-button" onClick={refresh}>{t.refresh}</button>
        <p role="status" className="dp-hint">
          {list.data ? t.deploymentCount(deployments.length) : list.loading ? t.loadingDeployments : ''}
        </p>
      </div>
      {failed && (
        <LoadFailure t={t} failure={list.failure} what={t.deploymentsFailed} session={user} navigate={navigate} onRetry={refresh} />
      )}
      {ready && list.data?.length === 0 && (
        <div className="dp-panel dp-empty">
          <p>{isAdmin ? t.noDeploymentsAdmin : t.noDeployments}</p>
          {!isAdmin && <AppLink href="/console/new" navigate={navigate} className="dp-button dp-button-primary">{t.deployFirst}</AppLink>}
        </div>
      )}
      {deployments.length > 0 && <DeploymentTable deployments={deployments} lang={lang} t={t} navigate={navigate} />}
    </section>
  );
}
