import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { combineForecasts } from './combine.js';
import { calibratedMultiplier } from './conformal.js';
import { parseEnsemble } from './ensemble.js';
import { resolveModel, listModels } from './registry.js';
import { createRng } from '../core/random.js';
import type { Forecast } from '../models/types.js';

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

test('calibration: no scores give the t(4) shape; larger validation errors widen the intervals', () => {
  // R: qt(0.975, 4) * sqrt(2 / 4) = 1.962937
  assert.ok(Math.abs(calibratedMultiplier([], 95) - 1.962937) < 5e-3);
  const wide = calibratedMultiplier(new Array(40).fill(2), 95);
  const narrow = calibratedMultiplier(new Array(40).fill(0.5), 95);
  assert.ok(wide > 2 * narrow, `${wide} vs ${narrow}`);
  // the 10 pseudo-scores keep a single huge score from exploding the interval
  assert.ok(calibratedMultiplier([50], 95) < 0.5 * 50 * 1.97);
});

test('parsing: rules, members, and errors name the bad part', () => {
  assert.deepEqual(parseEnsemble('median/ets+theta:dotm').members, ['ets', 'theta:dotm']);
  assert.equal(parseEnsemble(undefined).combination, 'optimized');
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

test('ensemble on a real series: weights on the simplex, report details, JSON round trip, horizon from the caller', () => {
  const r = resolveModel('ensemble:optimized/ses+drift+naive');
  const spec = r.definition.withHorizon!(r.spec, 4);
  const fit = r.definition.fit({ y: msft, seasonLength: 4 }, spec);
  const weights: number[] = Object.values(fit.params);
  assert.equal(weights.length, 3);
  assert.ok(weights.every((w) => w >= 0) && Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.equal(fit.details!.validationWindows, 2);
  assert.equal(fit.details!.validationHorizon, 4);
  const fc = r.definition.forecast(fit, 6, [80, 95]);
  const again = r.definition.forecast(JSON.parse(JSON.stringify(fit)), 6, [80, 95]);
  assert.deepEqual(Array.from(again.mean), Array.from(fc.mean));
  for (let h = 0; h < 6; h++) assert.ok(fc.lower[1][h] < fc.lower[0][h] && fc.upper[0][h] < fc.upper[1][h]);
});

test('optimized fusion is not worse than the member mean on held-out data (rolling over a noisy trend collection)', () => {
  // 30 synthetic series where one member (drift) is right and another (mean) is badly wrong: equal weights
  // suffer, optimized weights learn to lean on drift
  const rng = createRng(11);
  let errOptimized = 0, errMean = 0;
  for (let s = 0; s < 30; s++) {
    const n = 60, h = 6;
    const slope = 0.5 + rng.uniform();
    const y = Float64Array.from({ length: n + h }, (_, t) => 10 + slope * t + rng.normal());
    const train = y.subarray(0, n);
    const actual = y.subarray(n);
    for (const [rule, add] of [['optimized', (e: number) => (errOptimized += e)], ['mean', (e: number) => (errMean += e)]] as const) {
      const r = resolveModel(`ensemble:${rule}/drift+mean+naive`);
      const fit = r.definition.fit({ y: train, seasonLength: 1 }, r.definition.withHorizon!(r.spec, h));
      const fc = r.definition.forecast(fit, h, []);
      for (let t = 0; t < h; t++) add(Math.abs(actual[t] - fc.mean[t]));
    }
  }
  assert.ok(errOptimized < 0.7 * errMean, `optimized ${errOptimized} vs mean ${errMean}`);
});

test('auto sends intermittent demand to Croston-SBA and regular series to the ensemble', () => {
  const r = resolveModel('auto:optimized/ses+naive');
  const demand = Float64Array.from({ length: 40 }, (_, t) => (t % 3 === 0 ? 2 + (t % 5) : 0));
  const fitDemand = r.definition.fit({ y: demand, seasonLength: 1 }, r.definition.withHorizon!(r.spec, 3));
  assert.equal(fitDemand.details!.path, 'intermittent');
  assert.equal(r.definition.forecast(fitDemand, 3, [80]).mean.length, 3);
  const fitRegular = r.definition.fit({ y: msft, seasonLength: 4 }, r.definition.withHorizon!(r.spec, 3));
  assert.equal(fitRegular.details!.path, 'ensemble');
});

test('model lists split where a new model family starts, so options may hold commas', async () => {
  const { splitModelList } = await import('./registry.js');
  assert.deepEqual(splitModelList('ets, arima:1,1,1,mstl:24,168,trend=ets,auto'), ['ets', 'arima:1,1,1', 'mstl:24,168,trend=ets', 'auto']);
  assert.deepEqual(splitModelList('naive'), ['naive']);
  assert.throws(() => splitModelList(' , '), /names no model/);
});

test('calibration shape: the absolute-moment ratio picks the t degrees of freedom', async () => {
  const { absoluteMomentRatio, shapeFromRatio } = await import('./conformal.js');
  // E|T|/sd: t(4) = 1 / sqrt(2), normal = sqrt(2 / pi)
  assert.ok(Math.abs(absoluteMomentRatio(4) - Math.SQRT1_2) < 1e-12);
  assert.ok(Math.abs(absoluteMomentRatio(Infinity) - Math.sqrt(2 / Math.PI)) < 1e-15);
  assert.ok(Math.abs(shapeFromRatio(absoluteMomentRatio(10)) - 10) < 1e-6);
  assert.equal(shapeFromRatio(0.5), 4);
  assert.equal(shapeFromRatio(0.8), Infinity);
  // light-tailed scores (all equal: ratio 1) give normal quantiles; heavy-tailed ones give t(4)'s
  const light = calibratedMultiplier(new Array(200).fill(1), 80);
  assert.ok(Math.abs(light - 1.2815515655446004 * Math.sqrt((200 + 10) / 210)) < 1e-9, String(light));
});
