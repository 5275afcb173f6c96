import { Type } from 'typebox';
import { notAllowed, withProblems, type App } from '@clove/kit';
import type { Access } from '../access/access.js';
import type { ImageService } from './image.service.js';
import { CreateImageBody, ImageParams, ImageSchema, UsageParams } from './image.schemas.js';

const bearer = [{ bearer: [] }];

/** The admin's image registry (R13–R15); reading one image is open to services too. */
export function registerImageRoutes(app: App, deps: { images: ImageService; access: Access }): void {
  const { images, access } = deps;

  app.post('/images', {
    onRequest: access.adminOrService,
    schema: {
      summary: 'Register an image (admin; a service token may register built-in services only); a git source is built in the background',
      security: bearer,
      body: CreateImageBody,
      response: withProblems({ 201: ImageSchema }),
    },
  }, async (request, reply) => {
    if (access.isService(request) && request.body.source.kind !== 'builtin') {
      throw notAllowed('A service token may register built-in services only; other sources are the admin\'s.', 'WRONG_CALLER');
    }
    reply.status(201);
    return images.register(request.body);
  });

  app.get('/images', {
    onRequest: access.adminOrService,
    schema: {
      summary: 'All images, newest first (admin, or a service token)',
      security: bearer,
      response: withProblems({ 200: Type.Array(ImageSchema) }),
    },
  }, async () => images.list());

  app.get('/images/:id', {
    onRequest: access.adminOrService,
    schema: {
      summary: 'One image (admin, or a service token)',
      security: bearer,
      params: ImageParams,
      response: withProblems({ 200: ImageSchema }),
    },
  }, async (request) => images.get(request.params.id));

  app.get('/images/:id/build-log', {
    onRequest: access.admin,
    schema: {
      summary: 'The output of a git image\'s build steps, as text (admin)',
      security: bearer,
      params: ImageParams,
      response: withProblems({ 200: Type.String({ description: 'text/plain' }) }),
    },
  }, async (request, reply) => {
    const log = await images.buildLog(request.params.id);
    return reply.type('text/plain; charset=utf-8').send(log);
  });

  app.delete('/images/:id', {
    onRequest: access.admin,
    schema: {
      summary: 'Delete an image no template uses (admin)',
      security: bearer,
      params: ImageParams,
      response: withProblems({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await images.delete(request.params.id);
    return reply.status(204).send(null);
  });
}

/** Internal: the templates service records which templates use which image (R16). */
export function registerUsageRoutes(app: App, deps: { images: ImageService; access: Access }): void {
  const { images, access } = deps;

  app.put('/images/:id/usages/:templateId', {
    onRequest: access.service,
    schema: {
      summary: 'Record that a template uses the image (service token); idempotent',
      security: bearer,
      params: UsageParams,
      response: withProblems({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await images.addUsage(request.params.id, request.params.templateId);
    return reply.status(204).send(null);
  });

  app.delete('/images/:id/usages/:templateId', {
    onRequest: access.service,
    schema: {
      summary: 'Record that a template no longer uses the image (service token); idempotent',
      security: bearer,
      params: UsageParams,
      response: withProblems({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await images.removeUsage(request.params.id, request.params.templateId);
    return reply.status(204).send(null);
  });
}
