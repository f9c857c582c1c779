import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRng } from '../core/random.js';
import { runModel } from '../models/run-model.js';
import { calibrateBatch } from './calibrate-batch.js';
import { resolveModel } from './registry.js';
import { transformedName } from './transformed.js';

const REF = JSON.parse(
  readFileSync(new URL('../../test/fixtures/transform/reference.json', import.meta.url), 'utf8'),
) as {
  airPassengers: number[];
  etsANALog: { mean: number[]; lower95: number[]; upper80: number[]; biasadjMean: number[] };
};
const close = (a: ArrayLike<number>, b: readonly number[], tol: number) =>
  b.forEach((v, i) => assert.ok(Math.abs(a[i] - v) < tol * Math.abs(v), `${i}: ${a[i]} vs ${v}`));

test('ets on the log scale forecasts as R does, with and without the bias adjustment', () => {
  const y = Float64Array.from(REF.airPassengers);
  const run = runModel({ y, seasonLength: 12 }, resolveModel('boxcox:0/ets:ANA'), 3, [80, 95]);
  assert.equal(run.fallbackReason, null);
  close(run.forecast!.mean, REF.etsANALog.mean, 1e-4);
  close(run.forecast!.lower[1], REF.etsANALog.lower95, 1e-4);
  close(run.forecast!.upper[0], REF.etsANALog.upper80, 1e-4);
  const adjusted = runModel({ y, seasonLength: 12 }, resolveModel('boxcox:0,biasadj/ets:ANA'), 3, [95]);
  close(adjusted.forecast!.mean, REF.etsANALog.biasadjMean, 1e-4);
  // the fit is plain data: a JSON round trip forecasts the same
  const fit = JSON.parse(JSON.stringify(run.fit));
  assert.deepEqual(
    Array.from(resolveModel(fit.model).definition.forecast(fit, 3, [80, 95]).mean),
    Array.from(run.forecast!.mean),
  );
});

test('auto: Guerrero lambda on positive series, the model as it is otherwise; log refuses a zero', () => {
  const rng = createRng(2);
  const positive = Float64Array.from({ length: 40 }, (_, t) => Math.exp(0.05 * t + 0.1 * rng.normal()));
  const fit = runModel({ y: positive, seasonLength: 4 }, resolveModel('boxcox:auto/theta'), 4, [80]).fit!;
  assert.match(fit.model, /^boxcox:-?[0-9.e-]+\/theta/);
  const signed = Float64Array.from({ length: 40 }, () => rng.normal());
  assert.match(
    runModel({ y: signed, seasonLength: 4 }, resolveModel('boxcox:auto/ets:ANN'), 4, [80]).fit!.model,
    /^ets:ANN/,
  );
  const zero = Float64Array.from(positive);
  zero[5] = 0;
  const refused = runModel({ y: zero, seasonLength: 4 }, resolveModel('boxcox:0/theta'), 4, [80]);
  assert.match(refused.fallbackReason ?? '', /observation 6 is 0/);
});

test('bounds and paths are transformed back one by one, so they keep their probability', () => {
  const y = Float64Array.from(REF.airPassengers);
  const run = runModel({ y, seasonLength: 12 }, resolveModel('boxcox:guerrero/ets:ANA'), 6, [80]);
  const paths = resolveModel(run.fit!.model).definition.simulate!(run.fit!, 6, 4000, createRng(5));
  for (const t of [0, 5]) {
    const inside = paths.filter((p) => p[t] >= run.forecast!.lower[0][t] && p[t] <= run.forecast!.upper[0][t]);
    assert.ok(Math.abs(inside.length / paths.length - 0.8) < 0.03, `step ${t + 1}: ${inside.length}`);
  }
});

test('a wrapped model without a simulator (naive, croston) gets the paths of its intervals, transformed back', () => {
  const y = Float64Array.from(REF.airPassengers);
  // boxcox:0/naive threw 'naive has no sample paths', which stopped every probability run with --transform log
  const run = runModel({ y, seasonLength: 12 }, resolveModel('boxcox:0/naive'), 6, [80]);
  const paths = resolveModel(run.fit!.model).definition.simulate!(run.fit!, 6, 4000, createRng(5));
  for (const t of [0, 5]) {
    const inside = paths.filter((p) => p[t] >= run.forecast!.lower[0][t] && p[t] <= run.forecast!.upper[0][t]);
    assert.ok(Math.abs(inside.length / paths.length - 0.8) < 0.03, `step ${t + 1}: ${inside.length}`);
    // drawn on the log scale: every path is positive back on the original scale
    assert.ok(paths.every((p) => p[t] > 0));
  }
});

test('a fused model under a transform is calibrated across the batch on the transformed scale', () => {
  const rng = createRng(7);
  const model = resolveModel(transformedName('ensemble:inverse/naive+mean', 'log'));
  const runs = Array.from({ length: 40 }, () => {
    let level = 3;
    const y = Float64Array.from({ length: 60 }, () => Math.exp((level += 0.01 + 0.05 * rng.normal())));
    return runModel({ y, seasonLength: 1 }, model, 8, [80, 95]);
  });
  const before = runs.map((r) => Array.from(r.forecast!.upper[1]));
  assert.equal(
    calibrateBatch(
      runs.map((run) => ({ run })),
      8,
      [80, 95],
    ),
    40,
  );
  assert.ok(runs.some((r, i) => r.forecast!.upper[1].some((v, t) => Math.abs(v - before[i][t]) > 1e-9)));
  for (const r of runs) assert.ok(r.forecast!.lower[1].every((v) => v > 0));
});

test('names: transformedName and the errors of a malformed boxcox name', () => {
  assert.equal(transformedName('ets', 'none'), 'ets');
  assert.equal(transformedName('ets', 'boxcox', true), 'boxcox:guerrero,biasadj/ets');
  assert.throws(() => resolveModel('boxcox:ets'), /needs a lambda and a model/);
  assert.throws(() => resolveModel('boxcox:3/ets'), /not auto, guerrero or a number/);
  assert.throws(() => resolveModel('boxcox:0,fast/ets'), /unknown option "fast"/);
});
