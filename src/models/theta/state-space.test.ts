import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitThetaStateSpace, thetaStateSpaceForecast, thetaStateSpacePass } from './state-space.js';
import { leastSquaresSlope } from './standard.js';

const SERIES = Float64Array.of(12, 15, 14, 18, 17, 21, 19, 24, 23, 26, 25, 29, 30, 28, 33, 35, 34, 38, 37, 41);

test('dynamic A_t, B_t are the least-squares line through y_1..y_t at every t', () => {
  for (const t of [2, 3, 7, 20]) {
    const prefix = SERIES.subarray(0, t);
    const { states } = thetaStateSpacePass(prefix, { initialLevel: 10, alpha: 0.3, theta: 2 }, true);
    const slope = leastSquaresSlope(prefix);
    let mean = 0;
    for (const v of prefix) mean += v;
    mean /= t;
    assert.ok(Math.abs(states.b - slope) < 1e-10, `B_${t}`);
    // intercept at time 0 with times 1..t
    assert.ok(Math.abs(states.a - (mean - ((t + 1) / 2) * slope)) < 1e-10, `A_${t}`);
    assert.ok(Math.abs(states.meanY - mean) < 1e-12);
  }
});

test('one step of the static model by hand (θ = 2, α = 0.5)', () => {
  // y = 1..5: A = 0, B = 1. Row 0: level = 0.5·1 + 0.5·ℓ0 = 0.5 (ℓ0 = 0); μ_1 = 0.5 + 0.5·(0·0.5 + 1·(1 - 0.25)/0.5) = 1.25
  const fitted = new Float64Array(5);
  thetaStateSpacePass(Float64Array.of(1, 2, 3, 4, 5), { initialLevel: 0, alpha: 0.5, theta: 2 }, false, fitted);
  assert.ok(Math.abs(fitted[0] - 0.5) < 1e-12); // μ_0 = ℓ0 + (1 - 1/θ)(A + B)
  assert.ok(Math.abs(fitted[1] - 1.25) < 1e-12);
});

test('static forecasts grow by (1 - 1/θ)·B per step once (1-α)^n has died out', () => {
  const f = thetaStateSpaceForecast({ level: 10, meanY: 5, a: 3, b: 2 }, 200, { initialLevel: 0, alpha: 0.4, theta: 3 }, false, 4);
  for (let h = 1; h < 4; h++) assert.ok(Math.abs(f[h] - f[h - 1] - (2 / 3) * 2) < 1e-9);
  // first step: ℓ + (1 - 1/θ) B / α
  assert.ok(Math.abs(f[0] - (10 + (2 / 3) * (2 / 0.4))) < 1e-9);
});

test('fitThetaStateSpace respects the bounds and beats the starting point', () => {
  for (const variant of ['otm', 'dotm', 'dstm', 'stm'] as const) {
    const fit = fitThetaStateSpace(SERIES, variant);
    assert.ok(fit.parameters.alpha >= 0.1 && fit.parameters.alpha <= 0.99, `${variant} alpha`);
    assert.ok(fit.parameters.theta >= 1, `${variant} theta`);
    if (variant === 'stm' || variant === 'dstm') assert.equal(fit.parameters.theta, 2);
    const start = thetaStateSpacePass(SERIES, { initialLevel: SERIES[0] / 2, alpha: 0.5, theta: 2 }, variant[0] === 'd');
    assert.ok(fit.mse <= start.mse, `${variant} mse ${fit.mse} vs start ${start.mse}`);
    assert.ok(fit.sigma2 > 0);
  }
  // On a clean upward trend the optimized models forecast upwards.
  const dotm = fitThetaStateSpace(SERIES, 'dotm');
  const f = thetaStateSpaceForecast(dotm.states, SERIES.length, dotm.parameters, true, 5);
  assert.ok(f[4] > f[0] && f[0] > 36);
});

test('fitThetaStateSpace needs 4 observations', () => {
  assert.throws(() => fitThetaStateSpace(Float64Array.of(1, 2, 3), 'otm'), /at least 4/);
});
