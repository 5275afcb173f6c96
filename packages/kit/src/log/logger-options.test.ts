import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { loggerOptions } from './logger-options.js';

describe('log redaction', () => {
  it('never writes passwords, tokens, card numbers or emails', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino(loggerOptions('test', 'info'), sink);
    log.info({ password: 'hunter2-secret', body: { refreshToken: 'rt-123', card: { number: '4242424242424242', cvc: '123' } } }, 'a');
    log.info({ req: { headers: { authorization: 'Bearer abc.def.ghi' } }, user: { email: 'ann@example.com' } }, 'b');
    const output = lines.join('');
    for (const secret of ['hunter2-secret', 'rt-123', '4242424242424242', 'abc.def.ghi', 'ann@example.com']) {
      assert.ok(!output.includes(secret), `${secret} leaked into ${output}`);
    }
    assert.match(output, /\[redacted\]/);
  });
});
