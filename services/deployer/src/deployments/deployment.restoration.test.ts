import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Restoration } from './deployment.restoration.js';

describe('restoration after a restart', () => {
  it('is ready once every deployment brought back serves or is given up, and tells which', () => {
    const restoration = new Restoration();
    restoration.begin('a', { slug: 'gala', namespace: 'perf-gala' });
    restoration.begin('b', { slug: 'opera', namespace: 'perf-opera' });
    assert.deepEqual(restoration.readiness(), {
      ready: false,
      detail: { restoring: [{ slug: 'gala', namespace: 'perf-gala' }, { slug: 'opera', namespace: 'perf-opera' }], notRestored: [] },
    });
    restoration.served('a');
    restoration.gaveUp('b');
    restoration.gaveUp('a'); // served already: not given up
    restoration.finished();
    assert.deepEqual(restoration.readiness(), {
      ready: true,
      detail: { restoring: [], notRestored: [{ slug: 'opera', namespace: 'perf-opera' }] },
    });
  });
});
