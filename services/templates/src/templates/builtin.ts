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

/** The default sale opening: a time already past, so a show is on sale once it is set up. */
export const SALE_OPEN_AT_ONCE = '1970-01-01T00:00:00Z';

// Titles and descriptions in English, with Korean under `x-translations` for the deploy form.
function ticketingParameters(extra: Record<string, unknown> = {}): TemplateInput['parameters'] {
  return {
    type: 'object',
    properties: {
      slug: {
        type: 'string',
        title: 'Address name',
        description: 'The performance\'s slug: its address is /e/<slug>/',
        'x-translations': { ko: { title: '주소 이름', description: '공연의 주소 이름(slug): 주소는 /e/<slug>/ 입니다' } },
        pattern: '^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$',
        default: 'my-show',
      },
      holdSeconds: {
        type: 'integer',
        title: 'Hold time (seconds)',
        description: 'How long seats are held for a buyer before they are released, in seconds',
        'x-translations': { ko: { title: '선점 시간(초)', description: '구매자가 선점한 좌석이 풀리기까지의 시간(초)' } },
        minimum: 60,
        maximum: 3600,
        default: 420,
      },
      maxSeatsPerBuyer: {
        type: 'integer',
        title: 'Seats per buyer',
        description: 'The most seats one buyer may hold or buy',
        'x-translations': { ko: { title: '1인당 좌석 수', description: '구매자 한 명이 선점하거나 살 수 있는 최대 좌석 수' } },
        minimum: 1,
        maximum: 10,
        default: 4,
      },
      saleOpensAt: {
        type: 'string',
        title: 'Sale opens at',
        description: 'When buyers can start buying tickets',
        'x-translations': { ko: { title: '예매 시작 시각', description: '구매자가 표를 사기 시작할 수 있는 시각' } },
        format: 'date-time',
        // Already past: the sale is open as soon as the show is set up (the deploy form shows it as now).
        default: SALE_OPEN_AT_ONCE,
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
      translations: { ko: { description: '일반적인 수요의 공연을 위한 티켓팅 인스턴스 하나.' } },
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
      translations: { ko: { description: '구매자가 한꺼번에 몰리는 예매를 위해 자원을 더 쓰는 여러 티켓팅 인스턴스.' } },
      parameters: ticketingParameters({
        replicas: {
          type: 'integer',
          title: 'Instances',
          description: 'How many ticketing instances serve the sale',
          'x-translations': { ko: { title: '인스턴스 수', description: '판매를 처리할 티켓팅 인스턴스의 수' } },
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
