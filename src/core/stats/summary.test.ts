import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConstant, quantileSorted, variance } from './summary.js';

test('quantileSorted is R type 7: quantile(c(1, 2, 3, 4), c(0, 0.1, 0.5, 0.95, 1))', () => {
  // R: quantile(1:4, c(0, 0.1, 0.5, 0.95, 1)) = 1, 1.3, 2.5, 3.85, 4
  const x = Float64Array.of(1, 2, 3, 4);
  const got = [0, 0.1, 0.5, 0.95, 1].map((p) => quantileSorted(x, p));
  [1, 1.3, 2.5, 3.85, 4].forEach((want, i) => assert.ok(Math.abs(got[i] - want) < 1e-12, `p ${i}: ${got[i]}`));
  assert.equal(quantileSorted(Float64Array.of(7), 0.3), 7);
  assert.ok(Number.isNaN(quantileSorted([], 0.5)));
});

test('variance has divisor n - 1 (R var) and is NaN below two values', () => {
  // R: var(c(1, 2, 4)) = 2.333333; var(c(2, 4, 4, 4, 5, 5, 7, 9)) = 4.571429 (32 / 7)
  assert.ok(Math.abs(variance(Float64Array.of(1, 2, 4)) - 7 / 3) < 1e-12);
  assert.ok(Math.abs(variance([2, 4, 4, 4, 5, 5, 7, 9]) - 32 / 7) < 1e-12);
  assert.ok(Number.isNaN(variance([5])));
  assert.ok(Number.isNaN(variance([])));
});

test('isConstant: equal values yes, any difference no, empty and single yes', () => {
  assert.equal(isConstant(Float64Array.of(2, 2, 2)), true);
  assert.equal(isConstant(Float64Array.of(2, 2, 2.000001)), false);
  assert.equal(isConstant([]), true);
  assert.equal(isConstant([1]), true);
});
