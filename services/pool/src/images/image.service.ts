import { randomUUID } from 'node:crypto';
import { conflict, invalid, isPgError, notFound, PgError, withTransaction, type FieldError, type Pool } from '@clove/kit';
import type { Builder } from '../builds/builder.js';
import { checkGitSource, type GitSource } from '../sources/git-source.js';
import { parseOciReference } from '../sources/oci-reference.js';
import * as images from './image.repository.js';
import type { CreateImage, Image, Source } from './image.schemas.js';
import { resourceErrors } from '@clove/kit';

/** A source as stored: checked, and a git path normalised. */
type CheckedSource = { kind: 'builtin'; service: string } | { kind: 'container'; reference: string } | GitSource;

export interface ImageServiceOptions {
  builtinServices: ReadonlySet<string>;
  gitAllowedHosts: ReadonlySet<string>;
}

/** R13–R16: registering images, building git sources, and keeping images in use. */
export class ImageService {
  constructor(private readonly pool: Pool, private readonly builder: Builder, private readonly options: ImageServiceOptions) {}

  async register(body: CreateImage): Promise<Image> {
    const source = this.checkSource(body.source);
    const errors: FieldError[] = resourceErrors(body.spec.resources, '/body/spec/resources');
    if (body.spec.linkableServices.includes(body.name)) {
      errors.push({ path: '/body/spec/linkableServices', message: 'must name other images, not this one' });
    }
    if (errors.length > 0) throw invalid(`Invalid image: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors);

    let image: Image;
    try {
      image = await images.insertImage(this.pool, {
        id: randomUUID(),
        name: body.name,
        source,
        spec: body.spec,
        status: source.kind === 'git' ? 'building' : 'ready',
      });
    } catch (error) {
      if (isPgError(error, PgError.UNIQUE_VIOLATION)) throw conflict(`An image named ${body.name} exists already.`, 'IMAGE_NAME_TAKEN');
      throw error;
    }
    if (source.kind === 'git') this.builder.start(image.id, source);
    return image;
  }

  list(): Promise<Image[]> {
    return images.listImages(this.pool);
  }

  async get(id: string): Promise<Image> {
    const image = await images.findImage(this.pool, id);
    if (!image) throw notFound(`No image ${id}.`, 'IMAGE_NOT_FOUND');
    return image;
  }

  async buildLog(id: string): Promise<string> {
    const log = await images.findBuildLog(this.pool, id);
    if (log === null) throw notFound(`Image ${id} has no build log.`, 'BUILD_LOG_NOT_FOUND');
    return log;
  }

  /** The image's row lock makes a concurrent usage wait, then fail on the deleted image. */
  async delete(id: string): Promise<void> {
    await withTransaction(this.pool, async (tx) => {
      if (!(await images.findImage(tx, id, { forUpdate: true }))) throw notFound(`No image ${id}.`, 'IMAGE_NOT_FOUND');
      const templates = await images.templatesUsing(tx, id);
      if (templates.length > 0) {
        throw conflict(`Image ${id} is used by the templates ${templates.join(', ')}.`, 'IMAGE_IN_USE', { templates });
      }
      await images.deleteImage(tx, id);
    });
    await this.builder.discard(id);
  }

  async addUsage(id: string, templateId: string): Promise<void> {
    try {
      await images.addUsage(this.pool, id, templateId);
    } catch (error) {
      if (isPgError(error, PgError.FOREIGN_KEY_VIOLATION)) throw notFound(`No image ${id}.`, 'IMAGE_NOT_FOUND');
      throw error;
    }
  }

  async removeUsage(id: string, templateId: string): Promise<void> {
    await images.removeUsage(this.pool, id, templateId);
  }

  private checkSource(source: Source): CheckedSource {
    switch (source.kind) {
      case 'builtin':
        if (!this.options.builtinServices.has(source.service)) {
          const known = [...this.options.builtinServices].join(', ');
          const message = `must be one of: ${known}`;
          throw invalid(`Invalid source: /body/source/service ${message}.`, [{ path: '/body/source/service', message }]);
        }
        return { kind: 'builtin', service: source.service };
      case 'container':
        if (!parseOciReference(source.reference)) {
          const message = 'must be an OCI image reference like registry.example.com/team/app:1.2 or …@sha256:<64 hex>';
          throw invalid(`Invalid source: /body/source/reference ${message}.`, [{ path: '/body/source/reference', message }]);
        }
        return { kind: 'container', reference: source.reference };
      case 'git':
        return checkGitSource(source, this.options.gitAllowedHosts);
    }
  }
}
