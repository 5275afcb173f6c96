import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldErrorsOf } from './field-errors.js';

describe('fieldErrorsOf', () => {
  it('names each missing property under the base pointer', () => {
    const errors = fieldErrorsOf(
      [{ keyword: 'required', instancePath: '/tickets/0', params: { requiredProperties: ['price', 'code'] }, message: 'x' }],
      '/body/events/2/data',
    );
    assert.deepEqual(errors, [
      { path: '/body/events/2/data/tickets/0/price', message: 'is required' },
      { path: '/body/events/2/data/tickets/0/code', message: 'is required' },
    ]);
  });

  it('folds the branches of a union into one line and drops the anyOf summary', () => {
    const errors = fieldErrorsOf(
      [
        { keyword: 'type', instancePath: '/saleOpensAt', params: { type: 'string' }, message: 'must be string' },
        { keyword: 'type', instancePath: '/saleOpensAt', params: { type: 'null' }, message: 'must be null' },
        { keyword: 'anyOf', instancePath: '/saleOpensAt', params: {}, message: 'must match a schema in anyOf' },
      ],
      '/body/events/0/data',
    );
    assert.deepEqual(errors, [{ path: '/body/events/0/data/saleOpensAt', message: 'must be string or must be null' }]);
  });

  it('lists the allowed values of an enum', () => {
    const errors = fieldErrorsOf(
      [{ keyword: 'enum', instancePath: '/orderStatus', params: { allowedValues: ['refunded', 'partially_refunded'] }, message: 'x' }],
      '/body',
    );
    assert.deepEqual(errors, [{ path: '/body/orderStatus', message: 'must be one of: refunded, partially_refunded' }]);
  });
});
