import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILD_LOG_LIMIT, BuildLog } from './build-log.js';

describe('BuildLog', () => {
  it('keeps lines and output in order', () => {
    const log = new BuildLog();
    log.line('$ npm ci');
    log.append(Buffer.from('added 0 packages\n'));
    assert.equal(log.text(), '$ npm ci\nadded 0 packages\n');
  });

  it('stops at the limit and says so', () => {
    const log = new BuildLog(10);
    log.append('0123456');
    log.append('789abc');
    log.append('more');
    assert.equal(log.text(), '0123456789\n[build log truncated at 1 MiB]\n');
  });

  it('caps at 1 MiB by default and drops NUL bytes', () => {
    const log = new BuildLog();
    log.append(Buffer.from([0x61, 0x00, 0x62]));
    assert.equal(log.text(), 'ab');
    log.append(Buffer.alloc(2 * BUILD_LOG_LIMIT, 0x78));
    assert.ok(log.text().length <= BUILD_LOG_LIMIT + 100);
    assert.match(log.text(), /truncated/);
  });
});
