import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { etsReport, fitEts, forecastEts, type EtsCriterion } from './ets.js';
import { isForesightError } from '../../core/errors.js';

// R forecast 8.20 `ets(y, model, damped, opt.crit)` + `forecast(fit, h = 12, level = c(80, 95))` on M4 series,
// made by test/fixtures/ets/make-fixtures.R. Same recursions, same Nelder–Mead path: the optimum agrees with
// R's to rounding, so the tolerances are tight (relative 1e-7 on parameters, 1e-9 on log-likelihood).
const PARAM_TOL = 1e-7;
const LOGLIK_REL_TOL = 1e-9;
const FORECAST_REL_TOL = 1e-8;

interface Case {
  name: string;
  m: number;
  y: number[];
  model: string;
  damped: boolean | null;
  optCrit: EtsCriterion;
  bounds: 'both' | 'usual' | 'admissible';
  par: Record<string, number>;
  initstate: number[];
  loglik: number;
  aicc: number;
  sigma2: number;
  mean: number[];
  lower80: number[];
  upper95: number[];
}

const cases: Case[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/ets/ets-reference.json', import.meta.url), 'utf8'),
).filter((c: Case) => c.model !== 'ZZZ');

const close = (a: number, b: number, rel: number): boolean => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

for (const c of cases) {
  test(`fitEts matches R ets: ${c.name}`, () => {
    const fit = fitEts(Float64Array.from(c.y), {
      error: c.model[0] as 'A' | 'M',
      trend: c.model[1] as 'N' | 'A',
      damped: c.damped === true,
      season: c.model[2] as 'N' | 'A' | 'M',
      seasonLength: c.m,
      optCrit: c.optCrit,
      bounds: c.bounds,
    });
    if (c.bounds === 'admissible') {
      // Only the admissible region bounds the search here, and near its edge R decides with numerically found
      // polynomial roots (cpolyroot) while we use the exact Schur–Cohn test, so the Nelder–Mead paths part.
      // We require a likelihood at least as good as R's, not R's point.
      assert.ok(fit.loglik! >= c.loglik - 1e-6, `loglik ${fit.loglik} vs R ${c.loglik}`);
      return;
    }
    for (const name of ['alpha', 'beta', 'gamma', 'phi']) {
      if (c.par[name] === undefined) {
        assert.equal(fit.params[name], undefined, name);
        continue;
      }
      assert.ok(
        Math.abs(fit.params[name] - c.par[name]) < PARAM_TOL,
        `${name}: ${fit.params[name]} vs R ${c.par[name]}`,
      );
    }
    const init = (fit.details as { initialStates: number[] }).initialStates;
    ([] as number[])
      .concat(c.initstate)
      .forEach((v, i) => assert.ok(close(init[i], v, 1e-6), `initial state ${i}: ${init[i]} vs R ${v}`));
    assert.ok(close(fit.loglik!, c.loglik, LOGLIK_REL_TOL), `loglik ${fit.loglik} vs R ${c.loglik}`);
    assert.ok(close(fit.aicc!, c.aicc, LOGLIK_REL_TOL), `aicc ${fit.aicc} vs R ${c.aicc}`);
    assert.ok(close(fit.sigma2, c.sigma2, 1e-7), `sigma2 ${fit.sigma2} vs R ${c.sigma2}`);
    const fc = forecastEts(fit, 12, [80, 95]);
    for (let i = 0; i < 12; i++) {
      assert.ok(close(fc.mean[i], c.mean[i], FORECAST_REL_TOL), `mean[${i}] ${fc.mean[i]} vs R ${c.mean[i]}`);
      assert.ok(
        close(fc.lower[0][i], c.lower80[i], FORECAST_REL_TOL),
        `lower80[${i}] ${fc.lower[0][i]} vs R ${c.lower80[i]}`,
      );
      assert.ok(
        close(fc.upper[1][i], c.upper95[i], FORECAST_REL_TOL),
        `upper95[${i}] ${fc.upper[1][i]} vs R ${c.upper95[i]}`,
      );
    }
  });
}

test('fitEts fixed alpha is honoured and not counted as free', () => {
  const y = Float64Array.from(cases[0].y.slice(0, 200));
  const fit = fitEts(y, { error: 'A', trend: 'N', damped: false, season: 'N', seasonLength: 1, alpha: 0.3 });
  assert.equal(fit.params.alpha, 0.3);
  // free: l0 only, + 1 for sigma: aic = -2 loglik + 2 * 2
  assert.ok(Math.abs(fit.aic! - (-2 * fit.loglik! + 4)) < 1e-9);
});

test('fitEts rejects forbidden forms and inappropriate data', () => {
  const y = Float64Array.from({ length: 60 }, (_, t) => 10 + Math.sin(t));
  const base = { trend: 'N' as const, damped: false, seasonLength: 12 };
  assert.throws(
    () => fitEts(y, { ...base, error: 'A', season: 'M' }),
    (e) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(
    () => fitEts(y, { ...base, error: 'A', season: 'N', damped: true }),
    (e) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(
    () => fitEts(y, { ...base, error: 'A', season: 'A', seasonLength: 52 }),
    (e) => isForesightError(e, 'invalid_argument'),
  );
  const withZero = Float64Array.from(y, (v, t) => (t === 5 ? 0 : v));
  assert.throws(
    () => fitEts(withZero, { ...base, error: 'M', season: 'N' }),
    (e) => isForesightError(e, 'invalid_input'),
  );
  assert.throws(
    () => fitEts(y.subarray(0, 6), { ...base, error: 'A', season: 'N' }),
    (e) => isForesightError(e, 'too_short'),
  );
  assert.throws(
    () => fitEts(Float64Array.of(1, NaN, 3, 4, 5, 6, 7, 8), { ...base, error: 'A', season: 'N' }),
    (e) => isForesightError(e, 'invalid_input'),
  );
});

test('Fit survives a JSON round trip and forecasts identically', () => {
  const fit = fitEts(Float64Array.from(cases[0].y.slice(0, 300)), {
    error: 'A',
    trend: 'A',
    damped: true,
    season: 'N',
    seasonLength: 1,
  });
  const copy = JSON.parse(JSON.stringify(fit));
  assert.deepEqual(Array.from(forecastEts(copy, 5, [90]).upper[0]), Array.from(forecastEts(fit, 5, [90]).upper[0]));
  assert.equal(fit.model, 'ets:AAdN');
});

test('etsReport names the initial states and carries loglik and AICc', () => {
  const c = cases.find((k) => k.model === 'MAM')!;
  const fit = fitEts(Float64Array.from(c.y), { error: 'M', trend: 'A', damped: false, season: 'M', seasonLength: c.m });
  const report = etsReport(fit) as {
    form: string;
    initialStates: Record<string, number>;
    loglik: number;
    aicc: number;
  };
  assert.equal(report.form, 'MAM');
  assert.deepEqual(Object.keys(report.initialStates).slice(0, 3), ['l', 'b', 's0']);
  assert.equal(Object.keys(report.initialStates).length, 2 + 24);
  assert.ok(Math.abs(report.initialStates.l - c.par.l) < 1e-6 * Math.abs(c.par.l));
  assert.equal(report.loglik, fit.loglik);
  assert.equal(report.aicc, fit.aicc);
});
