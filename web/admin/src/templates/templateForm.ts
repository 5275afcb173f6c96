import type { FieldErrors } from '../api/fieldErrors';
import type { Method } from '../api/pool';
import type { Component, ParameterSchema, Template, TemplateInput } from '../api/templates';
import type { Messages } from '../i18n';
import { EMPTY_PARAMETER_SCHEMA, schemaText, type ParameterField } from './parameterSchema';

export interface RouteValues {
  path: string;
  /** Empty: every method. */
  methods: Method[];
}

export interface EnvValues {
  name: string;
  source: 'value' | 'parameter';
  value: string;
}

export interface ComponentValues {
  /** A React key that survives reordering and removal. */
  key: string;
  name: string;
  imageId: string;
  replicasFrom: 'fixed' | 'parameter';
  replicas: string;
  replicasParameter: string;
  port: string;
  routes: RouteValues[];
  env: EnvValues[];
  ownResources: boolean;
  requestsCpu: string;
  requestsMemory: string;
  limitsCpu: string;
  limitsMemory: string;
}

export interface TemplateFormValues {
  name: string;
  description: string;
  /** The description in Korean; empty: none. */
  descriptionKo: string;
  parametersText: string;
  components: ComponentValues[];
}

let nextKey = 0;
const newKey = () => `component-${++nextKey}`;

export function newComponent(imageId = ''): ComponentValues {
  return {
    key: newKey(),
    name: '',
    imageId,
    replicasFrom: 'fixed',
    replicas: '1',
    replicasParameter: '',
    port: '',
    routes: [{ path: '/', methods: [] }],
    env: [],
    ownResources: false,
    requestsCpu: '250m',
    requestsMemory: '256Mi',
    limitsCpu: '1',
    limitsMemory: '512Mi',
  };
}

export function emptyTemplateForm(): TemplateFormValues {
  return { name: '', description: '', descriptionKo: '', parametersText: schemaText(EMPTY_PARAMETER_SCHEMA), components: [newComponent()] };
}

function componentValues(component: Component): ComponentValues {
  const fixed = typeof component.replicas === 'number';
  return {
    ...newComponent(component.imageId),
    name: component.name,
    replicasFrom: fixed ? 'fixed' : 'parameter',
    replicas: fixed ? String(component.replicas) : '1',
    replicasParameter: typeof component.replicas === 'number' ? '' : component.replicas.fromParameter,
    port: component.port === undefined ? '' : String(component.port),
    routes: component.routes.map((route) => ({ path: route.path, methods: route.methods ?? [] })),
    env: Object.entries(component.env).map(([name, value]) => (
      typeof value === 'string' ? { name, source: 'value' as const, value } : { name, source: 'parameter' as const, value: value.fromParameter }
    )),
    ownResources: component.resources !== undefined,
    ...(component.resources ? {
      requestsCpu: component.resources.requests.cpu,
      requestsMemory: component.resources.requests.memory,
      limitsCpu: component.resources.limits.cpu,
      limitsMemory: component.resources.limits.memory,
    } : {}),
  };
}

/** The longest template name the templates service takes (TEMPLATE_NAME below). */
const TEMPLATE_NAME_MAX = 41;
const COPY_SUFFIX = '-copy';

/** A copy's form: the template's values under a name of its own (`name-copy`, shortened to fit). */
export function copyFormOf(template: Pick<Template, 'name' | 'description' | 'translations' | 'parameters' | 'components'>): TemplateFormValues {
  const name = `${template.name.slice(0, TEMPLATE_NAME_MAX - COPY_SUFFIX.length)}${COPY_SUFFIX}`;
  return { ...templateFormOf(template), name };
}

export function templateFormOf(template: Pick<Template, 'name' | 'description' | 'translations' | 'parameters' | 'components'>): TemplateFormValues {
  return {
    name: template.name,
    description: template.description,
    descriptionKo: template.translations?.ko?.description ?? '',
    parametersText: schemaText(template.parameters),
    components: template.components.map(componentValues),
  };
}

function toComponent(values: ComponentValues): Component {
  const env: Component['env'] = {};
  for (const entry of values.env) {
    const name = entry.name.trim();
    if (name) env[name] = entry.source === 'value' ? entry.value : { fromParameter: entry.value };
  }
  return {
    name: values.name.trim(),
    imageId: values.imageId,
    replicas: values.replicasFrom === 'fixed' ? Number(values.replicas) : { fromParameter: values.replicasParameter },
    ...(values.port.trim() ? { port: Number(values.port) } : {}),
    routes: values.routes.map((route) => ({ path: route.path.trim(), ...(route.methods.length > 0 ? { methods: route.methods } : {}) })),
    env,
    ...(values.ownResources ? {
      resources: {
        requests: { cpu: values.requestsCpu.trim(), memory: values.requestsMemory.trim() },
        limits: { cpu: values.limitsCpu.trim(), memory: values.limitsMemory.trim() },
      },
    } : {}),
  };
}

export function toTemplateInput(values: TemplateFormValues, parameters: ParameterSchema): TemplateInput {
  const descriptionKo = values.descriptionKo.trim();
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    ...(descriptionKo ? { translations: { ko: { description: descriptionKo } } } : {}),
    parameters,
    components: values.components.map(toComponent),
  };
}

const TEMPLATE_NAME = /^[a-z][a-z0-9-]{1,40}$/;
const COMPONENT_NAME = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const ROUTE_PATH = /^\/[A-Za-z0-9._~/-]*$/;
const CPU = /^(\d+m|\d+(\.\d+)?)$/;
const MEMORY = /^\d+(Ki|Mi|Gi)$/;

/**
 * The checks the templates service makes on names, numbers and references, keyed like its
 * field errors; the parameter schema is checked on its own as it is typed.
 */
export function validateTemplateForm(values: TemplateFormValues, fields: readonly ParameterField[], t: Messages): FieldErrors {
  const errors: FieldErrors = {};
  if (!TEMPLATE_NAME.test(values.name.trim())) errors['/name'] = t.invalidTemplateName;
  if (values.description.length > 2000) errors['/description'] = t.descriptionTooLong;
  if (values.descriptionKo.length > 2000) errors['/translations/ko/description'] = t.descriptionTooLong;
  if (values.components.length === 0) errors['/components'] = t.addComponent;
  const seen = new Set<string>();
  const parameterType = new Map(fields.map((field) => [field.name, field.type]));
  values.components.forEach((component, i) => {
    const base = `/components/${i}`;
    const name = component.name.trim();
    if (!COMPONENT_NAME.test(name)) errors[`${base}/name`] = t.invalidComponentName;
    else if (seen.has(name)) errors[`${base}/name`] = t.duplicateComponent;
    seen.add(name);
    if (!component.imageId) errors[`${base}/imageId`] = t.pickImage;
    if (component.replicasFrom === 'fixed') {
      const replicas = Number(component.replicas);
      if (component.replicas.trim() === '' || !Number.isInteger(replicas) || replicas < 0 || replicas > 50) errors[`${base}/replicas`] = t.invalidReplicas;
    } else if (parameterType.get(component.replicasParameter) !== 'integer') {
      errors[`${base}/replicas`] = t.replicasParameter;
    }
    if (component.port.trim()) {
      const port = Number(component.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) errors[`${base}/port`] = t.invalidPort;
    }
    component.routes.forEach((route, r) => {
      if (!ROUTE_PATH.test(route.path.trim())) errors[`${base}/routes/${r}/path`] = t.invalidRoutePath;
    });
    const envNames = new Set<string>();
    component.env.forEach((entry, e) => {
      const key = `${base}/envRows/${e}`;
      const envName = entry.name.trim();
      if (!ENV_NAME.test(envName)) errors[`${key}/name`] = t.invalidEnvName;
      else if (envNames.has(envName)) errors[`${key}/name`] = t.duplicateEnv;
      envNames.add(envName);
      if (entry.source === 'parameter' && !parameterType.has(entry.value)) errors[`${key}/value`] = t.unknownParameter;
    });
    if (component.ownResources) {
      if (!CPU.test(component.requestsCpu.trim())) errors[`${base}/resources/requests/cpu`] = t.invalidCpu;
      if (!MEMORY.test(component.requestsMemory.trim())) errors[`${base}/resources/requests/memory`] = t.invalidMemory;
      if (!CPU.test(component.limitsCpu.trim())) errors[`${base}/resources/limits/cpu`] = t.invalidCpu;
      if (!MEMORY.test(component.limitsMemory.trim())) errors[`${base}/resources/limits/memory`] = t.invalidMemory;
    }
  });
  return errors;
}

/**
 * The server names an env entry by its name (`/components/0/env/MODE/fromParameter`); the form
 * shows it on the row of that name.
 */
export function envRowErrors(errors: FieldErrors, componentIndex: number, env: readonly EnvValues[]): FieldErrors {
  const mapped: FieldErrors = {};
  const base = `/components/${componentIndex}`;
  for (const [key, message] of Object.entries(errors)) {
    if (!key.startsWith(`${base}/env/`)) continue;
    const [envName = '', ...rest] = key.slice(`${base}/env/`.length).split('/');
    const row = env.findIndex((entry) => entry.name.trim() === envName);
    if (row < 0) continue;
    const field = rest[0] === 'fromParameter' ? 'value' : 'name';
    mapped[`${base}/envRows/${row}/${field}`] = message;
  }
  return mapped;
}
