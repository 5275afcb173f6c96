import { useCallback, useMemo, useState } from 'react';
import { useResource } from '@clove/web-kit/useResource';
import { statusOf } from '../api/client';
import { updateDeployment, type DeploymentDetail } from '../api/deployments';
import { fetchTemplateRevision, type TemplateRevision } from '../api/templates';
import { LoadFailure } from '../components/LoadFailure';
import type { Messages } from '../i18n';
import type { SentValues } from '../schemaForm/fields';
import type { Session } from '../session';
import { deployFields } from '../values/deployFields';
import { ValuesForm } from '../values/ValuesForm';

interface UpdateValuesProps {
  deployment: DeploymentDetail;
  session: Session;
  t: Messages;
  navigate: (path: string) => void;
  onUpdated: () => void;
}

function ValuesEditor({ deployment, template, session, t, navigate, onUpdated }: UpdateValuesProps & { template: TemplateRevision }) {
  const [started, setStarted] = useState<number | null>(null);
  const fields = useMemo(() => deployFields(template.parameters, t, 'update'), [template, t]);
  const onSend = useCallback(async (values: SentValues) => {
    const accepted = await updateDeployment(session.accessToken, deployment.id, values);
    setStarted(accepted.revision);
    onUpdated();
  }, [session.accessToken, deployment.id, onUpdated]);
  const running = deployment.status === 'running';
  return (
    <>
      {!running && <p className="dp-hint">{t.valuesWhenRunning}</p>}
      {started !== null && deployment.status === 'updating' && <p className="dp-notice">{t.updateStarted(started)}</p>}
      <ValuesForm
        // A new current revision brings new values to start from.
        key={`${deployment.currentRevision}`}
        fields={fields}
        original={deployment.values}
        idPrefix="dp-values"
        t={t}
        submitLabel={t.saveValues}
        pendingLabel={t.updatePending}
        disabled={!running}
        navigate={navigate}
        onSend={onSend}
      />
    </>
  );
}

/**
 * The same generated form as for a new performance, filled with the current values and made
 * from the template revision the deployment runs (its snapshot), the slug read-only.
 */
export function UpdateValues(props: UpdateValuesProps) {
  const { deployment, session, t, navigate } = props;
  const current = deployment.revisions.find((revision) => revision.number === deployment.currentRevision);
  const templateRevision = current?.templateRevision ?? null;
  const template = useResource(
    (signal) => fetchTemplateRevision(session.accessToken, deployment.templateId, templateRevision ?? 1, signal),
    { key: templateRevision === null ? null : `${deployment.templateId}:${templateRevision}` },
  );
  const failed = !template.loading && template.failure !== null;
  const ready = template.loading || failed ? null : template.data;

  let body;
  if (templateRevision === null) body = <p className="dp-hint">{t.valuesWhenRunning}</p>;
  else if (failed && statusOf(template.failure) === 404) body = <p className="dp-notice">{t.templateGone}</p>;
  else if (failed) {
    body = <LoadFailure t={t} failure={template.failure} what={t.schemaFailed} session={session} navigate={navigate} onRetry={template.refresh} />;
  } else if (ready) body = <ValuesEditor {...props} template={ready} />;
  else body = <p role="status" className="dp-hint">{t.loadingSchema}</p>;

  return (
    <section className="dp-section" aria-labelledby="dp-values-heading">
      <h2 id="dp-values-heading">{t.valuesSection}</h2>
      <p className="dp-hint">{t.valuesIntro}</p>
      {body}
    </section>
  );
}
