import type { Translations } from '@clove/web-kit/translations';
import { request } from './client';

/** GET /template/templates: one row. */
export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
  /** Absent from templates stored before translations existed. */
  translations?: Translations;
  revision: number;
  updatedAt: string;
}

/** A template revision as far as the console reads it: its parameter schema. */
export interface TemplateRevision {
  id: string;
  name: string;
  description: string;
  revision: number;
  /** JSON Schema of the seller's values. */
  parameters: Record<string, unknown>;
}

export function fetchTemplates(token: string, signal?: AbortSignal): Promise<TemplateSummary[]> {
  return request<TemplateSummary[]>('GET', '/template/templates', { token, signal });
}

/** The template's current revision. */
export function fetchTemplate(token: string, id: string, signal?: AbortSignal): Promise<TemplateRevision> {
  return request<TemplateRevision>('GET', `/template/templates/${encodeURIComponent(id)}`, { token, signal });
}

/** One revision of a template: the one a deployment was made from. */
export function fetchTemplateRevision(token: string, id: string, revision: number, signal?: AbortSignal): Promise<TemplateRevision> {
  return request<TemplateRevision>('GET', `/template/templates/${encodeURIComponent(id)}/revisions/${revision}`, { token, signal });
}
