import { useEffect } from 'react';
import { fetchDeployments, TRANSIENT_STATUSES } from '../api/deployments';
import { AppLink } from '../components/AppLink';
import { LoadFailure } from '../components/LoadFailure';
import { consoleUser, SignInNotice } from '../components/SignInNotice';
import { useResource } from '../hooks/useResource';
import { messages } from '../i18n';
import type { RemotePageProps } from '../session';
import { DeploymentTable } from './DeploymentTable';
import '../styles.css';

const REFRESH_WHILE_WORKING_MS = 2_000;

/** The console's start: the performances a seller owns or shares, all of them for an admin. */
export default function DeploymentsPage({ lang, session, navigate }: RemotePageProps) {
  const t = messages(lang);
  const user = consoleUser(session);
  const list = useResource(user?.accessToken ?? null, user ? 'deployments' : null, fetchDeployments);
  const isAdmin = user?.user.role === 'admin';
  const { reload } = list;
  const deployments = 'data' in list && list.data ? list.data : [];
  const working = list.status === 'ready' && deployments.some((deployment) => TRANSIENT_STATUSES.has(deployment.status));

  // While something is being deployed, updated or deleted, the list follows it.
  useEffect(() => {
    if (!working) return;
    const timer = setTimeout(reload, REFRESH_WHILE_WORKING_MS);
    return () => clearTimeout(timer);
  }, [working, reload]);

  if (!user) {
    return (
      <section className="dp-page" aria-labelledby="dp-console-heading">
        <h1 id="dp-console-heading">{t.consoleHeading}</h1>
        <SignInNotice t={t} session={session} navigate={navigate} />
      </section>
    );
  }

  return (
    <section className="dp-page" aria-labelledby="dp-console-heading">
      <div className="dp-title-row">
        <h1 id="dp-console-heading">{t.consoleHeading}</h1>
        {!isAdmin && <AppLink href="/console/new" navigate={navigate} className="dp-button dp-button-primary">{t.newPerformance}</AppLink>}
      </div>
      <p className="dp-lead">{isAdmin ? t.consoleIntroAdmin : t.consoleIntro}</p>
      <div className="dp-actions">
        <button type="button" className="dp-button" onClick={list.reload}>{t.refresh}</button>
        <p role="status" className="dp-hint">
          {'data' in list && list.data ? t.deploymentCount(deployments.length) : list.status === 'loading' ? t.loadingDeployments : ''}
        </p>
      </div>
      {list.status === 'failed' && (
        <LoadFailure t={t} failure={list.failure} what={t.deploymentsFailed} session={session} navigate={navigate} onRetry={list.reload} />
      )}
      {list.status === 'ready' && deployments.length === 0 && (
        <div className="dp-panel dp-empty">
          <p>{isAdmin ? t.noDeploymentsAdmin : t.noDeployments}</p>
          {!isAdmin && <AppLink href="/console/new" navigate={navigate} className="dp-button dp-button-primary">{t.deployFirst}</AppLink>}
        </div>
      )}
      {deployments.length > 0 && <DeploymentTable deployments={deployments} lang={lang} t={t} navigate={navigate} />}
    </section>
  );
}
