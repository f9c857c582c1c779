import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import { resolveModel } from '../ensemble/registry.js';
import { checkDriverModels, usesDrivers } from './drivers.js';

test('which models use drivers, and the error that names one that cannot', () => {
  assert.equal(usesDrivers(resolveModel('arima:1,1,0')), true);
  assert.equal(usesDrivers(resolveModel('auto')), true); // its ensemble has an ARIMA member
  assert.equal(usesDrivers(resolveModel('ensemble:mean/ets+theta')), false);
  assert.equal(usesDrivers(resolveModel('ets')), false);
  checkDriverModels(['ets'], []); // no drivers: nothing to check
  assert.throws(
    () => checkDriverModels(['arima', 'ets'], ['revenue']),
    (e: unknown) =>
      isForesightError(e, 'invalid_argument') &&
      /model "ets" cannot use drivers \(revenue\)/.test((e as Error).message),
  );
});
