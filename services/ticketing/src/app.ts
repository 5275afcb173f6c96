import { createDatabaseService, createGuards, failureLog, remoteTokenVerifier, type App, type Pool } from '@clove/kit';
import { deploymentMembers, ownerOnly } from './access/deployment-access.js';
import { ownerGuard } from './access/owner-guard.js';
import type { TicketingConfig } from './config.js';
import { startHoldSweeper } from './holds/hold-sweeper.js';
import { HoldService } from './holds/hold.service.js';
import { registerHoldRoutes } from './holds/holds.routes.js';
import { OrderService } from './orders/order.service.js';
import { registerOrderRoutes } from './orders/orders.routes.js';
import { PaymentsClient } from './orders/payments.client.js';
import { Reconciler } from './orders/reconciler.js';
import { generationOf } from './outbox/generation.js';
import { startOutboxRelay } from './outbox/outbox-relay.js';
import { gradeCountsCache, performanceCache } from './performance/performance.cache.js';
import { registerPerformanceRoutes } from './performance/performance.routes.js';
import { PerformanceService } from './performance/performance.service.js';
import { startSoldTally } from './performance/sold-tally.js';
import { registerSeatRoutes } from './seats/seats.routes.js';
import { SeatAnnouncer } from './seats/seat-announcer.js';
import { SeatFeed } from './seats/seat-stream.js';
import { BuyerDirectory } from './seller/buyer-directory.js';
import { registerSellerRoutes } from './seller/seller.routes.js';
import { RefundService } from './tickets/refund.service.js';
import { TicketCodes } from './tickets/ticket-code.js';
import { registerTicketRoutes } from './tickets/tickets.routes.js';

export interface TicketingApp {
  app: App;
  pool: Pool;
  reconciler: Reconciler;
  close: () => Promise<void>;
}

/** One performance's sale (R23–R35): the service a template deploys once per performance. */
export async function buildApp(config: TicketingConfig, options: { silent?: boolean } = {}): Promise<TicketingApp> {
  const { app, pool, close } = await createDatabaseService(config, {
    name: 'ticketing',
    description: `Tickets for the performance ${config.SLUG} (R23–R35).`,
    migrations: new URL('../migrations', import.meta.url),
    poolMax: config.DB_POOL_MAX,
    publicPrefix: config.PUBLIC_PREFIX ?? `/e/${config.SLUG}`,
    bodyLimit: 8 * 1024 * 1024, // explicit seat lists of large venues
    silent: options.silent,
  });
  const logError = failureLog(app.log);

  const guards = createGuards(remoteTokenVerifier(config.AUTH_JWKS_URL));
  const buyer = guards.requireRole('buyer');
  const isMember = config.DEPLOYER_URL && config.DEPLOYMENT_ID && config.DEPLOYMENT_TOKEN
    ? deploymentMembers({ deployerUrl: config.DEPLOYER_URL, deploymentId: config.DEPLOYMENT_ID, token: config.DEPLOYMENT_TOKEN, onError: logError('the deployer could not be asked about a member') })
    : ownerOnly;
  const owner = ownerGuard(guards, config.OWNER_ID, isMember);
  const ownerOrAdmin = ownerGuard(guards, config.OWNER_ID, isMember, { adminMayRead: true });
  const payments = new PaymentsClient(config.PAYMENTS_URL, config.PAYMENTS_API_KEY, config.PAYMENTS_TIMEOUT_MS);
  const codes = new TicketCodes(config.TICKET_CODE_SECRET, config.SLUG);
  const announcer = new SeatAnnouncer(config.DATABASE_URL, logError('seat changes could not be announced'));
  const refunds = new RefundService(pool, payments, announcer);
  const feed = new SeatFeed(config.DATABASE_URL, logError('seat feed failed'));
  await feed.start();

  const performances = performanceCache(pool);
  const grades = gradeCountsCache(pool);
  registerPerformanceRoutes(app, { performances: new PerformanceService(pool, config, performances, grades, announcer), owner });
  registerSeatRoutes(app, { pool, feed, grades });
  registerHoldRoutes(app, { holds: new HoldService(pool, config, performances, announcer), buyer });
  registerOrderRoutes(app, { orders: new OrderService(pool, config, payments, codes, performances, announcer), buyer });
  registerTicketRoutes(app, { pool, refunds, codes, buyer, owner });
  const directory = new BuyerDirectory(config.AUTH_URL, config.AUTH_CLIENT, logError('buyer lookup failed'));
  registerSellerRoutes(app, { pool, ownerOrAdmin, currency: config.CURRENCY, slug: config.SLUG, directory });
  await app.ready();

  // Never give up an attempt that may still be in flight: wait at least two full payment calls.
  const reconcileAfter = Math.max(config.RECONCILE_AFTER_SECONDS, Math.ceil((2 * payments.maxCallMs) / 1000));
  const reconciler = new Reconciler(pool, payments, refunds, reconcileAfter);
  const stops = [
    startHoldSweeper(pool, announcer, config.SWEEP_INTERVAL_MS, logError('hold sweep failed')),
    reconciler.start(Math.max(1000, (reconcileAfter * 1000) / 4), logError('reconciliation failed')),
    startSoldTally(pool, logError('settling the sold-seat tally failed')),
  ];
  if (config.CATALOG_URL && config.CATALOG_INGEST_TOKEN) {
    stops.push(startOutboxRelay(pool, {
      catalogUrl: config.CATALOG_URL,
      token: config.CATALOG_INGEST_TOKEN,
      slug: config.SLUG,
      generation: await generationOf(pool, config.DEPLOYMENT_ID),
      intervalMs: config.OUTBOX_INTERVAL_MS,
      countEveryMs: config.SEAT_COUNT_INTERVAL_MS,
      onError: logError('outbox delivery failed'),
    }));
  }
  return {
    app,
    pool,
    reconciler,
    close: async () => {
      for (const stop of stops) await stop();
      await announcer.stop();
      await feed.stop();
      await close();
      await payments.close();
    },
  };
}
