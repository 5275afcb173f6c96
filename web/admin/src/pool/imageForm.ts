import type { FieldErrors } from '../api/fieldErrors';
import type { ImageRole, ImageSource, Method, NewImage, SourceKind } from '../api/pool';
import type { Messages } from '../i18n';

/** What the register form holds: text as typed, turned into a request body by `toNewImage`. */
export interface ImageFormValues {
  name: string;
  kind: SourceKind;
  reference: string;
  url: string;
  ref: string;
  path: string;
  service: string;
  className: string;
  role: ImageRole;
  linkableServices: string;
  methods: Method[];
  routePath: string;
  port: string;
  healthPath: string;
  requestsCpu: string;
  requestsMemory: string;
  limitsCpu: string;
  limitsMemory: string;
}

export const EMPTY_IMAGE_FORM: ImageFormValues = {
  name: '',
  kind: 'container',
  reference: '',
  url: '',
  ref: 'main',
  path: '',
  service: '',
  className: '',
  role: 'boundary',
  linkableServices: '',
  methods: ['GET', 'POST'],
  routePath: '/e/{slug}/',
  port: '8080',
  healthPath: '/readyz',
  requestsCpu: '250m',
  requestsMemory: '256Mi',
  limitsCpu: '1',
  limitsMemory: '512Mi',
};

export const IMAGE_NAME = /^[a-z][a-z0-9-]{1,40}$/;
const CPU = /^(\d+m|\d+(\.\d+)?)$/;
const MEMORY = /^\d+(Ki|Mi|Gi)$/;
const REFERENCE_WITH_VERSION = /^[a-z0-9]([a-z0-9._\-/:]*[a-z0-9])?(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/;
const URL_PATH = /^\/[A-Za-z0-9._~{}/-]*$/;

const splitList = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

function sourceOf(values: ImageFormValues): ImageSource {
  switch (values.kind) {
    case 'container':
      return { kind: 'container', reference: values.reference.trim() };
    case 'git':
      return { kind: 'git', url: values.url.trim(), ref: values.ref.trim(), ...(values.path.trim() ? { path: values.path.trim() } : {}) };
    case 'builtin':
      return { kind: 'builtin', service: values.service.trim() };
  }
}

export function toNewImage(values: ImageFormValues): NewImage {
  return {
    name: values.name.trim(),
    source: sourceOf(values),
    spec: {
      className: values.className.trim(),
      role: values.role,
      linkableServices: splitList(values.linkableServices),
      methods: values.methods,
      path: values.routePath.trim(),
      port: Number(values.port),
      healthPath: values.healthPath.trim() || '/readyz',
      resources: {
        requests: { cpu: values.requestsCpu.trim(), memory: values.requestsMemory.trim() },
        limits: { cpu: values.limitsCpu.trim(), memory: values.limitsMemory.trim() },
      },
    },
  };
}

/** The same checks the pool makes, keyed like the server's field errors so both show alike. */
export function validateImage(values: ImageFormValues, t: Messages): FieldErrors {
  const errors: FieldErrors = {};
  const image = toNewImage(values);
  if (!IMAGE_NAME.test(image.name)) errors['/name'] = t.invalidImageName;
  const source = image.source;
  if (source.kind === 'container' && !REFERENCE_WITH_VERSION.test(source.reference)) errors['/source/reference'] = t.invalidReference;
  if (source.kind === 'git') {
    if (!/^https?:\/\/[^\s/]+/i.test(source.url)) errors['/source/url'] = t.invalidGitUrl;
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,100}$/.test(source.ref)) errors['/source/ref'] = t.invalidGitRef;
  }
  if (source.kind === 'builtin' && !source.service) errors['/source/service'] = t.required;
  if (!image.spec.className) errors['/spec/className'] = t.required;
  const others = image.spec.linkableServices;
  if (others.some((name) => !IMAGE_NAME.test(name))) errors['/spec/linkableServices'] = t.invalidLinkable;
  else if (others.includes(image.name)) errors['/spec/linkableServices'] = t.linksItself;
  if (image.spec.methods.length === 0) errors['/spec/methods'] = t.pickMethod;
  if (!URL_PATH.test(image.spec.path)) errors['/spec/path'] = t.invalidUrlPath;
  if (!Number.isInteger(image.spec.port) || image.spec.port < 1 || image.spec.port > 65535) errors['/spec/port'] = t.invalidPort;
  if (!image.spec.healthPath.startsWith('/')) errors['/spec/healthPath'] = t.invalidUrlPath;
  const { requests, limits } = image.spec.resources;
  if (!CPU.test(requests.cpu)) errors['/spec/resources/requests/cpu'] = t.invalidCpu;
  if (!CPU.test(limits.cpu)) errors['/spec/resources/limits/cpu'] = t.invalidCpu;
  if (!MEMORY.test(requests.memory)) errors['/spec/resources/requests/memory'] = t.invalidMemory;
  if (!MEMORY.test(limits.memory)) errors['/spec/resources/limits/memory'] = t.invalidMemory;
  return errors;
}
