import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import { checkRegressors } from './regressors.js';

test('checkRegressors: a driver must be an extra column of the file, once', () => {
  const data = { file: 'sales.csv', exogColumns: ['price', 'promo'] };
  checkRegressors(data, ['price', 'promo']);
  checkRegressors(data, []);
  assert.throws(
    () => checkRegressors(data, ['price', 'cost']),
    (e) =>
      isForesightError(e, 'invalid_argument') &&
      e.message === 'regressor "cost" is not a column of sales.csv (extra columns: price, promo)',
  );
  assert.throws(() => checkRegressors({ file: 'y.csv', exogColumns: [] }, ['y']), /of y\.csv \(extra columns: none\)/);
  assert.throws(() => checkRegressors(data, ['promo', 'promo']), /regressor "promo" is given twice/);
});
