import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containsPattern } from './search-pattern.js';

describe('containsPattern', () => {
  it('wraps the text in wildcards', () => {
    assert.equal(containsPattern('gala'), '%gala%');
  });

  it('takes the wildcard and escape characters of the text literally', () => {
    assert.equal(containsPattern('100%_a\\b'), '%100\\%\\_a\\\\b%');
  });
});
