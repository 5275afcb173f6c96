import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parameterAjv } from './parameters.js';

describe('parameterAjv', () => {
  it('matches a template\'s pattern in linear time: a backtracking pattern cannot stall the service', () => {
    const validate = parameterAjv().compile({ type: 'string', pattern: '^(a+)+$' });
    // A JavaScript RegExp takes minutes on this value (every extra "a" doubles it).
    assert.equal(validate(`${'a'.repeat(60)}!`), false);
    assert.equal(validate('aaaa'), true);
  });

  it('refuses at compile time the patterns RE2 cannot run', () => {
    for (const pattern of ['(a)\\1', '(?<=a)b', '(?!a)b']) {
      assert.throws(() => parameterAjv().compile({ type: 'string', pattern }), /Invalid regular expression/, pattern);
    }
  });

  it('takes only days the calendar has as dates and date-times', () => {
    const dateTime = parameterAjv().compile({ type: 'string', format: 'date-time' });
    const date = parameterAjv().compile({ type: 'string', format: 'date' });
    for (const day of ['2030-02-30', '2030-02-29', '2030-04-31', '2030-13-01', '2030-00-10']) {
      assert.equal(dateTime(`${day}T00:00:00Z`), false, day);
      assert.equal(date(day), false, day);
    }
    for (const day of ['2028-02-29', '2030-12-31', '2030-01-01']) {
      assert.equal(dateTime(`${day}T19:30:00+09:00`), true, day);
      assert.equal(date(day), true, day);
    }
    assert.equal(dateTime('2030-01-01T24:30:00Z'), false);
  });

  it('takes a parameter\u2019s titles and descriptions in other languages, checked in shape', () => {
    const validate = parameterAjv().compile({
      type: 'integer',
      title: 'Hold time (seconds)',
      'x-translations': { ko: { title: '선점 시간(초)', description: '좌석이 풀리기까지의 시간' } },
    });
    assert.equal(validate(420), true, 'an annotation: it validates no value');
    assert.equal(validate('420'), false);
    for (const translations of [{ korean: { title: 'x' } }, { ko: { label: 'x' } }, { ko: { title: '' } }, { ko: 'x' }, []]) {
      assert.throws(() => parameterAjv().compile({ type: 'integer', 'x-translations': translations }), /keyword "x-translations" value is invalid/, JSON.stringify(translations));
    }
  });
});
