import { Type, type Static } from 'typebox';

export const IMAGE_STATUSES = ['building', 'ready', 'failed'] as const;
export const ROLES = ['boundary', 'control', 'entity'] as const;
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const IMAGE_NAME_PATTERN = '^[a-z][a-z0-9-]{1,40}$';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const ImageName = Type.String({ pattern: IMAGE_NAME_PATTERN });

// Only shapes and lengths here: the rules of each field (allowed services, OCI grammar, git
// URL, ref and path) are checked in code, so a refusal names one field with a clear message.
export const BuiltinSourceSchema = Type.Object({
  kind: Type.Literal('builtin'),
  service: Type.String({ minLength: 1, maxLength: 100, description: 'A service of this repository, e.g. ticketing' }),
}, { additionalProperties: false });

export const ContainerSourceSchema = Type.Object({
  kind: Type.Literal('container'),
  reference: Type.String({ minLength: 1, maxLength: 255, description: 'OCI image reference with a tag or sha256 digest' }),
}, { additionalProperties: false });

export const GitSourceSchema = Type.Object({
  kind: Type.Literal('git'),
  url: Type.String({ minLength: 1, maxLength: 2000, description: 'http(s) URL of a repository on an allowed host' }),
  ref: Type.String({ minLength: 1, maxLength: 200, description: 'Branch or tag to build' }),
  path: Type.Optional(Type.String({ maxLength: 500, description: 'Folder inside the repository to build (default ".")' })),
}, { additionalProperties: false });

export const SourceSchema = Type.Union([BuiltinSourceSchema, ContainerSourceSchema, GitSourceSchema]);
export type Source = Static<typeof SourceSchema>;

const Cpu = Type.String({ maxLength: 20, description: 'CPU quantity: 250m, 1 or 0.5' });
const Memory = Type.String({ maxLength: 20, description: 'Memory quantity: 256Mi (Ki, Mi or Gi)' });
const Quantities = Type.Object({ cpu: Cpu, memory: Memory }, { additionalProperties: false });

export const SpecSchema = Type.Object({
  className: Type.String({ minLength: 1, maxLength: 100 }),
  role: Type.Enum(ROLES),
  linkableServices: Type.Array(ImageName, { maxItems: 50, uniqueItems: true, description: 'Names of other images it may call' }),
  methods: Type.Array(Type.Enum(METHODS), { minItems: 1, maxItems: METHODS.length, uniqueItems: true }),
  path: Type.String({ minLength: 1, maxLength: 200, pattern: '^/[A-Za-z0-9._~{}/-]*$', description: 'Loosely-coupled URL path, e.g. /e/{slug}/' }),
  port: Type.Integer({ minimum: 1, maximum: 65535 }),
  healthPath: Type.String({ minLength: 1, maxLength: 200, pattern: '^/[\\x21-\\x7e]*$', default: '/readyz' }),
  resources: Type.Object({ requests: Quantities, limits: Quantities }, { additionalProperties: false }),
}, { additionalProperties: false });
export type Spec = Static<typeof SpecSchema>;

export const CreateImageBody = Type.Object({
  name: ImageName,
  source: SourceSchema,
  spec: SpecSchema,
}, { additionalProperties: false });
export type CreateImage = Static<typeof CreateImageBody>;

export const ImageSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  source: SourceSchema,
  spec: SpecSchema,
  status: Type.Enum(IMAGE_STATUSES),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Image = Static<typeof ImageSchema>;
export type ImageStatus = Image['status'];

export const ImageParams = Type.Object({ id: Uuid });
export const UsageParams = Type.Object({ id: Uuid, templateId: Uuid });
