import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { estimateArima, type ArimaOrder } from './estimate.js';
import { forecastVariance, predictArima } from './predict.js';
import { isForesightError } from '../../core/errors.js';

// Fixtures: test/fixtures/arima/make-fixtures.R (R 4.x, forecast 8.20 Arima + forecast) on real series.
interface Case {
  name: string;
  y: number[];
  m: number;
  order: number[];
  seasonal: number[];
  includeMean: boolean;
  drift: boolean;
  xreg?: number[] | Record<string, never>;
  xfuture?: number[] | Record<string, never>;
  error?: string;
  coef: number[];
  coefNames: string[] | Record<string, never>;
  se: number[];
  loglik: number;
  aicc: number;
  sigma2: number;
  h: number;
  forecastMean: number[];
  forecastSe: number[];
}
// R's toJSON unboxes length-1 vectors: put them back in arrays.
const asArray = (v: unknown): number[] => (Array.isArray(v) ? v : typeof v === 'number' ? [v] : []);
const CASES: Case[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/arima/fixed-order.json', import.meta.url), 'utf8'),
).map((c: Case) => ({
  ...c,
  coef: asArray(c.coef),
  se: asArray(c.se),
  forecastMean: asArray(c.forecastMean),
  forecastSe: asArray(c.forecastSe),
}));

// Same algorithm and optimizer, so non-seasonally-differenced fits agree to optimizer rounding. With seasonal
// differencing R's diffuse prior (kappa = 1e6) only approximates the exact likelihood of the differenced series
// that Foresight computes, which moves the optimum slightly: hence the looser seasonal tolerances.
const COEF_TOL = 1e-4; // absolute, on max(1, |coef|); CSS starts use an exact gradient where R differences numerically
const COEF_TOL_SEASONAL_DIFF = 2e-4;
const SE_REL_TOL = 1e-3;
const SE_FRACTION = 0.01;
const LOGLIK_TOL = 1e-4;
const LOGLIK_TOL_SEASONAL_DIFF = 0.01; // R's own approximation error from kappa = 1e6 is of this size
const MEAN_REL_TOL = 1e-5;
const FORECAST_SE_REL_TOL = 2e-3; // seasonal: R's sigma2 includes tiny residuals of the diffuse start

function orderOf(c: Case): ArimaOrder {
  return { p: c.order[0], d: c.order[1], q: c.order[2], P: c.seasonal[0], D: c.seasonal[1], Q: c.seasonal[2], m: c.m };
}
function fitCase(c: Case) {
  const xreg = Array.isArray(c.xreg) ? { xreg: Float64Array.from(c.xreg) } : undefined;
  return estimateArima(Float64Array.from(c.y), orderOf(c), { includeMean: c.includeMean, includeDrift: c.drift, xreg });
}

for (const c of CASES.filter((k) => !k.error)) {
  test(`fixed-order fit matches R Arima: ${c.name}`, () => {
    const fit = fitCase(c);
    const seasonalDiff = c.seasonal[1] > 0;
    const coefTol = seasonalDiff ? COEF_TOL_SEASONAL_DIFF : COEF_TOL;
    assert.equal(fit.coef.length, c.coef.length);
    c.coef.forEach((v, i) => {
      // within coefTol (absolute on max(1, |coef|)) or within 1% of R's standard error, whichever is looser:
      // on flat likelihoods (a drift with se 4.8) the optimizers stop at different points of the same plateau
      const tol = Math.max(coefTol * Math.max(1, Math.abs(v)), SE_FRACTION * c.se[i]);
      assert.ok(Math.abs(fit.coef[i] - v) <= tol, `${fit.names[i]} ${fit.coef[i]} vs R ${v}`);
      assert.ok(Math.abs(fit.se[i] / c.se[i] - 1) <= SE_REL_TOL, `se ${fit.names[i]} ${fit.se[i]} vs R ${c.se[i]}`);
    });
    const llTol = seasonalDiff ? LOGLIK_TOL_SEASONAL_DIFF : LOGLIK_TOL;
    assert.ok(Math.abs(fit.loglik - c.loglik) <= llTol, `loglik ${fit.loglik} vs R ${c.loglik}`);
    const npar = fit.coef.length + 1;
    const aicc = fit.aic + (2 * npar * (npar + 1)) / (fit.nUsed - npar - 1);
    assert.ok(Math.abs(aicc - c.aicc) <= 2 * llTol, `aicc ${aicc} vs R ${c.aicc}`);

    const future = Array.isArray(c.xfuture) ? { xreg: Float64Array.from(c.xfuture) } : undefined;
    const fc = predictArima(fit, c.h, future);
    for (let t = 0; t < c.h; t++) {
      assert.ok(
        Math.abs(fc.mean[t] / c.forecastMean[t] - 1) <= MEAN_REL_TOL,
        `mean[${t}] ${fc.mean[t]} vs R ${c.forecastMean[t]}`,
      );
      assert.ok(
        Math.abs(fc.se[t] / c.forecastSe[t] - 1) <= FORECAST_SE_REL_TOL,
        `se[${t}] ${fc.se[t]} vs R ${c.forecastSe[t]}`,
      );
    }
    assert.ok(Math.abs(forecastVariance(fit) / c.sigma2 - 1) <= FORECAST_SE_REL_TOL * 2);
  });
}

test('R stops with "non-stationary AR part from CSS": so does the kernel, with not_converged', () => {
  const c = CASES.find((k) => k.error)!;
  assert.match(c.error!, /non-stationary AR part from CSS/);
  assert.throws(
    () => fitCase(c),
    (e) => isForesightError(e, 'not_converged') && /non-stationary AR/.test(e.message),
  );
});

test('ML from zero start fits the case CSS-ML rejects, with a stationary AR part', () => {
  const c = CASES.find((k) => k.error)!;
  const fit = estimateArima(Float64Array.from(c.y), orderOf(c), { method: 'ML', hessian: false });
  assert.ok(Number.isFinite(fit.loglik));
  // stationarity through the PACF transform: |partial autocorrelations| < 1 is implied by finite likelihood
  assert.ok(fit.coef.every(Number.isFinite));
});

test('bad orders and too little data throw named errors', () => {
  const y = Float64Array.from({ length: 10 }, (_, i) => Math.sin(i));
  assert.throws(
    () => estimateArima(y, { p: -1, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 }),
    (e) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(
    () => estimateArima(y, { p: 0, d: 0, q: 0, P: 1, D: 0, Q: 0, m: 1 }),
    (e) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(
    () => estimateArima(y, { p: 0, d: 0, q: 0, P: 0, D: 1, Q: 0, m: 12 }),
    (e) => isForesightError(e, 'too_short'),
  );
  assert.throws(
    () => estimateArima(y, { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 }, { xreg: { price: new Float64Array(3) } }),
    (e) => isForesightError(e, 'invalid_input') && /price/.test(e.message),
  );
});

test('CSS method gives R-like CSS estimates (lh AR(1): conditional least squares)', () => {
  const c = CASES[0];
  const fit = estimateArima(Float64Array.from(c.y), orderOf(c), { method: 'CSS' });
  // conditional least squares of y_t on y_{t-1}: check the normal equations hold at the estimate
  const [phi, mu] = fit.coef;
  let g1 = 0;
  let g2 = 0;
  for (let t = 1; t < c.y.length; t++) {
    const e = c.y[t] - mu - phi * (c.y[t - 1] - mu);
    g1 += e * (c.y[t - 1] - mu);
    g2 += e;
  }
  assert.ok(Math.abs(g1) < 1e-3 && Math.abs(g2) < 1e-3, `normal equations ${g1} ${g2}`);
  assert.ok(Number.isNaN(fit.aic));
});
