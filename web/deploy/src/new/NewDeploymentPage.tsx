import { useState } from 'react';
import { fetchTemplates } from '../api/templates';
import { AppLink } from '../components/AppLink';
import { LoadFailure } from '../components/LoadFailure';
import { consoleUser, SignInNotice } from '../components/SignInNotice';
import { useResource } from '../hooks/useResource';
import { messages } from '../i18n';
import type { RemotePageProps } from '../session';
import { DeployForm } from './DeployForm';
import { TemplatePicker } from './TemplatePicker';
import '../styles.css';

/** A new performance: a template, then the values its schema asks for, then deploy. */
export default function NewDeploymentPage({ lang, session, navigate }: RemotePageProps) {
  const t = messages(lang);
  const user = consoleUser(session);
  const seller = user?.user.role === 'seller' ? user : null;
  const templates = useResource(seller?.accessToken ?? null, seller ? 'templates' : null, fetchTemplates);
  const [chosen, setChosen] = useState<string | null>(null);

  const heading = <h1 id="dp-new-heading">{t.newHeading}</h1>;
  const back = <AppLink href="/console" navigate={navigate}>{t.backToConsole}</AppLink>;

  if (!user) {
    return (
      <section className="dp-page" aria-labelledby="dp-new-heading">
        {heading}
        <SignInNotice t={t} session={session} navigate={navigate} />
      </section>
    );
  }
  if (!seller) {
    return (
      <section className="dp-page" aria-labelledby="dp-new-heading">
        {heading}
        <p className="dp-panel dp-notice">{t.adminCannotDeploy}</p>
        <p>{back}</p>
      </section>
    );
  }

  return (
    <section className="dp-page" aria-labelledby="dp-new-heading">
      <p className="dp-breadcrumb">{back}</p>
      {heading}
      <p className="dp-lead">{t.newIntro}</p>
      {templates.status === 'loading' && <p role="status" className="dp-hint">{t.loadingTemplates}</p>}
      {templates.status === 'failed' && (
        <LoadFailure t={t} failure={templates.failure} what={t.templatesFailed} session={session} navigate={navigate} onRetry={templates.reload} />
      )}
      {templates.status === 'ready' && templates.data.length === 0 && <p className="dp-panel dp-empty">{t.noTemplates}</p>}
      {templates.status === 'ready' && templates.data.length > 0 && (
        <TemplatePicker templates={templates.data} chosen={chosen} t={t} onChoose={setChosen} />
      )}
      {chosen && <DeployForm key={chosen} templateId={chosen} session={seller} t={t} navigate={navigate} />}
    </section>
  );
}
