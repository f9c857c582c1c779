import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import type { Dataset, Series } from '../data/series.js';
import { scenarioForecasts } from '../pipeline/scenarios.js';
import { scenarioChartInput } from './from-results.js';
import { renderSvg } from './render-svg.js';
import { scenarioChart, SCENARIO_MARKS } from './scenario-chart.js';
import { markPaths, pathVertices } from './svg-marks.js';

const bands = (m: number[], w: number) => ({
  mean: m,
  levels: [80, 95],
  lower: [m.map((v) => v - w), m.map((v) => v - 2 * w)],
  upper: [m.map((v) => v + w), m.map((v) => v + 2 * w)],
});

test('scenarios side by side: one line and one band per scenario, and each outcome at the last step', async () => {
  const spec = scenarioChart({
    id: 'NVDA:net_income',
    model: 'arima',
    history: { ds: ['1', '2', '3'], y: [1, 2, 3] },
    ds: ['4', '5', '6'],
    scenarios: [
      { name: 'base', label: 'revenue as forecast', forecast: bands([4, 5, 6], 0.5) },
      { name: 'bear', forecast: bands([3, 3, 3], 0.5) },
      { name: 'bull', forecast: bands([5, 7, 9], 1) },
    ],
  });
  const svg = await renderSvg(spec);
  assert.deepEqual(markPaths(svg, SCENARIO_MARKS.lines).paths.map(pathVertices), [3, 3, 3]);
  assert.deepEqual(markPaths(svg, SCENARIO_MARKS.bands).paths.map(pathVertices), [6, 6, 6]);
  assert.deepEqual(markPaths(svg, SCENARIO_MARKS.history).paths.map(pathVertices), [3]);
  assert.equal(markPaths(svg, SCENARIO_MARKS.outcome).items, 3);
  assert.equal(markPaths(svg, SCENARIO_MARKS.outcomeRange).items, 3);
});

test('scenarioChartInput takes a scenario run: the drivers forecast (conditional) and simulated (unconditional)', async () => {
  const rng = createRng(8);
  const n = 40;
  const x = Float64Array.from({ length: n }, (_, t) => 100 + 2 * t + 3 * rng.normal());
  const y = Float64Array.from(x, (v) => 0.5 * v + rng.normal());
  const series: Series = {
    id: 'a',
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
  const data: Dataset = { file: 'in.csv', exogColumns: ['x'], ids: ['a'], series: [series], invalid: [] };
  const scenarios = scenarioForecasts(data, {
    models: ['arima'],
    horizon: 3,
    levels: [80, 95],
    exog: ['x'],
    scenarios: [],
    driverModel: 'drift',
    paths: 200,
  });
  const input = scenarioChartInput(scenarios, 'a', 'arima')!;
  assert.deepEqual(
    input.scenarios.map((s) => s.name),
    ['conditional', 'unconditional'],
  );
  assert.deepEqual(input.ds, ['41', '42', '43']);
  const svg = await renderSvg(scenarioChart(input));
  assert.deepEqual(markPaths(svg, SCENARIO_MARKS.lines).paths.map(pathVertices), [3, 3]);
  assert.equal(markPaths(svg, SCENARIO_MARKS.outcome).items, 2);
  assert.equal(scenarioChartInput(scenarios, 'zz', 'arima'), null);
});
