import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../core/random.js';
import { resolveModel } from '../registry.js';
import { THETA, forecastStandardErrors } from './theta.js';
import { fitThetaStateSpace, groeTheta } from './state-space.js';

// M4 weekly W1's first 120 weeks would do as well; a fixed trending, noisy series keeps the test self-contained.
const Y = Float64Array.from({ length: 120 }, (_, t) => 200 + 0.8 * t + 12 * Math.sin(t * 1.7) + 6 * Math.cos(t * 0.9));
const SEASONAL = Float64Array.from(
  { length: 96 },
  (_, t) => (100 + t) * [0.8, 1.1, 1.3, 0.8][t % 4] + 3 * Math.sin(t * 2.3),
);

test('theta family names resolve through the registry', () => {
  assert.deepEqual(resolveModel('theta').spec, { variant: 'auto' });
  assert.deepEqual(resolveModel('theta:any').spec, { variant: 'any' });
  for (const v of ['stm', 'otm', 'dstm', 'dotm']) assert.deepEqual(resolveModel(`theta:${v}`).spec, { variant: v });
  assert.throws(() => resolveModel('theta:xyz'), /unknown variant "xyz"/);
});

test('automatic theta picks the smaller in-sample MSE among DSTM and DOTM; theta:any among all four', () => {
  const auto = THETA.fit({ y: Y, seasonLength: 1 }, THETA.parse(undefined));
  const mse = auto.details!.inSampleMse as Record<string, number>;
  assert.deepEqual(Object.keys(mse), ['dstm', 'dotm']);
  assert.equal(auto.model, mse.dstm <= mse.dotm ? 'theta:dstm' : 'theta:dotm');
  const any = THETA.fit({ y: Y, seasonLength: 1 }, THETA.parse('any'));
  const all = any.details!.inSampleMse as Record<string, number>;
  const best = Object.entries(all).reduce((a, b) => (b[1] < a[1] ? b : a));
  assert.equal(any.model, `theta:${best[0]}`);
});

test('theta:otm takes θ from the rolling-origin choice over the horizon given by withHorizon', () => {
  assert.deepEqual(THETA.withHorizon!(THETA.parse('otm'), 12), { variant: 'otm', horizon: 12 });
  assert.deepEqual(THETA.withHorizon!(THETA.parse(undefined), 12), { variant: 'auto' }); // DSTM/DOTM need no horizon
  const fit = THETA.fit({ y: Y, seasonLength: 1 }, THETA.withHorizon!(THETA.parse('otm'), 12));
  const choice = groeTheta(Y, 12);
  assert.equal(fit.params.theta, choice.theta);
  assert.match(String(fit.details!.thetaChosenBy), /set-up f, h = 12, origins 96, 102, 108, 114/);
  // without a horizon the window is 8 steps for non-seasonal data
  const plain = THETA.fit({ y: Y, seasonLength: 1 }, THETA.parse('otm'));
  assert.equal(plain.params.theta, groeTheta(Y, 8).theta);
  // set-up c as forecTheta's default, through the spec
  const c = THETA.fit({ y: Y, seasonLength: 1 }, { variant: 'otm', horizon: 12, thetaBy: 'c' });
  assert.equal(c.params.theta, groeTheta(Y, 12, 'c').theta);
  // 'mse': θ jointly with (ℓ0, α) by the in-sample objective (statsforecast's OptimizedTheta)
  const mse = THETA.fit({ y: Y, seasonLength: 1 }, { variant: 'otm', thetaBy: 'mse' });
  assert.equal(mse.params.theta, fitThetaStateSpace(Y, 'otm').parameters.theta);
  assert.equal(mse.details!.thetaChosenBy, undefined);
  assert.throws(() => THETA.fit({ y: Y, seasonLength: 1 }, { variant: 'otm', thetaBy: 'x' as never }), /set-up "x"/);
});

test('every variant: length h, finite, intervals nested and widening, JSON round trip, deterministic', () => {
  for (const variant of ['stm', 'otm', 'dstm', 'dotm']) {
    for (const series of [
      { y: Y, seasonLength: 1 },
      { y: SEASONAL, seasonLength: 4 },
    ]) {
      const fit = THETA.fit(series, THETA.parse(variant));
      const copy = JSON.parse(JSON.stringify(fit));
      const f = THETA.forecast(copy, 12, [80, 95]);
      const g = THETA.forecast(THETA.fit(series, THETA.parse(variant)), 12, [80, 95]);
      assert.deepEqual(Array.from(f.mean), Array.from(g.mean));
      for (let h = 0; h < 12; h++) {
        assert.ok(Number.isFinite(f.mean[h]));
        assert.ok(
          f.lower[1][h] < f.lower[0][h] &&
            f.lower[0][h] < f.mean[h] &&
            f.mean[h] < f.upper[0][h] &&
            f.upper[0][h] < f.upper[1][h],
        );
      }
      // widening on the adjusted scale: compare the 95% width relative to the mean
      const width = (h: number) => (f.upper[1][h] - f.lower[1][h]) / Math.abs(f.mean[h]);
      if (series.seasonLength === 1)
        for (let h = 1; h < 12; h++) assert.ok(width(h) >= width(h - 1), `${variant} width at ${h}`);
    }
  }
});

test('seasonal data are adjusted and the forecast carries the seasonal pattern', () => {
  const fit = THETA.fit({ y: SEASONAL, seasonLength: 4 }, THETA.parse('dotm'));
  assert.match(String(fit.details!.seasonalAdjustment), /multiplicative/);
  const f = THETA.forecast(fit, 8, [80]);
  // positions 96.. continue the pattern 0.8, 1.1, 1.3, 0.8
  assert.ok(f.mean[2] > f.mean[1] && f.mean[1] > f.mean[0] && f.mean[2] > f.mean[3]);
});

test('exact variance of the static model is σ² (1 + (h-1) α²); the dynamic one is wider', () => {
  const states = { level: 50, meanY: 40, a: 30, b: 0.5 };
  const p = { initialLevel: 0, alpha: 0.3, theta: 2.5 };
  const se = forecastStandardErrors(states, 60, p, false, 6, 4);
  for (let h = 0; h < 6; h++) assert.ok(Math.abs(se[h] - 2 * Math.sqrt(1 + h * 0.09)) < 1e-12);
  const dyn = forecastStandardErrors(states, 60, p, true, 6, 4);
  assert.ok(Math.abs(dyn[0] - 2) < 1e-12);
  for (let h = 1; h < 6; h++) assert.ok(dyn[h] > se[h]);
});

test('simulated paths match the analytic mean and spread', () => {
  for (const variant of ['stm', 'dotm']) {
    const fit = THETA.fit({ y: Y, seasonLength: 1 }, THETA.parse(variant));
    const f = THETA.forecast(fit, 6, [95]);
    const paths = THETA.simulate!(fit, 6, 4000, createRng(7));
    let mean = 0;
    let sq = 0;
    for (const p of paths) {
      mean += p[5];
      sq += p[5] * p[5];
    }
    mean /= paths.length;
    const sd = Math.sqrt(sq / paths.length - mean * mean);
    const analyticSd = (f.upper[0][5] - f.mean[5]) / 1.959963984540054;
    assert.ok(Math.abs(mean - f.mean[5]) < 4 * (analyticSd / Math.sqrt(paths.length)) + 1e-9, `${variant} mean`);
    assert.ok(Math.abs(sd / analyticSd - 1) < 0.05, `${variant} sd ${sd} vs ${analyticSd}`);
  }
});

test('theta rejects short and non-finite series', () => {
  assert.throws(() => THETA.fit({ y: Float64Array.of(1, 2, 3), seasonLength: 1 }, THETA.parse('otm')), /at least 4/);
  assert.throws(
    () => THETA.fit({ y: Float64Array.of(1, 2, NaN, 4, 5), seasonLength: 1 }, THETA.parse(undefined)),
    /y\[2\] is NaN/,
  );
});
