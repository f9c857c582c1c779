import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import { NAIVE } from './baseline/naive.js';
import { ETS_MODEL } from './ets/definition.js';
import { parseModelName, resolveAmong } from './model-name.js';

test('parseModelName splits at the first colon only', () => {
  assert.deepEqual(parseModelName(' ets '), { name: 'ets', family: 'ets', option: undefined });
  assert.deepEqual(parseModelName('arima:0,1,1:0,1,1'), {
    name: 'arima:0,1,1:0,1,1',
    family: 'arima',
    option: '0,1,1:0,1,1',
  });
  assert.deepEqual(parseModelName('mstl:24,trend=theta:otm'), {
    name: 'mstl:24,trend=theta:otm',
    family: 'mstl',
    option: '24,trend=theta:otm',
  });
  assert.deepEqual(parseModelName('ets:'), { name: 'ets:', family: 'ets', option: '' });
});

test('resolveAmong parses the option with the family and names the known families otherwise', () => {
  const r = resolveAmong([NAIVE, ETS_MODEL], 'ets:AAdN');
  assert.equal(r.definition, ETS_MODEL);
  assert.deepEqual(r.spec, { error: 'A', trend: 'A', damped: true, season: 'N' });
  assert.throws(
    () => resolveAmong([NAIVE, ETS_MODEL], 'prophet'),
    (e) => isForesightError(e, 'unknown_model') && e.message === 'unknown model "prophet"; known models: naive, ets',
  );
});
