import { useCallback, useMemo } from 'react';
import { useResource } from '@clove/web-kit/useResource';
import { createDeployment, type Values } from '../api/deployments';
import { fetchTemplate, type TemplateRevision } from '../api/templates';
import { LoadFailure } from '../components/LoadFailure';
import type { Messages } from '../i18n';
import type { Session } from '../session';
import type { SentValues } from '../schemaForm/fields';
import { deployFields } from '../values/deployFields';
import { ValuesForm } from '../values/ValuesForm';

interface DeployFormProps {
  templateId: string;
  session: Session;
  t: Messages;
  navigate: (path: string) => void;
}

function ValuesOf({ template, session, t, navigate }: { template: TemplateRevision } & Omit<DeployFormProps, 'templateId'>) {
  const fields = useMemo(() => deployFields(template.parameters, t, 'new'), [template, t]);
  const onSend = useCallback(async (values: SentValues) => {
    // A new deployment has no values to empty, so none is null.
    const accepted = await createDeployment(session.accessToken, template.id, values as Values);
    navigate(`/console/deployments/${encodeURIComponent(accepted.id)}`);
  }, [session.accessToken, template.id, navigate]);
  return (
    <section className="dp-section" aria-labelledby="dp-values-heading">
      <h2 id="dp-values-heading">{t.valuesHeading(template.name)}</h2>
      <ValuesForm
        key={`${template.id}:${template.revision}`}
        fields={fields}
        idPrefix="dp-new"
        t={t}
        submitLabel={t.deploy}
        pendingLabel={t.deployPending}
        navigate={navigate}
        onSend={onSend}
      />
    </section>
  );
}

/** The chosen template's current revision, and the form its parameter schema makes. */
export function DeployForm({ templateId, session, t, navigate }: DeployFormProps) {
  const template = useResource((signal) => fetchTemplate(session.accessToken, templateId, signal), { key: templateId });
  if (!template.loading && template.failure !== null) {
    return <LoadFailure t={t} failure={template.failure} what={t.schemaFailed} session={session} navigate={navigate} onRetry={template.refresh} />;
  }
  const ready = template.loading ? null : template.data;
  if (!ready || ready.id !== templateId) return <p role="status" className="dp-hint">{t.loadingSchema}</p>;
  return <ValuesOf template={ready} session={session} t={t} navigate={navigate} />;
}
