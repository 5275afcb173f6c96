import { useState } from 'react';
import { useResource } from '@clove/web-kit/useResource';
import { fetchTemplates } from '../api/templates';
import { AppLink } from '../components/AppLink';
import { LoadFailure } from '../components/LoadFailure';
import { consoleUser, SignInNotice } from '../components/SignInNotice';
import { messages, type Messages } from '../i18n';
import type { RemotePageProps, Session } from '../session';
import { DeployForm } from './DeployForm';
import { TemplatePicker } from './TemplatePicker';
import '../styles.css';

/** A new performance: a template, then the values its schema asks for, then deploy. */
export default function NewDeploymentPage({ lang, session, navigate }: RemotePageProps) {
  const t = messages(lang);
  const user = consoleUser(session);
  const seller = user?.user.role === 'seller' ? user : null;

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
      <TemplateChoice seller={seller} t={t} navigate={navigate} />
    </section>
  );
}

interface TemplateChoiceProps {
  seller: Session;
  t: Messages;
  navigate: (path: string) => void;
}

/** The templates to choose from, then the chosen one's form. */
function TemplateChoice({ seller, t, navigate }: TemplateChoiceProps) {
  const templates = useResource((signal) => fetchTemplates(seller.accessToken, signal), { key: 'templates' });
  const [chosen, setChosen] = useState<string | null>(null);
  const failed = !templates.loading && templates.failure !== null;
  const ready = templates.loading || failed ? null : templates.data;

  return (
    <>
      {templates.loading && <p role="status" className="dp-hint">{t.loadingTemplates}</p>}
      {failed && (
        <LoadFailure t={t} failure={templates.failure} what={t.templatesFailed} session={seller} navigate={navigate} onRetry={templates.refresh} />
      )}
      {ready && ready.length === 0 && <p className="dp-panel dp-empty">{t.noTemplates}</p>}
      {ready && ready.length > 0 && <TemplatePicker templates={ready} chosen={chosen} t={t} onChoose={setChosen} />}
      {chosen && <DeployForm key={chosen} templateId={chosen} session={seller} t={t} navigate={navigate} />}
    </>
  );
}
