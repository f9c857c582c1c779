import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSeriesCsv } from '../data/read-csv.js';
import { forecastDataset } from '../pipeline/forecast-batch.js';
import { fileURLToPath } from 'node:url';
import { fanChart, FAN_MARKS } from './fan-chart.js';
import { fanChartInput } from './from-results.js';
import { renderSvg } from './render-svg.js';
import { markPaths, pathVertices } from './svg-marks.js';

const forecast = {
  mean: Float64Array.of(3, 3, NaN),
  levels: [80, 95],
  lower: [Float64Array.of(2, 1.5, 1), Float64Array.of(1, 0.5, 0)],
  upper: [Float64Array.of(4, 4.5, 5), Float64Array.of(5, 5.5, 6)],
};
const input = {
  id: 'a<b>',
  model: 'naive',
  history: { ds: ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'], y: [1, 2, NaN, 3] },
  ds: ['2024-05-31', '2024-06-30', '2024-07-31'],
  forecast,
  members: [
    { name: 'ets', weight: 0.25, mean: [3.1, 3.2, 3.3] },
    { name: 'theta', weight: 0.75, mean: [2.9, 2.8, 2.7] },
  ],
  reliableSteps: 1,
};

test('the fan chart draws the history, the forecast, one area per level and the members, finite values only', async () => {
  const spec = fanChart(input);
  const svg = await renderSvg(spec);
  assert.ok(svg.startsWith('<svg'));
  const vertices = (name: string) => markPaths(svg, name).paths.map(pathVertices);
  assert.deepEqual(vertices(FAN_MARKS.history), [3]); // the NaN observation is left out
  assert.deepEqual(vertices(FAN_MARKS.forecast), [2]); // and the NaN step
  assert.deepEqual(vertices(FAN_MARKS.bandOuter), [6]); // 3 steps, lower and upper
  assert.deepEqual(vertices(FAN_MARKS.bandInner), [6]);
  assert.deepEqual(vertices(FAN_MARKS.members), [3, 3]);
  assert.equal(markPaths(svg, FAN_MARKS.reliable).items, 1);
  // the outer band is the 95% one: its aria label says so
  assert.match(svg, /aria-label="95% interval"/);
  assert.match(svg, /a&lt;b&gt;/); // the id in the title is escaped by Vega's SVG writer
});

test('a forecast with one level has only the outer band; no members, no reliability rule unless given', async () => {
  const one = { ...forecast, levels: [90], lower: [forecast.lower[0]], upper: [forecast.upper[0]] };
  const svg = await renderSvg(fanChart({ ...input, forecast: one, members: [], reliableSteps: null }));
  assert.equal(markPaths(svg, FAN_MARKS.bandOuter).paths.length, 1);
  assert.equal(markPaths(svg, FAN_MARKS.bandInner).paths.length, 0);
  assert.equal(markPaths(svg, FAN_MARKS.members).paths.length, 0);
  assert.equal(markPaths(svg, FAN_MARKS.reliable).items, 0);
});

test('historyLength keeps the last observations; integer stamps give a linear axis', async () => {
  const spec = fanChart(
    { ...input, history: { ds: ['1', '2', '3', '4'], y: [1, 2, 3, 4] }, ds: ['5', '6', '7'], members: [] },
    { historyLength: 2 },
  );
  const svg = await renderSvg(spec);
  assert.deepEqual(markPaths(svg, FAN_MARKS.history).paths.map(pathVertices), [2]);
  assert.doesNotMatch(JSON.stringify(spec), /temporal/);
});

test('fanChartInput takes a batch forecast: history, members and weights of the fused model', async () => {
  const data = await readSeriesCsv(fileURLToPath(new URL('../../examples/industry.csv', import.meta.url)));
  const one = { ...data, ids: ['NVDA:revenue'], series: data.series.filter((s) => s.id === 'NVDA:revenue') };
  const [result] = forecastDataset(one, { models: ['ensemble', 'naive'], horizon: 4, levels: [80, 95] });
  const fused = fanChartInput(result, 'ensemble', 2)!;
  assert.equal(fused.history.y.length, result.series!.y.length);
  assert.equal(fused.history.ds.at(-1)! < fused.ds[0], true);
  assert.ok(fused.members!.length >= 3);
  const total = fused.members!.reduce((s, m) => s + (m.weight ?? 0), 0);
  assert.ok(Math.abs(total - 1) < 1e-9);
  const svg = await renderSvg(fanChart(fused));
  assert.deepEqual(markPaths(svg, FAN_MARKS.forecast).paths.map(pathVertices), [4]);
  assert.equal(markPaths(svg, FAN_MARKS.members).paths.length, fused.members!.length);
  assert.deepEqual(markPaths(svg, FAN_MARKS.history).paths.map(pathVertices), [result.series!.y.length]);
  assert.deepEqual(fanChartInput(result, 'naive')!.members, []);
  assert.equal(fanChartInput(result, 'theta'), null);
});
