import { AppLink } from '@clove/web-kit/AppLink';
import { formatDate } from '@clove/web-kit/format';
import type { Lang, RemotePageProps } from '@clove/web-kit/session';
import { descriptionIn } from '@clove/web-kit/translations';
import { useResource } from '@clove/web-kit/useResource';
import { fetchTemplates } from '../api/templates';
import { AccessNotice, adminSession } from '../components/AccessNotice';
import { FailureAlert } from '../components/FailureAlert';
import { messages, type Messages } from '../i18n';
import '../styles.css';

/** R18: every template, with links to create and edit them. */
export default function TemplatesPage({ lang, session, navigate }: RemotePageProps) {
  const t = messages(lang);
  const admin = adminSession(session);
  if (!admin) {
    return (
      <section className="adm-page" aria-labelledby="templates-heading">
        <h1 id="templates-heading">{t.templatesHeading}</h1>
        <AccessNotice session={session} navigate={navigate} t={t} />
      </section>
    );
  }
  return <TemplateList token={admin.accessToken} lang={lang} t={t} navigate={navigate} />;
}

interface TemplateListProps {
  token: string;
  lang: Lang;
  t: Messages;
  navigate: (path: string) => void;
}

function TemplateList({ token, lang, t, navigate }: TemplateListProps) {
  const list = useResource((signal) => fetchTemplates(token, signal), { key: 'templates' });
  const templates = list.data ?? [];
  const failed = !list.loading && list.failure !== null;

  return (
    <section className="adm-page" aria-labelledby="templates-heading">
      <h1 id="templates-heading">{t.templatesHeading}</h1>
      <p className="adm-lead">{t.templatesIntro}</p>
      <div className="adm-actions">
        <AppLink href="/admin/templates/new" navigate={navigate} className="adm-button adm-button-primary">{t.newTemplate}</AppLink>
        <button type="button" className="adm-button" onClick={list.refresh} disabled={list.loading}>{t.refresh}</button>
        <p role="status" className="adm-hint">{list.loading ? t.loadingTemplates : ''}</p>
      </div>
      {failed && <FailureAlert failure={list.failure} what={t.templatesFailed} t={t} navigate={navigate} onRetry={list.refresh} />}
      {!list.loading && list.failure === null && list.data?.length === 0 && <p>{t.noTemplates}</p>}
      {templates.length > 0 && (
        <div className="adm-table-scroll" role="region" aria-labelledby="templates-caption" tabIndex={0}>
          <table className="adm-table">
            <caption id="templates-caption">{t.templatesCaption(templates.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.templateName}</th>
                <th scope="col">{t.description}</th>
                <th scope="col">{t.currentRevision}</th>
                <th scope="col">{t.origin}</th>
                <th scope="col">{t.updatedAt}</th>
              </tr>
            </thead>
            <tbody>
              {templates.map((template) => (
                <tr key={template.id}>
                  <th scope="row">
                    <AppLink href={`/admin/templates/${encodeURIComponent(template.id)}`} navigate={navigate}>{template.name}</AppLink>
                  </th>
                  <td className="adm-wrap">{descriptionIn(template, lang) || <span className="adm-muted">—</span>}</td>
                  <td>{t.revisionNumber(template.revision)}</td>
                  <td>{template.builtin ? t.builtin : t.custom}</td>
                  <td><time dateTime={template.updatedAt}>{formatDate(template.updatedAt, lang, 'medium')}</time></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
