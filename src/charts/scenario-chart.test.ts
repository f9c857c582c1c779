import { test } from 'node:test';
import assert from 'node:assert/strict';
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
