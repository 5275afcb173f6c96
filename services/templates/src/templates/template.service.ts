import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import {
  conflict, DomainError, ErrorCode, isPgError, notFound, PgError, withTransaction,
  type FieldError, type Pool, type PoolClient as DbClient,
} from '@clove/kit';
import { generateDocuments } from '../documents/generate.js';
import { renderDocuments } from '@clove/kit';
import { documentErrors } from '../documents/validate.js';
import type { PoolClient } from '../pool/pool-client.js';
import { componentErrors, defaultsOf, linkErrors, parameterErrors, routeCollisions } from './checks.js';
import * as templates from './template.repository.js';
import type { KubeDocument, PoolImage, Template, TemplateInput, TemplateSummary } from './template.schemas.js';

function refuse(reason: string, what: string, errors: FieldError[]): never {
  const detail = errors.map((e) => `${e.path} ${e.message}`).join('; ');
  throw new DomainError(ErrorCode.INVALID, `${what}: ${detail}.`, { reason, errors });
}

const nameTaken = (name: string) => conflict(`A template named ${name} exists already.`, 'TEMPLATE_NAME_TAKEN');
const templateNotFound = (id: string) => notFound(`No template ${id}.`, 'TEMPLATE_NOT_FOUND');

/** The documents as a multi-document YAML stream. */
export function documentsYaml(documents: KubeDocument[]): string {
  return documents.map((document) => stringify(document)).join('---\n');
}

/** The pool images a new revision starts and stops using, compared with the current one. */
function usageChanges(current: Template, input: TemplateInput): UsageChanges {
  const wanted = new Set(input.components.map((c) => c.imageId));
  const used = new Set(current.components.map((c) => c.imageId));
  return {
    add: new Set([...wanted].filter((image) => !used.has(image))),
    remove: new Set([...used].filter((image) => !wanted.has(image))),
  };
}

/** Whether a stored template says what the input says (its documents follow from the rest). */
function sameDefinition(stored: Template, input: TemplateInput): boolean {
  const { name, description, translations = {}, parameters, components } = input;
  return isDeepStrictEqual(
    { name: stored.name, description: stored.description, translations: stored.translations, parameters: stored.parameters, components: stored.components },
    JSON.parse(JSON.stringify({ name, description, translations, parameters, components })),
  );
}

/** R17–R18: templates of components made of pool images, and their Kubernetes documents. */
export class TemplateService {
  constructor(private readonly pool: Pool, private readonly images: PoolClient) {}

  list(): Promise<TemplateSummary[]> {
    return templates.listTemplates(this.pool);
  }

  async get(id: string): Promise<Template> {
    const template = await templates.findTemplate(this.pool, id);
    if (!template) throw templateNotFound(id);
    return template;
  }

  findByName(name: string): Promise<Template | null> {
    return templates.findTemplateByName(this.pool, name);
  }

  async revision(id: string, revision: number): Promise<Template> {
    const found = await templates.findRevision(this.pool, id, revision);
    if (found) return found;
    if (!(await templates.findTemplate(this.pool, id))) throw templateNotFound(id);
    throw notFound(`Template ${id} has no revision ${revision}.`, 'REVISION_NOT_FOUND');
  }

  /** A new template; `builtin` only for the ones Clove ships; `documents`, if sent, must be those the components make. */
  async create(input: TemplateInput, options: { builtin?: boolean; documents?: KubeDocument[] } = {}): Promise<Template> {
    const builtin = options.builtin ?? false;
    const documents = await this.prepare(input, options.documents);
    const id = randomUUID();
    try {
      return await this.transact(id, async (tx) => ({
        value: await templates.insertTemplate(tx, id, { ...input, documents }, builtin),
        changes: { add: new Set(input.components.map((c) => c.imageId)), remove: new Set() },
      }));
    } catch (error) {
      if (isPgError(error, PgError.UNIQUE_VIOLATION)) throw nameTaken(input.name);
      throw error;
    }
  }

  /** A new revision; `documents`, if sent, must be those the components make. */
  async update(id: string, input: TemplateInput, options: { documents?: KubeDocument[] } = {}): Promise<Template> {
    if (!(await templates.findTemplate(this.pool, id))) throw templateNotFound(id);
    const documents = await this.prepare(input, options.documents);
    try {
      return await this.transact(id, async (tx) => {
        const current = await templates.findTemplate(tx, id, { forUpdate: true });
        if (!current) throw templateNotFound(id);
        return { value: await templates.addRevision(tx, id, { ...input, documents }), changes: usageChanges(current, input) };
      });
    } catch (error) {
      if (isPgError(error, PgError.UNIQUE_VIOLATION)) throw nameTaken(input.name);
      throw error;
    }
  }

  /**
   * Brings a built-in template to the definition this release ships, as a new revision
   * (deployments keep the revision they were made from), unless an admin has saved a revision of
   * their own since Clove shipped one: the admin's choice stands.
   */
  async upgradeShipped(existing: Template, input: TemplateInput): Promise<Template> {
    if (!existing.builtin || sameDefinition(existing, input)) return existing;
    if (!(await templates.latestIsShipped(this.pool, existing.id))) return existing;
    const documents = await this.prepare(input);
    return this.transact(existing.id, async (tx) => {
      const current = await templates.findTemplate(tx, existing.id, { forUpdate: true });
      if (!current || sameDefinition(current, input) || !(await templates.latestIsShipped(tx, existing.id))) {
        return { value: current ?? existing, changes: { add: new Set<string>(), remove: new Set<string>() } };
      }
      return {
        value: await templates.addRevision(tx, existing.id, { ...input, documents }, { shipped: true }),
        changes: usageChanges(current, input),
      };
    });
  }

  async delete(id: string): Promise<void> {
    await this.transact(id, async (tx) => {
      const current = await templates.findTemplate(tx, id, { forUpdate: true });
      if (!current) throw templateNotFound(id);
      await templates.deleteTemplate(tx, id);
      return { value: undefined, changes: { add: new Set<string>(), remove: new Set(current.components.map((c) => c.imageId)) } };
    });
  }

  /**
   * Checks the input, reads its images from the pool, and generates its documents, validated by
   * rendering them with the parameters' defaults. Documents sent with the input (a template as
   * GET answers it) must be those: they are made from the components, never written.
   */
  private async prepare(input: TemplateInput, sent?: KubeDocument[]): Promise<KubeDocument[]> {
    const parameterProblems = parameterErrors(input.parameters);
    if (parameterProblems.length > 0) refuse('INVALID_PARAMETERS', 'Invalid parameters', parameterProblems);
    const componentProblems = componentErrors(input);
    if (componentProblems.length > 0) refuse('INVALID_COMPONENTS', 'Invalid components', componentProblems);
    const collisions = routeCollisions(input.components);
    if (collisions.length > 0) refuse('ROUTE_COLLISION', 'Routes collide', collisions);

    const images = await this.readImages(input);
    const links = linkErrors(input.components, images);
    if (links.length > 0) refuse('LINKED_SERVICE_MISSING', 'Linked services missing', links);

    const documents = generateDocuments(input.components, images);
    const rendered = renderDocuments(documents, defaultsOf(input.parameters));
    const invalidDocuments = documentErrors(rendered);
    if (invalidDocuments.length > 0) refuse('INVALID_DOCUMENT', 'Invalid Kubernetes documents', invalidDocuments);
    if (sent && !isDeepStrictEqual(sent, JSON.parse(JSON.stringify(documents)))) {
      refuse('DOCUMENTS_NOT_WRITABLE', 'Documents are made from the components', [
        { path: '/body/documents', message: 'differ from the ones the components make: leave them out, or change the components instead' },
      ]);
    }
    return documents;
  }

  private async readImages(input: TemplateInput): Promise<Map<string, PoolImage>> {
    const ids = [...new Set(input.components.map((c) => c.imageId))];
    const found = await Promise.all(ids.map((id) => this.images.getImage(id)));
    const images = new Map<string, PoolImage>();
    for (const [i, id] of ids.entries()) if (found[i]) images.set(id, found[i]);

    const missing: FieldError[] = [];
    const notReady: FieldError[] = [];
    for (const [i, component] of input.components.entries()) {
      const image = images.get(component.imageId);
      const path = `/body/components/${i}/imageId`;
      if (!image) missing.push({ path, message: `names no image of the pool (${component.imageId})` });
      else if (image.status !== 'ready') notReady.push({ path, message: `names image ${image.name}, which is ${image.status}, not ready` });
    }
    if (missing.length > 0) refuse('IMAGE_NOT_FOUND', 'Unknown images', missing);
    if (notReady.length > 0) refuse('IMAGE_NOT_READY', 'Images not ready', notReady);
    return images;
  }

  /**
   * Runs the database work in a transaction, then records its usage changes in the pool before
   * committing: a pool that cannot be reached fails the transaction (nothing changes here), and a
   * transaction that fails afterwards, its commit included, undoes the usage changes made.
   */
  private async transact<T>(templateId: string, work: (tx: DbClient) => Promise<{ value: T; changes: UsageChanges }>): Promise<T> {
    const undo: Array<() => Promise<unknown>> = [];
    try {
      return await withTransaction(this.pool, async (tx) => {
        const { value, changes } = await work(tx);
        for (const imageId of changes.add) {
          if ((await this.images.addUsage(imageId, templateId)) === 'no-image') {
            throw new DomainError(ErrorCode.INVALID, `Image ${imageId} was deleted from the pool meanwhile.`, {
              reason: 'IMAGE_NOT_FOUND',
              errors: [{ path: '/body/components', message: `names an image the pool no longer has (${imageId})` }],
            });
          }
          undo.push(() => this.images.removeUsage(imageId, templateId));
        }
        for (const imageId of changes.remove) {
          await this.images.removeUsage(imageId, templateId);
          undo.push(() => this.images.addUsage(imageId, templateId));
        }
        return value;
      });
    } catch (error) {
      // Best effort: a usage left behind only keeps an image from being deleted.
      for (const step of undo.reverse()) await step().catch(() => undefined);
      throw error;
    }
  }
}

interface UsageChanges {
  add: ReadonlySet<string>;
  remove: ReadonlySet<string>;
}
