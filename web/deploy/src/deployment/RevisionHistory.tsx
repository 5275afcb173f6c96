import type { Revision } from '../api/deployments';
import { formatDate } from '../format';
import type { Messages } from '../i18n';
import type { Lang } from '../session';

const SHOWN = 5;

/** The latest revisions: number, status, why one failed. */
export function RevisionHistory({ revisions, lang, t }: { revisions: Revision[]; lang: Lang; t: Messages }) {
  const latest = [...revisions].sort((a, b) => b.number - a.number).slice(0, SHOWN);
  return (
    <section className="dp-section" aria-labelledby="dp-revisions-heading">
      <h2 id="dp-revisions-heading">{t.revisionsHeading}</h2>
      <div className="dp-table-scroll" role="region" aria-labelledby="dp-revisions-heading" tabIndex={0}>
        <table className="dp-table">
          <thead>
            <tr>
              <th scope="col">{t.revisionNumber}</th>
              <th scope="col">{t.revisionState}</th>
              <th scope="col">{t.revisionReason}</th>
              <th scope="col">{t.revisionCreated}</th>
            </tr>
          </thead>
          <tbody>
            {latest.map((revision) => (
              <tr key={revision.number}>
                <th scope="row">{revision.number}</th>
                <td className={`dp-revision-${revision.status}`}>{t.revisionStatus[revision.status]}</td>
                <td>{revision.reason ?? '–'}</td>
                <td><time dateTime={revision.createdAt}>{formatDate(revision.createdAt, lang, 'medium')}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
