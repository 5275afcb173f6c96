import { createDatabaseService, createGuards, remoteTokenVerifier, type App, type Pool } from '@clove/kit';
import { AlertEvaluator } from './alerts/alert-evaluator.js';
import { AlertRepository } from './alerts/alert.repository.js';
import { registerAlertRoutes } from './alerts/alerts.routes.js';
import { AutoscaleRepository } from './autoscale/autoscale.repository.js';
import { registerAutoscaleRoutes } from './autoscale/autoscale.routes.js';
import { Autoscaler } from './autoscale/autoscaler.js';
import { DeployerClient } from './clients/deployer.client.js';
import type { MonitorConfig } from './config.js';
import { EmbeddedSource } from './metrics/embedded-source.js';
import type { MetricsSource } from './metrics/metrics-source.js';
import { SampleRepository } from './metrics/sample.repository.js';
import { PrometheusSource } from './prometheus/prometheus-source.js';
import { ScrapeTargetsFile } from './prometheus/scrape-targets.js';
import { Sampler } from './sampler/sampler.js';
import { registerSystemRoutes } from './system/system.routes.js';
import { registerViewRoutes } from './views/views.routes.js';

export interface MonitorApp {
  app: App;
  pool: Pool;
  sampler: Sampler;
}

/**
 * The monitor (R11, R19–R22, R26 series): samples every managed replica, answers series from
 * its samples or from Prometheus, raises and resolves alerts, autoscales, and lets admins see
 * and steer what runs through the deployer.
 */
export async function buildApp(config: MonitorConfig, options: { silent?: boolean; startSampler?: boolean } = {}): Promise<MonitorApp> {
  const { app, pool } = await createDatabaseService(config, {
    name: 'monitor',
    description: 'Resource use, booking statistics, nodes and containers, scaling, moves, anomalies and autoscaling (R11, R19–R22). Routes under /monitor and /system.',
    migrations: new URL('../migrations', import.meta.url),
    // A seller's views are under /monitor, the admin's system view under /system (SPEC.md).
    publicPath: (url) => (/^\/(server|ticket)\//.test(url) ? `/monitor${url}` : `/system${url}`),
    silent: options.silent,
  });
  const intervalSeconds = Math.max(1, Math.ceil(config.SAMPLE_INTERVAL_MS / 1000));
  const deployer = new DeployerClient(config.DEPLOYER_URL, config.DEPLOYER_SERVICE_TOKEN, config.SERVICE_TIMEOUT_MS);
  const samples = new SampleRepository(pool, { rawHours: config.RAW_RETENTION_HOURS, rollupDays: config.ROLLUP_RETENTION_DAYS });
  const alerts = new AlertRepository(pool);
  const evaluator = new AlertEvaluator(alerts);
  const policies = new AutoscaleRepository(pool);
  const logError = (error: unknown, what: string) => app.log.warn({ err: error, what }, 'monitoring step failed');
  const autoscaler = new Autoscaler({
    policies,
    scale: (id, component, replicas) => deployer.scale(id, component, replicas),
    windowMs: Math.max(3 * config.SAMPLE_INTERVAL_MS, 3_000),
    onError: logError,
  });
  const targets = config.PROMETHEUS_SD_FILE ? new ScrapeTargetsFile(config.PROMETHEUS_SD_FILE) : null;
  const sampler = new Sampler({
    intervalMs: config.SAMPLE_INTERVAL_MS,
    containers: () => deployer.containers(),
    samples,
    onSample: async (rows, containers) => {
      await targets?.update(containers).catch((error: unknown) => logError(error, 'writing the scrape targets'));
      await evaluator.evaluate(rows).catch((error: unknown) => logError(error, 'evaluating alert rules'));
      await autoscaler.evaluate(rows, containers);
    },
    onError: logError,
  });
  const source: MetricsSource = config.PROMETHEUS_URL
    ? new PrometheusSource({ url: config.PROMETHEUS_URL, runtime: config.RUNTIME, timeoutMs: config.SERVICE_TIMEOUT_MS, scrapeIntervalSeconds: config.PROMETHEUS_SCRAPE_INTERVAL_SECONDS })
    : new EmbeddedSource(samples);

  const guards = createGuards(remoteTokenVerifier(config.AUTH_JWKS_URL));
  registerViewRoutes(app, {
    guards,
    deployer,
    source,
    performancesUrl: config.PERFORMANCES_URL,
    timeoutMs: config.SERVICE_TIMEOUT_MS,
    limits: { maxWindowSeconds: config.MAX_WINDOW_DAYS * 86_400, minStepSeconds: source.name === 'embedded' ? intervalSeconds : 1 },
  });
  registerSystemRoutes(app, { guards, deployer, samples, freshSeconds: 3 * intervalSeconds + 5 });
  registerAlertRoutes(app, { guards, alerts, evaluator });
  registerAutoscaleRoutes(app, { guards, policies, deployer });
  app.addHook('onClose', () => sampler.stop());
  await app.ready();
  if (options.startSampler ?? true) sampler.start();
  return { app, pool, sampler };
}
