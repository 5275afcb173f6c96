import { useMemo, useRef, useState, type FormEvent } from 'react';
import { SelectInput, TextInput } from '../components/Field';
import { FailureAlert } from '../components/FailureAlert';
import { fieldErrorsOf, type FieldErrors } from '../api/fieldErrors';
import { registerImage, SOURCE_KINDS, type PoolImage } from '../api/pool';
import type { Messages } from '../i18n';
import { EMPTY_IMAGE_FORM, toNewImage, validateImage, type ImageFormValues } from './imageForm';
import { SourceFields } from './SourceFields';
import { SpecFields } from './SpecFields';

interface RegisterImageFormProps {
  token: string;
  t: Messages;
  navigate: (path: string) => void;
  onRegistered: (image: PoolImage) => void;
}

/** Refusals that concern one field without naming it in `errors`. */
const CODE_FIELDS = { IMAGE_NAME_TAKEN: '/name', GIT_HOST_NOT_ALLOWED: '/source/url' };

const FIRST_INVALID = 'input[aria-invalid="true"], select[aria-invalid="true"], .adm-invalid input';

/** R13: register an image by its source and specification. */
export function RegisterImageForm({ token, t, navigate, onRegistered }: RegisterImageFormProps) {
  const [values, setValues] = useState<ImageFormValues>(EMPTY_IMAGE_FORM);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [registered, setRegistered] = useState<string | null>(null);
  // Checked again as the admin types once a registration was tried, and in the page's language.
  const clientErrors = useMemo(() => (submitted ? validateImage(values, t) : {}), [submitted, values, t]);
  const errors = { ...serverErrors, ...clientErrors };
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof ImageFormValues>(key: K, value: ImageFormValues[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
  };
  const focusFirstInvalid = () => {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(FIRST_INVALID)?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRegistered(null);
    setFailure(null);
    setServerErrors({});
    setSubmitted(true);
    if (Object.keys(validateImage(values, t)).length > 0) {
      focusFirstInvalid();
      return;
    }
    setPending(true);
    try {
      const image = await registerImage(token, toNewImage(values));
      setValues(EMPTY_IMAGE_FORM);
      setSubmitted(false);
      setRegistered(image.name);
      onRegistered(image);
    } catch (caught) {
      setServerErrors(fieldErrorsOf(caught, CODE_FIELDS));
      setFailure(caught);
      focusFirstInvalid();
    } finally {
      setPending(false);
    }
  };

  return (
    <form ref={formRef} className="adm-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="register-heading">
      <h2 id="register-heading">{t.registerImage}</h2>
      <div className="adm-grid">
        <TextInput id="image-name" label={t.imageName} hint={t.imageNameHint} value={values.name}
          onChange={(value) => set('name', value)} error={errors['/name']} />
        <SelectInput id="image-kind" label={t.sourceKind} value={values.kind} onChange={(kind) => set('kind', kind)}
          options={SOURCE_KINDS.map((kind) => ({ value: kind, label: t.sourceKinds[kind] }))} hint={t.sourceKindHints[values.kind]} />
      </div>
      <SourceFields values={values} errors={errors} set={set} t={t} />
      <SpecFields values={values} errors={errors} set={set} t={t} />
      {Object.keys(errors).length > 0 && !failure && <p role="alert" className="adm-alert">{t.checkFields}</p>}
      {failure !== null && <FailureAlert failure={failure} what={t.registerFailed} t={t} navigate={navigate} />}
      <p role="status" className="adm-hint">{pending ? t.registering : registered ? t.imageRegistered(registered) : ''}</p>
      <div className="adm-actions">
        <button type="submit" className="adm-button adm-button-primary" disabled={pending}>{pending ? t.registering : t.register}</button>
      </div>
    </form>
  );
}
