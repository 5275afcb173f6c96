import { setTimeout as delay } from 'node:timers/promises';
import { DomainError } from '@clove/kit';
import type { PoolClient } from '../pool/pool-client.js';
import { builtinTemplates, TICKETING_IMAGE } from './builtin.js';
import type { TemplateService } from './template.service.js';
import type { Template, TemplateInput } from './template.schemas.js';

/**
 * The built-in templates (standard, flash-sale) and the pool's ticketing image they are made
 * of: created where missing, and brought to this release's definition where an admin has not
 * changed them (TemplateService.upgradeShipped). Idempotent, also when two callers race.
 */
export async function ensureBuiltinTemplates(templates: TemplateService, images: PoolClient, token: string): Promise<Template[]> {
  const ticketing = await ensureTicketingImage(images, token);
  const result: Template[] = [];
  for (const input of builtinTemplates(ticketing)) result.push(await ensureTemplate(templates, input));
  return result;
}

/**
 * Ships the built-in templates when the service starts, with its own service token: the pool
 * may not be up yet, so it tries again until it is, or until the service stops.
 */
export async function seedBuiltinTemplates(
  templates: TemplateService,
  images: PoolClient,
  token: string,
  options: { signal: AbortSignal; retryMs?: number; onError: (error: unknown) => void },
): Promise<void> {
  for (let attempt = 1; !options.signal.aborted; attempt++) {
    try {
      await ensureBuiltinTemplates(templates, images, token);
      return;
    } catch (error) {
      if (attempt % 10 === 1) options.onError(error);
      await delay(options.retryMs ?? 1000, undefined, { signal: options.signal }).catch(() => undefined);
    }
  }
}

/** The id of the pool's ticketing image, registered when missing. */
async function ensureTicketingImage(images: PoolClient, token: string): Promise<string> {
  const find = async () => (await images.listImages(token)).find((image) => image.name === TICKETING_IMAGE.name);
  const existing = await find();
  if (existing) return existing.id;
  const registered = await images.registerImage(token, TICKETING_IMAGE);
  if (registered) return registered.id;
  const raced = await find();
  if (!raced) throw new Error('The pool refused the ticketing image as taken, yet lists none.');
  return raced.id;
}

async function ensureTemplate(templates: TemplateService, input: TemplateInput): Promise<Template> {
  const existing = await templates.findByName(input.name);
  if (existing) return templates.upgradeShipped(existing, input);
  try {
    return await templates.create(input, { builtin: true });
  } catch (error) {
    if (!(error instanceof DomainError && error.reason === 'TEMPLATE_NAME_TAKEN')) throw error;
    const raced = await templates.findByName(input.name);
    if (!raced) throw error;
    return raced;
  }
}
