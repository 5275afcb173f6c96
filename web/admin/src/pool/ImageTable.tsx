import { formatDate } from '@clove/web-kit/format';
import type { Lang } from '@clove/web-kit/session';
import { versionOf, type PoolImage } from '../api/pool';
import type { Messages } from '../i18n';
import { StatusBadge } from './StatusBadge';

interface ImageTableProps {
  images: PoolImage[];
  /** null: unknown, the templates could not be read. */
  usage: ReadonlyMap<string, string[]> | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  lang: Lang;
  t: Messages;
}

/** R14: every image of the pool; the table scrolls sideways on narrow screens. */
export function ImageTable({ images, usage, selectedId, onSelect, lang, t }: ImageTableProps) {
  return (
    <div className="adm-table-scroll" role="region" aria-labelledby="images-caption" tabIndex={0}>
      <table className="adm-table">
        <caption id="images-caption">{t.imagesCaption(images.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.imageName}</th>
            <th scope="col">{t.version}</th>
            <th scope="col">{t.sourceKind}</th>
            <th scope="col">{t.buildState}</th>
            <th scope="col">{t.usedBy}</th>
            <th scope="col">{t.registeredAt}</th>
            <th scope="col"><span className="adm-visually-hidden">{t.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          {images.map((image) => {
            const users = usage?.get(image.id) ?? [];
            return (
              <tr key={image.id} aria-current={image.id === selectedId ? 'true' : undefined}>
                <th scope="row">{image.name}</th>
                <td><code>{versionOf(image.source) || '—'}</code></td>
                <td>{t.sourceKinds[image.source.kind]}</td>
                <td><StatusBadge status={image.status} t={t} /></td>
                <td>{users.length > 0 ? users.join(', ') : <span className="adm-muted">{usage ? t.unused : t.usageUnknown}</span>}</td>
                <td><time dateTime={image.createdAt}>{formatDate(image.createdAt, lang, 'medium')}</time></td>
                <td>
                  <button type="button" className="adm-button adm-button-small" onClick={() => onSelect(image.id)}
                    aria-label={t.detailsOf(image.name)} aria-expanded={image.id === selectedId}>
                    {t.details}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
