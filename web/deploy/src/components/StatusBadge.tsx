import type { DeploymentStatus } from '../api/deployments';
import type { Messages } from '../i18n';

/** A shape for each status, so it reads without colour too. */
const SYMBOLS: Record<DeploymentStatus, string> = {
  deploying: '◔',
  running: '●',
  updating: '◑',
  failed: '✕',
  deleting: '◌',
  deleted: '–',
};

export function StatusBadge({ status, t }: { status: DeploymentStatus; t: Messages }) {
  return (
    <span className={`dp-badge dp-badge-${status}`}>
      <span aria-hidden="true">{SYMBOLS[status]}</span> {t.status[status]}
    </span>
  );
}
