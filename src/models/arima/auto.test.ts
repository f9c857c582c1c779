import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { autoArima } from './auto.js';
import { predictArima } from './predict.js';
import { seasonalDifferences } from './seasonal-strength.js';
import { kpssDifferences } from '../../core/stats/kpss.js';
import { isForesightError } from '../../core/errors.js';

// Fixtures: test/fixtures/arima/make-fixtures.R, R forecast 8.20 auto.arima(ts(y, frequency = m)) defaults.
interface AutoCase {
  name: string;
  y: number[];
  m: number;
  arma: number[];
  aicc: number;
  ndiffs: number;
  nsdiffs: number;
  mean: number[];
}
const CASES: AutoCase[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/arima/auto.json', import.meta.url), 'utf8'),
);
// The chosen model is the same, so its AICc agrees to the fit tolerance (exact vs R's diffuse likelihood for
// seasonal differencing: 0.01; W4's optimum is slightly better here than R's, by 0.06).
const AICC_TOL = 0.1;
const MEAN_REL_TOL = 1e-3;

// Four fast cases keep the suite quick; bench/arima.ts runs all M4 series.
for (const name of ['USAccDeaths', 'lh', 'LakeHuron', 'W2', 'W8']) {
  test(`auto ARIMA chooses R's model: ${name}`, () => {
    const c = CASES.find((k) => k.name === name)!;
    const y = Float64Array.from(c.y);
    assert.equal(kpssDifferences(c.m > 1 && c.nsdiffs > 0 ? seasonalDiff(y, c.m) : y), c.arma[5], 'd');
    if (c.m > 1) assert.equal(seasonalDifferences(y, c.m), c.nsdiffs, 'D');
    const r = autoArima(y, { seasonLength: c.m });
    const o = r.fit.order;
    assert.deepEqual([o.p, o.q, o.P, o.Q, o.m, o.d, o.D], c.arma);
    assert.ok(Math.abs(r.aicc - c.aicc) < AICC_TOL, `aicc ${r.aicc} vs R ${c.aicc}`);
    const fc = predictArima(r.fit, c.mean.length);
    c.mean.forEach((v, t) =>
      assert.ok(Math.abs(fc.mean[t] / v - 1) < MEAN_REL_TOL, `mean[${t}] ${fc.mean[t]} vs R ${v}`),
    );
  });
}

function seasonalDiff(y: Float64Array, m: number): Float64Array {
  return Float64Array.from({ length: y.length - m }, (_, t) => y[t + m] - y[t]);
}

test('constant series: mean model with zero variance', () => {
  const r = autoArima(new Float64Array(20).fill(4));
  assert.deepEqual(r.fit.coef, [4]);
  assert.equal(r.sigma2, 0);
  assert.deepEqual(Array.from(predictArima(r.fit, 2, undefined, r.sigma2).mean), [4, 4]);
});

test('series with constant differences: drift model continues the line exactly', () => {
  const y = Float64Array.from({ length: 30 }, (_, t) => 3 + 2 * t);
  const r = autoArima(y);
  assert.equal(r.fit.order.d, 1);
  const fc = predictArima(r.fit, 3, undefined, r.sigma2);
  assert.deepEqual(Array.from(fc.mean), [63, 65, 67]);
});

test('long seasons are bounded: m = 168 searches no seasonal AR/MA terms', () => {
  const y = Float64Array.from(
    { length: 3 * 168 + 10 },
    (_, t) => 10 * Math.sin((2 * Math.PI * t) / 168) + Math.sin(t * 0.37) + 0.01 * t,
  );
  const r = autoArima(y, { seasonLength: 168 });
  assert.ok(r.candidates.every((c) => c.order[3] === 0 && c.order[5] === 0));
  assert.ok(r.candidates.length <= 94);
});

test('exhaustive search finds an IC at least as good as stepwise', () => {
  const c = CASES.find((k) => k.name === 'lh')!;
  const y = Float64Array.from(c.y);
  const step = autoArima(y);
  const all = autoArima(y, { stepwise: false });
  assert.ok(all.aicc <= step.aicc + 1e-9);
  assert.ok(all.candidates.length > step.candidates.length);
});

test('regressor problems are named: constant, non-finite, misaligned, collinear', () => {
  const y = Float64Array.from({ length: 40 }, (_, t) => Math.sin(t) + t * 0.1);
  const good = Float64Array.from({ length: 40 }, (_, t) => Math.cos(t * 0.3));
  const cases: [Record<string, Float64Array>, RegExp][] = [
    [{ price: new Float64Array(40).fill(2) }, /"price" is constant/],
    [{ price: Float64Array.from(good, (v, t) => (t === 5 ? NaN : v)) }, /"price" value 6/],
    [{ price: good.subarray(0, 30) }, /"price" has 30 values/],
    [{ a: good, b: Float64Array.from(good, (v) => 2 * v) }, /collinear/],
  ];
  for (const [xreg, message] of cases) {
    assert.throws(
      () => autoArima(y, { xreg }),
      (e) => isForesightError(e, 'invalid_input') && message.test(e.message),
    );
  }
});

test('approximate search without the exact refit: the choice keeps its CSS estimate and forecasts', () => {
  const y = Float64Array.from({ length: 60 }, (_, t) => 50 + 0.8 * t + 6 * Math.sin(t * 1.3) + 3 * Math.cos(t * 0.7));
  const exact = autoArima(y, { approximation: true });
  const css = autoArima(y, { approximation: true, exactRefit: false });
  assert.equal(exact.fit.method, 'CSS-ML');
  assert.equal(css.fit.method, 'CSS');
  // the search's best candidate is kept as the search fitted it (here the exact refits of the two best, with and
  // without drift, are refused, so the exact search ends on the third, an AR(1))
  const best = css.candidates.reduce((a, b) => (b.ic < a.ic ? b : a));
  const { p, d, q } = css.fit.order;
  assert.deepEqual([p, d, q], best.order.slice(0, 3));
  assert.ok(predictArima(css.fit, 6).mean.every(Number.isFinite));
});
