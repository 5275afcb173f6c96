import { CopyButton } from '../components/CopyButton';
import type { KubeDocument } from '../api/templates';
import type { Messages } from '../i18n';
import { toYamlStream } from './yaml';

interface DocumentsViewProps {
  documents: readonly KubeDocument[];
  revision: number;
  t: Messages;
}

function byKind(documents: readonly KubeDocument[]): [string, KubeDocument[]][] {
  const groups = new Map<string, KubeDocument[]>();
  for (const document of documents) {
    const kind = typeof document.kind === 'string' ? document.kind : '?';
    groups.set(kind, [...(groups.get(kind) ?? []), document]);
  }
  return [...groups.entries()];
}

/** A revision's Kubernetes documents as YAML, grouped by kind; parameters show as `$parameter`. */
export function DocumentsView({ documents, revision, t }: DocumentsViewProps) {
  const all = toYamlStream(documents);
  return (
    <section aria-labelledby="documents-heading" className="adm-documents">
      <div className="adm-detail-head">
        <h3 id="documents-heading">{t.documentsHeading(revision, documents.length)}</h3>
        <CopyButton text={all} label={t.copyAll} copiedLabel={t.copied} failedLabel={t.copyFailed} />
      </div>
      <p className="adm-hint">{t.documentsHint}</p>
      {byKind(documents).map(([kind, group]) => {
        const headingId = `documents-${kind}`;
        const yaml = toYamlStream(group);
        return (
          <section key={kind} aria-labelledby={headingId} className="adm-kind">
            <div className="adm-detail-head">
              <h4 id={headingId}>{kind} ({group.length})</h4>
              <CopyButton text={yaml} label={t.copyKind(kind)} copiedLabel={t.copied} failedLabel={t.copyFailed} />
            </div>
            <pre className="adm-pre" tabIndex={0}>{yaml}</pre>
          </section>
        );
      })}
    </section>
  );
}
