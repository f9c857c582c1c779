import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import type { Dataset, Series } from '../data/series.js';
import { backtestDataset } from '../evaluate/backtest.js';
import { accuracyByStepChart, ACCURACY_MARKS } from './accuracy-chart.js';
import { coverageChart, COVERAGE_MARKS } from './coverage-chart.js';
import { skillChartInputs } from './from-results.js';
import { renderSvg } from './render-svg.js';
import { skillChart, SKILL_MARKS } from './skill-chart.js';
import { markPaths, pathVertices } from './svg-marks.js';
import { weightsChart, WEIGHTS_MARKS } from './weights-chart.js';

const rng = createRng(5);
function trend(id: string, slope: number): Series {
  let level = 100;
  const y = Float64Array.from({ length: 60 }, () => (level += slope + rng.normal()));
  return {
    id,
    kind: 'index',
    frequency: 'index',
    seasonLengths: [1],
    y,
    times: Float64Array.from(y, (_, t) => t + 1),
    exog: {},
    rowExog: {},
    filled: 0,
    notes: [],
  };
}
const data: Dataset = {
  file: 'trend.csv',
  exogColumns: [],
  ids: ['up', 'down'],
  series: [trend('up', 2), trend('down', -1.5)],
  invalid: [],
};
const backtest = backtestDataset(data, {
  models: ['drift', 'naive'],
  horizon: 4,
  windows: 12,
  step: 1,
  levels: [80, 95],
  reliability: { reference: 'naive', resamples: 200 },
});

test('skill by horizon: one vertex per step, the band, parity at 1 and the reliable step', async () => {
  const inputs = skillChartInputs(backtest);
  assert.equal(inputs.length, 4); // two series x two models
  const drift = inputs.find((i) => i.id === 'up' && i.model === 'drift')!;
  assert.ok(drift.horizon.reliableSteps >= 1, 'drift beats naive on a strong trend');
  const svg = await renderSvg(skillChart(drift));
  assert.deepEqual(markPaths(svg, SKILL_MARKS.ratio).paths.map(pathVertices), [4]);
  assert.deepEqual(markPaths(svg, SKILL_MARKS.band).paths.map(pathVertices), [8]);
  assert.equal(markPaths(svg, SKILL_MARKS.parity).items, 1);
  assert.equal(markPaths(svg, SKILL_MARKS.reliable).items, 1);
  assert.match(svg, new RegExp(`reliable up to step ${drift.horizon.reliableSteps}`));
  // naive against itself: ratio 1 everywhere, no reliable step, no rule
  const self = inputs.find((i) => i.model === 'naive')!;
  assert.equal(self.horizon.reliableSteps, 0);
  assert.equal(markPaths(await renderSvg(skillChart(self)), SKILL_MARKS.reliable).items, 0);
});

test('MASE by step: one line per model with one vertex per step', async () => {
  const svg = await renderSvg(accuracyByStepChart(backtest.models));
  assert.deepEqual(markPaths(svg, ACCURACY_MARKS.mase).paths.map(pathVertices), [4, 4]);
});

test('coverage: one symbol per model and level, and the diagonal', async () => {
  const svg = await renderSvg(coverageChart(backtest.models));
  assert.equal(markPaths(svg, COVERAGE_MARKS.coverage).items, 4);
  assert.deepEqual(markPaths(svg, COVERAGE_MARKS.nominal).paths.map(pathVertices), [2]);
});

test('fusion weights: one rect per series and member with a positive weight', async () => {
  const spec = weightsChart([
    {
      id: 'a',
      members: [
        { name: 'ets', weight: 0.6 },
        { name: 'theta', weight: 0.4 },
      ],
    },
    {
      id: 'b',
      members: [
        { name: 'ets', weight: 0 },
        { name: 'theta', weight: 1 },
      ],
    },
  ]);
  const svg = await renderSvg(spec);
  assert.equal(markPaths(svg, WEIGHTS_MARKS.weights).items, 3);
});
