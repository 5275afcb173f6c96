import { useState } from 'react';
import { formatDate } from '@clove/web-kit/format';
import { ApiError, statusOf } from '@clove/web-kit/problem';
import type { Lang } from '@clove/web-kit/session';
import { ConfirmAction } from '../components/ConfirmAction';
import { FailureAlert } from '../components/FailureAlert';
import { deleteImage, versionOf, type PoolImage } from '../api/pool';
import type { Messages } from '../i18n';
import { StatusBadge } from './StatusBadge';
import { useImageDetail } from './useImageDetail';

interface ImageDetailProps {
  token: string;
  imageId: string;
  /** null: unknown, the templates could not be read. */
  usage: ReadonlyMap<string, string[]> | null;
  templateNames: ReadonlyMap<string, string>;
  lang: Lang;
  t: Messages;
  navigate: (path: string) => void;
  onChange: (image: PoolImage) => void;
  onDeleted: (id: string) => void;
  onClose: () => void;
}

function sourceText(image: PoolImage): string {
  const source = image.source;
  switch (source.kind) {
    case 'container':
      return source.reference;
    case 'git':
      return `${source.url} @ ${source.ref}${source.path && source.path !== '.' ? ` (${source.path})` : ''}`;
    case 'builtin':
      return source.service;
  }
}

/** R15: one image's source, specification and build log; R16: its deletion. */
export function ImageDetail({ token, imageId, usage, templateNames, lang, t, navigate, onChange, onDeleted, onClose }: ImageDetailProps) {
  const { image, log, failure } = useImageDetail(token, imageId, onChange);
  const [deleting, setDeleting] = useState(false);
  const [deleteFailure, setDeleteFailure] = useState<unknown>(null);

  const remove = async () => {
    setDeleting(true);
    setDeleteFailure(null);
    try {
      await deleteImage(token, imageId);
      onDeleted(imageId);
    } catch (caught) {
      setDeleteFailure(caught);
      setDeleting(false);
    }
  };

  const inUse = statusOf(deleteFailure) === 409;
  const blockers = (deleteFailure instanceof ApiError ? deleteFailure.problem.templates ?? [] : []).map((id) => templateNames.get(id) ?? id);

  return (
    <section className="adm-panel adm-detail" aria-labelledby="image-detail-heading">
      <div className="adm-detail-head">
        <h2 id="image-detail-heading">{image ? t.imageHeading(image.name) : t.loadingImage}</h2>
        <button type="button" className="adm-button adm-button-small" onClick={onClose}>{t.close}</button>
      </div>
      {failure !== null && <FailureAlert failure={failure} what={t.imageFailed} t={t} navigate={navigate} />}
      {image && (
        <>
          <dl className="adm-facts">
            <div><dt>{t.buildState}</dt><dd><StatusBadge status={image.status} t={t} />{image.statusReason && <span className="adm-hint"> {image.statusReason}</span>}</dd></div>
            <div><dt>{t.sourceKind}</dt><dd>{t.sourceKinds[image.source.kind]}</dd></div>
            <div><dt>{t.source}</dt><dd><code className="adm-break">{sourceText(image)}</code></dd></div>
            <div><dt>{t.version}</dt><dd><code>{versionOf(image.source) || '—'}</code></dd></div>
            <div><dt>{t.className}</dt><dd>{image.spec.className}</dd></div>
            <div><dt>{t.role}</dt><dd>{t.roles[image.spec.role]}</dd></div>
            <div><dt>{t.urlPath}</dt><dd><code>{image.spec.path}</code></dd></div>
            <div><dt>{t.methods}</dt><dd>{image.spec.methods.join(', ')}</dd></div>
            <div><dt>{t.port}</dt><dd>{image.spec.port}</dd></div>
            <div><dt>{t.healthPath}</dt><dd><code>{image.spec.healthPath}</code></dd></div>
            <div><dt>{t.linkableServices}</dt><dd>{image.spec.linkableServices.join(', ') || '—'}</dd></div>
            <div><dt>{t.resources}</dt><dd>{t.resourcesText(image.spec.resources)}</dd></div>
            <div><dt>{t.usedBy}</dt><dd>{(usage?.get(image.id) ?? []).join(', ') || (usage ? t.unused : t.usageUnknown)}</dd></div>
            <div><dt>{t.updatedAt}</dt><dd><time dateTime={image.updatedAt}>{formatDate(image.updatedAt, lang, 'medium')}</time></dd></div>
          </dl>
          {image.source.kind === 'git' && (
            <section aria-labelledby="build-log-heading">
              <h3 id="build-log-heading">{t.buildLog}</h3>
              <p className="adm-hint" aria-live="polite">{image.status === 'building' ? t.buildRunning : ''}</p>
              <pre className="adm-pre adm-log" tabIndex={0}>{log ?? t.noBuildLog}</pre>
            </section>
          )}
          <ConfirmAction label={t.deleteImage} question={t.deleteImageQuestion(image.name)} confirmLabel={t.confirmDelete}
            pendingLabel={t.deleting} cancelLabel={t.cancel} pending={deleting} onConfirm={() => void remove()} />
          {inUse && (
            <div role="alert" className="adm-alert">
              <p>{t.imageInUse(blockers.join(', '))}</p>
            </div>
          )}
          {deleteFailure !== null && !inUse && <FailureAlert failure={deleteFailure} what={t.deleteFailed} t={t} navigate={navigate} />}
        </>
      )}
    </section>
  );
}
