import { TextInput } from '../components/Field';
import type { FieldErrors } from '../api/fieldErrors';
import type { Messages } from '../i18n';
import type { ImageFormValues } from './imageForm';

interface SourceFieldsProps {
  values: ImageFormValues;
  errors: FieldErrors;
  set: <K extends keyof ImageFormValues>(key: K, value: ImageFormValues[K]) => void;
  t: Messages;
}

/** The fields of the chosen source kind. */
export function SourceFields({ values, errors, set, t }: SourceFieldsProps) {
  switch (values.kind) {
    case 'container':
      return (
        <TextInput id="image-reference" label={t.reference} hint={t.referenceHint} value={values.reference}
          onChange={(value) => set('reference', value)} error={errors['/source/reference']} placeholder="ghcr.io/team/app:1.0" />
      );
    case 'git':
      return (
        <div className="adm-grid">
          <TextInput id="image-url" label={t.gitUrl} hint={t.gitUrlHint} type="url" value={values.url}
            onChange={(value) => set('url', value)} error={errors['/source/url']} placeholder="https://github.com/team/app" />
          <TextInput id="image-ref" label={t.gitRef} hint={t.gitRefHint} value={values.ref}
            onChange={(value) => set('ref', value)} error={errors['/source/ref']} />
          <TextInput id="image-path" label={t.gitPath} hint={t.gitPathHint} value={values.path}
            onChange={(value) => set('path', value)} error={errors['/source/path']} placeholder="." />
        </div>
      );
    case 'builtin':
      return (
        <TextInput id="image-service" label={t.builtinService} hint={t.builtinServiceHint} value={values.service}
          onChange={(value) => set('service', value)} error={errors['/source/service']} placeholder="ticketing" />
      );
  }
}
