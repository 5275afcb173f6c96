import { useState } from 'react';
import type { Messages } from '../../i18n';
import { FailureNotice } from '../FailureNotice';
import { fetchBookersCsv } from '../sellerApi';
import { saveBlob } from './saveBlob';

interface CsvDownloadProps {
  slug: string;
  token: string;
  t: Messages;
  navigate: (path: string) => void;
}

/** Fetches the bookers' CSV with the bearer token and saves it as <slug>-bookers.csv. */
export function CsvDownload({ slug, token, t, navigate }: CsvDownloadProps) {
  const s = t.seller.bookers;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const download = async () => {
    setBusy(true);
    setFailure(null);
    try {
      saveBlob(await fetchBookersCsv(slug, token), `${slug}-bookers.csv`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="tk-button tk-button-primary" onClick={() => void download()} disabled={busy}>
        {busy ? s.downloading : s.download}
      </button>
      {failure !== null && <FailureNotice failure={failure} what={s.downloadFailed} t={t} navigate={navigate} />}
    </>
  );
}
