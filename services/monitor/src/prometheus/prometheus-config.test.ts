import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prometheusConfig } from './prometheus-config.js';

describe('prometheusConfig', () => {
  it('scrapes the discovery file at the given interval', () => {
    assert.equal(
      prometheusConfig({ targetsFile: '/var/lib/clove/prometheus/targets.json', scrapeIntervalSeconds: 15 }),
      [
        'global:',
        '  scrape_interval: 15s',
        '  scrape_timeout: 10s',
        '  evaluation_interval: 15s',
        'scrape_configs:',
        '  - job_name: clove',
        '    metrics_path: /metrics',
        '    file_sd_configs:',
        '      - files:',
        '          - "/var/lib/clove/prometheus/targets.json"',
        '        refresh_interval: 5s',
        '',
      ].join('\n'),
    );
  });

  it('keeps the scrape timeout within short intervals and quotes odd paths', () => {
    const config = prometheusConfig({ targetsFile: '/tmp/a "b"/targets.json', scrapeIntervalSeconds: 0.5 });
    assert.match(config, /scrape_interval: 500ms\n {2}scrape_timeout: 500ms\n/);
    assert.ok(config.includes('- "/tmp/a \\"b\\"/targets.json"'));
  });

  it('refuses an interval that is not a positive number', () => {
    assert.throws(() => prometheusConfig({ targetsFile: '/tmp/t.json', scrapeIntervalSeconds: 0 }), RangeError);
  });
});
