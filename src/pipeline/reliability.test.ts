import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import type { Dataset, Series } from '../data/series.js';
import { datasetReliability, reliabilityReport, reliabilitySummary } from './reliability.js';

function series(id: string, y: Float64Array): Series {
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
const rng = createRng(31);
const trend = Float64Array.from({ length: 50 }, (_, t) => 10 + 3 * t + rng.normal());
const data: Dataset = {
  file: 'd.csv',
  exogColumns: [],
  ids: ['trend', 'tiny', 'bad'],
  series: [series('trend', trend), series('tiny', Float64Array.of(1, 2, 3))],
  invalid: [{ id: 'bad', reason: 'd.csv line 9: y "?" is not a number', file: 'd.csv', line: 9 }],
};

test('datasetReliability: every series gets a horizon or the reason it has none', () => {
  const r = datasetReliability(data, { models: ['drift', 'mean'], horizon: 3, resamples: 300 });
  assert.deepEqual([...r.keys()].sort(), ['bad', 'tiny', 'trend']);
  assert.equal(r.get('trend')!.get('drift')!.reliableSteps, 3);
  assert.equal(r.get('trend')!.get('drift')!.horizon!.origins, 20);
  assert.equal(r.get('trend')!.get('mean')!.reliableSteps, 0); // the mean of a trend loses to naive
  assert.equal(r.get('bad')!.get('drift')!.reliableSteps, null);
  assert.match(r.get('bad')!.get('drift')!.reason!, /line 9/);
  assert.equal(r.get('tiny')!.get('drift')!.reliableSteps, null);
  assert.match(r.get('tiny')!.get('drift')!.reason!, /too short for a 3-step backtest/);
  const text = reliabilitySummary(r, 3);
  assert.match(text, /trend drift: reliable up to step 3 of 3 against naive/);
  assert.match(text, /trend mean: reliable up to step 0 of 3 against naive .*; steps 1-3 are marked unreliable/);
  assert.match(text, /A step is reliable when/);
  const report = reliabilityReport(r) as { series: Record<string, { reliableSteps: number | null }[]> };
  assert.equal(report.series.trend[0].reliableSteps, 3);
});
