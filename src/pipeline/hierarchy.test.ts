import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coherenceError } from '../reconcile/structure.js';
import { readGroupedCsv } from './grouped-input.js';
import { forecastHierarchy, hierarchyHeader, hierarchyLines, hierarchyReport, levelAccuracy } from './hierarchy.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-hier-'));

function seasonalFile(): string {
  const lines = ['ds,state,city,y'];
  const cities = [
    ['A', 'a1', 50],
    ['A', 'a2', 30],
    ['B', 'b1', 20],
    ['B', 'b2', 10],
  ] as const;
  for (let t = 0; t < 32; t++) {
    cities.forEach(([s, c, level], j) => {
      const season = [1.1, 0.9, 1.2, 0.8][t % 4];
      lines.push(
        `${2010 + Math.floor(t / 4)}-${String(3 * (t % 4) + 3).padStart(2, '0')}-${[31, 30, 30, 31][t % 4]},${s},${c},${(level + 0.3 * t) * season + ((t * 7 + j * 3) % 5) - 2}`,
      );
    });
  }
  const path = join(dir, 'cities.csv');
  writeFileSync(path, lines.join('\n'));
  return path;
}

test('forecastHierarchy: coherent means and intervals, a level per series, per-level validation', async () => {
  const grouped = await readGroupedCsv(seasonalFile(), { keys: ['state', 'city'] });
  const f = await forecastHierarchy(grouped, {
    model: 'ets:AAA',
    horizon: 4,
    levels: [80, 95],
    method: 'mint_shrink',
    validationWindows: 2,
    paths: 400,
  });
  assert.deepEqual(f.ids, ['total', 'A', 'B', 'A/a1', 'A/a2', 'B/b1', 'B/b2']);
  assert.deepEqual(f.levelNames, ['total', 'state', 'state', 'state/city', 'state/city', 'state/city', 'state/city']);
  assert.deepEqual(f.ds, ['2018-03-31', '2018-06-30', '2018-09-30', '2018-12-31']);
  assert.ok(f.coherenceBefore > 0.01, `base forecasts of separate models do not add up (${f.coherenceBefore})`);
  assert.ok(f.coherenceAfter < 1e-9);
  assert.ok(f.lambda! >= 0 && f.lambda! <= 1);
  for (let i = 0; i < f.reconciled.length; i++) {
    assert.ok(
      f.lower[1][i] < f.lower[0][i] &&
        f.lower[0][i] < f.reconciled[i] &&
        f.reconciled[i] < f.upper[0][i] &&
        f.upper[0][i] < f.upper[1][i],
      `bounds of value ${i}`,
    );
  }
  // the total's interval is wider than any part's
  assert.ok(f.upper[1][0] - f.lower[1][0] > f.upper[1][3 * 4] - f.lower[1][3 * 4]);
  assert.equal(f.validationWindows, 2);
  assert.deepEqual(
    f.validation.map((v) => v.level),
    ['total', 'state', 'state/city', 'overall'],
  );
  assert.ok(f.validation.every((v) => v.rmseBase > 0 && v.maseReconciled > 0));
  const csv = hierarchyLines(f).trim().split('\n');
  assert.equal(hierarchyHeader(f.levels), 'unique_id,level,ds,model,yhat,base,lo-80,hi-80,lo-95,hi-95');
  assert.equal(csv.length, 7 * 4);
  assert.match(csv[4], /^A,state,2018-03-31,ets:AAA\/mint_shrink,/);
  const report = hierarchyReport(f, 'cities.csv');
  assert.equal(report.method, 'mint_shrink');
  assert.deepEqual(Object.keys(report.coherenceError as object), ['before', 'after']);
});

test("levelAccuracy averages each series' RMSE and MASE over a level, overall over the chosen levels", async () => {
  const grouped = await readGroupedCsv(seasonalFile(), { keys: ['state', 'city'] });
  const n = 7,
    h = 2;
  const actual = new Float64Array(n * h).fill(10);
  const forecast = new Float64Array(n * h).fill(10);
  forecast[0] = 14; // total: errors (4, 0) -> RMSE sqrt(8), MAE 2
  forecast[2] = 7; // A: errors (3, 0) -> RMSE sqrt(4.5)
  const scales = new Float64Array(n).fill(2);
  const rows = levelAccuracy(grouped, actual, forecast, h, scales, [0, 1]);
  assert.deepEqual(
    rows.map((r) => r.level),
    ['total', 'state', 'overall'],
  );
  assert.ok(Math.abs(rows[0].rmse - Math.sqrt(8)) < 1e-12);
  assert.ok(Math.abs(rows[0].mase - 1) < 1e-12);
  assert.ok(Math.abs(rows[1].rmse - Math.sqrt(4.5) / 2) < 1e-12);
  assert.ok(Math.abs(rows[2].rmse - (Math.sqrt(8) + Math.sqrt(4.5)) / 3) < 1e-12);
});

test('shares that must add to 100: every reconciled step sums to exactly 100', async () => {
  const rows = ['unique_id,ds,y'];
  for (let t = 0; t < 36; t++) {
    const month = `${2020 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-28`;
    rows.push(
      `gpu:nvidia,${month},${(60 + 0.4 * t + ((t * 5) % 3)).toFixed(2)}`,
      `gpu:amd,${month},${(25 - 0.2 * t + ((t * 7) % 2)).toFixed(2)}`,
      `gpu:intel,${month},${(10 - 0.1 * t).toFixed(2)}`,
    );
  }
  const path = join(dir, 'shares.csv');
  writeFileSync(path, rows.join('\n'));
  const grouped = await readGroupedCsv(path, { total: 100 });
  for (const method of ['wls_var', 'mint_shrink', 'td', 'ols']) {
    const f = await forecastHierarchy(grouped, {
      model: 'ets',
      horizon: 6,
      levels: [80],
      method,
      validationWindows: 0,
      paths: 200,
    });
    for (let s = 0; s < 6; s++) {
      let sum = 0;
      for (let i = 1; i < f.ids.length; i++) sum += f.reconciled[i * 6 + s];
      assert.ok(Math.abs(f.reconciled[s] - 100) < 1e-9, `${method}: total ${f.reconciled[s]}`);
      assert.ok(Math.abs(sum - 100) < 1e-9, `${method}: parts sum to ${sum}`);
    }
    assert.ok(coherenceError(grouped.hierarchy, f.reconciled, 6) < 1e-9);
    // the fixed total has no spread
    assert.ok(Math.abs(f.upper[0][0] - f.lower[0][0]) < 1e-9, method);
  }
});
