import { useState } from 'react';
import { statusOf } from '@clove/web-kit/problem';
import { describeFailure } from '@clove/web-kit/describeFailure';
import { deleteTemplate } from '../api/templates';
import { ConfirmAction } from '../components/ConfirmAction';
import { FailureAlert } from '../components/FailureAlert';
import type { Messages } from '../i18n';

interface DeleteTemplateProps {
  token: string;
  templateId: string;
  name: string;
  t: Messages;
  navigate: (path: string) => void;
}

/** R18: delete the template and all its revisions, after a confirmation. */
export function DeleteTemplate({ token, templateId, name, t, navigate }: DeleteTemplateProps) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const remove = async () => {
    setPending(true);
    setFailure(null);
    try {
      await deleteTemplate(token, templateId);
      navigate('/admin/templates');
    } catch (caught) {
      setFailure(caught);
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="delete-template-heading" className="adm-panel adm-danger-zone">
      <h2 id="delete-template-heading">{t.deleteTemplateHeading}</h2>
      <p className="adm-hint">{t.deleteTemplateHint}</p>
      <ConfirmAction label={t.deleteTemplate} question={t.deleteTemplateQuestion(name)} confirmLabel={t.confirmDelete}
        pendingLabel={t.deleting} cancelLabel={t.cancel} pending={pending} onConfirm={() => void remove()} />
      {statusOf(failure) === 409
        ? <p role="alert" className="adm-alert">{t.templateInUse} {describeFailure(failure, t)}</p>
        : failure !== null && <FailureAlert failure={failure} what={t.deleteFailed} t={t} navigate={navigate} />}
    </section>
  );
}
