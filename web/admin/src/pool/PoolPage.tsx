import { useState } from 'react';
import type { Lang, RemotePageProps } from '@clove/web-kit/session';
import { AccessNotice, adminSession } from '../components/AccessNotice';
import { FailureAlert } from '../components/FailureAlert';
import { messages, type Messages } from '../i18n';
import { ImageDetail } from './ImageDetail';
import { ImageTable } from './ImageTable';
import { RegisterImageForm } from './RegisterImageForm';
import { usePool } from './usePool';
import '../styles.css';

/** The admin's pool of microservice images (R13–R16). */
export default function PoolPage({ lang, session, navigate }: RemotePageProps) {
  const t = messages(lang);
  const admin = adminSession(session);
  if (!admin) {
    return (
      <section className="adm-page" aria-labelledby="pool-heading">
        <h1 id="pool-heading">{t.poolHeading}</h1>
        <AccessNotice session={session} navigate={navigate} t={t} />
      </section>
    );
  }
  return <Pool token={admin.accessToken} lang={lang} t={t} navigate={navigate} />;
}

interface PoolProps {
  token: string;
  lang: Lang;
  t: Messages;
  navigate: (path: string) => void;
}

function Pool({ token, lang, t, navigate }: PoolProps) {
  const pool = usePool(token);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  return (
    <section className="adm-page" aria-labelledby="pool-heading">
      <h1 id="pool-heading">{t.poolHeading}</h1>
      <p className="adm-lead">{t.poolIntro}</p>
      <div className="adm-actions">
        <button type="button" className="adm-button" onClick={pool.refresh} disabled={pool.loading}>{t.refresh}</button>
        <p role="status" className="adm-hint">{pool.loading ? t.loadingImages : ''}</p>
      </div>
      {!pool.loading && pool.failure !== null && (
        <FailureAlert failure={pool.failure} what={t.imagesFailed} t={t} navigate={navigate} onRetry={pool.refresh} />
      )}
      {!pool.loading && pool.failure === null && pool.data?.images.length === 0 && <p>{t.noImages}</p>}
      {pool.images.length > 0 && (
        <ImageTable images={pool.images} usage={pool.usage} selectedId={selectedId}
          onSelect={(id) => setSelectedId(id === selectedId ? null : id)} lang={lang} t={t} />
      )}
      {selectedId && (
        <ImageDetail key={selectedId} token={token} imageId={selectedId} usage={pool.usage} templateNames={pool.templateNames}
          lang={lang} t={t} navigate={navigate} onChange={pool.replaceImage}
          onDeleted={(id) => { pool.removeImage(id); setSelectedId(null); }} onClose={() => setSelectedId(null)} />
      )}
      <RegisterImageForm token={token} t={t} navigate={navigate}
        onRegistered={(image) => { pool.replaceImage(image); setSelectedId(image.id); }} />
    </section>
  );
}
