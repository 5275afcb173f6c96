import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuMillis, memoryBytes, resourceErrors } from './resources.js';

describe('resources', () => {
  it('reads CPU quantities in millicores', () => {
    assert.equal(cpuMillis('250m'), 250);
    assert.equal(cpuMillis('1'), 1000);
    assert.equal(cpuMillis('0.5'), 500);
    assert.equal(cpuMillis('.25'), 250);
    for (const bad of ['', '0', '0m', '-1', '1.5m', '0.0001', '1e3', ' 1', '1 ', '1Gi', 'abc']) assert.equal(cpuMillis(bad), null, bad);
  });

  it('reads memory quantities in bytes', () => {
    assert.equal(memoryBytes('64Ki'), 65536n);
    assert.equal(memoryBytes('256Mi'), 268435456n);
    assert.equal(memoryBytes('2Gi'), 2147483648n);
    for (const bad of ['', '0Mi', '256', '256M', '256mi', '1.5Gi', '-1Mi', 'Mi']) assert.equal(memoryBytes(bad), null, bad);
  });

  it('accepts limits at or above the requests', () => {
    assert.deepEqual(resourceErrors({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '0.25', memory: '1Gi' } }, '/body/spec/resources'), []);
    assert.deepEqual(resourceErrors({ requests: { cpu: '1', memory: '1024Mi' }, limits: { cpu: '1000m', memory: '1Gi' } }, '/body/spec/resources'), []);
  });

  it('names each bad quantity and each limit below its request', () => {
    assert.deepEqual(
      resourceErrors({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '250m', memory: '256Mi' } }, '/body/spec/resources').map((e) => e.path),
      ['/body/spec/resources/limits/cpu', '/body/spec/resources/limits/memory'],
    );
    assert.deepEqual(
      resourceErrors({ requests: { cpu: 'lots', memory: '1G' }, limits: { cpu: '1', memory: '1Gi' } }, '/body/spec/resources').map((e) => e.path),
      ['/body/spec/resources/requests/cpu', '/body/spec/resources/requests/memory'],
    );
  });
});
