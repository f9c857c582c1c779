import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import { resolveModel } from '../ensemble/registry.js';
import { runModel } from '../models/run-model.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeriesCsv } from '../data/read-csv.js';
import { forecastDataset } from './forecast-batch.js';
import { batchWarnings, runWarnings } from './warnings.js';

const rng = createRng(5);

test('a two-observation series: short history and most fused members fallen back, with their reasons', () => {
  const run = runModel({ y: Float64Array.of(10, 12), seasonLength: 1 }, resolveModel('auto'), 4, [80]);
  const w = runWarnings(run, 2, 4);
  assert.deepEqual(
    w.map((x) => x.code),
    ['short_history', 'members_fallen_back'],
  );
  assert.match(w[0].message, /2 observations for a 4-step horizon/);
  assert.match(w[1].message, /^4 of 5 members fell back to naive \(arima, theta, damped, drift\)/);
  const holt = runWarnings(
    runModel({ y: Float64Array.of(10, 12), seasonLength: 1 }, resolveModel('holt'), 1, [80]),
    2,
    1,
  );
  assert.deepEqual(
    holt.map((x) => x.code),
    ['fallback'],
  );
  assert.match(holt[0].message, /holt fell back to naive: too short/);
});

test("most members fallen back, from the fused fit's details", () => {
  // every member fits 30 observations; the rule is then checked on the details with three members marked fallen
  const y = Float64Array.from({ length: 30 }, (_, t) => 50 + t + rng.normal());
  const run = runModel({ y, seasonLength: 1 }, resolveModel('ensemble'), 4, [80]);
  assert.equal(runWarnings(run, 30, 4).filter((w) => w.code === 'members_fallen_back').length, 0);
  const members = (run.fit!.details!.members as { fallbackReason: string | null }[]).map((m, j) => ({
    ...m,
    fallbackReason: j < 3 ? 'too short' : null,
  }));
  const faked = { ...run, fit: { ...run.fit!, details: { ...run.fit!.details, members } } };
  const w = runWarnings(faked, 30, 4).find((x) => x.code === 'members_fallen_back');
  assert.match(w!.message, /^3 of 5 members fell back to naive \(ets, arima, theta\)/);
});

test('too many drivers for the history: fewer than 10 observations per coefficient', () => {
  const n = 24;
  const x = Array.from({ length: 4 }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const y = Float64Array.from(
    { length: n },
    (_, t) => 10 + x[0][t] + 2 * x[1][t] - x[2][t] + 0.5 * x[3][t] + 0.3 * rng.normal(),
  );
  const exog = Object.fromEntries(x.map((v, i) => [`x${i}`, v]));
  const future = { exog: Object.fromEntries(x.map((v, i) => [`x${i}`, v.subarray(0, 2)])) };
  const run = runModel({ y, seasonLength: 1, exog }, resolveModel('arima'), 2, [80], future);
  const w = runWarnings(run, n, 2).find((x) => x.code === 'too_many_drivers');
  assert.ok(w, JSON.stringify(run.fit?.params));
  assert.match(w!.message, /estimates \d+ coefficients from 24 observations/);
  const one = runModel({ y, seasonLength: 1, exog: { x0: x[0] } }, resolveModel('arima'), 2, [80], {
    exog: { x0: x[0].subarray(0, 2) },
  });
  assert.equal(
    runWarnings(one, n, 2).some((x) => x.code === 'too_many_drivers'),
    false,
  );
});

test('a break: the last stretch of errors far beyond the earlier ones', () => {
  const calm = Float64Array.from({ length: 60 }, (_, t) => 100 + 0.2 * t + rng.normal());
  // the break covers the last validation window (6 steps for a non-seasonal series) and the last 6 residuals
  const broken = Float64Array.from(calm, (v, t) => (t >= 54 ? v + (t % 2 ? 25 : -25) : v));
  const ets = resolveModel('ets:ANN');
  assert.equal(runWarnings(runModel({ y: calm, seasonLength: 1 }, ets, 8, [80]), 60, 8).length, 0);
  const w = runWarnings(runModel({ y: broken, seasonLength: 1 }, ets, 8, [80]), 60, 8);
  assert.deepEqual(
    w.map((x) => x.code),
    ['break'],
  );
  assert.match(w[0].message, /the last 8 one-step residuals \(relative to the level\) are \d+\.\d times the size/);
  const fused = runModel({ y: broken, seasonLength: 1 }, resolveModel('ensemble'), 8, [80]);
  const fw = runWarnings(fused, 60, 8);
  assert.deepEqual(
    fw.map((x) => x.code),
    ['break'],
  );
  assert.match(fw[0].message, /validation window's errors/);
});

test('unevenly spaced dates: a series mostly filled in by interpolation is flagged, through the reader and the batch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-warnings-'));
  const path = join(dir, 'uneven.csv');
  // 5 observed values on a step-1 index spanning 100 steps: 95 are interpolated
  writeFileSync(path, 'unique_id,ds,y\na,1,1\na,2,2\na,5,3\na,7,4\na,100,5\nb,1,1\nb,2,2\nb,3,3\n');
  const data = await readSeriesCsv(path);
  const [a, b] = batchWarnings(forecastDataset(data, { models: ['naive'], horizon: 1, levels: [] }), 1);
  assert.deepEqual(
    a.warnings.map((w) => w.code),
    ['mostly_filled'],
  );
  assert.match(a.warnings[0].message, /^95 of the 100 values were missing or absent from the series' grid/);
  assert.deepEqual(b.warnings, []);
  // half filled is not flagged: the rule is "more than half"
  const run = runModel({ y: Float64Array.of(1, 2, 3, 4), seasonLength: 1 }, resolveModel('naive'), 1, []);
  assert.deepEqual(runWarnings(run, 4, 1, 2), []);
});
