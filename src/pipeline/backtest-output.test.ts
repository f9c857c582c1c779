import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import type { Dataset, Series } from '../data/series.js';
import { backtestDataset } from '../evaluate/backtest.js';
import { parseEvent } from '../evaluate/events.js';
import { backtestForecastCsv } from './format-backtest.js';

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
const rng = createRng(12);
// a strong trend with small noise (drift beats naive at every step) and a random walk (nothing beats naive)
const trend = Float64Array.from({ length: 60 }, (_, t) => 100 + 5 * t + rng.normal());
let level = 100;
const walk = Float64Array.from({ length: 60 }, () => (level += rng.normal()));
const short = Float64Array.from({ length: 12 }, (_, t) => 10 + t);
const data: Dataset = {
  file: 'd.csv',
  exogColumns: [],
  ids: ['trend', 'walk', 'short'],
  series: [series('trend', trend), series('walk', walk), series('short', short)],
  invalid: [],
};

test('backtest: per-series accuracy, every forecast kept, and a note when a series had fewer origins', () => {
  const r = backtestDataset(data, {
    models: ['drift'],
    horizon: 3,
    windows: 6,
    step: 2,
    levels: [80],
    perSeries: true,
    keepForecasts: true,
  });
  assert.equal(r.windows, 6);
  assert.deepEqual(r.shortfall, [{ id: 'short', used: 4 }]); // origins 12-3-10 = -1 and 1 are before step 2
  assert.match(r.notes[0], /asked for 6 origins per series; 1 series had fewer \(as few as 4: short 4\)/);
  assert.equal(r.origins, 6 + 6 + 4);
  assert.deepEqual(
    r.series!.map((s) => [s.id, s.origins, s.models[0].cases]),
    [
      ['trend', 6, 6],
      ['walk', 6, 6],
      ['short', 4, 4],
    ],
  );
  assert.ok(r.series![0].models[0].owa! < 0.5, `drift OWA on the trend ${r.series![0].models[0].owa}`);
  assert.equal(r.series![0].naive2!.cases, 6);
  assert.ok(r.series![0].models[0].byStep[0].mase < r.series![0].naive2!.byStep[0].mase);
  assert.equal(r.forecasts!.length, 16);
  const first = r.forecasts![0];
  assert.deepEqual([first.id, first.origin, first.cutoff, first.ds], ['trend', 1, '47', ['48', '49', '50']]);
  assert.deepEqual(first.actual, Array.from(trend.subarray(47, 50)));
  const csv = backtestForecastCsv(r.forecasts!, [80]).trim().split('\n');
  assert.equal(csv[0], 'unique_id,origin,cutoff,ds,step,model,used,y,yhat,lo-80,hi-80');
  assert.equal(csv.length, 1 + 16 * 3);
  assert.match(csv[1], /^trend,1,47,48,1,drift,drift,/);
});

test('backtest scores standard and user events with Brier skill against climatology', () => {
  const r = backtestDataset(data, {
    models: ['drift', 'naive'],
    horizon: 2,
    windows: 10,
    step: 1,
    standardEvents: true,
    events: [{ seriesId: 'trend', event: parseEvent('y[2] > last') }],
    paths: 400,
  });
  const get = (model: string, event: string) => r.events!.find((e) => e.model === model && e.event === event)!.scores;
  // drift on the trend is sure of growth and right; naive says 50%
  // 29 origins x 2 steps, less step 2 at the origin with two observations (no past 2-step growth)
  assert.equal(get('drift', 'growth > 0').cases, 2 * (10 + 10 + 9) - 1);
  assert.equal(get('drift', 'y[2] > last').cases, 10);
  assert.ok(get('drift', 'y[2] > last').brier < 0.01);
  assert.ok(Math.abs(get('naive', 'y[2] > last').brier - 0.25) < 0.02);
  // the trend always grew: climatology is perfect there and the skill undefined
  assert.equal(get('naive', 'y[2] > last').climatologyBrier, 0);
  assert.ok(Number.isNaN(get('naive', 'y[2] > last').skill));
  assert.ok(get('naive', 'growth > 0').skill < -1, String(get('naive', 'growth > 0').skill));
  assert.ok(get('drift', 'growth > median').skill > 0.5, String(get('drift', 'growth > median').skill));
  assert.throws(
    () =>
      backtestDataset(data, {
        models: ['naive'],
        horizon: 2,
        events: [{ seriesId: null, event: parseEvent('y[3] > 0') }],
      }),
    /beyond the backtest horizon 2/,
  );
  assert.throws(
    () =>
      backtestDataset(data, {
        models: ['naive'],
        horizon: 2,
        events: [{ seriesId: 'nope', event: parseEvent('y[1] > 0') }],
      }),
    /names series "nope"/,
  );
});

test('backtest reliability horizon: drift is reliable on the trend at every step, not on the random walk', () => {
  const r = backtestDataset(data, {
    models: ['drift'],
    horizon: 4,
    windows: 20,
    step: 1,
    reliability: { reference: 'naive', resamples: 400 },
  });
  const trendR = r.series!.find((s) => s.id === 'trend')!.reliability[0];
  assert.equal(trendR.reference, 'naive');
  assert.equal(trendR.horizon!.reliableSteps, 4);
  assert.ok(trendR.horizon!.byStep.every((b) => b.upper < 0.5));
  const walkR = r.series!.find((s) => s.id === 'walk')!.reliability[0];
  assert.ok(walkR.horizon!.reliableSteps < 4, JSON.stringify(walkR.horizon!.byStep));
  const again = backtestDataset(data, {
    models: ['drift'],
    horizon: 4,
    windows: 20,
    step: 1,
    reliability: { reference: 'naive', resamples: 400 },
  });
  assert.deepEqual(again.series, r.series); // seeded
});
