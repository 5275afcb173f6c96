import { CheckboxGroup } from '../components/CheckboxGroup';
import { SelectInput, TextInput } from '../components/Field';
import { METHODS, ROLES } from '../api/pool';
import type { FieldErrors } from '../api/fieldErrors';
import type { Messages } from '../i18n';
import type { ImageFormValues } from './imageForm';

interface SpecFieldsProps {
  values: ImageFormValues;
  errors: FieldErrors;
  set: <K extends keyof ImageFormValues>(key: K, value: ImageFormValues[K]) => void;
  t: Messages;
}

/** The image's specification: what it is, how it is called, what it needs. */
export function SpecFields({ values, errors, set, t }: SpecFieldsProps) {
  return (
    <>
      <div className="adm-grid">
        <TextInput id="image-class" label={t.className} hint={t.classNameHint} value={values.className}
          onChange={(value) => set('className', value)} error={errors['/spec/className']} />
        <SelectInput id="image-role" label={t.role} value={values.role} onChange={(value) => set('role', value)}
          options={ROLES.map((role) => ({ value: role, label: t.roles[role] }))} error={errors['/spec/role']} />
        <TextInput id="image-route-path" label={t.urlPath} hint={t.urlPathHint} value={values.routePath}
          onChange={(value) => set('routePath', value)} error={errors['/spec/path']} />
        <TextInput id="image-port" label={t.port} type="number" inputMode="numeric" value={values.port}
          onChange={(value) => set('port', value)} error={errors['/spec/port']} />
        <TextInput id="image-health" label={t.healthPath} value={values.healthPath}
          onChange={(value) => set('healthPath', value)} error={errors['/spec/healthPath']} />
        <TextInput id="image-links" label={t.linkableServices} hint={t.linkableServicesHint} value={values.linkableServices}
          onChange={(value) => set('linkableServices', value)} error={errors['/spec/linkableServices']} />
      </div>
      <CheckboxGroup id="image-methods" legend={t.methods} options={METHODS} selected={values.methods}
        onChange={(methods) => set('methods', methods)} error={errors['/spec/methods']} />
      <fieldset className="adm-fieldset">
        <legend>{t.resources}</legend>
        <div className="adm-grid">
          <TextInput id="image-requests-cpu" label={t.requestsCpu} hint={t.cpuHint} value={values.requestsCpu}
            onChange={(value) => set('requestsCpu', value)} error={errors['/spec/resources/requests/cpu']} />
          <TextInput id="image-requests-memory" label={t.requestsMemory} hint={t.memoryHint} value={values.requestsMemory}
            onChange={(value) => set('requestsMemory', value)} error={errors['/spec/resources/requests/memory']} />
          <TextInput id="image-limits-cpu" label={t.limitsCpu} value={values.limitsCpu}
            onChange={(value) => set('limitsCpu', value)} error={errors['/spec/resources/limits/cpu']} />
          <TextInput id="image-limits-memory" label={t.limitsMemory} value={values.limitsMemory}
            onChange={(value) => set('limitsMemory', value)} error={errors['/spec/resources/limits/memory']} />
        </div>
        {errors['/spec/resources'] && <p className="adm-field-error">{errors['/spec/resources']}</p>}
      </fieldset>
    </>
  );
}
