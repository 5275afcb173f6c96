import { useEffect, useMemo, useState } from 'react';
import { AppLink } from '@clove/web-kit/AppLink';
import { formatDate } from '@clove/web-kit/format';
import { statusOf } from '@clove/web-kit/problem';
import type { Lang, RemotePageProps } from '@clove/web-kit/session';
import { useResource } from '@clove/web-kit/useResource';
import { fieldErrorsOf, type FieldErrors } from '../api/fieldErrors';
import { fetchImages } from '../api/pool';
import { createTemplate, fetchTemplate, updateTemplate, type Template } from '../api/templates';
import { AccessNotice, adminSession } from '../components/AccessNotice';
import { FailureAlert } from '../components/FailureAlert';
import { messages, type Messages } from '../i18n';
import { DeleteTemplate } from './DeleteTemplate';
import { checkParameterSchema, type SchemaCheck } from './parameterSchema';
import { RevisionsSection } from './RevisionsSection';
import { TemplateForm } from './TemplateForm';
import { copyFormOf, emptyTemplateForm, templateFormOf, toTemplateInput, validateTemplateForm, type TemplateFormValues } from './templateForm';
import '../styles.css';

export interface TemplateEditorPageProps extends RemotePageProps {
  /** null: a new template. */
  templateId: string | null;
  /** With templateId null: the new template starts as a copy of this one's current revision. */
  copyOf?: string | null;
}

/**
 * A template created here, so that the page it moves to (the template's own address) can say
 * which revision was saved.
 */
let justCreated: { id: string; revision: number } | null = null;

/** What the page last did, said in the page's language. */
interface Notice {
  kind: 'saved' | 'restored';
  revision: number;
}

function clientErrorsOf(form: TemplateFormValues, check: SchemaCheck, t: Messages): FieldErrors {
  const errors = validateTemplateForm(form, check.state === 'valid' ? check.fields : [], t);
  if (check.state !== 'valid') errors['/parameters'] = check.state === 'invalid-json' ? t.fixJson : t.fixSchema;
  return errors;
}

/** R17–R18: create (or copy) or edit a template, see the documents of each revision, delete it. */
export default function TemplateEditorPage({ lang, session, navigate, templateId, copyOf = null }: TemplateEditorPageProps) {
  const t = messages(lang);
  const admin = adminSession(session);
  if (!admin) {
    return (
      <section className="adm-page" aria-labelledby="editor-heading">
        <h1 id="editor-heading">{templateId ? t.templateHeading : t.newTemplateHeading}</h1>
        <AccessNotice session={session} navigate={navigate} t={t} />
      </section>
    );
  }
  const key = templateId ?? (copyOf ? `copy:${copyOf}` : 'new');
  return <TemplateEditor key={key} token={admin.accessToken} templateId={templateId} copyOf={templateId ? null : copyOf} lang={lang} t={t} navigate={navigate} />;
}

interface TemplateEditorProps {
  token: string;
  templateId: string | null;
  copyOf: string | null;
  lang: Lang;
  t: Messages;
  navigate: (path: string) => void;
}

function TemplateEditor({ token, templateId, copyOf, lang, t, navigate }: TemplateEditorProps) {
  const images = useResource((signal) => fetchImages(token, signal), { key: 'images' });
  // The template edited or, for a copy, the one copied.
  const loadedId = templateId ?? copyOf;
  const loaded = useResource<Template | null>((signal) => (
    loadedId ? fetchTemplate(token, loadedId, signal) : Promise.resolve(null)
  ), { key: loadedId ?? 'new' });
  const template = templateId ? loaded.data : null;
  const source = copyOf ? loaded.data : null;
  const [form, setForm] = useState<TemplateFormValues | null>(loadedId ? null : emptyTemplateForm());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(() => (
    justCreated && justCreated.id === templateId ? { kind: 'saved', revision: justCreated.revision } : null
  ));
  const check = useMemo(() => (form ? checkParameterSchema(form.parametersText, t) : null), [form, t]);
  // Checked again as the admin types once a save was tried, and in the page's language.
  const clientErrors = useMemo(() => (form && check && submitted ? clientErrorsOf(form, check, t) : {}), [form, check, submitted, t]);
  const errors = { ...serverErrors, ...clientErrors };

  useEffect(() => {
    justCreated = null;
  }, []);

  useEffect(() => {
    if (template && form === null) setForm(templateFormOf(template));
    if (source && form === null) setForm(copyFormOf(source));
  }, [template, source, form]);

  const save = async () => {
    if (!form || !check) return;
    setNotice(null);
    setFailure(null);
    setServerErrors({});
    setSubmitted(true);
    if (check.state !== 'valid' || Object.keys(clientErrorsOf(form, check, t)).length > 0) return;

    setPending(true);
    try {
      const input = toTemplateInput(form, check.schema);
      const saved = template ? await updateTemplate(token, template.id, input) : await createTemplate(token, input);
      if (!template) {
        justCreated = { id: saved.id, revision: saved.revision };
        navigate(`/admin/templates/${encodeURIComponent(saved.id)}`);
        return;
      }
      loaded.replace(saved);
      setForm(templateFormOf(saved));
      setSubmitted(false);
      setNotice({ kind: 'saved', revision: saved.revision });
    } catch (caught) {
      setServerErrors(fieldErrorsOf(caught, { TEMPLATE_NAME_TAKEN: '/name' }));
      setFailure(caught);
    } finally {
      setPending(false);
    }
  };

  const builtin = template?.builtin ?? false;
  const failed = !loaded.loading && loaded.failure !== null;
  const missing = failed && statusOf(loaded.failure) === 404;
  const noticeText = !notice ? '' : notice.kind === 'saved' ? t.savedRevision(notice.revision) : t.restored(notice.revision);
  const heading = template ? t.templateNamed(template.name)
    : source ? t.copyHeading(source.name)
    : templateId ? t.templateHeading
    : t.newTemplateHeading;

  return (
    <section className="adm-page" aria-labelledby="editor-heading">
      <p className="adm-back"><AppLink href="/admin/templates" navigate={navigate}>{t.allTemplates}</AppLink></p>
      <h1 id="editor-heading">{heading}</h1>
      {template && (
        <p className="adm-lead">
          <strong>{t.currentRevisionLabel(template.revision)}</strong>
          {' · '}{t.updatedAt} <time dateTime={template.updatedAt}>{formatDate(template.updatedAt, lang, 'medium')}</time>
          {builtin && <> · <span className="adm-badge">{t.builtin}</span></>}
        </p>
      )}
      {template && (
        <div className="adm-actions">
          <AppLink href={`/admin/templates/${encodeURIComponent(template.id)}/copy`} navigate={navigate} className="adm-button">{t.copyTemplate}</AppLink>
        </div>
      )}
      {source && <p className="adm-lead">{t.copyLead(source.name, source.revision)}</p>}
      {builtin && <p className="adm-panel adm-panel-note">{t.builtinNote}</p>}
      {loaded.loading && !loaded.data && <p role="status" className="adm-hint">{copyOf ? t.loadingCopySource : t.loadingTemplate}</p>}
      {missing && <p role="alert" className="adm-alert">{t.templateMissing}</p>}
      {failed && !missing && (
        <FailureAlert failure={loaded.failure} what={t.templateFailed} t={t} navigate={navigate} onRetry={loaded.refresh} />
      )}
      {!images.loading && images.failure !== null && (
        <FailureAlert failure={images.failure} what={t.imagesFailed} t={t} navigate={navigate} onRetry={images.refresh} />
      )}
      {form && check && (
        <TemplateForm values={form} onChange={setForm} images={images.data ?? []} errors={errors} failure={failure}
          check={check} pending={pending} status={noticeText} isNew={!template} onSubmit={() => void save()} t={t} navigate={navigate} />
      )}
      {template && (
        <RevisionsSection token={token} template={template} t={t} navigate={navigate} onRestore={(revision) => {
          setForm(templateFormOf(revision));
          setServerErrors({});
          setSubmitted(false);
          setNotice({ kind: 'restored', revision: revision.revision });
        }} />
      )}
      {template && <DeleteTemplate token={token} templateId={template.id} name={template.name} t={t} navigate={navigate} />}
    </section>
  );
}
