import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import type { Dataset, Series } from '../data/series.js';
import { pathForecast, scenarioCsv, scenarioForecasts } from './scenarios.js';

const rng = createRng(21);
const n = 40;
function make(id: string, slope: number): Series {
  const x = Float64Array.from({ length: n }, (_, t) => 100 + slope * t + 3 * rng.normal());
  const y = Float64Array.from(x, (v) => 0.5 * v + rng.normal());
  return {
    id,
    kind: 'index',
    frequency: 'index',
    seasonLengths: [1],
    y,
    times: Float64Array.from(y, (_, t) => t + 1),
    exog: { x },
    rowExog: { x },
    filled: 0,
    notes: [],
  };
}
const a = make('a', 2),
  b = make('b', -1);
const data: Dataset = { file: 'in.csv', exogColumns: ['x'], ids: ['a', 'b'], series: [a, b], invalid: [] };
function future(file: string, values: Record<string, number[]>): Dataset {
  const series = Object.entries(values).map(([id, v]): Series => {
    const x = Float64Array.from(v);
    return {
      id,
      kind: 'index',
      frequency: 'index',
      seasonLengths: [1],
      y: new Float64Array(v.length).fill(NaN),
      times: Float64Array.from(v, (_, t) => n + t + 1),
      exog: { x },
      rowExog: { x },
      filled: 0,
      notes: [],
    };
  });
  return { file, exogColumns: ['x'], ids: Object.keys(values), series, invalid: [] };
}

test('named scenarios side by side: the forecast moves with the driver by its coefficient', () => {
  const low = future('low.csv', { a: [150, 150, 150], b: [60, 60, 60] });
  const high = future('high.csv', { a: [170, 170, 170], b: [80, 80, 80] });
  const s = scenarioForecasts(data, {
    models: ['arima:0,0,0'],
    horizon: 3,
    levels: [80],
    exog: ['x'],
    scenarios: [
      { name: 'low', future: low },
      { name: 'high', future: high },
    ],
  });
  assert.deepEqual(
    s.map((x) => x.name),
    ['low', 'high'],
  );
  const diff = s[1].results[0].runs[0].forecast!.mean[0] - s[0].results[0].runs[0].forecast!.mean[0];
  assert.ok(Math.abs(diff - 20 * 0.5) < 1, `20 more of the driver moves y by ${diff}`);
  const csv = scenarioCsv(s, ['arima:0,0,0'], [80]).trim().split('\n');
  assert.equal(csv[0], 'unique_id,ds,scenario,model,yhat,lo-80,hi-80');
  assert.equal(csv.length, 1 + 2 * 2 * 3);
  assert.match(csv[1], /^a,41,low,"arima:0,0,0",/);
  // a scenario file missing a series or a step is an error naming the file, series and ds
  assert.throws(
    () =>
      scenarioForecasts(data, {
        models: ['arima'],
        horizon: 3,
        levels: [80],
        exog: ['x'],
        scenarios: [{ name: 'bad', future: future('bad.csv', { a: [1, 2, 3] }) }],
      }),
    /bad\.csv: no rows for series "b"/,
  );
  assert.throws(
    () =>
      scenarioForecasts(data, {
        models: ['arima'],
        horizon: 3,
        levels: [80],
        exog: ['x'],
        scenarios: [{ name: 'bad', future: future('short.csv', { a: [1, 2], b: [1, 2] }) }],
      }),
    /short\.csv: series "a" has no future value of "x" at ds 43/,
  );
  assert.throws(
    () =>
      scenarioForecasts(data, {
        models: ['arima'],
        horizon: 3,
        levels: [80],
        exog: ['x'],
        scenarios: [
          { name: 'x', future: low },
          { name: 'x', future: high },
        ],
      }),
    /scenario "x" is given twice/,
  );
});

test('drivers forecast and simulated: the unconditional intervals are wider than the conditional ones', () => {
  const s = scenarioForecasts(data, {
    models: ['arima:0,0,0'],
    horizon: 4,
    levels: [80],
    exog: ['x'],
    scenarios: [],
    driverModel: 'drift',
    paths: 800,
  });
  assert.deepEqual(
    s.map((x) => x.name),
    ['conditional', 'unconditional'],
  );
  assert.match(s[1].label, /800 simulated driver paths \(x forecast by drift\)/);
  const cond = s[0].results[0].runs[0].forecast!;
  const unc = s[1].results[0].runs[0].forecast!;
  assert.deepEqual(s[0].results[0].ds, ['41', '42', '43', '44']);
  for (let t = 0; t < 4; t++) {
    assert.ok(Math.abs(unc.mean[t] - cond.mean[t]) < 0.6, `step ${t + 1}: means ${unc.mean[t]} vs ${cond.mean[t]}`);
    assert.ok(unc.upper[0][t] - unc.lower[0][t] > 1.3 * (cond.upper[0][t] - cond.lower[0][t]), `step ${t + 1}`);
  }
});

test('pathForecast: mean and type-7 quantiles of the paths', () => {
  const paths = [1, 2, 3, 4, 5].map((v) => Float64Array.of(v, 10 * v));
  const f = pathForecast(paths, [50]);
  assert.deepEqual(Array.from(f.mean), [3, 30]);
  assert.deepEqual([f.lower[0][0], f.upper[0][0], f.lower[0][1], f.upper[0][1]], [2, 4, 20, 40]);
});
