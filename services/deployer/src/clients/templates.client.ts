import { notFound, refusalFrom, type Problem } from '@clove/kit';
import type { TemplateSnapshot } from '../compose/compose.js';
import { callService } from './service-call.js';

/** Reads templates with the caller's own access token (sellers may read templates). */
export class TemplatesClient {
  constructor(private readonly baseUrl: string, private readonly timeoutMs: number) {}

  /** The template's current revision. */
  async current(id: string, token: string): Promise<TemplateSnapshot> {
    return this.get(`/templates/${encodeURIComponent(id)}`, token, id);
  }

  async revision(id: string, revision: number, token: string): Promise<TemplateSnapshot> {
    return this.get(`/templates/${encodeURIComponent(id)}/revisions/${revision}`, token, id);
  }

  private async get(path: string, token: string, id: string): Promise<TemplateSnapshot> {
    const response = await callService('templates', `${this.baseUrl.replace(/\/$/, '')}${path}`, {
      method: 'GET', authorization: `Bearer ${token}`, timeoutMs: this.timeoutMs,
    });
    if (response.status === 404) {
      await response.body?.cancel();
      throw notFound(`No template ${id}.`, 'TEMPLATE_NOT_FOUND');
    }
    if (!response.ok) throw refusalFrom(response.status, (await response.json().catch(() => null)) as Partial<Problem> | null, 'templates');
    const template = (await response.json()) as TemplateSnapshot & Record<string, unknown>;
    return { id: template.id, name: template.name, revision: template.revision, parameters: template.parameters, documents: template.documents };
  }
}
