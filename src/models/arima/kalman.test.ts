import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armaAutocovariance, armaKalman, armaKalmanSums, kalmanWorkspace, stationaryCovariance } from './kalman.js';
import { createRng } from '../../core/random.js';
import { armaCss } from './css.js';

// References: R 4.x ARMAacf, makeARIMA(c(0.5, -0.2), 0.4, numeric())$Pn (Gardner's Q0), KalmanLike (digits 15).
const TIGHT = 1e-12;

test('autocorrelations match R ARMAacf for ARMA(2,1)', () => {
  const r = armaAutocovariance(Float64Array.of(0.5, -0.2), Float64Array.of(0.4), 3)!;
  const expected = [1, 0.59375, 0.096875, -0.0703125];
  expected.forEach((v, k) => assert.ok(Math.abs(r.gamma[k] / r.gamma[0] - v) < TIGHT, `rho(${k})`));
});

test('stationary state covariance matches R makeARIMA Pn (Gardner Q0)', () => {
  const P = stationaryCovariance(Float64Array.of(0.5, -0.2), Float64Array.of(0.4))!;
  const expected = [1.882352941176471, 0.176470588235294, 0.176470588235294, 0.235294117647059];
  expected.forEach((v, i) => assert.ok(Math.abs(P[i] - v) < 1e-12, `P[${i}] ${P[i]}`));
});

test('Kalman likelihood matches R KalmanLike', () => {
  const r = armaKalman(Float64Array.of(1, -2, 0.5, 3, 1.2), Float64Array.of(0.5, -0.2), Float64Array.of(0.4))!;
  const s2 = r.ssq / r.nu;
  assert.ok(Math.abs(s2 - 2.952574080774705) < TIGHT);
  assert.ok(Math.abs(0.5 * (Math.log(s2) + r.sumlog / r.nu) - 0.627721629693658) < TIGHT);
});

test('unit root: no stationary covariance', () => {
  assert.equal(stationaryCovariance(Float64Array.of(1), new Float64Array(0)), null);
  assert.equal(armaKalman(Float64Array.of(1, 2), Float64Array.of(1.5), new Float64Array(0)), null);
});

test('steady-state shortcut changes nothing measurable on a long MA(1) series', () => {
  const n = 3000;
  const w = Float64Array.from({ length: n }, (_, t) => Math.sin(t * 0.7) + Math.cos(t * 1.3));
  const r = armaKalman(w, new Float64Array(0), Float64Array.of(0.6))!;
  // exact innovations for MA(1) from the stationary start: F_t = 1 + theta^2 r_{t-1}-style recursion
  let ssq = 0;
  let sumlog = 0;
  let F = 1 + 0.36;
  let prevV = 0;
  let prevF = 1;
  for (let t = 0; t < n; t++) {
    if (t > 0) F = 1 + 0.36 - (0.36 * 1) / prevF;
    const v = w[t] - (t > 0 ? (0.6 / prevF) * prevV : 0);
    ssq += (v * v) / F;
    sumlog += Math.log(F);
    prevV = v;
    prevF = F;
  }
  assert.ok(Math.abs(r.ssq / ssq - 1) < 1e-9, `${r.ssq} vs ${ssq}`);
  assert.ok(Math.abs(r.sumlog - sumlog) < 1e-7); // steady state declared at 1e-11 changes; 3000 steps
});

test('CSS residuals follow the ARMA recursion from ncond', () => {
  const e = new Float64Array(4);
  const r = armaCss(Float64Array.of(1, 2, 3, 5), Float64Array.of(0.5), Float64Array.of(0.25), 1, e);
  // e1 = 2 - 0.5, e2 = 3 - 1 - 0.25*1.5, e3 = 5 - 1.5 - 0.25*e2
  const e2 = 3 - 1 - 0.375;
  const e3 = 5 - 1.5 - 0.25 * e2;
  assert.deepEqual(Array.from(e), [0, 1.5, e2, e3]);
  assert.equal(r.nu, 3);
  assert.ok(Math.abs(r.ssq - (1.5 ** 2 + e2 ** 2 + e3 ** 2)) < TIGHT);
});

test('CSS of white noise (no AR or MA terms, ncond 0) is the plain sum of squares', () => {
  assert.deepEqual(armaCss(Float64Array.of(1, 2, 3), new Float64Array(0), new Float64Array(0), 0), { ssq: 14, nu: 3 });
});

test('pure MA models: the shift-only recursion gives the same sums as the general one (phi = [0])', () => {
  // The general recursion with a zero AR coefficient multiplies and adds only zeros; the pure MA path skips them.
  const rng = createRng(18);
  for (let trial = 0; trial < 300; trial++) {
    const seasonal = trial % 2 === 0;
    const q = seasonal ? 13 + (trial % 3 === 0 ? 12 : 0) : 1 + (trial % 4);
    const theta = new Float64Array(q);
    // non-invertible coefficients too (|theta| up to 1.5): the optimizer visits them
    if (seasonal) {
      theta[0] = 3 * rng.uniform() - 1.5;
      theta[11] = 3 * rng.uniform() - 1.5;
      theta[12] = theta[0] * theta[11];
      if (q > 13) theta[23] = 2 * rng.uniform() - 1;
    } else {
      for (let j = 0; j < q; j++) theta[j] = 3 * rng.uniform() - 1.5;
    }
    const n = 30 + Math.floor(rng.uniform() * 120);
    const w = Float64Array.from({ length: n }, () => 10 * (rng.uniform() - 0.5));
    const residuals = new Float64Array(n);
    const pure = armaKalmanSums(w, new Float64Array(0), theta, kalmanWorkspace(0, q), residuals)!;
    const generalResiduals = new Float64Array(n);
    const general = armaKalmanSums(w, Float64Array.of(0), theta, kalmanWorkspace(1, q), generalResiduals)!;
    assert.ok(Object.is(pure.ssq, general.ssq), `trial ${trial}: ssq ${pure.ssq} vs ${general.ssq}`);
    assert.ok(Object.is(pure.sumlog, general.sumlog), `trial ${trial}: sumlog ${pure.sumlog} vs ${general.sumlog}`);
    assert.deepEqual(residuals, generalResiduals);
  }
});
