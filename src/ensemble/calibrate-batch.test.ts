import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import { resolveModel } from './registry.js';
import { runModel } from '../models/run-model.js';
import { calibrateBatch } from './calibrate-batch.js';

// 40 random walks (with a drift when asked): the fused forecast of naive and mean, calibrated across the batch
function batch(seed: number, drift = 0, model = resolveModel('ensemble:inverse/naive+mean')) {
  const rng = createRng(seed);
  return Array.from({ length: 40 }, () => {
    let level = 50;
    const y = Float64Array.from({ length: 60 }, () => (level += drift + rng.normal()));
    return runModel({ y, seasonLength: 1 }, model, 8, [80, 95]);
  });
}

/** Calibrates a batch of 8-step runs at 80 and 95% as the pipeline does; the number of runs recalibrated. */
function calibrateAll(runs: Parameters<typeof calibrateBatch>[0][number]['run'][]): number {
  return calibrateBatch(
    runs.map((run) => ({ run })),
    8,
    [80, 95],
  );
}

test('batch calibration: the same point forecasts, intervals from the pooled scores, paths that match them', () => {
  // a fixed rule, which the batch's trend correction leaves alone (named rules give what they name)
  const runs = batch(3, 0.3, resolveModel('ensemble:median/naive+mean'));
  const before = runs.map((r) => ({ mean: Array.from(r.forecast!.mean), upper: Array.from(r.forecast!.upper[1]) }));
  assert.equal(calibrateAll(runs), 40);
  runs.forEach((r, i) => {
    assert.deepEqual(Array.from(r.forecast!.mean), before[i].mean);
    for (let t = 0; t < 8; t++)
      assert.ok(r.forecast!.lower[1][t] < r.forecast!.lower[0][t] && r.forecast!.upper[0][t] < r.forecast!.upper[1][t]);
  });
  assert.ok(
    runs.some((r, i) => r.forecast!.upper[1].some((v, t) => Math.abs(v - before[i].upper[t]) > 1e-9)),
    'the intervals changed',
  );
  // the calibration is in the fit: a JSON round trip forecasts the same, and sample paths follow it
  const fit = JSON.parse(JSON.stringify(runs[0].fit));
  const definition = resolveModel(fit.model).definition;
  const again = definition.forecast(fit, 8, [80, 95]);
  assert.deepEqual(Array.from(again.upper[1]), Array.from(runs[0].forecast!.upper[1]));
  const paths = definition.simulate!(fit, 8, 20000, createRng(9));
  for (const t of [0, 7]) {
    const inside = paths.filter((p) => p[t] >= again.lower[1][t] && p[t] <= again.upper[1][t]).length / paths.length;
    assert.ok(Math.abs(inside - 0.95) < 0.01, `step ${t + 1}: ${inside}`);
  }
});

test("batch calibration centres the sample paths on the batch's median error and keeps the intervals", async () => {
  const { mixtureQuantile } = await import('./conformal.js');
  // random walks with a strong drift, forecast by members without one: the outcomes lie off the point forecast
  // by more than the trend correction takes up
  const runs = batch(11, 1.5);
  assert.equal(calibrateAll(runs), 40);
  const fit = runs[0].fit!;
  const calibration = (fit.state as { calibration: { scale: number[]; logVariance: number; centre: number[] } })
    .calibration;
  assert.ok(
    calibration.centre.some((c) => Math.abs(c) > 0.3),
    `centre ${calibration.centre}`,
  );
  const forecast = runs[0].forecast!;
  const paths = resolveModel(fit.model).definition.simulate!(fit, 8, 20000, createRng(12));
  const q80 = mixtureQuantile(80, calibration.logVariance);
  for (const t of [0, 3, 7]) {
    const values = paths.map((p) => p[t]).sort((a, b) => a - b);
    // the intervals keep their coverage of the paths
    for (const [k, level] of [
      [0, 0.8],
      [1, 0.95],
    ] as const) {
      const inside = values.filter((v) => v >= forecast.lower[k][t] && v <= forecast.upper[k][t]).length;
      assert.ok(Math.abs(inside / values.length - level) < 0.01, `step ${t + 1}, ${level}: ${inside / values.length}`);
    }
    // the paths' median is the point forecast plus the batch's median error (in units of the spread)
    // (steps beyond the validation windows' 6 take the last one's)
    const step = Math.min(t, calibration.scale.length - 1);
    const mean = forecast.mean[t];
    const se = (forecast.upper[0][t] - mean) / (calibration.scale[step] * q80);
    const median = values[values.length / 2];
    const expected = mean + Math.min(calibration.centre[step], 0.9 * calibration.scale[step] * q80) * se;
    assert.ok(Math.abs(median - expected) < 0.05 * se, `step ${t + 1}: median ${median}, expected ${expected}`);
  }
});

test("the trend correction: fitted on the batch's validation errors, it moves the point forecasts and refits nothing", () => {
  // random walks with a strong drift, fused from naive and the mean: the mean member pulls the forecast below the
  // last value while the outcomes rise beyond it, so on the validation windows the errors run against the
  // predicted change and the batch's slope is negative (the correction takes part of that change back)
  const runs = batch(11, 1.5);
  const before = runs.map((r) => Array.from(r.forecast!.mean));
  assert.equal(calibrateAll(runs), 40);
  const fit = runs[0].fit!;
  const state = fit.state as { calibration: { momentum?: number }; last: number };
  const b = state.calibration.momentum!;
  assert.ok(b < -0.2 && b >= -1, `b = ${b}`);
  assert.match(
    String(fit.details!.calibration),
    /; trend correction: the forecast moves by -\d\.\d{3} of its predicted change/,
  );
  // every forecast moved toward its last value (the truth lies above it, the mean member below), and closer to
  // the truth: last value + 1.5 per step
  let errorBefore = 0,
    errorAfter = 0;
  runs.forEach((r, i) => {
    const last = (r.fit!.state as { last: number }).last;
    for (let t = 0; t < 8; t++) {
      const truth = last + 1.5 * (t + 1);
      assert.ok(Math.abs(r.forecast!.mean[t] - last) < Math.abs(before[i][t] - last) + 1e-9);
      errorBefore += Math.abs(truth - before[i][t]);
      errorAfter += Math.abs(truth - r.forecast!.mean[t]);
    }
  });
  assert.ok(errorAfter < 0.95 * errorBefore, `${errorAfter} against ${errorBefore}`);
  // the correction is in the fit: a JSON round trip forecasts the same, and the sample paths match the intervals
  const again = resolveModel(fit.model).definition.forecast(JSON.parse(JSON.stringify(fit)), 8, [80, 95]);
  assert.deepEqual(Array.from(again.mean), Array.from(runs[0].forecast!.mean));
  const paths = resolveModel(fit.model).definition.simulate!(fit, 8, 20000, createRng(13));
  for (const t of [0, 7]) {
    const inside = paths.filter((p) => p[t] >= again.lower[1][t] && p[t] <= again.upper[1][t]).length / paths.length;
    assert.ok(Math.abs(inside - 0.95) < 0.01, `step ${t + 1}: ${inside}`);
  }
});

test('the trend correction is refused where the validation windows cannot tell it from noise', () => {
  // random walks without drift, fused from naive and drift: the drift member's predicted change is noise, and
  // the slope its windows give (-0.34) does not lower their cross-fitted error
  const runs = batch(3, 0, resolveModel('ensemble:inverse/naive+drift'));
  const before = runs.map((r) => Array.from(r.forecast!.mean));
  assert.equal(calibrateAll(runs), 40);
  const said = String(runs[0].fit!.details!.calibration);
  assert.match(
    said,
    /; no trend correction \(b = -0\.\d{3} refused: cross-fitted validation error .* over 40 series\)$/,
  );
  runs.forEach((r, i) => assert.deepEqual(Array.from(r.forecast!.mean), before[i]));
  assert.equal((runs[0].fit!.state as { calibration: { momentum?: number } }).calibration.momentum, undefined);
});

test('batch calibration leaves other models, fallbacks and too-small batches alone', () => {
  const rng = createRng(4);
  const y = Float64Array.from({ length: 30 }, () => rng.normal());
  const naive = runModel({ y, seasonLength: 1 }, resolveModel('naive'), 4, [80]);
  assert.equal(calibrateBatch([{ run: naive }, { run: naive }], 4, [80]), 0);
  const two = batch(5).slice(0, 2);
  // two series with 3 windows of 6 steps: 12 scores at the first step, fewer than the 50 it needs
  assert.equal(
    calibrateBatch(
      two.map((run) => ({ run })),
      8,
      [80, 95],
    ),
    0,
  );
});

test('a series whose bounds the pooled calibration would overflow keeps its own, and the report says so', () => {
  // on the log scale a batch's pooled scale can put a series' 95% bounds past exp(709) within the horizon, which
  // gave Infinity in the CSV after runModel had checked the series' own bounds
  const model = resolveModel('boxcox:0/ensemble:mean/naive+drift');
  const wobble = (t: number) => 1 + 0.02 * Math.sin(t);
  const series = [
    Array.from({ length: 24 }, (_, t) => (t === 12 ? 1e9 : 100 * wobble(t))),
    Array.from({ length: 24 }, (_, t) => 1.5 ** t),
    Array.from({ length: 24 }, (_, t) => (t < 12 ? 10 : 100) * wobble(t)),
    Array.from({ length: 24 }, (_, t) => (3 + 2 * t) * wobble(t)),
  ];
  const all = series.map((y) => runModel({ y: Float64Array.from(y), seasonLength: 1 }, model, 60, [80, 95]));
  // the outlier series' own interval is too wide for 60 steps on the log scale: runModel's fallback, with its reason
  assert.match(String(all[0].fallbackReason), /non-finite interval bounds/);
  const runs = all.slice(1);
  const own = runs.map((r) => r.forecast!);
  for (const f of own) assert.ok([...f.lower[1], ...f.upper[1]].every(Number.isFinite));
  const calibrated = calibrateBatch(
    all.map((run) => ({ run })),
    60,
    [80, 95],
  );
  assert.ok(calibrated > 0 && calibrated < runs.length, String(calibrated));
  runs.forEach((r, i) => {
    const f = r.forecast!;
    assert.ok([...f.mean, ...f.lower[0], ...f.upper[0], ...f.lower[1], ...f.upper[1]].every(Number.isFinite), `${i}`);
    const said = String(r.fit!.details!.calibration);
    if (f === own[i])
      assert.match(said, /^this series' own .*; not pooled across the 3 series .*made its interval bounds overflow$/);
    else assert.match(said, /^pooled across the 3 series/);
  });
});
