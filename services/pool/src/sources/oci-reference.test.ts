import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOciReference } from './oci-reference.js';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('parseOciReference', () => {
  it('takes valid references apart', () => {
    assert.deepEqual(parseOciReference('nginx:1.27'), { registry: null, repository: 'nginx', tag: '1.27', digest: null });
    assert.deepEqual(parseOciReference('ghcr.io/clove/ticketing:v1.2.3'), {
      registry: 'ghcr.io', repository: 'clove/ticketing', tag: 'v1.2.3', digest: null,
    });
    assert.deepEqual(parseOciReference(`localhost:5000/team/app@${DIGEST}`), {
      registry: 'localhost:5000', repository: 'team/app', tag: null, digest: DIGEST,
    });
    assert.deepEqual(parseOciReference(`registry.example.com/a/b__c.d-e:Latest_1@${DIGEST}`), {
      registry: 'registry.example.com', repository: 'a/b__c.d-e', tag: 'Latest_1', digest: DIGEST,
    });
    assert.ok(parseOciReference('library/redis:7'));
  });

  it('refuses anything else', () => {
    for (const reference of [
      '',
      'nginx',
      'nginx:',
      'Nginx:1',
      'MyOrg/app:1',
      'ghcr.io/Clove/app:1',
      'nginx :1',
      'ng inx:1',
      'nginx:1 ',
      'nginx:-bad',
      'nginx@sha256:abc',
      `nginx@sha512:${'a'.repeat(128)}`,
      `nginx@sha256:${'A'.repeat(64)}`,
      'ghcr.io//app:1',
      'app/:1',
      '-app:1',
      'app-:1',
      'ghcr.io:abc/app:1',
      `a:${'t'.repeat(129)}`,
      `${'a'.repeat(250)}:1.0.0`,
      'https://ghcr.io/app:1',
    ]) {
      assert.equal(parseOciReference(reference), null, reference);
    }
  });
});
