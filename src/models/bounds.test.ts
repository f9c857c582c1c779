import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundForecast, boundPaths, neverNegative } from './bounds.js';

const forecast = () => ({
  mean: Float64Array.from([0.5, -0.2]),
  levels: [80],
  lower: [Float64Array.from([-1, -2])],
  upper: [Float64Array.from([2, -0.1])],
});

test('a series never negative gets forecasts, bounds and paths cut at zero', () => {
  const f = forecast();
  assert.equal(boundForecast(f, [0, 3, 1]), true);
  assert.deepEqual(Array.from(f.mean), [0.5, 0]);
  assert.deepEqual(Array.from(f.lower[0]), [0, 0]);
  assert.deepEqual(Array.from(f.upper[0]), [2, 0]);
  const paths = boundPaths([Float64Array.from([-3, 4])], [1, 2]);
  assert.deepEqual(Array.from(paths[0]), [0, 4]);
});

test('a series with a negative observation, or none, is left as it is', () => {
  const f = forecast();
  assert.equal(boundForecast(f, [2, -0.01, 3]), false);
  assert.deepEqual(Array.from(f.lower[0]), [-1, -2]);
  assert.equal(neverNegative([]), false);
  assert.deepEqual(Array.from(boundPaths([Float64Array.from([-3])], [-1])[0]), [-3]);
});
