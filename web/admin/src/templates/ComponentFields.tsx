import { CheckboxGroup } from '../components/CheckboxGroup';
import { SelectInput, TextInput } from '../components/Field';
import { errorsUnder, type FieldErrors } from '../api/fieldErrors';
import { METHODS, type PoolImage } from '../api/pool';
import type { Messages } from '../i18n';
import type { ParameterField } from './parameterSchema';
import { envRowErrors, type ComponentValues, type EnvValues, type RouteValues } from './templateForm';

interface ComponentFieldsProps {
  index: number;
  values: ComponentValues;
  images: readonly PoolImage[];
  parameters: readonly ParameterField[];
  errors: FieldErrors;
  onChange: (values: ComponentValues) => void;
  onRemove: (() => void) | null;
  t: Messages;
}

/** One component: the pool image it runs and its settings (replicas, port, routes, env, resources). */
export function ComponentFields({ index, values, images, parameters, errors, onChange, onRemove, t }: ComponentFieldsProps) {
  const id = values.key;
  const base = `/components/${index}`;
  const set = <K extends keyof ComponentValues>(key: K, value: ComponentValues[K]) => onChange({ ...values, [key]: value });
  const setRoute = (r: number, route: RouteValues) => set('routes', values.routes.map((item, i) => (i === r ? route : item)));
  const setEnv = (e: number, entry: EnvValues) => set('env', values.env.map((item, i) => (i === e ? entry : item)));
  const envErrors = { ...errors, ...envRowErrors(errors, index, values.env) };
  const image = images.find((candidate) => candidate.id === values.imageId);
  const imageOptions = [
    { value: '', label: t.chooseImage },
    ...images.map((candidate) => ({
      value: candidate.id,
      label: candidate.status === 'ready' ? candidate.name : `${candidate.name} (${t.imageStatus[candidate.status]})`,
    })),
    ...(values.imageId && !image ? [{ value: values.imageId, label: t.unknownImage(values.imageId) }] : []),
  ];
  const integerParameters = parameters.filter((field) => field.type === 'integer');
  const parameterOptions = (list: readonly ParameterField[]) => [
    { value: '', label: t.chooseParameter },
    ...list.map((field) => ({ value: field.name, label: field.name })),
  ];

  return (
    <fieldset className="adm-fieldset adm-component">
      <legend>{t.componentLegend(index + 1, values.name)}</legend>
      <div className="adm-grid">
        <TextInput id={`${id}-name`} label={t.componentName} hint={t.componentNameHint} value={values.name}
          onChange={(value) => set('name', value)} error={errors[`${base}/name`]} />
        <SelectInput id={`${id}-image`} label={t.image} value={values.imageId} options={imageOptions}
          onChange={(value) => set('imageId', value)} error={errors[`${base}/imageId`]} />
        <SelectInput id={`${id}-replicas-from`} label={t.replicasFrom} value={values.replicasFrom}
          options={[{ value: 'fixed', label: t.fixedReplicas }, { value: 'parameter', label: t.parameterReplicas }]}
          onChange={(value) => set('replicasFrom', value)} />
        {values.replicasFrom === 'fixed'
          ? <TextInput id={`${id}-replicas`} label={t.replicas} type="number" inputMode="numeric" value={values.replicas}
              onChange={(value) => set('replicas', value)} error={errorsUnder(errors, `${base}/replicas`)} />
          : <SelectInput id={`${id}-replicas-parameter`} label={t.replicasParameterLabel} value={values.replicasParameter}
              options={parameterOptions(integerParameters)} onChange={(value) => set('replicasParameter', value)}
              error={errorsUnder(errors, `${base}/replicas`)} hint={integerParameters.length === 0 ? t.noIntegerParameters : undefined} />}
        <TextInput id={`${id}-port`} label={t.componentPort} type="number" inputMode="numeric" value={values.port}
          placeholder={image ? String(image.spec.port) : ''} hint={image ? t.imagePortHint(image.spec.port) : t.portDefaultHint}
          onChange={(value) => set('port', value)} error={errors[`${base}/port`]} />
      </div>

      <fieldset className="adm-fieldset adm-subfields">
        <legend>{t.routes}</legend>
        <p className="adm-hint">{t.routesHint}</p>
        {values.routes.map((route, r) => (
          <div key={r} className="adm-row">
            <TextInput id={`${id}-route-${r}-path`} label={t.routePath(r + 1)} value={route.path}
              onChange={(path) => setRoute(r, { ...route, path })} error={errorsUnder(errors, `${base}/routes/${r}`)} />
            <CheckboxGroup id={`${id}-route-${r}-methods`} legend={t.routeMethods(r + 1)} options={METHODS} selected={route.methods}
              onChange={(methods) => setRoute(r, { ...route, methods })} hint={t.allMethodsHint} />
            <button type="button" className="adm-button adm-button-small" onClick={() => set('routes', values.routes.filter((_, i) => i !== r))}>
              {t.removeRoute(r + 1)}
            </button>
          </div>
        ))}
        <button type="button" className="adm-button adm-button-small" onClick={() => set('routes', [...values.routes, { path: '/', methods: [] }])}>
          {t.addRoute}
        </button>
      </fieldset>

      <fieldset className="adm-fieldset adm-subfields">
        <legend>{t.env}</legend>
        {values.env.length === 0 && <p className="adm-hint">{t.noEnv}</p>}
        {values.env.map((entry, e) => {
          const rowBase = `${base}/envRows/${e}`;
          return (
            <div key={e} className="adm-row">
              <TextInput id={`${id}-env-${e}-name`} label={t.envName(e + 1)} value={entry.name}
                onChange={(name) => setEnv(e, { ...entry, name })} error={envErrors[`${rowBase}/name`]} />
              <SelectInput id={`${id}-env-${e}-source`} label={t.envSource(e + 1)} value={entry.source}
                options={[{ value: 'value', label: t.envFixed }, { value: 'parameter', label: t.envFromParameter }]}
                onChange={(source) => setEnv(e, { ...entry, source, value: '' })} />
              {entry.source === 'value'
                ? <TextInput id={`${id}-env-${e}-value`} label={t.envValue(e + 1)} value={entry.value}
                    onChange={(value) => setEnv(e, { ...entry, value })} error={envErrors[`${rowBase}/value`]} />
                : <SelectInput id={`${id}-env-${e}-value`} label={t.envParameter(e + 1)} value={entry.value}
                    options={parameterOptions(parameters)} onChange={(value) => setEnv(e, { ...entry, value })}
                    error={envErrors[`${rowBase}/value`]} />}
              <button type="button" className="adm-button adm-button-small" onClick={() => set('env', values.env.filter((_, i) => i !== e))}>
                {t.removeEnv(e + 1)}
              </button>
            </div>
          );
        })}
        <button type="button" className="adm-button adm-button-small" onClick={() => set('env', [...values.env, { name: '', source: 'value', value: '' }])}>
          {t.addEnv}
        </button>
      </fieldset>

      <fieldset className="adm-fieldset adm-subfields">
        <legend>{t.resources}</legend>
        <label className="adm-checkbox">
          <input type="checkbox" checked={values.ownResources} onChange={(event) => set('ownResources', event.target.checked)} />
          {t.ownResources}
        </label>
        {!values.ownResources && image && <p className="adm-hint">{t.imageResources(t.resourcesText(image.spec.resources))}</p>}
        {values.ownResources && (
          <div className="adm-grid">
            <TextInput id={`${id}-requests-cpu`} label={t.requestsCpu} hint={t.cpuHint} value={values.requestsCpu}
              onChange={(value) => set('requestsCpu', value)} error={errors[`${base}/resources/requests/cpu`]} />
            <TextInput id={`${id}-requests-memory`} label={t.requestsMemory} hint={t.memoryHint} value={values.requestsMemory}
              onChange={(value) => set('requestsMemory', value)} error={errors[`${base}/resources/requests/memory`]} />
            <TextInput id={`${id}-limits-cpu`} label={t.limitsCpu} value={values.limitsCpu}
              onChange={(value) => set('limitsCpu', value)} error={errors[`${base}/resources/limits/cpu`]} />
            <TextInput id={`${id}-limits-memory`} label={t.limitsMemory} value={values.limitsMemory}
              onChange={(value) => set('limitsMemory', value)} error={errors[`${base}/resources/limits/memory`]} />
          </div>
        )}
        {errors[`${base}/resources`] && <p className="adm-field-error">{errors[`${base}/resources`]}</p>}
      </fieldset>

      {onRemove && (
        <button type="button" className="adm-button adm-button-small adm-button-danger-outline" onClick={onRemove}>
          {t.removeComponent(values.name || String(index + 1))}
        </button>
      )}
    </fieldset>
  );
}
