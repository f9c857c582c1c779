import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { THETA } from './theta.js';
import { leastSquaresSlope, standardThetaForecast } from './standard.js';

interface ThetafCase {
  id: string;
  seasonLength: number;
  horizon: number;
  y: number[];
  alpha: number;
  drift: number;
  sigma2: number;
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
  fitted: number[];
}
const CASES: ThetafCase[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/theta/thetaf.json', import.meta.url), 'utf8'),
);
/**
 * R thetaf parity: ses() is fitted by the ETS engine (Nelder–Mead as R's optim), so alpha, level and sigma²
 * agree to optimizer precision; 1e-7 relative on forecasts and bounds leaves room for R's 10-digit storage
 * and last-digit optimizer differences.
 */
const R_TOLERANCE = 1e-7;

function near(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= R_TOLERANCE * Math.max(1, Math.abs(scale));
}

for (const c of CASES) {
  test(`theta:stm matches R thetaf on M4 ${c.id} (m = ${c.seasonLength}, h = ${c.horizon})`, () => {
    const fit = THETA.fit({ y: Float64Array.from(c.y), seasonLength: c.seasonLength }, THETA.parse('stm'));
    assert.equal(fit.model, 'theta:stm');
    assert.ok(near(fit.params.alpha, c.alpha, 1), `alpha ${fit.params.alpha} vs R ${c.alpha}`);
    assert.ok(near(fit.params.drift, c.drift, c.drift), `drift ${fit.params.drift} vs R ${c.drift}`);
    assert.ok(near(fit.sigma2, c.sigma2, c.sigma2), `sigma2 ${fit.sigma2} vs R ${c.sigma2}`);
    const f = THETA.forecast(fit, c.horizon, [80, 95]);
    for (let h = 0; h < c.horizon; h++) {
      const scale = Math.abs(c.mean[h]);
      assert.ok(near(f.mean[h], c.mean[h], scale), `mean[${h}] ${f.mean[h]} vs R ${c.mean[h]}`);
      assert.ok(
        near(f.lower[0][h], c.lower80[h], scale) && near(f.upper[0][h], c.upper80[h], scale),
        `80% bounds at ${h}`,
      );
      assert.ok(
        near(f.lower[1][h], c.lower95[h], scale) && near(f.upper[1][h], c.upper95[h], scale),
        `95% bounds at ${h}`,
      );
    }
    for (let t = 0; t < c.y.length; t++) assert.ok(near(fit.fitted[t], c.fitted[t], c.fitted[t]), `fitted[${t}]`);
  });
}

test('leastSquaresSlope is the OLS slope on 0..n-1', () => {
  assert.equal(leastSquaresSlope(Float64Array.of(1, 3, 5, 7)), 2);
  assert.ok(Math.abs(leastSquaresSlope(Float64Array.of(1, 2, 1, 4)) - 0.8) < 1e-12);
  assert.equal(leastSquaresSlope(Float64Array.of(5)), 0);
});

test('standardThetaForecast: SES level plus b/2 · (h - 1 + (1 - (1-α)^n)/α), se σ sqrt(1 + (h-1) α²)', () => {
  const { mean, se } = standardThetaForecast({ alpha: 0.5, level: 10, drift: 1 }, 3, 3, 4);
  // (1 - 0.5^3) / 0.5 = 1.75
  assert.deepEqual(Array.from(mean), [11.75, 12.75, 13.75]);
  assert.deepEqual(Array.from(se), [2, 2 * Math.sqrt(1.25), 2 * Math.sqrt(1.5)]);
});
