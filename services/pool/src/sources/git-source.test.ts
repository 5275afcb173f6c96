import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '@clove/kit';
import { checkGitSource, gitRefError, normaliseBuildPath, parseGitUrl } from './git-source.js';

const allowed = new Set(['git.example.com', '127.0.0.1:8080']);

function refusal(source: { url: string; ref: string; path?: string }): { code: string; reason: string; paths: string[] } {
  try {
    checkGitSource(source, allowed);
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return { code: error.code, reason: error.reason, paths: (error.errors ?? []).map((e) => e.path) };
  }
  assert.fail(`accepted ${JSON.stringify(source)}`);
}

describe('git sources', () => {
  it('accepts http(s) URLs of allowed hosts and normalises the path', () => {
    assert.deepEqual(checkGitSource({ url: 'https://git.example.com/team/app.git', ref: 'v1.0.0', path: './services/app/' }, allowed), {
      kind: 'git', url: 'https://git.example.com/team/app.git', ref: 'v1.0.0', path: 'services/app',
    });
    assert.equal(checkGitSource({ url: 'http://127.0.0.1:8080/app.git', ref: 'release/2024_1' }, allowed).path, '.');
    assert.equal(checkGitSource({ url: 'https://GIT.example.com:443/a.git', ref: 'main', path: 'a/../b' }, allowed).path, 'b');
  });

  it('refuses every other kind of URL, naming the url field', () => {
    for (const url of [
      'file:///etc/passwd',
      'ext::sh -c touch% /tmp/pwned',
      'git://git.example.com/app.git',
      'ssh://git@git.example.com/app.git',
      'git@git.example.com:team/app.git',
      'https://user:secret@git.example.com/app.git',
      'https://token@git.example.com/app.git',
      'http::https://git.example.com/app.git',
      '--upload-pack=touch /tmp/x',
      'https://git.example.com/a b.git',
      'https://',
      '',
    ]) {
      assert.ok('error' in parseGitUrl(url), url);
      assert.deepEqual(refusal({ url, ref: 'main' }), { code: 'INVALID', reason: 'INVALID', paths: ['/body/source/url'] }, url);
    }
  });

  it('refuses hosts that are not allowed with 403', () => {
    for (const url of ['https://evil.example.com/app.git', 'http://127.0.0.1:9090/app.git', 'http://127.0.0.1/app.git']) {
      assert.deepEqual(refusal({ url, ref: 'main' }), { code: 'NOT_ALLOWED', reason: 'GIT_HOST_NOT_ALLOWED', paths: [] }, url);
    }
  });

  it('refuses refs that git could take for options or ranges', () => {
    for (const ref of ['--upload-pack=touch /tmp/x', '-b', 'main..evil', 'a/../b', '', 'has space', 'a//b', 'main/', 'v1.', 'x.lock', 'a@{1}', `${'a'.repeat(102)}`]) {
      assert.ok(gitRefError(ref), ref);
      assert.deepEqual(refusal({ url: 'https://git.example.com/a.git', ref }).paths, ['/body/source/ref'], ref);
    }
    assert.equal(gitRefError('feature/x-1.2_b'), null);
  });

  it('refuses build paths outside the checkout', () => {
    for (const path of ['/etc', '../outside', 'a/../../outside', '..', 'C:/x', 'a\\..\\..', '.git/hooks', 'a\u0000b']) {
      assert.ok('error' in normaliseBuildPath(path), path);
      assert.deepEqual(refusal({ url: 'https://git.example.com/a.git', ref: 'main', path }).paths, ['/body/source/path'], path);
    }
    assert.deepEqual(normaliseBuildPath(''), { path: '.' });
    assert.deepEqual(normaliseBuildPath('a/..'), { path: '.' });
  });

  it('names every bad field at once, before looking at the host', () => {
    assert.deepEqual(refusal({ url: 'file:///x', ref: '-x', path: '/abs' }).paths, ['/body/source/url', '/body/source/ref', '/body/source/path']);
    assert.deepEqual(refusal({ url: 'https://evil.example.com/a.git', ref: '-x' }).paths, ['/body/source/ref']);
  });
});
