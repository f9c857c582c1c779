import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeriesCsv } from '../data/read-csv.js';
import { forecastDataset } from './forecast-batch.js';
import { forecastHeader, forecastLines } from './write-forecast.js';
import { buildReport } from './run-forecast.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-batch-'));

test('a batch with broken and degenerate series still returns every series, good ones forecast', async () => {
  const rows = ['unique_id,ds,y'];
  for (let t = 1; t <= 30; t++) rows.push(`good,${t},${100 + t + (t % 4) * 3}`);
  rows.push('broken,1,1', 'broken,2,oops');
  for (let t = 1; t <= 10; t++) rows.push(`constant,${t},5`);
  rows.push('single,1,42');
  rows.push('empty,1,NA', 'empty,2,NA');
  rows.push('short,1,3', 'short,2,4', 'short,3,6');
  const path = join(dir, 'batch.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  const data = await readSeriesCsv(path, { seasonLengths: [4] });
  const results = forecastDataset(data, { models: ['comb', 'drift'], horizon: 3, levels: [80] });
  assert.deepEqual(
    results.map((r) => r.id),
    ['good', 'broken', 'constant', 'single', 'empty', 'short'],
  );
  const byId = Object.fromEntries(results.map((r) => [r.id, r]));
  assert.equal(byId.good.runs[0].fallbackReason, null);
  assert.equal(byId.good.runs[0].forecast!.mean.length, 3);
  assert.match(byId.broken.invalid!.reason, /line 33: y "oops" is not a number/);
  assert.equal(byId.constant.runs[0].used, 'naive');
  assert.equal(byId.constant.runs[0].fallbackReason, 'constant series');
  assert.deepEqual(Array.from(byId.constant.runs[0].forecast!.mean), [5, 5, 5]);
  assert.match(byId.single.runs[0].fallbackReason!, /single observation/);
  assert.equal(byId.empty.runs[0].forecast, null);
  assert.match(byId.short.runs[0].fallbackReason!, /too short: 3 observations, comb needs 9/);
  assert.equal(byId.short.runs[1].fallbackReason, null); // drift fits 3 points

  // the CSV has rows for every series: 3 steps x 2 models for forecast ones, one row per model for the broken one
  const csv = [forecastHeader([80]), ...results.map((r) => forecastLines(r, ['comb', 'drift'], [80]))].join('\n');
  assert.ok(csv.startsWith('unique_id,ds,model,yhat,lo-80,hi-80,form\n'));
  assert.ok(csv.includes('broken,,comb,,,,\n'));
  assert.ok(csv.includes('empty,3,comb,,,,\n')); // no observed values: rows with empty values
  assert.ok(csv.includes('good,31,comb,'));
  const report = buildReport(data, results, { horizon: 3, levels: [80] });
  const statuses = (report.series as { unique_id: string; status: string }[]).map((s) => `${s.unique_id}:${s.status}`);
  assert.deepEqual(statuses, [
    'good:ok',
    'broken:invalid',
    'constant:fallback',
    'single:fallback',
    'empty:fallback',
    'short:fallback',
  ]);
});

test('regressors need their future values; a missing one is a clear error', async () => {
  const rows = ['unique_id,ds,y,price'];
  for (let t = 1; t <= 12; t++) rows.push(`a,${t},${t},${t * 2}`);
  const path = join(dir, 'exog.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  const future = join(dir, 'future.csv');
  writeFileSync(future, 'unique_id,ds,y,price\na,13,,26\n');
  const data = await readSeriesCsv(path);
  const fut = await readSeriesCsv(future);
  assert.throws(
    () => forecastDataset(data, { models: ['naive'], horizon: 2, levels: [], exog: ['price'] }),
    /need their future values: give --future/,
  );
  assert.throws(
    () => forecastDataset(data, { models: ['naive'], horizon: 2, levels: [], exog: ['cost'] }),
    /regressor "cost" is not a column/,
  );
  assert.throws(
    () => forecastDataset(data, { models: ['naive'], horizon: 2, levels: [], exog: ['price'], future: fut }),
    /series "a" has no future value of "price" at ds 14 \(forecast step 2\)/,
  );
  const ok = forecastDataset(data, { models: ['naive'], horizon: 1, levels: [], exog: ['price'], future: fut });
  assert.equal(ok[0].runs[0].forecast!.mean[0], 12);
});

test('the worker-thread batch gives exactly the single-threaded results, in input order', async () => {
  const { forecastDatasetParallel } = await import('./forecast-batch.js');
  const rows = ['unique_id,ds,y'];
  for (let s = 0; s < 12; s++)
    for (let t = 1; t <= 30; t++) rows.push(`s${s},${t},${50 + s * t * 0.1 + ((t * (s + 3)) % 7)}`);
  rows.push('bad,1,x');
  const path = join(dir, 'parallel.csv');
  writeFileSync(path, rows.join('\n') + '\n');
  const data = await readSeriesCsv(path, { seasonLengths: [4] });
  const options = { models: ['ses', 'drift'], horizon: 5, levels: [80] };
  const serial = forecastDataset(data, options);
  const parallel = await forecastDatasetParallel(data, { ...options, workers: 2 });
  assert.deepEqual(
    parallel.map((r) => r.id),
    serial.map((r) => r.id),
  );
  parallel.forEach((r, i) => {
    assert.deepEqual(
      r.runs.map((x) => Array.from(x.forecast!.upper[0])),
      serial[i].runs.map((x) => Array.from(x.forecast!.upper[0])),
    );
  });
  await assert.rejects(
    forecastDatasetParallel(data, { models: ['naive'], horizon: 2, levels: [], exog: ['price'], workers: 2 }),
    /regressor "price" is not a column/,
  );
});

test('series never negative get forecasts cut at zero unless nonNegative is false', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-bounds-'));
  const path = join(dir, 'counts.csv');
  // a count series falling toward zero: the drift forecast and its bounds go below zero
  const rows = Array.from({ length: 12 }, (_, t) => `a,${t + 1},${Math.max(0, 11 - t)}`);
  writeFileSync(path, 'unique_id,ds,y\n' + rows.join('\n') + '\n');
  const data = await readSeriesCsv(path);
  const options = { models: ['drift'], horizon: 6, levels: [95] };
  const [bounded] = forecastDataset(data, options);
  const f = bounded.runs[0].forecast!;
  assert.ok(f.mean.every((v) => v >= 0) && f.lower[0].every((v) => v >= 0));
  assert.equal(f.lower[0][5], 0);
  const [free] = forecastDataset(data, { ...options, nonNegative: false });
  assert.ok(free.runs[0].forecast!.lower[0][5] < 0);
});
