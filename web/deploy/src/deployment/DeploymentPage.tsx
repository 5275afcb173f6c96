import { useCallback } from 'react';
import { AppLink } from '../components/AppLink';
import { LoadFailure } from '../components/LoadFailure';
import { consoleUser, SignInNotice } from '../components/SignInNotice';
import { messages } from '../i18n';
import type { RemotePageProps } from '../session';
import { ComponentsTable } from './ComponentsTable';
import { DeleteDeployment } from './DeleteDeployment';
import { DeploymentFacts } from './DeploymentFacts';
import { Members } from './Members';
import { PerformanceLinks } from './PerformanceLinks';
import { ProgressSteps } from './ProgressSteps';
import { RevisionHistory } from './RevisionHistory';
import { StatusAnnouncer } from './StatusAnnouncer';
import { UpdateValues } from './UpdateValues';
import { useDeploymentPoll } from './useDeploymentPoll';
import '../styles.css';

export interface DeploymentPageProps extends RemotePageProps {
  deploymentId: string;
}

/** One performance's deployment: live status and progress, what runs, values, members, delete. */
export default function DeploymentPage({ lang, session, navigate, deploymentId }: DeploymentPageProps) {
  const t = messages(lang);
  const user = consoleUser(session);
  const { state, refresh, retry } = useDeploymentPoll(user?.accessToken ?? null, deploymentId);
  const onDeleted = useCallback(() => navigate('/console'), [navigate]);
  const back = <p className="dp-breadcrumb"><AppLink href="/console" navigate={navigate}>{t.backToConsole}</AppLink></p>;

  if (!user) {
    return (
      <section className="dp-page" aria-labelledby="dp-deployment-heading">
        <h1 id="dp-deployment-heading">{t.consoleHeading}</h1>
        <SignInNotice t={t} session={session} navigate={navigate} />
      </section>
    );
  }
  if (state.status !== 'ready') {
    return (
      <section className="dp-page" aria-labelledby="dp-deployment-heading">
        {back}
        <h1 id="dp-deployment-heading">{t.consoleHeading}</h1>
        {state.status === 'loading' && <p role="status" className="dp-hint">{t.loadingDeployment}</p>}
        {state.status === 'missing' && <p role="alert" className="dp-panel dp-notice">{t.deploymentMissing}</p>}
        {state.status === 'failed' && (
          <LoadFailure t={t} failure={state.failure} what={t.deploymentFailed} session={session} navigate={navigate} onRetry={retry} />
        )}
      </section>
    );
  }

  const { deployment } = state;
  const newest = [...deployment.revisions].sort((a, b) => b.number - a.number)[0];
  return (
    <article className="dp-page" aria-labelledby="dp-deployment-heading">
      {back}
      <h1 id="dp-deployment-heading">{deployment.slug}</h1>
      <StatusAnnouncer status={deployment.status} t={t} />
      <DeploymentFacts deployment={deployment} lang={lang} t={t} />
      {state.stale && <p className="dp-notice">{t.refreshFailed}</p>}
      {newest && <ProgressSteps revision={newest} t={t} />}
      <PerformanceLinks id={deployment.id} slug={deployment.slug} t={t} navigate={navigate} />
      <ComponentsTable components={deployment.components} t={t} />
      <UpdateValues deployment={deployment} session={user} t={t} navigate={navigate} onUpdated={refresh} />
      <RevisionHistory revisions={deployment.revisions} lang={lang} t={t} />
      <Members
        deploymentId={deployment.id}
        members={deployment.members}
        isOwner={deployment.access === 'owner'}
        session={user}
        lang={lang}
        t={t}
        onChanged={refresh}
      />
      <DeleteDeployment deployment={deployment} session={user} t={t} onDeleted={onDeleted} />
    </article>
  );
}
