import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { bearerToken, invalid, withProblems, type App, type Guards } from '@clove/kit';
import type { PoolClient } from '../pool/pool-client.js';
import { ensureBuiltinTemplates } from './builtin.seed.js';
import { documentsYaml, type TemplateService } from './template.service.js';
import {
  FormatQuery, RevisionParams, TemplateInputBody, TemplateParams, TemplateSchema, TemplateSummarySchema,
  type KubeDocument, type Template, type TemplateBody, type TemplateInput,
} from './template.schemas.js';

const bearer = [{ bearer: [] }];

/** The definition in a body, and the documents it carries (a template copied from GET); the other fields the service sets go. */
function definitionOf(body: TemplateBody): { input: TemplateInput; documents: KubeDocument[] | undefined } {
  const { name, description, translations, parameters, components, documents } = body;
  return { input: { name, description, ...(translations ? { translations } : {}), parameters, components }, documents: documents as KubeDocument[] | undefined };
}

/** A template as JSON, or its documents as a YAML stream with `?format=yaml`. */
function answer(reply: FastifyReply, template: Template, format: string | undefined) {
  if (format === 'yaml') return reply.type('text/yaml; charset=utf-8').send(documentsYaml(template.documents) as never);
  return template;
}

export function registerTemplateRoutes(app: App, deps: { templates: TemplateService; images: PoolClient; guards: Guards }): void {
  const { templates, images, guards } = deps;
  const admin = guards.requireRole('admin');
  const reader = guards.requireRole('admin', 'seller');

  app.post('/templates', {
    onRequest: admin,
    schema: {
      summary: 'Create a template from pool images (admin)',
      security: bearer,
      body: TemplateInputBody,
      response: withProblems({ 201: TemplateSchema }),
    },
  }, async (request, reply) => {
    reply.status(201);
    const { input, documents } = definitionOf(request.body);
    return templates.create(input, { documents });
  });

  app.post('/templates/builtin', {
    onRequest: admin,
    schema: {
      summary: 'Create the built-in templates standard and flash-sale, and the ticketing image they use, where missing (admin)',
      security: bearer,
      response: withProblems({ 200: Type.Array(TemplateSchema) }),
    },
  }, async (request) => {
    return ensureBuiltinTemplates(templates, images, bearerToken(request));
  });

  app.get('/templates', {
    onRequest: reader,
    schema: {
      summary: 'All templates, by name (seller, admin)',
      security: bearer,
      response: withProblems({ 200: Type.Array(TemplateSummarySchema) }),
    },
  }, async () => templates.list());

  app.get('/templates/:id', {
    onRequest: reader,
    schema: {
      summary: 'One template, its current revision; ?format=yaml answers its documents as a YAML stream (seller, admin)',
      security: bearer,
      params: TemplateParams,
      querystring: FormatQuery,
      response: withProblems({ 200: TemplateSchema }),
    },
  }, async (request, reply) => {
    return answer(reply, await templates.get(request.params.id), request.query.format);
  });

  app.get('/templates/:id/revisions/:n', {
    onRequest: reader,
    schema: {
      summary: 'One revision of a template (seller, admin)',
      security: bearer,
      params: RevisionParams,
      querystring: FormatQuery,
      response: withProblems({ 200: TemplateSchema }),
    },
  }, async (request, reply) => {
    return answer(reply, await templates.revision(request.params.id, request.params.n), request.query.format);
  });

  app.put('/templates/:id', {
    onRequest: admin,
    schema: {
      summary: 'Store a new revision of a template (admin); earlier revisions stay readable',
      security: bearer,
      params: TemplateParams,
      body: TemplateInputBody,
      response: withProblems({ 200: TemplateSchema }),
    },
  }, async (request) => {
    if (request.body.id !== undefined && request.body.id !== request.params.id) {
      throw invalid('The body is another template.', [{ path: '/body/id', message: 'is not the id of the template written' }], 'ID_MISMATCH');
    }
    const { input, documents } = definitionOf(request.body);
    return templates.update(request.params.id, input, { documents });
  });

  app.delete('/templates/:id', {
    onRequest: admin,
    schema: {
      summary: 'Delete a template and all its revisions (admin)',
      security: bearer,
      params: TemplateParams,
      response: withProblems({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await templates.delete(request.params.id);
    return reply.status(204).send(null);
  });
}
