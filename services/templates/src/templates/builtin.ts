import type { TemplateInput } from './template.schemas.js';

/** The pool image the built-in templates are made of: this repository's ticketing service. */
export const TICKETING_IMAGE = {
  name: 'ticketing',
  source: { kind: 'builtin', service: 'ticketing' },
  spec: {
    className: 'PerformanceBoundary',
    role: 'boundary',
    linkableServices: [],
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    path: '/e/{slug}/',
    port: 4200,
    healthPath: '/readyz',
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  },
} as const;

function ticketingParameters(extra: Record<string, unknown> = {}): TemplateInput['parameters'] {
  return {
    type: 'object',
    properties: {
      slug: {
        type: 'string',
        description: 'The performance\'s slug: its address is /e/<slug>/',
        pattern: '^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$',
        default: 'my-show',
      },
      holdSeconds: {
        type: 'integer',
        description: 'How long seats are held for a buyer before they are released, in seconds',
        minimum: 60,
        maximum: 3600,
        default: 420,
      },
      maxSeatsPerBuyer: {
        type: 'integer',
        description: 'The most seats one buyer may hold or buy',
        minimum: 1,
        maximum: 10,
        default: 4,
      },
      saleOpensAt: {
        type: 'string',
        description: 'When the sale opens (RFC 3339 date-time)',
        format: 'date-time',
        default: '2030-01-01T00:00:00Z',
      },
      ...extra,
    },
    required: ['slug'],
    additionalProperties: false,
  };
}

const TICKETING_ENV = {
  SLUG: { fromParameter: 'slug' },
  HOLD_SECONDS: { fromParameter: 'holdSeconds' },
  MAX_SEATS_PER_BUYER: { fromParameter: 'maxSeatsPerBuyer' },
  SALE_OPENS_AT: { fromParameter: 'saleOpensAt' },
};

/** The inputs of the templates every platform starts with, made of the given ticketing image. */
export function builtinTemplates(ticketingImageId: string): TemplateInput[] {
  return [
    {
      name: 'standard',
      description: 'One ticketing instance for a performance of ordinary demand.',
      parameters: ticketingParameters(),
      components: [{
        name: 'ticketing',
        imageId: ticketingImageId,
        replicas: 1,
        routes: [{ path: '/' }],
        env: { ...TICKETING_ENV },
      }],
    },
    {
      name: 'flash-sale',
      description: 'Several ticketing instances with more resources, for a sale that opens to a rush of buyers.',
      parameters: ticketingParameters({
        replicas: {
          type: 'integer',
          description: 'How many ticketing instances serve the sale',
          minimum: 1,
          maximum: 20,
          default: 3,
        },
      }),
      components: [{
        name: 'ticketing',
        imageId: ticketingImageId,
        replicas: { fromParameter: 'replicas' },
        routes: [{ path: '/' }],
        env: { ...TICKETING_ENV },
        resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi' } },
      }],
    },
  ];
}
