import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thetaSeasonalAdjustment, thetaSeasonalityTest } from './seasonality.js';

const PATTERN = [1, 5, 2, 8];
const seasonal = (n: number, level = 10) =>
  Float64Array.from({ length: n }, (_, t) => level + PATTERN[t % 4] + 0.01 * t);

test('thetaSeasonalityTest: lag-m autocorrelation against the 90% limit, only with more than 2 seasons', () => {
  assert.equal(thetaSeasonalityTest(seasonal(20), 4), true);
  assert.equal(thetaSeasonalityTest(seasonal(8), 4), false);
  // white-noise-like data: no significant lag-4 autocorrelation
  assert.equal(
    thetaSeasonalityTest(
      Float64Array.from({ length: 40 }, (_, t) => Math.sin(t * t * 0.7)),
      4,
    ),
    false,
  );
  assert.equal(
    thetaSeasonalityTest(
      Float64Array.from({ length: 40 }, (_, t) => t),
      1,
    ),
    false,
  );
  assert.equal(thetaSeasonalityTest(new Float64Array(40).fill(3), 4), false);
});

test('multiplicative adjustment divides by the classical indices; forecasts reuse the last m', () => {
  const y = seasonal(40);
  const a = thetaSeasonalAdjustment(y, 4);
  assert.equal(a.type, 'multiplicative');
  assert.deepEqual(a.future, Array.from(a.inSample!.subarray(36)));
  for (let t = 0; t < 40; t++) assert.ok(Math.abs(a.adjusted[t] * a.inSample![t] - y[t]) < 1e-12);
});

test('data that are not strictly positive get an additive adjustment', () => {
  const y = seasonal(40, -5);
  const a = thetaSeasonalAdjustment(y, 4);
  assert.equal(a.type, 'additive');
  for (let t = 0; t < 40; t++) assert.ok(Math.abs(a.adjusted[t] + a.inSample![t] - y[t]) < 1e-12);
});
