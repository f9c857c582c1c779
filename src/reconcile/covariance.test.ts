import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import {
  denseWeights,
  multiplyWeights,
  sampleCovariance,
  shrinkageCovariance,
  shrinkageIntensity,
} from './covariance.js';

/** R hts `shrink.estim` with dense n x n matrices, for comparison. */
function denseLambda(values: Float64Array, n: number, T: number): number {
  const x = (t: number, i: number) => values[t * n + i];
  const v = Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let t = 0; t < T; t++) s += x(t, i) ** 2;
    return s / T;
  });
  const xs = (t: number, i: number) => x(t, i) / Math.sqrt(v[i]);
  let sumV = 0,
    sumD = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      let q = 0,
        g = 0;
      for (let t = 0; t < T; t++) {
        q += xs(t, i) ** 2 * xs(t, j) ** 2;
        g += xs(t, i) * xs(t, j);
      }
      sumV += (q - (g * g) / T) / (T * (T - 1));
      sumD += (g / T) ** 2;
    }
  return Math.max(0, Math.min(1, sumV / sumD));
}

test('shrinkage intensity: the documented example (numpy with dense matrices: 0.6336944128)', () => {
  const values = Float64Array.of(1, 2, 0, 2, 1, 1, -1, -2, 1, 0, 1, -1, 3, 2, 2);
  assert.ok(Math.abs(shrinkageIntensity({ n: 3, T: 5, values }) - 0.6336944128) < 1e-9);
});

test('shrinkage intensity from T x T Grams equals the dense n x n formula', () => {
  const rng = createRng(21);
  const n = 12,
    T = 30;
  const common = Array.from({ length: T }, () => rng.normal());
  const values = Float64Array.from({ length: n * T }, (_, k) => common[Math.floor(k / n)] * 0.8 + rng.normal());
  const lambda = shrinkageIntensity({ n, T, values });
  assert.ok(Math.abs(lambda - denseLambda(values, n, T)) < 1e-12);
  assert.ok(lambda > 0.01 && lambda < 0.99);
});

test('the low-rank shrinkage covariance is λ·diag(Σ) + (1-λ)·Σ and multiplies like its dense form', () => {
  const rng = createRng(2);
  const n = 5,
    T = 8;
  const values = Float64Array.from({ length: n * T }, () => rng.normal());
  const r = { n, T, values };
  const w = shrinkageCovariance(r);
  const S = sampleCovariance(r).matrix;
  const D = denseWeights(w);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const expected = i === j ? S[i * n + i] : (1 - w.lambda) * S[i * n + j];
      assert.ok(Math.abs(D[i * n + j] - expected) < 1e-12);
    }
  const x = Float64Array.from({ length: n * 2 }, () => rng.normal());
  const fast = multiplyWeights(w, x, 2);
  const slow = multiplyWeights({ kind: 'dense', n, matrix: D }, x, 2);
  for (let i = 0; i < fast.length; i++) assert.ok(Math.abs(fast[i] - slow[i]) < 1e-12);
});
