/**
 * The configuration of a local Prometheus that scrapes every managed process listed in the
 * discovery file written by ScrapeTargetsFile.
 */
import { promDuration as duration } from './prometheus-api.js';

export interface PrometheusConfigOptions {
  /** Absolute path of the file_sd JSON file. */
  targetsFile: string;
  /** Scrape and rule evaluation interval, in seconds (fractions are written in milliseconds). */
  scrapeIntervalSeconds: number;
}

/** Prometheus' default scrape timeout; it must not exceed the scrape interval. */
const DEFAULT_SCRAPE_TIMEOUT_SECONDS = 10;

export function prometheusConfig(options: PrometheusConfigOptions): string {
  const interval = options.scrapeIntervalSeconds;
  if (!Number.isFinite(interval) || interval <= 0) {
    throw new RangeError(`scrapeIntervalSeconds must be a positive number, got ${interval}`);
  }
  const timeout = Math.min(interval, DEFAULT_SCRAPE_TIMEOUT_SECONDS);
  // Double-quoted YAML scalars accept JSON string escapes, so JSON.stringify quotes the path safely.
  return [
    'global:',
    `  scrape_interval: ${duration(interval)}`,
    `  scrape_timeout: ${duration(timeout)}`,
    `  evaluation_interval: ${duration(interval)}`,
    'scrape_configs:',
    '  - job_name: clove',
    '    metrics_path: /metrics',
    '    file_sd_configs:',
    '      - files:',
    `          - ${JSON.stringify(options.targetsFile)}`,
    '        refresh_interval: 5s',
    '',
  ].join('\n');
}
