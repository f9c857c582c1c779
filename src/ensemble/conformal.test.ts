import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalCdf } from '../core/stats/normal.js';
import { calibratedMultiplier, mixtureQuantile, scoreScale, SCALE_DRIFT_PRIOR } from './conformal.js';
import { impliedSe } from '../models/intervals.js';

test('mixture quantile: the normal quantile without drift, and reference values of |Z u| with drift', () => {
  assert.ok(Math.abs(mixtureQuantile(95, 0) - 1.959963984540054) < 1e-12);
  assert.ok(Math.abs(mixtureQuantile(80, 0) - 1.2815515655446004) < 1e-12);
  // references from an independent computation (Python, math.erf, 8001-point grid over ±8 sd, bisection)
  const reference: [number, number, number][] = [
    [80, 0.1, 1.201731],
    [95, 0.1, 2.023911],
    [80, 0.3, 1.061569],
    [95, 0.3, 2.059405],
  ];
  for (const [level, sigma2, q] of reference) {
    assert.ok(
      Math.abs(mixtureQuantile(level, sigma2) - q) < 1e-4,
      `${level}% at ${sigma2}: ${mixtureQuantile(level, sigma2)} vs ${q}`,
    );
  }
});

test('mixture quantile: equal to the bisection on the same grid over levels and drifts (Newton only speeds it)', () => {
  // the rule before Newton's method: 60 bisection steps on the 241-point coverage
  const bisection = (level: number, sigma2: number): number => {
    const sigma = Math.sqrt(sigma2);
    const coverage = (q: number): number => {
      let total = 0,
        norm = 0;
      for (let k = -120; k <= 120; k++) {
        const v = k / 20;
        const w = Math.exp(-0.5 * v * v);
        total += w * (2 * normalCdf(q * Math.exp(sigma2 - sigma * v)) - 1);
        norm += w;
      }
      return total / norm;
    };
    let lo = 0,
      hi = 1;
    while (coverage(hi) < level / 100) hi *= 2;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (coverage(mid) < level / 100) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  for (const level of [50, 80, 90, 95, 99, 99.9])
    for (const sigma2 of [1e-6, 0.001, 0.02, 0.1, 0.3, 0.7, 1.5, 2]) {
      const want = bisection(level, sigma2);
      const got = mixtureQuantile(level, sigma2);
      assert.ok(Math.abs(got - want) <= 1e-12 * want, `${level}% at ${sigma2}: ${got} vs ${want}`);
    }
});

test('score scale: c from all scores with 10 pseudo-scores at 1; drift from how much the windows disagree', () => {
  const agree = scoreScale([
    [1, 1],
    [1, 1],
  ]);
  assert.equal(agree.scale, 1);
  assert.equal(agree.windows, 2);
  // no disagreement: the prior (0.02, weight half a window) shrunk with one degree of freedom, times 1 + 1/2
  const { variance, windows: weight } = SCALE_DRIFT_PRIOR;
  assert.ok(Math.abs(agree.logVariance - ((weight * variance) / (1 + weight)) * 1.5) < 1e-15);
  // windows at rms 2 and 0.5: log ratio ln 4, sample variance (ln 4)^2 / 2
  const apart = scoreScale([
    [2, 2],
    [0.5, 0.5],
  ]);
  const between = Math.log(4) ** 2 / 2;
  assert.ok(Math.abs(apart.logVariance - ((between + weight * variance) / (1 + weight)) * 1.5) < 1e-12);
  assert.ok(Math.abs(apart.scale - Math.sqrt((8 + 0.5 + 10) / 14)) < 1e-15);
  // nothing to go on: c = 1 and the prior alone (W counted as 1)
  assert.deepEqual(scoreScale([]), { scale: 1, logVariance: 2 * variance, windows: 0 });
  // non-finite scores and empty windows are left out
  assert.deepEqual(scoreScale([[1, NaN, 1], [], [1, 1]]), agree);
});

test('calibrated multiplier: larger scores widen; disagreeing windows widen 95% and narrow 80% at equal rms', () => {
  const wide = calibratedMultiplier([new Array(20).fill(2), new Array(20).fill(2)], 95);
  const narrow = calibratedMultiplier([new Array(20).fill(0.5), new Array(20).fill(0.5)], 95);
  // c = sqrt((sum s^2 + 10) / (n + 10)) times the quantile at the (prior-only) drift of agreeing windows
  const q = mixtureQuantile(95, 0.01);
  assert.ok(
    Math.abs(wide - Math.sqrt(170 / 50) * q) < 1e-12 && Math.abs(narrow - Math.sqrt(20 / 50) * q) < 1e-12,
    `${wide} vs ${narrow}`,
  );
  const even = [new Array(20).fill(1), new Array(20).fill(1)];
  const uneven = [new Array(20).fill(Math.sqrt(1.8)), new Array(20).fill(Math.sqrt(0.2))];
  assert.ok(calibratedMultiplier(uneven, 95) > calibratedMultiplier(even, 95));
  assert.ok(calibratedMultiplier(uneven, 80) < calibratedMultiplier(even, 80));
  // the pseudo-scores keep a single huge score from exploding the interval
  assert.ok(calibratedMultiplier([[50]], 95) < 0.4 * 50 * 1.96);
});

test('implied standard error of a normal interval', () => {
  assert.ok(Math.abs(impliedSe(-1.959963984540054, 1.959963984540054, 95) - 1) < 1e-12);
});

test('pooled calibration by step: normal scores give the normal quantiles, growing scores a growing scale', async () => {
  const { pooledCalibration } = await import('./conformal.js');
  const { normalQuantile } = await import('../core/stats/normal.js');
  const n = 2000;
  // |Z| at evenly spaced probabilities: the 95% quantile is 1.96, the 80% 1.28 (ratio of the normal: no drift)
  const absZ = Array.from({ length: n }, (_, i) => normalQuantile(0.5 + (i + 0.5) / (2 * n)));
  const flat = absZ.map((z) => [[z, z, z, z, z]]);
  const c = pooledCalibration(flat)!;
  assert.equal(c.scale.length, 5);
  assert.ok(c.logVariance < 1e-3, `drift ${c.logVariance}`);
  for (const s of c.scale) assert.ok(Math.abs(s - 1) < 0.01, `scale ${s}`);
  // errors twice as large at every later step: the scale grows with the step
  const growing = absZ.map((z) => [[z, 2 * z, 4 * z, 8 * z, 16 * z]]);
  const g = pooledCalibration(growing)!;
  for (let t = 1; t < 5; t++)
    assert.ok(g.scale[t] > 1.5 * g.scale[t - 1], `step ${t + 1}: ${g.scale[t]} vs ${g.scale[t - 1]}`);
  // too few scores at the first step: no pooled calibration; too few later: the last step with enough
  assert.equal(pooledCalibration([[[1, 2]]]), null);
  const short = absZ.map((z, i) => [i < 10 ? [z, z, z, z] : [z]]);
  const s = pooledCalibration(short)!;
  assert.equal(s.scale[3], s.scale[1]);
});

test('pooled calibration weighs the newer windows more: each window back by WINDOW_RECENCY', async () => {
  const { pooledCalibration, WINDOW_RECENCY } = await import('./conformal.js');
  const { normalQuantile } = await import('../core/stats/normal.js');
  assert.equal(WINDOW_RECENCY, 0.5);
  const n = 2000;
  const absZ = Array.from({ length: n }, (_, i) => normalQuantile(0.5 + (i + 0.5) / (2 * n)));
  // the 80% and 95% quantiles that a calibration puts on the scores of its (single) step
  const quantiles = (c: { scale: number[]; logVariance: number }) =>
    [80, 95].map((level) => c.scale[0] * mixtureQuantile(level, c.logVariance));
  // every series' older window scored twice its newer one: errors have been falling
  const falling = absZ.map((z) => [[2 * z], [z]]);
  const [alike, half, newest] = [1, 0.5, 0].map((r) => quantiles(pooledCalibration(falling, 50, 'series', r)!));
  for (const i of [0, 1]) {
    assert.ok(newest[i] < half[i] && half[i] < alike[i], `level ${i}: ${newest[i]} ${half[i]} ${alike[i]}`);
  }
  // the newest window alone: the normal quantiles of its scores
  assert.ok(Math.abs(newest[0] - 1.2816) < 0.01 && Math.abs(newest[1] - 1.96) < 0.01, `${newest}`);
  // the default is WINDOW_RECENCY
  assert.deepEqual(quantiles(pooledCalibration(falling)!), half);
  // windows that agree: the weights change nothing
  const same = absZ.map((z) => [[z], [z], [z]]);
  assert.deepEqual(pooledCalibration(same, 50, 'series', 1), pooledCalibration(same, 50, 'series', 0.5));
});

test('pooled calibration of signed scores: the scale of their magnitudes, and their median by step', async () => {
  const { pooledCalibration } = await import('./conformal.js');
  // 300 series, one window of two steps: errors centred at +0.5 at the first step and at -1 at the second
  const sets = Array.from({ length: 300 }, (_, i) => {
    const u = (i + 0.5) / 300 - 0.5; // evenly spread in (-0.5, 0.5)
    return [[0.5 + 2 * u, -1 + 4 * u]];
  });
  const magnitudes = sets.map((windows) => windows.map((w) => w.map(Math.abs)));
  const signed = pooledCalibration(sets, 50, 'series', 0.5, true)!;
  const plain = pooledCalibration(magnitudes)!;
  assert.deepEqual(signed.scale, plain.scale);
  assert.equal(signed.logVariance, plain.logVariance);
  assert.equal(plain.centre, undefined);
  assert.ok(Math.abs(signed.centre![0] - 0.5) < 0.01, `step 1: ${signed.centre![0]}`);
  assert.ok(Math.abs(signed.centre![1] + 1) < 0.02, `step 2: ${signed.centre![1]}`);
});

test('score scale: the drift variance stops at MAX_LOG_VARIANCE, so wildly disagreeing windows do not shrink the interval to 0', async () => {
  const { scoreScale, calibratedMultiplier, MAX_LOG_VARIANCE } = await import('./conformal.js');
  // one window with an outlier a million times the others' errors
  const windows = [new Array(6).fill(1e6), new Array(6).fill(1), new Array(6).fill(1)];
  assert.equal(scoreScale(windows).logVariance, MAX_LOG_VARIANCE);
  // the 95% multiplier follows the outlier window's scale (without the cap: sigma^2 about 68 and a multiplier of 8e-19)
  assert.ok(calibratedMultiplier(windows, 95) > 1, `${calibratedMultiplier(windows, 95)}`);
});
