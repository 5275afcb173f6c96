import type { ImageStatus } from '../api/pool';
import type { Messages } from '../i18n';

/** The build state in words and a shape, not only a colour. */
export function StatusBadge({ status, t }: { status: ImageStatus; t: Messages }) {
  const mark = status === 'ready' ? '✓' : status === 'failed' ? '✕' : '⟳';
  return <span className={`adm-badge adm-badge-${status}`}><span aria-hidden="true">{mark} </span>{t.imageStatus[status]}</span>;
}
