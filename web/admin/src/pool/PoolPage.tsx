import { useState } from 'react';
import type { RemotePageProps } from '@clove/web-kit/session';
import { AccessNotice, adminSession } from '../components/AccessNotice';
import { FailureAlert } from '../components/FailureAlert';
import { messages } from '../i18n';
import { ImageDetail } from './ImageDetail';
import { ImageTable } from './ImageTable';
import { RegisterImageForm } from './RegisterImageForm';
import { usePool } from './usePool';
import '../styles.css';

/** The admin's pool of microservice images (R13–R16). */
export default function PoolPage({ lang, session, navigate }: RemotePageProps) {
  const t = messages(lang);
  const admin = adminSession(session);
  const pool = usePool(admin?.accessToken ?? null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  if (!admin) {
    return (
      <section className="adm-page" aria-labelledby="pool-heading">
        <h1 id="pool-heading">{t.poolHeading}</h1>
        <AccessNotice session={session} navigate={navigate} t={t} />
      </section>
    );
  }

  return (
    <section className="adm-page" aria-labelledby="pool-heading">
      <h1 id="pool-heading">{t.poolHeading}</h1>
      <p className="adm-lead">{t.poolIntro}</p>
      <div className="adm-actions">
        <button type="button" className="adm-button" onClick={pool.reload} disabled={pool.status === 'loading'}>{t.refresh}</button>
        <p role="status" className="adm-hint">{pool.status === 'loading' ? t.loadingImages : ''}</p>
      </div>
      {pool.status === 'failed' && <FailureAlert failure={pool.failure} what={t.imagesFailed} t={t} navigate={navigate} onRetry={pool.reload} />}
      {pool.status === 'ready' && pool.images.length === 0 && <p>{t.noImages}</p>}
      {pool.images.length > 0 && (
        <ImageTable images={pool.images} usage={pool.usage} selectedId={selectedId}
          onSelect={(id) => setSelectedId(id === selectedId ? null : id)} lang={lang} t={t} />
      )}
      {selectedId && (
        <ImageDetail key={selectedId} token={admin.accessToken} imageId={selectedId} usage={pool.usage} templateNames={pool.templateNames}
          lang={lang} t={t} navigate={navigate} onChange={pool.replaceImage}
          onDeleted={(id) => { pool.removeImage(id); setSelectedId(null); }} onClose={() => setSelectedId(null)} />
      )}
      <RegisterImageForm token={admin.accessToken} t={t} navigate={navigate}
        onRegistered={(image) => { pool.replaceImage(image); setSelectedId(image.id); }} />
    </section>
  );
}
