import { Type, type Static } from 'typebox';
import { Paragraph } from '@clove/kit';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const TEMPLATE_NAME_PATTERN = '^[a-z][a-z0-9-]{1,40}$';
export const COMPONENT_NAME_PATTERN = '^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$';
export const PARAMETER_NAME_PATTERN = '^[a-z][A-Za-z0-9]{0,40}$';
export const ENV_NAME_PATTERN = '^[A-Z_][A-Z0-9_]*$';
export const PARAMETER_TYPES = ['string', 'integer', 'number', 'boolean'] as const;

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });

/** `{ fromParameter: 'holdSeconds' }`: the value is the seller's, given when deploying. */
export const FromParameter = Type.Object({
  fromParameter: Type.String({ minLength: 1, maxLength: 41, description: 'Name of a declared parameter' }),
}, { additionalProperties: false });

// Shapes only; each property's rules (a description, a valid default, a compilable schema) are
// checked in code so that a refusal names the property.
export const ParameterPropertySchema = Type.Object({
  type: Type.Enum(PARAMETER_TYPES),
  description: Type.String({ minLength: 1, maxLength: 500 }),
  default: Type.Unknown(),
}, { additionalProperties: true, description: 'A JSON Schema of one scalar value, with a description and a default' });

export const ParametersSchema = Type.Object({
  type: Type.Literal('object'),
  properties: Type.Record(Type.String(), Type.Unknown(), { maxProperties: 50 }),
  required: Type.Optional(Type.Array(Type.String(), { maxItems: 50, uniqueItems: true })),
  additionalProperties: Type.Literal(false),
}, { additionalProperties: true, description: 'JSON Schema (draft-07 keywords) of the seller\'s requirements' });
export type Parameters = Static<typeof ParametersSchema>;

const Quantities = Type.Object({ cpu: Type.String({ maxLength: 20 }), memory: Type.String({ maxLength: 20 }) }, { additionalProperties: false });
export const ResourcesSchema = Type.Object({ requests: Quantities, limits: Quantities }, { additionalProperties: false });
export type Resources = Static<typeof ResourcesSchema>;

export const RouteSchema = Type.Object({
  path: Type.String({ minLength: 1, maxLength: 200, pattern: '^/[A-Za-z0-9._~/-]*$', description: 'Path relative to the performance, e.g. / or /seats' }),
  methods: Type.Optional(Type.Array(Type.Enum(METHODS), { minItems: 1, maxItems: METHODS.length, uniqueItems: true })),
}, { additionalProperties: false });
export type Route = Static<typeof RouteSchema>;

export const ComponentSchema = Type.Object({
  name: Type.String({ pattern: COMPONENT_NAME_PATTERN, description: 'DNS label, unique in the template' }),
  imageId: Uuid,
  replicas: Type.Union([Type.Integer({ minimum: 0, maximum: 50 }), FromParameter]),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Default: the image\'s port' })),
  routes: Type.Array(RouteSchema, { maxItems: 16 }),
  env: Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 4096 }), FromParameter]), { maxProperties: 100 }),
  resources: Type.Optional(ResourcesSchema),
}, { additionalProperties: false });
export type Component = Static<typeof ComponentSchema>;

/** The template's description in other languages than its own (English): what the deploy form shows on a Korean page. */
export const TranslationsSchema = Type.Object({
  ko: Type.Optional(Type.Object({ description: Paragraph({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })),
}, { additionalProperties: false, description: 'e.g. {"ko": {"description": "…"}}' });
export type Translations = Static<typeof TranslationsSchema>;

const DefinitionProperties = {
  name: Type.String({ pattern: TEMPLATE_NAME_PATTERN }),
  description: Paragraph({ maxLength: 2000 }),
  translations: Type.Optional(TranslationsSchema),
  parameters: ParametersSchema,
  components: Type.Array(ComponentSchema, { minItems: 1, maxItems: 20 }),
};
/** What an admin writes of a template; the rest follows from it. */
const TemplateDefinition = Type.Object(DefinitionProperties, { additionalProperties: false });
export type TemplateInput = Static<typeof TemplateDefinition>;

/** A Kubernetes document, kept as data; parameters appear as `{ "$parameter": "<name>" }`. */
export const DocumentSchema = Type.Object({}, { additionalProperties: true });
export type KubeDocument = Record<string, unknown>;

/**
 * The body of POST and PUT: a definition, or a whole template as GET answers it (to copy or
 * edit one as it is). The fields the service sets are then ignored, but for two checks: the
 * documents must be the ones the components make, and on PUT the id must be the template's.
 */
export const TemplateInputBody = Type.Object({
  ...DefinitionProperties,
  id: Type.Optional(Type.String({ format: 'uuid', description: 'Ignored on POST; on PUT, the id of the template written' })),
  documents: Type.Optional(Type.Array(DocumentSchema, {
    maxItems: 200,
    description: 'Made from the components, never written: when sent, they must be the ones the components make',
  })),
  revision: Type.Optional(Type.Integer({ minimum: 1, description: 'Set by the service; ignored' })),
  builtin: Type.Optional(Type.Boolean({ description: 'Set by the service; ignored' })),
  createdAt: Type.Optional(Type.String({ format: 'date-time', description: 'Set by the service; ignored' })),
  updatedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Set by the service; ignored' })),
}, { additionalProperties: false });
export type TemplateBody = Static<typeof TemplateInputBody>;

export const TemplateSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  translations: TranslationsSchema,
  parameters: Type.Object({}, { additionalProperties: true }),
  components: Type.Array(ComponentSchema),
  documents: Type.Array(DocumentSchema),
  revision: Type.Integer({ minimum: 1 }),
  builtin: Type.Boolean({ description: 'Shipped with Clove and created at start-up' }),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export interface Template {
  id: string;
  name: string;
  description: string;
  translations: Translations;
  parameters: Parameters;
  components: Component[];
  documents: KubeDocument[];
  revision: number;
  builtin: boolean;
  createdAt: string;
  updatedAt: string;
}

export const TemplateSummarySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  translations: TranslationsSchema,
  revision: Type.Integer(),
  builtin: Type.Boolean(),
  components: Type.Array(Type.Object({ name: Type.String(), imageId: Uuid })),
  updatedAt: DateTime,
});
export type TemplateSummary = Static<typeof TemplateSummarySchema>;

export const TemplateParams = Type.Object({ id: Uuid });
export const RevisionParams = Type.Object({ id: Uuid, n: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export const FormatQuery = Type.Object({ format: Type.Optional(Type.Enum(['json', 'yaml'])) }, { additionalProperties: false });

/** The pool's image, as far as templates read it. */
export interface PoolImage {
  id: string;
  name: string;
  source: { kind: 'builtin'; service: string } | { kind: 'container'; reference: string } | { kind: 'git'; url: string; ref: string; path?: string };
  spec: {
    className: string;
    role: string;
    linkableServices: string[];
    methods: string[];
    path: string;
    port: number;
    healthPath: string;
    resources: Resources;
  };
  status: 'building' | 'ready' | 'failed';
}
