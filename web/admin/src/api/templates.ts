import type { Translations } from '@clove/web-kit/translations';
import { request } from '@clove/web-kit/client';
import type { Method, Resources } from './pool';

export const PARAMETER_TYPES = ['string', 'integer', 'number', 'boolean'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** `{ fromParameter: name }`: the seller gives the value when deploying. */
export interface FromParameter {
  fromParameter: string;
}

export interface Route {
  path: string;
  methods?: Method[];
}

export interface Component {
  name: string;
  imageId: string;
  replicas: number | FromParameter;
  port?: number;
  routes: Route[];
  env: Record<string, string | FromParameter>;
  resources?: Resources;
}

/** A JSON Schema of an object of named scalars (draft-07 keywords). */
export interface ParameterSchema {
  type: 'object';
  properties: Record<string, unknown>;
  required?: string[];
  additionalProperties: false;
  [keyword: string]: unknown;
}

/** The body of POST /template/templates and PUT /template/templates/{id}. */
export interface TemplateInput {
  name: string;
  description: string;
  /** The description in Korean, for the deploy form on a Korean page. */
  translations?: { ko?: { description: string } };
  parameters: ParameterSchema;
  components: Component[];
}

/** A Kubernetes document as data; parameters appear as `{ "$parameter": name }`. */
export type KubeDocument = Record<string, unknown>;

export interface Template extends TemplateInput {
  id: string;
  documents: KubeDocument[];
  revision: number;
  /** Shipped with Clove and created at start-up. */
  builtin: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  /** The description in other languages (Korean); absent from templates stored before translations existed. */
  translations?: Translations;
  revision: number;
  builtin: boolean;
  components: { name: string; imageId: string }[];
  updatedAt: string;
}

const templatePath = (id: string) => `/template/templates/${encodeURIComponent(id)}`;

export function fetchTemplates(token: string, signal?: AbortSignal): Promise<TemplateSummary[]> {
  return request<TemplateSummary[]>('GET', '/template/templates', { token, signal });
}

export function fetchTemplate(token: string, id: string, signal?: AbortSignal): Promise<Template> {
  return request<Template>('GET', templatePath(id), { token, signal });
}

export function fetchRevision(token: string, id: string, revision: number, signal?: AbortSignal): Promise<Template> {
  return request<Template>('GET', `${templatePath(id)}/revisions/${revision}`, { token, signal });
}

export function createTemplate(token: string, input: TemplateInput): Promise<Template> {
  return request<Template>('POST', '/template/templates', { token, body: input });
}

export function updateTemplate(token: string, id: string, input: TemplateInput): Promise<Template> {
  return request<Template>('PUT', templatePath(id), { token, body: input });
}

export function deleteTemplate(token: string, id: string): Promise<void> {
  return request<void>('DELETE', templatePath(id), { token });
}
