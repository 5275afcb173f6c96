import type { Lang } from '@clove/web-kit/session';
import { formatClock } from '../common/format';
import type { Messages } from '../i18n';

interface UpdatedNoteProps {
  updatedAt: number | null;
  loading: boolean;
  lang: Lang;
  t: Messages;
}

/** When the figures on screen were loaded; not live, so screen readers are not interrupted every few seconds. */
export function UpdatedNote({ updatedAt, loading, lang, t }: UpdatedNoteProps) {
  if (updatedAt === null) return <p className="mon-hint">{loading ? t.loading : ''}</p>;
  return <p className="mon-hint">{t.updatedAt(formatClock(updatedAt, lang))}</p>;
}
