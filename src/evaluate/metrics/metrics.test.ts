import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mae } from './mae.js';
import { rmse } from './rmse.js';
import { smape } from './smape.js';
import { mase, maseScale } from './mase.js';
import { owa } from './owa.js';
import { coverage, intervalPinball, pinball } from './interval-scores.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('rmse of errors whose squares overflow is finite (seventh hostile sweep: backtest RMSE was Infinity on 1e300 series)', () => {
  const y = Float64Array.of(3e300, 0, NaN);
  const f = Float64Array.of(0, 4e300, 1);
  // sqrt((9 + 16) / 2) 1e300
  close(rmse(y, f) / 1e300, Math.sqrt(12.5));
  close(rmse(Float64Array.of(3e-300, 0), Float64Array.of(0, 4e-300)) / 1e-300, Math.sqrt(12.5), 1e-9);
});

test('point metrics on a hand-checked example', () => {
  const y = Float64Array.of(10, 20, 30);
  const f = Float64Array.of(12, 18, 33);
  close(mae(y, f), 7 / 3);
  close(rmse(y, f), Math.sqrt(17 / 3));
  close(smape(y, f), ((200 * 2) / 22 + (200 * 2) / 38 + (200 * 3) / 63) / 3);
  // scale of train (1, 3, 6, 10) with m = 1: (2 + 3 + 4) / 3 = 3
  close(maseScale(Float64Array.of(1, 3, 6, 10), 1), 3);
  close(mase(y, f, Float64Array.of(1, 3, 6, 10), 1), 7 / 9);
  // seasonal scale, m = 2: (|6-1| + |10-3|) / 2 = 6
  close(maseScale(Float64Array.of(1, 3, 6, 10), 2), 6);
  close(owa(8, 2, 10, 4), 0.65);
});

test('metrics skip NaN pairs and handle zeros', () => {
  close(mae(Float64Array.of(1, NaN), Float64Array.of(2, 5)), 1);
  close(smape(Float64Array.of(0, 0), Float64Array.of(0, 1)), 100);
  assert.ok(Number.isNaN(mae(Float64Array.of(NaN), Float64Array.of(1))));
  assert.equal(mase(Float64Array.of(2), Float64Array.of(1), Float64Array.of(5, 5, 5), 1), Infinity);
});

test('interval scores', () => {
  const y = Float64Array.of(1, 5, 3, 10);
  close(coverage(y, Float64Array.of(0, 0, 0, 0), Float64Array.of(4, 4, 4, 4)), 0.5);
  // p = 0.1 quantile 2 and y = 1: (0.1 - 1)(1 - 2) = 0.9
  close(pinball(Float64Array.of(1), Float64Array.of(2), 0.1), 0.9);
  // 80%: lower at p = 0.1, upper at p = 0.9; y = 10 above both: lower 0.1 * 2, upper 0.9 * 0 -> (0.2 + 0) / 2
  close(intervalPinball(Float64Array.of(10), Float64Array.of(8), Float64Array.of(10), 80), 0.1);
});
