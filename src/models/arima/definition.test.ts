import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ARIMA_MODEL, parseArimaOption } from './definition.js';
import { resolveModel } from '../registry.js';
import { createRng } from '../../core/random.js';
import { isForesightError } from '../../core/errors.js';

const FIXED = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/arima/fixed-order.json', import.meta.url), 'utf8'),
);

test('option parsing', () => {
  assert.deepEqual(parseArimaOption(undefined), {
    order: null,
    seasonal: [0, 0, 0],
    exhaustive: false,
    approximation: false,
  });
  assert.deepEqual(parseArimaOption('1,1,1'), {
    order: [1, 1, 1],
    seasonal: [0, 0, 0],
    exhaustive: false,
    approximation: false,
  });
  assert.deepEqual(parseArimaOption('0,1,1:0,1,1'), {
    order: [0, 1, 1],
    seasonal: [0, 1, 1],
    exhaustive: false,
    approximation: false,
  });
  assert.deepEqual(parseArimaOption('exhaustive'), {
    order: null,
    seasonal: [0, 0, 0],
    exhaustive: true,
    approximation: false,
  });
  assert.deepEqual(parseArimaOption('approx'), {
    order: null,
    seasonal: [0, 0, 0],
    exhaustive: false,
    approximation: true,
  });
  for (const bad of ['1,1', 'a,b,c', '1,1,1:1', '1,1,1:0,1,1:2', '-1,0,0']) {
    assert.throws(
      () => parseArimaOption(bad),
      (e) => isForesightError(e, 'invalid_argument') && e.message.includes(bad),
    );
  }
  assert.equal(resolveModel('arima:0,1,1:0,1,1').definition.name, 'arima');
});

test('explicit seasonal orders take the season from the series and match R (USAccDeaths airline model)', () => {
  const c = FIXED.find((k: { name: string }) => k.name === 'USAccDeaths airline');
  const { definition, spec } = resolveModel('arima:0,1,1:0,1,1');
  const fit = definition.fit({ y: Float64Array.from(c.y), seasonLength: 12 }, spec);
  assert.equal(fit.model, 'arima:0,1,1:0,1,1');
  assert.ok(Math.abs(fit.params.ma1 - c.coef[0]) < 2e-4 && Math.abs(fit.params.sma1 - c.coef[1]) < 2e-4);
  assert.ok(Math.abs(fit.sigma2 / c.sigma2 - 1) < 1e-3);
  const fc = definition.forecast(JSON.parse(JSON.stringify(fit)), 8, [95]);
  c.forecastMean.forEach((v: number, t: number) => assert.ok(Math.abs(fc.mean[t] / v - 1) < 1e-5));
  assert.ok(fit.details && typeof fit.details.standardErrors === 'object');
});

test('standardErrors: false skips the Hessian of a fixed order: same fit and forecasts, no standard errors', () => {
  const c = FIXED.find((k: { name: string }) => k.name === 'USAccDeaths airline');
  const { definition, spec } = resolveModel('arima:0,1,1:0,1,1');
  const series = { y: Float64Array.from(c.y), seasonLength: 12 };
  const withSe = definition.fit(series, spec);
  const without = definition.fit(series, { ...spec, standardErrors: false });
  assert.deepEqual(without.params, withSe.params);
  assert.deepEqual(definition.forecast(without, 8, [80, 95]), definition.forecast(withSe, 8, [80, 95]));
  assert.deepEqual(without.details!.standardErrors, { ma1: null, sma1: null });
  assert.ok(typeof (withSe.details!.standardErrors as Record<string, unknown>).ma1 === 'number');
});

test('documented fallback: CSS-ML fails as in R (non-stationary CSS start), ML from zero is used and recorded', () => {
  const c = FIXED.find((k: { error?: string }) => k.error);
  const fit = ARIMA_MODEL.fit({ y: Float64Array.from(c.y), seasonLength: 52 }, parseArimaOption('2,1,2'));
  assert.equal(fit.model, 'arima:2,1,2');
  assert.match(String(fit.details?.fallback), /CSS-ML: ARIMA: non-stationary AR part from CSS; fitted by ML/);
});

test('seasonal orders on a non-seasonal series are an error', () => {
  assert.throws(
    () =>
      ARIMA_MODEL.fit(
        { y: Float64Array.from({ length: 50 }, (_, t) => Math.sin(t)), seasonLength: 1 },
        parseArimaOption('0,0,0:1,0,0'),
      ),
    (e) => isForesightError(e, 'invalid_argument'),
  );
});

test('regressors: future values are required by name, paths use them', () => {
  const n = 60;
  const x = Float64Array.from({ length: n }, (_, t) => Math.sin(t / 3) * 10);
  const y = Float64Array.from({ length: n }, (_, t) => 5 + 2 * x[t] + Math.cos(t * 1.7));
  const fit = ARIMA_MODEL.fit({ y, seasonLength: 1, exog: { price: x } }, parseArimaOption('1,0,0'));
  assert.ok(Math.abs(fit.params.price - 2) < 0.05, `price coefficient ${fit.params.price}`);
  assert.throws(
    () => ARIMA_MODEL.forecast(fit, 3, [80]),
    (e) => isForesightError(e, 'invalid_input') && /"price"/.test(e.message),
  );
  const future = { exog: { price: Float64Array.of(10, 0, -10) } };
  const fc = ARIMA_MODEL.forecast(fit, 3, [80], future);
  assert.ok(fc.mean[0] > fc.mean[1] && fc.mean[1] > fc.mean[2]);
  const paths = ARIMA_MODEL.simulate!(fit, 3, 50, createRng(3), future);
  assert.equal(paths.length, 50);
  assert.ok(paths.every((p) => p.length === 3 && p.every(Number.isFinite)));
});

test('long seasons (m = 52): the automatic model searches non-seasonal orders, as the M4 reference did', () => {
  const y = Float64Array.from(
    { length: 3 * 52 },
    (_, t) => 100 + 0.2 * t + 10 * Math.sin((2 * Math.PI * t) / 52) + Math.sin(t * 1.7),
  );
  const fit = ARIMA_MODEL.fit({ y, seasonLength: 52 }, parseArimaOption(undefined));
  assert.match(String(fit.details?.longSeason), /non-seasonal search/);
  assert.ok(!fit.model.includes(':', 'arima:'.length), fit.model);
  assert.equal(ARIMA_MODEL.forecast(fit, 13, [95]).mean.length, 13);
});

test('an over-parameterized fixed order is refused with its reason, and the batch falls back to naive', async () => {
  const { runModel } = await import('../run-model.js');
  const y = Float64Array.from({ length: 24 }, (_, t) => 10 + Math.sin(t) + 0.1 * t);
  const { definition, spec } = resolveModel('arima:9,9,9');
  // 9 + 9 + 1 = 19 parameters on 24 - 9 = 15 differenced observations: nUsed - k - 1 = -5
  assert.throws(
    () => definition.fit({ y, seasonLength: 1 }, spec),
    (e) => isForesightError(e, 'too_short') && /estimates 19 parameters but only 15 observations/.test(e.message),
  );
  assert.equal(definition.minLength(spec, 1), 9 + 19 + 2);
  const run = runModel({ y, seasonLength: 1 }, resolveModel('arima:9,9,9'), 4, [80]);
  assert.equal(run.used, 'naive');
  assert.match(run.fallbackReason ?? '', /too short: 24 observations, arima:9,9,9 needs 30/);
});

test('a fixed order at the edge of identifiability: AICc is null at n - k - 1 = 0 and above AIC one point later', () => {
  // arima:2,0,0 with a mean: k = 2 + 1 + 1 = 4 parameters; nUsed - k - 1 > 0 needs 6 observations
  const y = Float64Array.of(3, 5, 4, 6, 5, 7, 6, 8);
  const { definition, spec } = resolveModel('arima:2,0,0');
  assert.throws(
    () => definition.fit({ y: y.subarray(0, 5), seasonLength: 1 }, spec),
    (e) => isForesightError(e, 'too_short'),
  );
  const fit = definition.fit({ y: y.subarray(0, 6), seasonLength: 1 }, spec);
  assert.ok(fit.aic !== null && fit.aicc !== null);
  // AICc = AIC + 2·4·5 / (6 - 4 - 1) = AIC + 40
  assert.ok(Math.abs(fit.aicc! - fit.aic! - 40) < 1e-9, `aicc ${fit.aicc} aic ${fit.aic}`);
});

test('a fixed order that fails, and the selection after it too, says why the order failed (seventh hostile sweep)', () => {
  // 1e300 values: every estimation overflows; the reason named only the automatic selection tried after the order
  const y = Float64Array.from({ length: 20 }, (_, t) => 1e300 * (1 + 0.1 * Math.sin(t)));
  const r = resolveModel('arima:1,1,1');
  assert.throws(
    () => r.definition.fit({ y, seasonLength: 1 }, r.spec),
    (e) =>
      isForesightError(e, 'not_converged') &&
      /^CSS-ML: .*; ML: .*; CSS: .*; automatic selection: auto ARIMA: no model could be estimated/.test(e.message),
  );
});
