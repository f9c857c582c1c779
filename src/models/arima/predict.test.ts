import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateArima } from './estimate.js';
import { predictArima, simulateArima } from './predict.js';
import { createRng } from '../../core/random.js';
import { isForesightError } from '../../core/errors.js';

// Real data: R's LakeHuron (1875-1972), annual lake level in feet; the classic AR(2) + linear trend example.
const LAKE_HURON = [
  580.38, 581.86, 580.97, 580.8, 579.79, 580.39, 580.42, 580.82, 581.4, 581.32, 581.44, 581.68, 581.17, 580.53, 580.01,
  579.91, 579.14, 579.16, 579.55, 579.67, 578.44, 578.24, 579.1, 579.09, 579.35, 578.82, 579.32, 579.01, 579, 579.8,
  579.83, 579.72, 579.89, 580.01, 579.37, 578.69, 578.19, 578.67, 579.55, 578.92, 578.09, 579.37, 580.13, 580.14,
  579.51, 579.24, 578.66, 578.86, 578.05, 577.79, 576.75, 576.75, 577.82, 578.64, 580.58, 579.48, 577.38, 576.9, 576.94,
  576.24, 576.84, 576.85, 576.9, 577.79, 578.18, 577.51, 577.23, 578.42, 579.61, 579.05, 579.26, 579.22, 579.38, 579.1,
  577.95, 578.12, 579.75, 580.85, 580.41, 579.96, 579.61, 578.76, 578.18, 577.21, 577.13, 579.1, 578.25, 577.91, 576.89,
  575.96, 576.8, 577.68, 578.38, 578.52, 579.74, 579.31, 579.89, 579.96,
];

test('simulated paths agree with the analytic mean and standard error (airline-type model)', () => {
  const y = Float64Array.from(LAKE_HURON);
  const fit = estimateArima(y, { p: 1, d: 1, q: 1, P: 0, D: 0, Q: 0, m: 1 }, { hessian: false });
  const h = 6;
  const { mean, se } = predictArima(fit, h);
  const paths = simulateArima(fit, h, 4000, createRng(7));
  for (let t = 0; t < h; t++) {
    let s = 0;
    let s2 = 0;
    for (const p of paths) {
      s += p[t];
      s2 += p[t] * p[t];
    }
    const m = s / paths.length;
    const sd = Math.sqrt(s2 / paths.length - m * m);
    // Monte Carlo error with 4000 paths: mean within 4 standard errors, sd within 6%
    assert.ok(Math.abs(m - mean[t]) < (4 * se[t]) / Math.sqrt(paths.length), `mean[${t}] ${m} vs ${mean[t]}`);
    assert.ok(Math.abs(sd / se[t] - 1) < 0.06, `sd[${t}] ${sd} vs ${se[t]}`);
  }
  // standard errors grow with the horizon for an integrated model
  for (let t = 1; t < h; t++) assert.ok(se[t] > se[t - 1]);
});

test('regressor futures: missing or short values are a clear invalid_input naming the column', () => {
  const y = Float64Array.from(LAKE_HURON);
  const time = Float64Array.from(y, (_, t) => t - 45);
  const fit = estimateArima(y, { p: 2, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 }, { xreg: { time }, hessian: false });
  assert.throws(
    () => predictArima(fit, 3),
    (e) => isForesightError(e, 'invalid_input') && /"time"/.test(e.message),
  );
  assert.throws(
    () => predictArima(fit, 3, { time: Float64Array.of(1) }),
    (e) => isForesightError(e, 'invalid_input') && /"time"/.test(e.message),
  );
  const ok = predictArima(fit, 3, { time: Float64Array.of(53, 54, 55) });
  assert.equal(ok.mean.length, 3);
  assert.throws(
    () => predictArima(fit, 0, { time: Float64Array.of(1) }),
    (e) => isForesightError(e, 'invalid_argument'),
  );
});
