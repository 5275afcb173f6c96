import { useEffect, useState } from 'react';
import { useResource } from '@clove/web-kit/useResource';
import { fetchRevision, type Template } from '../api/templates';
import { FailureAlert } from '../components/FailureAlert';
import type { Messages } from '../i18n';
import { DocumentsView } from './DocumentsView';

interface RevisionsSectionProps {
  token: string;
  template: Template;
  t: Messages;
  navigate: (path: string) => void;
  /** Puts an older revision's content into the editor, to be saved as a new revision. */
  onRestore: (revision: Template) => void;
}

/** The template's revisions, newest first, and the documents of the one chosen. */
export function RevisionsSection({ token, template, t, navigate, onRestore }: RevisionsSectionProps) {
  const [chosen, setChosen] = useState(template.revision);
  useEffect(() => setChosen(template.revision), [template.revision]);
  const current = chosen === template.revision;
  const shown = useResource<Template>((signal) => (
    current ? Promise.resolve(template) : fetchRevision(token, template.id, chosen, signal)
  ), { key: `${template.id}:${template.revision}:${chosen}` });
  const revisions = Array.from({ length: template.revision }, (_, i) => template.revision - i);
  const revision = shown.data && shown.data.revision === chosen ? shown.data : null;

  return (
    <section aria-labelledby="revisions-heading" className="adm-panel">
      <h2 id="revisions-heading">{t.revisionsHeading}</h2>
      <ul className="adm-revisions" aria-label={t.revisionsHeading}>
        {revisions.map((n) => (
          <li key={n}>
            <button type="button" className="adm-button adm-button-small" aria-pressed={n === chosen} onClick={() => setChosen(n)}>
              {n === template.revision ? t.currentRevisionLabel(n) : t.revisionNumber(n)}
            </button>
          </li>
        ))}
      </ul>
      <p role="status" className="adm-hint">{shown.loading ? t.loadingRevision(chosen) : ''}</p>
      {!shown.loading && shown.failure !== null && (
        <FailureAlert failure={shown.failure} what={t.revisionFailed(chosen)} t={t} navigate={navigate} onRetry={shown.refresh} />
      )}
      {revision && !current && (
        <div className="adm-actions">
          <p className="adm-hint">{t.olderRevision(revision.revision, revision.name)}</p>
          <button type="button" className="adm-button adm-button-small" onClick={() => onRestore(revision)}>{t.restoreRevision(revision.revision)}</button>
        </div>
      )}
      {revision && <DocumentsView documents={revision.documents} revision={revision.revision} t={t} />}
    </section>
  );
}
