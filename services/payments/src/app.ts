import { createDatabaseService, type App, type Pool } from '@clove/kit';
import type { PaymentsConfig } from './config.js';
import { Faults } from './faults/faults.js';
import { Idempotency } from './idempotency/idempotency.service.js';
import { apiKeyGuard } from './keys/api-key.guard.js';
import { ApiKeys } from './keys/api-keys.js';
import { PaymentService } from './payments/payment.service.js';
import { registerFaultRoutes } from './routes/faults.routes.js';
import { registerPaymentRoutes } from './routes/payments.routes.js';


export interface PaymentsApp {
  app: App;
  pool: Pool;
  close: () => Promise<void>;
}

/** Migrates the payments schema and builds the payment gateway stand-in. */
export async function buildApp(config: PaymentsConfig, options: { silent?: boolean } = {}): Promise<PaymentsApp> {
  const { app, pool, close } = await createDatabaseService(config, {
    name: 'payments',
    description: 'A test-mode payment gateway (shaped like Stripe) for the other services; every route needs an API key.',
    migrations: new URL('../migrations', import.meta.url),
    silent: options.silent,
  });
  app.decorateRequest('apiKey', null);
  const guard = apiKeyGuard(new ApiKeys(config.PAYMENTS_API_KEYS));
  const faults = new Faults({ latencyMs: config.PAYMENTS_LATENCY_MS, failureRate: config.PAYMENTS_FAILURE_RATE });
  registerPaymentRoutes(app, {
    payments: new PaymentService(pool),
    idempotency: new Idempotency(pool),
    faults,
    guard,
  });
  registerFaultRoutes(app, { faults, guard });
  await app.ready();
  return { app, pool, close: async () => { await app.close(); await pool.end(); } };
}
