import type { Queryable } from '@clove/kit';
import type { Component, KubeDocument, Parameters, Template, TemplateSummary, Translations } from './template.schemas.js';

/** A template as stored: the API shape with the database's timestamps. */
type TemplateRow = Omit<Template, 'createdAt' | 'updatedAt'> & { created_at: Date; updated_at: Date };

export interface RevisionContent {
  name: string;
  description: string;
  translations?: Translations;
  parameters: Parameters;
  components: Component[];
  documents: KubeDocument[];
}

const toTemplate = (row: TemplateRow): Template => ({
  id: row.id,
  name: row.name,
  description: row.description,
  translations: row.translations,
  parameters: row.parameters,
  components: row.components,
  documents: row.documents,
  revision: row.revision,
  builtin: row.builtin,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

// A revision's own time is when it was stored: the template's updatedAt as of that revision.
const SELECT = `select t.id, r.name, r.description, r.translations, r.parameters, r.components, r.documents, r.revision, t.builtin,
  t.created_at, r.created_at as updated_at
  from templates t join template_revisions r on r.template_id = t.id`;

export async function insertTemplate(db: Queryable, id: string, content: RevisionContent, builtin = false): Promise<Template> {
  await db.query('insert into templates (id, name, revision, builtin) values ($1, $2, 1, $3)', [id, content.name, builtin]);
  await insertRevision(db, id, 1, content, builtin);
  return (await findTemplate(db, id))!;
}

/** `shipped`: written by Clove itself, as a built-in template's definition (migration 0005). */
async function insertRevision(db: Queryable, id: string, revision: number, content: RevisionContent, shipped: boolean): Promise<void> {
  await db.query(
    `insert into template_revisions (template_id, revision, name, description, parameters, components, documents, translations, shipped, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, (select updated_at from templates where id = $1))`,
    [id, revision, content.name, content.description, JSON.stringify(content.parameters), JSON.stringify(content.components),
      JSON.stringify(content.documents), JSON.stringify(content.translations ?? {}), shipped],
  );
}

/** Whether the template's latest revision is a definition Clove shipped, not one an admin saved. */
export async function latestIsShipped(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ shipped: boolean }>(
    'select r.shipped from templates t join template_revisions r on r.template_id = t.id and r.revision = t.revision where t.id = $1',
    [id],
  );
  return rows[0]?.shipped ?? false;
}

/** Stores the content as the next revision; the template's row must be locked by the caller. */
export async function addRevision(db: Queryable, id: string, content: RevisionContent, { shipped = false } = {}): Promise<Template> {
  const { rows } = await db.query<{ revision: number }>(
    `update templates set name = $2, revision = revision + 1, updated_at = greatest(now(), updated_at + interval '1 microsecond')
     where id = $1 returning revision`,
    [id, content.name],
  );
  await insertRevision(db, id, rows[0]!.revision, content, shipped);
  return (await findTemplate(db, id))!;
}

export async function findTemplate(db: Queryable, id: string, options: { forUpdate?: boolean } = {}): Promise<Template | null> {
  const { rows } = await db.query<TemplateRow>(
    `${SELECT} where t.id = $1 and r.revision = t.revision${options.forUpdate ? ' for update of t' : ''}`,
    [id],
  );
  return rows[0] ? toTemplate(rows[0]) : null;
}

export async function findTemplateByName(db: Queryable, name: string): Promise<Template | null> {
  const { rows } = await db.query<TemplateRow>(`${SELECT} where t.name = $1 and r.revision = t.revision`, [name]);
  return rows[0] ? toTemplate(rows[0]) : null;
}

export async function findRevision(db: Queryable, id: string, revision: number): Promise<Template | null> {
  const { rows } = await db.query<TemplateRow>(`${SELECT} where t.id = $1 and r.revision = $2`, [id, revision]);
  return rows[0] ? toTemplate(rows[0]) : null;
}

export async function listTemplates(db: Queryable): Promise<TemplateSummary[]> {
  const { rows } = await db.query<TemplateRow>(`${SELECT} where r.revision = t.revision order by r.name`);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    translations: row.translations,
    revision: row.revision,
    builtin: row.builtin,
    components: row.components.map((component) => ({ name: component.name, imageId: component.imageId })),
    updatedAt: row.updated_at.toISOString(),
  }));
}

export async function deleteTemplate(db: Queryable, id: string): Promise<void> {
  await db.query('delete from templates where id = $1', [id]);
}
