import type { Queryable } from '@clove/kit';
import type { Image, ImageStatus, Source, Spec } from './image.schemas.js';

interface ImageRow {
  id: string;
  name: string;
  source: Source;
  spec: Spec;
  status: ImageStatus;
  status_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, name, source, spec, status, status_reason, created_at, updated_at';

const toImage = (row: ImageRow): Image => ({
  id: row.id,
  name: row.name,
  source: row.source,
  spec: row.spec,
  status: row.status,
  statusReason: row.status_reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export async function insertImage(db: Queryable, image: { id: string; name: string; source: Source; spec: Spec; status: ImageStatus }): Promise<Image> {
  const { rows } = await db.query<ImageRow>(
    `insert into images (id, name, source, spec, status) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
    [image.id, image.name, JSON.stringify(image.source), JSON.stringify(image.spec), image.status],
  );
  return toImage(rows[0]!);
}

export async function listImages(db: Queryable): Promise<Image[]> {
  const { rows } = await db.query<ImageRow>(`select ${COLUMNS} from images order by created_at desc, id desc`);
  return rows.map(toImage);
}

export async function findImage(db: Queryable, id: string, options: { forUpdate?: boolean } = {}): Promise<Image | null> {
  const { rows } = await db.query<ImageRow>(
    `select ${COLUMNS} from images where id = $1${options.forUpdate ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ? toImage(rows[0]) : null;
}

export async function deleteImage(db: Queryable, id: string): Promise<void> {
  await db.query('delete from images where id = $1', [id]);
}

/** Moves a building image to its outcome; an image deleted meanwhile is left alone. */
export async function finishBuild(db: Queryable, id: string, status: 'ready' | 'failed', reason: string | null): Promise<void> {
  await db.query(
    `update images set status = $2, status_reason = $3, updated_at = now() where id = $1 and status = 'building'`,
    [id, status, reason],
  );
}

/** Builds that were running when the service stopped will never finish. */
export async function failInterruptedBuilds(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `update images set status = 'failed', status_reason = 'interrupted', updated_at = now() where status = 'building'`,
  );
  return rowCount ?? 0;
}

export async function saveBuildLog(db: Queryable, imageId: string, log: string): Promise<void> {
  await db.query(
    `insert into build_logs (image_id, log) select $1, $2 where exists (select 1 from images where id = $1)
     on conflict (image_id) do update set log = excluded.log, updated_at = now()`,
    [imageId, log],
  );
}

export async function findBuildLog(db: Queryable, imageId: string): Promise<string | null> {
  const { rows } = await db.query<{ log: string }>('select log from build_logs where image_id = $1', [imageId]);
  return rows[0]?.log ?? null;
}

export async function templatesUsing(db: Queryable, imageId: string): Promise<string[]> {
  const { rows } = await db.query<{ template_id: string }>(
    'select template_id from image_usages where image_id = $1 order by template_id',
    [imageId],
  );
  return rows.map((row) => row.template_id);
}

export async function addUsage(db: Queryable, imageId: string, templateId: string): Promise<void> {
  await db.query(
    'insert into image_usages (image_id, template_id) values ($1, $2) on conflict do nothing',
    [imageId, templateId],
  );
}

export async function removeUsage(db: Queryable, imageId: string, templateId: string): Promise<void> {
  await db.query('delete from image_usages where image_id = $1 and template_id = $2', [imageId, templateId]);
}
