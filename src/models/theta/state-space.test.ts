import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GROE_THETAS,
  fitThetaStateSpace,
  groeTheta,
  thetaStateSpaceForecast,
  thetaStateSpacePass,
} from './state-space.js';
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
  const f = thetaStateSpaceForecast(
    { level: 10, meanY: 5, a: 3, b: 2 },
    200,
    { initialLevel: 0, alpha: 0.4, theta: 3 },
    false,
    4,
  );
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
    const start = thetaStateSpacePass(
      SERIES,
      { initialLevel: SERIES[0] / 2, alpha: 0.5, theta: 2 },
      variant[0] === 'd',
    );
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

test('static h-step forecasts equal the closed form ℓ_n + (1-1/θ)[(1-α)^n A + (h - 1 + (1-(1-α)^{n+1})/α) B]', () => {
  // n = 3 and α = 0.3 keep (1-α)^n far from 0, so a wrong exponent (n+h-1, or n+h in the B term) would show.
  const states = { level: 7, meanY: 6, a: 4, b: 1.5 };
  const p = { initialLevel: 0, alpha: 0.3, theta: 3 };
  const f = thetaStateSpaceForecast(states, 3, p, false, 5);
  const w = 1 - 1 / 3;
  for (let h = 1; h <= 5; h++) {
    const closed = 7 + w * (0.7 ** 3 * 4 + (h - 1 + (1 - 0.7 ** 4) / 0.3) * 1.5);
    assert.ok(Math.abs(f[h - 1] - closed) < 1e-12, `h = ${h}: ${f[h - 1]} vs ${closed}`);
  }
  // h = 1 by hand: 7 + (2/3)(0.343·4 + (1 - 0.2401)/0.3·1.5) = 7 + (2/3)(1.372 + 3.7995) = 7 + (2/3)·5.1715
  assert.ok(Math.abs(f[0] - (7 + (2 / 3) * 5.1715)) < 1e-12);
});

test('a fixed θ is kept and only (ℓ0, α) are estimated', () => {
  const fit = fitThetaStateSpace(SERIES, 'otm', 3.5);
  assert.equal(fit.parameters.theta, 3.5);
  const free = fitThetaStateSpace(SERIES, 'otm');
  assert.ok(free.mse <= fit.mse + 1e-9, 'estimating θ too cannot fit worse in-sample');
  assert.throws(() => fitThetaStateSpace(SERIES, 'otm', 0.5), /fixed theta 0.5 is below 1/);
});

test("groeTheta: origins of set-ups f and c, forecTheta's n1 >= 4, θ = 2 without any origin", () => {
  const y = Float64Array.from({ length: 60 }, (_, t) => 50 + t + Math.sin(t));
  assert.deepEqual(groeTheta(y, 6).origins, [48, 51, 54, 57]); // f: n - 2h, step h/2, 4 origins
  assert.deepEqual(groeTheta(y, 6, 'c').origins, [54, 56, 58]); // c: n - h, step h/3, 3 origins
  assert.deepEqual(groeTheta(y, 7, 'e').origins, [46, 53]); // e: n - 2h, step h, 2 origins
  assert.deepEqual(groeTheta(y.subarray(0, 9), 6).origins, [4, 7]); // n - 2h < 4: start at 4, stop before n
  const none = groeTheta(y.subarray(0, 4), 6);
  assert.deepEqual(none, { theta: 2, losses: [], origins: [] });
  assert.throws(() => groeTheta(y, 0), /horizon 0/);
  assert.throws(() => groeTheta(y, 6, 'z' as never), /set-up "z"/);
});

test('groeTheta picks the full trend when it continues and pure SES when it stops', () => {
  const noise = (t: number) => 2 * Math.sin(1.3 * t) + 1.5 * Math.cos(2.9 * t);
  const trending = Float64Array.from({ length: 80 }, (_, t) => 100 + 1.5 * t + noise(t));
  const upward = groeTheta(trending, 8);
  assert.equal(upward.theta, 5);
  assert.equal(upward.losses.length, GROE_THETAS.length);
  // losses fall as θ (the weight on the whole-sample slope) rises
  assert.ok(upward.losses[0] > upward.losses[2] && upward.losses[2] > upward.losses[8]);
  // the trend stops 30 points before the end: every held-out forecast that extrapolates it is too high
  const stopped = Float64Array.from({ length: 80 }, (_, t) => 100 + 1.5 * Math.min(t, 50) + noise(t));
  assert.equal(groeTheta(stopped, 8).theta, 1);
});
