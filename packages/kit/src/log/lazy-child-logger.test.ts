import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino, type Logger } from 'pino';
import { lazyChildLoggerFactory } from './lazy-child-logger.js';
import { loggerOptions } from './logger-options.js';

function service(level: string): { log: Logger; lines: () => Array<Record<string, unknown>>; children: () => number } {
  const written: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      written.push(String(chunk));
      done();
    },
  });
  const log = pino(loggerOptions('test', level), sink);
  let children = 0;
  const child = log.child;
  log.child = function (this: Logger, bindings, options) {
    children += 1;
    return child.call(this, bindings, options);
  } as Logger['child'];
  return { log, lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>), children: () => children };
}

describe('request loggers made lazily', () => {
  it('write nothing and make no child while nothing is logged at an enabled level', () => {
    const { log, lines, children } = service('warn');
    const requestLog = lazyChildLoggerFactory(log, { requestId: 'r-1' }, {});
    requestLog.info('incoming request');
    requestLog.debug({ detail: 1 }, 'detail');
    assert.equal(requestLog.level, 'warn');
    assert.deepEqual(lines(), []);
    assert.equal(children(), 0);
  });

  it('write enabled lines with the request id, redacted, through one child', () => {
    const { log, lines, children } = service('info');
    const requestLog = lazyChildLoggerFactory(log, { requestId: 'r-2' }, {});
    requestLog.info({ password: 'hunter2-secret' }, 'signed up');
    requestLog.error({ card: { number: '4242424242424242' } }, 'request failed');
    const [first, second] = lines();
    assert.equal(first?.requestId, 'r-2');
    assert.equal(first?.msg, 'signed up');
    assert.equal(first?.password, '[redacted]');
    assert.equal(second?.requestId, 'r-2');
    assert.equal(second?.level, 50);
    assert.ok(!JSON.stringify(lines()).includes('4242424242424242'));
    assert.equal(children(), 1);
  });

  it('hand out real children bound to the request id, and follow level changes', () => {
    const { log, lines } = service('info');
    const requestLog = lazyChildLoggerFactory(log, { requestId: 'r-3' }, {});
    requestLog.child({ step: 'pay' }).warn('slow');
    requestLog.level = 'error';
    requestLog.warn('not written');
    assert.equal(requestLog.level, 'error');
    assert.deepEqual(lines().map((line) => [line.requestId, line.step, line.msg]), [['r-3', 'pay', 'slow']]);
  });
});
