import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { combineForecasts } from './combine.js';
import {
  MULTI_SEASON_MEMBER,
  NON_SEASONAL_MEMBER,
  memberModel,
  MEMBER_ETS_EVALUATIONS,
  memberValidation,
  parseEnsemble,
  reselects,
  seriesMembers,
} from './ensemble.js';
import { resolveModel, listModels } from './registry.js';
import { createRng } from '../core/random.js';
import type { Forecast } from '../models/types.js';
import type { ResolvedModel } from '../models/model-name.js';
import { runModel } from '../models/run-model.js';

const f = (mean: number[], lo: number[], hi: number[]): Forecast => ({
  mean: Float64Array.from(mean),
  levels: [80],
  lower: [Float64Array.from(lo)],
  upper: [Float64Array.from(hi)],
});

test('combination rules: weighted mean, median, trimmed mean, bound by bound', () => {
  const a = f([1, 2], [0, 1], [2, 3]);
  const b = f([3, 4], [2, 3], [4, 5]);
  const c = f([8, 0], [7, -1], [9, 1]);
  const d = f([2, 2], [1, 1], [3, 3]);
  assert.deepEqual(Array.from(combineForecasts([a, b], 'mean').mean), [2, 3]);
  assert.deepEqual(Array.from(combineForecasts([a, b], 'optimized', [0.25, 0.75]).lower[0]), [1.5, 2.5]);
  assert.deepEqual(Array.from(combineForecasts([a, b, c], 'median').mean), [3, 2]);
  assert.deepEqual(Array.from(combineForecasts([a, b, c, d], 'trimmed').mean), [2.5, 2]);
  assert.throws(() => combineForecasts([a, b], 'optimized'), /needs 2 weights/);
  assert.throws(() => combineForecasts([], 'mean'), /nothing to combine/);
});

test('parsing: rules, members, and errors name the bad part', () => {
  assert.deepEqual(parseEnsemble('median/ets+theta:dotm').members, ['ets', 'theta:dotm']);
  assert.equal(parseEnsemble(undefined).combination, 'inverse');
  assert.throws(() => parseEnsemble('best'), /rule "best" is not one of/);
  assert.throws(() => parseEnsemble('mean/ets+prophet'), /unknown model "prophet"/);
  assert.throws(() => parseEnsemble('mean/ets+ensemble'), /is itself a combination/);
  assert.ok(listModels().some((d) => d.name === 'auto'));
});

// a real series: Microsoft's quarterly capex, in billions
const msft = Float64Array.from(
  readFileSync(new URL('../../examples/industry.csv', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('MSFT:capex,'))
    .map((l) => Number(l.split(',')[2]) / 1e9),
);

test('ensemble on a real series: weights on the simplex, report details, JSON round trip, validation horizon from the frequency', () => {
  const r = resolveModel('ensemble:optimized/ses+drift+naive');
  const spec = r.spec;
  const fit = r.definition.fit({ y: msft, seasonLength: 4 }, spec);
  const weights: number[] = Object.values(fit.params);
  assert.equal(weights.length, 3);
  assert.ok(weights.every((w) => w >= 0) && Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.equal(fit.details!.validationWindows, 3);
  assert.equal(fit.details!.validationHorizon, 8); // quarterly: fixed by the frequency, not by the horizon asked for
  const fc = r.definition.forecast(fit, 6, [80, 95]);
  const again = r.definition.forecast(JSON.parse(JSON.stringify(fit)), 6, [80, 95]);
  assert.deepEqual(Array.from(again.mean), Array.from(fc.mean));
  for (let h = 0; h < 6; h++) assert.ok(fc.lower[1][h] < fc.lower[0][h] && fc.upper[0][h] < fc.upper[1][h]);
});

test('optimized fusion is not worse than the member mean on held-out data (rolling over a noisy trend collection)', () => {
  // 30 synthetic series where one member (drift) is right and another (mean) is badly wrong: equal weights
  // suffer, optimized weights learn to lean on drift
  const rng = createRng(11);
  let errOptimized = 0,
    errMean = 0;
  for (let s = 0; s < 30; s++) {
    const n = 60,
      h = 6;
    const slope = 0.5 + rng.uniform();
    const y = Float64Array.from({ length: n + h }, (_, t) => 10 + slope * t + rng.normal());
    const train = y.subarray(0, n);
    const actual = y.subarray(n);
    for (const [rule, add] of [
      ['optimized', (e: number) => (errOptimized += e)],
      ['mean', (e: number) => (errMean += e)],
    ] as const) {
      const r = resolveModel(`ensemble:${rule}/drift+mean+naive`);
      const fit = r.definition.fit({ y: train, seasonLength: 1 }, r.spec);
      const fc = r.definition.forecast(fit, h, []);
      for (let t = 0; t < h; t++) add(Math.abs(actual[t] - fc.mean[t]));
    }
  }
  assert.ok(errOptimized < 0.7 * errMean, `optimized ${errOptimized} vs mean ${errMean}`);
});

test('auto sends intermittent demand to Croston-SBA and regular series to the ensemble', () => {
  const r = resolveModel('auto:optimized/ses+naive');
  const demand = Float64Array.from({ length: 40 }, (_, t) => (t % 3 === 0 ? 2 + (t % 5) : 0));
  const fitDemand = r.definition.fit({ y: demand, seasonLength: 1 }, r.spec);
  assert.equal(fitDemand.details!.path, 'intermittent');
  assert.equal(r.definition.forecast(fitDemand, 3, [80]).mean.length, 3);
  const fitRegular = r.definition.fit({ y: msft, seasonLength: 4 }, r.spec);
  assert.equal(fitRegular.details!.path, 'ensemble');
});

test('model lists split where a new model family starts, so options may hold commas', async () => {
  const { splitModelList } = await import('./registry.js');
  assert.deepEqual(splitModelList('ets, arima:1,1,1,mstl:24,168,trend=ets,auto'), [
    'ets',
    'arima:1,1,1',
    'mstl:24,168,trend=ets',
    'auto',
  ]);
  assert.deepEqual(splitModelList('naive'), ['naive']);
  assert.throws(() => splitModelList(' , '), /names no model/);
});

test('multi-season member: MSTL joins the default members only for series with several seasons', () => {
  const y = new Float64Array(10);
  const spec = parseEnsemble(undefined);
  assert.deepEqual(seriesMembers(spec, { y, seasonLength: 24, seasonLengths: [24, 168] }).slice(-1), [
    MULTI_SEASON_MEMBER,
  ]);
  assert.ok(!seriesMembers(spec, { y, seasonLength: 24, seasonLengths: [24] }).includes(MULTI_SEASON_MEMBER));
  assert.ok(!seriesMembers(spec, { y, seasonLength: 24, seasonLengths: [24, 24] }).includes(MULTI_SEASON_MEMBER));
  // an explicit member list and the feature rule (trained on the five default members) are kept as given
  assert.deepEqual(
    seriesMembers(parseEnsemble('optimized/ets+arima'), { y, seasonLength: 24, seasonLengths: [24, 168] }),
    ['ets', 'arima'],
  );
  assert.ok(
    !seriesMembers(parseEnsemble('features'), { y, seasonLength: 24, seasonLengths: [24, 168] }).includes(
      MULTI_SEASON_MEMBER,
    ),
  );
});

test('ensemble on a two-season series fits MSTL as a member and reports it', () => {
  const rng = createRng(5);
  const n = 24 * 7 * 4;
  const y = Float64Array.from(
    { length: n },
    (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / 24) + 6 * Math.sin((2 * Math.PI * t) / 168) + rng.normal(),
  );
  const r = resolveModel('ensemble:optimized/snaive+naive');
  const fitTwo = resolveModel('ensemble').definition;
  const spec = { ...parseEnsemble(undefined), members: ['snaive', 'naive'] };
  const fit = fitTwo.fit({ y, seasonLength: 24, seasonLengths: [24, 168] }, spec);
  const members = (fit.details!.members as { name: string; form: string }[]).map((m) => m.form);
  assert.deepEqual(members, ['snaive', 'naive', 'mstl:24,168']);
  assert.equal(fit.model, 'ensemble:inverse/snaive+naive+mstl');
  const fc = fitTwo.forecast(fit, 24, [80, 95]);
  assert.equal(fc.mean.length, 24);
  void r;
});

test('validation origins: spaced by the validation horizon when the history allows, closer for short series', async () => {
  const { validationOrigins, validationHorizon } = await import('./ensemble.js');
  assert.deepEqual(validationOrigins(100, 18, 3, 1, 12), [46, 64, 82]);
  // 14 yearly observations, at least 8 before an origin: 6 left, spacing 2, windows of 6, 4 and 2 steps
  assert.deepEqual(validationOrigins(14, 6, 3, 1, 1), [8, 10, 12]);
  assert.deepEqual(validationOrigins(8, 6, 3, 1, 1), []);
  // weekly (m = 52 > 24): m + 2 observations before an origin
  assert.deepEqual(validationOrigins(80, 13, 3, 1, 52), [56, 64, 72]);
  const spec = parseEnsemble(undefined);
  assert.deepEqual(
    [1, 4, 12, 52, 7, 24, 3].map((m) => validationHorizon(spec, m)),
    [6, 8, 18, 13, 14, 48, 8],
  );
  assert.equal(validationHorizon({ ...spec, horizon: 5 }, 12), 5);
});

test('the forecast of a period does not depend on how far ahead the user asks', () => {
  const r = resolveModel('ensemble');
  const fit = r.definition.fit({ y: msft, seasonLength: 4 }, r.spec);
  const short = r.definition.forecast(fit, 4, [80, 95]);
  const long = r.definition.forecast(fit, 12, [80, 95]);
  for (let t = 0; t < 4; t++) {
    assert.ok(Math.abs(short.mean[t] - long.mean[t]) <= 1e-9 * Math.abs(short.mean[t]), `step ${t + 1}`);
    assert.ok(Math.abs(short.upper[1][t] - long.upper[1][t]) <= 1e-9 * Math.abs(short.upper[1][t]));
  }
  // the fit itself does not depend on the horizon either: fitting through runModel with two horizons agrees
  const a = runModel({ y: msft, seasonLength: 4 }, r, 2, [80]);
  const b = runModel({ y: msft, seasonLength: 4 }, r, 9, [80]);
  for (let t = 0; t < 2; t++) assert.equal(a.forecast!.mean[t], b.forecast!.mean[t]);
});

test('named rules do what they say: mean is the plain mean of the members, with no correction', () => {
  const r = resolveModel('ensemble:mean/ses+drift+naive');
  const series = { y: msft, seasonLength: 4 };
  const fit = r.definition.fit(series, r.spec);
  const fc = r.definition.forecast(fit, 5, [80]);
  const members = ['ses', 'drift', 'naive'].map((name) => runModel(series, resolveModel(name), 5, [80]).forecast!.mean);
  for (let t = 0; t < 5; t++) {
    const mean = (members[0][t] + members[1][t] + members[2][t]) / 3;
    assert.ok(Math.abs(fc.mean[t] - mean) < 1e-9 * Math.abs(mean), `step ${t + 1}: ${fc.mean[t]} vs ${mean}`);
  }
  assert.equal(fit.details!.serialCorrection, false);
});

test('linear pooling: the spread is the mixture standard deviation of the members', async () => {
  const { fusedCentre } = await import('./ensemble.js');
  const z = 1.959963984540054;
  // member means 10 and 14 with standard errors 1 and 2, equal weights: variance (1 + 4) / 2 + 2^2 = 6.5
  const member = (mean: number, se: number): Forecast => ({
    mean: Float64Array.of(mean),
    levels: [95],
    lower: [Float64Array.of(mean - z * se)],
    upper: [Float64Array.of(mean + z * se)],
  });
  const spec = parseEnsemble('mean/naive+drift');
  const { mean, se } = fusedCentre([member(10, 1), member(14, 2)], spec, { weights: [0.5, 0.5], bias: null });
  assert.equal(mean[0], 12);
  assert.ok(Math.abs(se[0] - Math.sqrt(6.5)) < 1e-12, String(se[0]));
  const quantile = fusedCentre(
    [member(10, 1), member(14, 2)],
    { ...spec, pooling: 'quantile' },
    { weights: [0.5, 0.5], bias: null },
  );
  assert.ok(Math.abs(quantile.se[0] - 1.5) < 1e-12);
});

test('non-seasonal series: the random walk with drift replaces the seasonal naive among the default members', () => {
  const spec = parseEnsemble(undefined);
  const y = new Float64Array(20);
  assert.deepEqual(seriesMembers(spec, { y, seasonLength: 1 }), ['ets', 'arima', 'theta', 'damped', 'drift']);
  assert.deepEqual(seriesMembers(spec, { y, seasonLength: 12 }), ['ets', 'arima', 'theta', 'damped', 'snaive']);
  assert.deepEqual(seriesMembers(parseEnsemble('inverse/ets+snaive'), { y, seasonLength: 1 }), ['ets', 'snaive']);
});

test('the automatic ARIMA member searches by CSS (arima:approx) under its own name; other members are the registry models', () => {
  const arima = memberModel('arima');
  assert.equal(arima.name, 'arima');
  assert.equal(arima.spec.approximation, true);
  assert.equal(arima.spec.exactRefit, false);
  // the ETS member searches every form as the registry's ets does, each with optim's Nelder–Mead budget
  assert.deepEqual(memberModel('ets').spec, { ...resolveModel('ets').spec, maxEvaluations: MEMBER_ETS_EVALUATIONS });
  assert.deepEqual(memberModel('theta').spec, resolveModel('theta').spec);
  assert.equal(memberModel('arima:0,1,1').spec.approximation, false);
  // the member's chosen form is the registry's explicit-order form, as the forecast and the validation refits need
  const y = Float64Array.from(
    { length: 60 },
    (_, t) => 100 + t + 10 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7) % 5),
  );
  const run = runModel({ y, seasonLength: 12 }, arima, 6, [80]);
  assert.match(run.fit!.model, /^arima:\d,\d,\d/);
  // its search's CSS estimates are kept, as in the validation windows: the estimator the windows measured
  assert.equal(run.fit!.details?.method, 'CSS');
});

test('the description `foresight models` prints names the default members and what the default spec does', () => {
  const { description } = resolveModel('ensemble').definition;
  const spec = parseEnsemble(undefined);
  for (const member of [...spec.members, NON_SEASONAL_MEMBER, MULTI_SEASON_MEMBER])
    assert.match(description, new RegExp(`\\b${member}\\b`), member);
  assert.equal(spec.combination, 'inverse');
  assert.match(description, /1 \/ validation MSE/);
  assert.equal(spec.serial, false);
  assert.doesNotMatch(description, /bias correction/);
  assert.equal(spec.pooling, 'linear');
  assert.match(description, /linear pool/);
});

test("validation windows re-run the members' selection where they span a quarter or more of the series", () => {
  const spec = parseEnsemble(undefined);
  assert.equal(reselects(spec, 30, 12), true); // windows 60% of the series
  assert.equal(reselects(spec, 1000, 961), false); // 4%
  assert.equal(reselects({ ...spec, reselect: true }, 1000, 961), true);
  assert.equal(reselects({ ...spec, reselect: false }, 30, 12), false);

  // a short yearly series with a break: the windows are most of it, and the ARIMA member re-runs its search
  const y = Float64Array.from(
    { length: 28 },
    (_, t) => 100 + (t < 16 ? 3 * t : 48 - 2 * (t - 16)) + 4 * Math.sin(t * 2.1),
  );
  const series = { y, seasonLength: 1 };
  const one = (members: string[], reselect: boolean | null) =>
    memberValidation(series, { ...spec, members, nonSeasonal: false, multiSeason: false, reselect });
  const chosen = one(['arima'], false);
  const rerun = one(['arima'], null);
  assert.equal(rerun.reselected, true);
  assert.equal(chosen.reselected, false);
  // in the windows ARIMA keeps its CSS estimates (no exact-likelihood refit)
  const css = (r: ResolvedModel): ResolvedModel => ({ ...r, spec: { ...r.spec, exactRefit: false } });
  const rounded = (x: ArrayLike<number>) => Array.from(x, (v) => v.toFixed(9));
  for (const [k, w] of rerun.windows.entries()) {
    const train = { ...series, y: y.subarray(0, w.origin) };
    const searched = runModel(train, css(memberModel('arima')), w.actual.length, [95]).forecast!.mean;
    assert.deepEqual(Array.from(w.forecasts[0].mean), Array.from(searched), `window ${k}: the search re-run`);
    const form = resolveModel(chosen.members[0].form);
    const refit = runModel(train, css(form), w.actual.length, [95]).forecast!.mean;
    const exact = runModel(train, form, w.actual.length, [95]).forecast!.mean;
    const got = rounded(chosen.windows[k].forecasts[0].mean);
    assert.deepEqual(got, rounded(refit), `window ${k}: the chosen order refitted`);
    assert.notDeepEqual(got, rounded(exact), `window ${k}: by CSS, not by exact likelihood`);
  }

  // the other members refit the form they chose on the whole series
  const trending = Float64Array.from({ length: 28 }, (_, t) => 100 + 6 * t + 2 * Math.sin(t * 2.1));
  const ets = memberValidation(
    { y: trending, seasonLength: 1 },
    { ...spec, members: ['ets'], nonSeasonal: false, multiSeason: false, reselect: null },
  );
  assert.equal(ets.reselected, true);
  for (const w of ets.windows) {
    const train = { y: trending.subarray(0, w.origin), seasonLength: 1 };
    const form = resolveModel(ets.members[0].form);
    const budget = { ...form, spec: { ...form.spec, maxEvaluations: MEMBER_ETS_EVALUATIONS } };
    const refit = runModel(train, budget, w.actual.length, [95]).forecast!.mean;
    assert.deepEqual(Array.from(w.forecasts[0].mean), Array.from(refit));
  }
});

test("the ETS member refits its chosen form in the windows with its search's Nelder–Mead budget", () => {
  // monthly with a multiplicative season: the member's chosen form needs more than the budget on the full series
  const y = Float64Array.from(
    { length: 96 },
    (_, t) => (200 + 3 * t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)) * (1 + 0.05 * Math.sin(t * 1.7)),
  );
  const spec = parseEnsemble(undefined);
  const v = memberValidation(
    { y, seasonLength: 12 },
    { ...spec, members: ['ets'], nonSeasonal: false, multiSeason: false, reselect: false },
  );
  const form = resolveModel(v.members[0].form);
  const capped = { ...form, spec: { ...form.spec, maxEvaluations: MEMBER_ETS_EVALUATIONS } };
  let differs = false;
  for (const w of v.windows) {
    const train = { y: y.subarray(0, w.origin), seasonLength: 12 };
    const withBudget = runModel(train, capped, w.actual.length, [95]).forecast!.mean;
    const withR = runModel(train, form, w.actual.length, [95]).forecast!.mean;
    assert.deepEqual(Array.from(w.forecasts[0].mean), Array.from(withBudget));
    differs ||= withR.some((x, t) => x !== withBudget[t]);
  }
  assert.ok(differs, `${v.members[0].form}: R's budget gives other window forecasts, so the test can tell them apart`);
});

test('the report says how the default ARIMA and ETS members were fitted, and says nothing for named members', () => {
  const y = Float64Array.from({ length: 60 }, (_, t) => 100 + t + 10 * Math.sin((2 * Math.PI * t) / 12));
  const fused = runModel({ y, seasonLength: 12 }, resolveModel('ensemble'), 6, [80, 95]);
  const said = String(fused.fit!.details?.memberFits);
  assert.match(said, /arima: the conditional-sum-of-squares estimates of its search/);
  assert.match(said, new RegExp(`ets: at most ${MEMBER_ETS_EVALUATIONS} Nelder–Mead evaluations per form`));
  const named = runModel({ y, seasonLength: 12 }, resolveModel('ensemble:mean/theta+naive'), 6, [80, 95]);
  assert.equal(named.fit!.details?.memberFits, undefined);
});
