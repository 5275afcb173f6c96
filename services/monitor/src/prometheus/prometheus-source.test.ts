import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DomainError } from '@clove/kit';
import type { SeriesQuery } from '../metrics/metrics-source.js';
import { PrometheusSource, rateWindowSeconds } from './prometheus-source.js';

interface Answer {
  status: number;
  body: unknown;
}

/** A stand-in Prometheus: records each request and answers per PromQL query. */
class FakePrometheus {
  readonly requests: URL[] = [];
  answer: (query: string) => Answer = () => matrix([]);
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://fake');
      this.requests.push(url);
      const { status, body } = this.answer(url.searchParams.get('query') ?? '');
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function matrix(result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }>): Answer {
  return { status: 200, body: { status: 'success', data: { resultType: 'matrix', result } } };
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const query: SeriesQuery = {
  deploymentId: 'd-1',
  namespace: 'perf-demo',
  from: new Date('2025-03-01T10:00:00.000Z'),
  to: new Date('2025-03-01T10:05:00.500Z'),
  stepSeconds: 15,
};

describe('PrometheusSource', () => {
  const prometheus = new FakePrometheus();
  let url: string;
  before(async () => {
    url = await prometheus.start();
  });
  after(() => prometheus.stop());
  beforeEach(() => {
    prometheus.requests.length = 0;
    prometheus.answer = () => matrix([]);
  });

  it('rates over two steps, or four scrapes when that is longer', () => {
    assert.equal(rateWindowSeconds(15, 15), 60);
    assert.equal(rateWindowSeconds(60, 15), 120);
    assert.equal(rateWindowSeconds(2, 1), 4);
    assert.equal(rateWindowSeconds(5, 1), 10);
  });

  it('asks for process metrics of the namespace in the local runtime', async () => {
    const source = new PrometheusSource({ url, runtime: 'local' });
    assert.equal(source.name, 'prometheus');
    assert.deepEqual(await source.serverSeries(query), []);
    assert.equal(prometheus.requests.length, 2);
    for (const request of prometheus.requests) {
      assert.equal(request.pathname, '/api/v1/query_range');
      assert.equal(request.searchParams.get('start'), '1740823200');
      assert.equal(request.searchParams.get('end'), '1740823500.5');
      assert.equal(request.searchParams.get('step'), '15s');
    }
    assert.deepEqual(prometheus.requests.map((r) => r.searchParams.get('query')).sort(), [
      'process_resident_memory_bytes{namespace="perf-demo"}',
      'rate(process_cpu_seconds_total{namespace="perf-demo"}[60s])',
    ]);
  });

  it('asks for cAdvisor container metrics in the Kubernetes runtime', async () => {
    const source = new PrometheusSource({ url: `${url}/`, runtime: 'kubernetes', scrapeIntervalSeconds: 30 });
    await source.serverSeries({ ...query, stepSeconds: 60 });
    assert.deepEqual(prometheus.requests.map((r) => r.searchParams.get('step')), ['60s', '60s']);
    assert.deepEqual(prometheus.requests.map((r) => r.searchParams.get('query')).sort(), [
      'sum by (pod, container) (container_memory_working_set_bytes{namespace="perf-demo", container!="", container!="POD"})',
      'sum by (pod, container) (rate(container_cpu_usage_seconds_total{namespace="perf-demo", container!="", container!="POD"}[120s]))',
    ]);
  });

  it('escapes the namespace inside the PromQL string', async () => {
    await new PrometheusSource({ url, runtime: 'local' }).serverSeries({ ...query, namespace: 'a"b\\c' });
    assert.ok(prometheus.requests.some((r) => r.searchParams.get('query') === 'process_resident_memory_bytes{namespace="a\\"b\\\\c"}'));
  });

  it('answers series per component and replica, sorted, without NaN or infinite values', async () => {
    prometheus.answer = (promql) =>
      promql.startsWith('rate(')
        ? matrix([
            { metric: { component: 'ticketing', replica: 'ticketing-r1-1', namespace: 'perf-demo' }, values: [[100, '0.5'], [115, 'NaN'], [130, '0.25']] },
            { metric: { component: 'catalog', replica: 'catalog-r1-0' }, values: [[100, '0.125']] },
            { metric: { component: 'ticketing', replica: 'ticketing-r1-0' }, values: [[100, '+Inf'], [115, '-Inf']] },
          ])
        : matrix([
            { metric: { component: 'ticketing', replica: 'ticketing-r1-0' }, values: [[100, '1048576'], [115, '2097152']] },
            { metric: { component: 'ticketing', replica: 'ticketing-r1-1' }, values: [[100, '3145728']] },
            { metric: { component: 'catalog', replica: 'catalog-r1-0' }, values: [[100, '4194304']] },
          ]);
    const series = await new PrometheusSource({ url, runtime: 'local' }).serverSeries(query);
    assert.deepEqual(series, [
      { component: 'catalog', replica: 'catalog-r1-0', metric: 'cpu', unit: 'cores', points: [[100, 0.125]] },
      { component: 'catalog', replica: 'catalog-r1-0', metric: 'memory', unit: 'bytes', points: [[100, 4194304]] },
      { component: 'ticketing', replica: 'ticketing-r1-0', metric: 'memory', unit: 'bytes', points: [[100, 1048576], [115, 2097152]] },
      { component: 'ticketing', replica: 'ticketing-r1-1', metric: 'cpu', unit: 'cores', points: [[100, 0.5], [130, 0.25]] },
      { component: 'ticketing', replica: 'ticketing-r1-1', metric: 'memory', unit: 'bytes', points: [[100, 3145728]] },
    ]);
  });

  it('names Kubernetes series by container and pod', async () => {
    prometheus.answer = (promql) =>
      matrix([{ metric: { pod: 'ticketing-r1-7f9c-abcde', container: 'ticketing' }, values: [[100, promql.includes('memory') ? '512' : '0.75']] }]);
    const series = await new PrometheusSource({ url, runtime: 'kubernetes' }).serverSeries(query);
    assert.deepEqual(series.map((s) => [s.component, s.replica, s.metric, s.points]), [
      ['ticketing', 'ticketing-r1-7f9c-abcde', 'cpu', [[100, 0.75]]],
      ['ticketing', 'ticketing-r1-7f9c-abcde', 'memory', [[100, 512]]],
    ]);
  });

  it('adds up the series of a replica that was scraped at two addresses', async () => {
    prometheus.answer = (promql) =>
      promql.startsWith('rate(')
        ? matrix([
            { metric: { component: 'ticketing', replica: 'ticketing-r1-0', instance: '127.0.0.1:4101' }, values: [[100, '0.5'], [115, '0.25']] },
            { metric: { component: 'ticketing', replica: 'ticketing-r1-0', instance: '127.0.0.1:4107' }, values: [[115, '0.125'], [130, '0.5']] },
          ])
        : matrix([]);
    const series = await new PrometheusSource({ url, runtime: 'local' }).serverSeries(query);
    assert.deepEqual(series.map((s) => s.points), [[[100, 0.5], [115, 0.375], [130, 0.5]]]);
  });

  it('reports an unreachable Prometheus as unavailable, naming its URL', async () => {
    const down = `http://127.0.0.1:${await closedPort()}`;
    const error = await rejection(new PrometheusSource({ url: down, runtime: 'local' }).serverSeries(query));
    assert.equal(error.code, 'UNAVAILABLE');
    assert.equal(error.reason, 'PROMETHEUS_UNAVAILABLE');
    assert.ok(error.message.includes(down), error.message);
    assert.ok(error.message.includes('ECONNREFUSED'), error.message);
  });

  it('reports a Prometheus that does not answer in time as unavailable', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const slowUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const source = new PrometheusSource({ url: slowUrl, runtime: 'local', timeoutMs: 200 });
      const error = await rejection(source.serverSeries(query));
      assert.equal(error.reason, 'PROMETHEUS_UNAVAILABLE');
      assert.ok(error.message.includes(slowUrl) && error.message.includes('200 ms'), error.message);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reports a query Prometheus rejects as a bad gateway with its error', async () => {
    prometheus.answer = () => ({ status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error' } });
    const error = await rejection(new PrometheusSource({ url, runtime: 'local' }).serverSeries(query));
    assert.equal(error.code, 'UNAVAILABLE', 'a source that answers errors is unavailable: 503');
    assert.equal(error.reason, 'PROMETHEUS_ERROR');
    assert.ok(error.message.includes('parse error'), error.message);
  });

  it('reports an error document or an unexpected answer as a bad gateway', async () => {
    prometheus.answer = () => ({ status: 200, body: { status: 'error', error: 'query timed out' } });
    let error = await rejection(new PrometheusSource({ url, runtime: 'local' }).serverSeries(query));
    assert.equal(error.reason, 'PROMETHEUS_ERROR');
    assert.ok(error.message.includes('query timed out'), error.message);

    prometheus.answer = () => ({ status: 200, body: { status: 'success', data: { resultType: 'vector', result: [] } } });
    error = await rejection(new PrometheusSource({ url, runtime: 'local' }).serverSeries(query));
    assert.equal(error.code, 'UNAVAILABLE', 'a source that answers errors is unavailable: 503');
  });

  it('refuses a step that is not a positive number', async () => {
    const error = await rejection(new PrometheusSource({ url, runtime: 'local' }).serverSeries({ ...query, stepSeconds: 0 }));
    assert.equal(error.code, 'INVALID');
    assert.equal(prometheus.requests.length, 0);
  });
});
