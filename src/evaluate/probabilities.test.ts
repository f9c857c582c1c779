import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import { normalCdf } from '../core/stats/normal.js';
import type { Dataset, Series } from '../data/series.js';
import { parseEvent, parseEventsCsv } from './events.js';
import {
  checkSimulationSize,
  datasetEventProbabilities,
  seriesEventProbabilities,
  seriesSeed,
} from './probabilities.js';

const y = Float64Array.from({ length: 30 }, (_, t) => 100 + 2 * t + ((t * 7) % 5) - 2);

test('seriesEventProbabilities: naive paths give the normal closed form of a random walk', () => {
  const r = seriesEventProbabilities({
    values: y,
    model: 'naive',
    events: ['y[4] > last', 'y[1] > 170'],
    paths: 20000,
    seed: 3,
  });
  assert.equal(r.horizon, 4);
  assert.equal(r.last, y[29]);
  assert.equal(r.events[0].probability > 0.48 && r.events[0].probability < 0.52, true, String(r.events[0].probability));
  // naive: y[1] ~ N(last, sigma^2), sigma^2 the mean squared first difference
  let s = 0;
  for (let t = 1; t < 30; t++) s += (y[t] - y[t - 1]) ** 2;
  const p = 1 - normalCdf((170 - y[29]) / Math.sqrt(s / 29));
  assert.ok(
    Math.abs(r.events[1].probability - p) < 4 * r.events[1].standardError + 0.002,
    `${r.events[1].probability} vs ${p}`,
  );
  const again = seriesEventProbabilities({ values: y, model: 'naive', events: ['y[4] > last'], paths: 20000, seed: 3 });
  assert.equal(again.events[0].probability, r.events[0].probability); // seeded
});

test('each event is simulated for its own horizon, so other events in the run do not change it', () => {
  const model = 'ensemble:mean/naive+drift'; // its fit validates on windows of the horizon's length
  const alone = seriesEventProbabilities({ values: y, model, events: ['y[1] > last'], paths: 3000 });
  const both = seriesEventProbabilities({ values: y, model, events: ['y[6] > last', 'y[1] > last'], paths: 3000 });
  assert.equal(both.events[1].probability, alone.events[0].probability);
  assert.deepEqual(
    both.events.map((e) => e.horizon),
    [6, 1],
  );
  assert.equal(both.horizon, 6);
  const fixed = seriesEventProbabilities({
    values: y,
    model,
    events: ['y[6] > last', 'y[1] > last'],
    paths: 3000,
    horizon: 6,
  });
  assert.deepEqual(
    fixed.events.map((e) => e.horizon),
    [6, 6],
  );
});

test('seriesEventProbabilities rejects bad arguments and degenerate series with named reasons', () => {
  assert.throws(
    () => seriesEventProbabilities({ values: y, events: ['y[5] > 1'], horizon: 3 }),
    /looks at step 5, beyond the horizon 3/,
  );
  assert.throws(
    () => seriesEventProbabilities({ values: y, events: ['y[1] > one'] }),
    (e: unknown) =>
      isForesightError(e, 'invalid_argument') &&
      /event 1: event "y\[1\] > one": threshold "one"/.test((e as Error).message),
  );
  assert.throws(() => seriesEventProbabilities({ values: y, events: [], model: 'naive' }), /no event given/);
  assert.throws(
    () => seriesEventProbabilities({ values: [5], events: ['y[1] > 1'], model: 'naive' }),
    (e: unknown) => isForesightError(e, 'invalid_input') && /no finite intervals/.test((e as Error).message),
  );
  const short = seriesEventProbabilities({ values: [1, 2], events: ['y[1] > 2'], model: 'holt', paths: 100 });
  assert.equal(short.used, 'naive');
  assert.match(short.fallbackReason ?? '', /too short/);
});

function series(id: string, values: Float64Array): Series {
  return {
    id,
    kind: 'index',
    frequency: 'index',
    seasonLengths: [1],
    y: values,
    times: Float64Array.from(values, (_, t) => t + 1),
    exog: {},
    rowExog: {},
    filled: 0,
    notes: [],
  };
}

test('datasetEventProbabilities accounts for every series and seeds by id', () => {
  const data: Dataset = {
    file: 'd.csv',
    exogColumns: [],
    ids: ['a', 'bad', 'one', 'b'],
    series: [series('a', y), series('one', Float64Array.of(3)), series('b', y)],
    invalid: [{ id: 'bad', reason: 'd.csv line 4: y "x" is not a number', file: 'd.csv', line: 4 }],
  };
  const rows = datasetEventProbabilities(data, {
    model: 'naive',
    paths: 500,
    events: [
      { seriesId: null, event: parseEvent('y[1] > last') },
      { seriesId: 'b', event: parseEvent('y[2] > 150') },
    ],
  });
  assert.deepEqual(
    rows.map((r) => r.id),
    ['a', 'bad', 'one', 'b'],
  );
  assert.equal(rows[0].result!.events.length, 1);
  assert.equal(rows[3].result!.events.length, 2);
  assert.match(rows[1].reason!, /line 4/);
  assert.match(rows[2].reason!, /no finite intervals/);
  assert.notEqual(seriesSeed(1, 'a'), seriesSeed(1, 'b'));
  assert.throws(
    () => datasetEventProbabilities(data, { events: [{ seriesId: 'zzz', event: parseEvent('y[1] > 0') }] }),
    /names series "zzz", which is not in d\.csv/,
  );
  // a row of an events file names its line
  assert.throws(
    () =>
      datasetEventProbabilities(data, {
        events: parseEventsCsv('unique_id,event\n*,y[1] > 0\nzzz,y[1] > 0\n', 'ev.csv'),
      }),
    /^ForesightError: ev\.csv line 3: event "y\[1\] > 0" names series "zzz", which is not in d\.csv$/,
  );
});

test('an intermittent series under auto gets probabilities and does not stop the file (seventh hostile sweep)', () => {
  // auto takes Croston-SBA there, which has no simulator: it threw 'has no sample paths' out of the whole run
  const demand = Float64Array.from({ length: 30 }, (_, t) => (t % 5 === 2 ? 3 + (t % 3) : 0));
  const data: Dataset = {
    file: 'd.csv',
    exogColumns: [],
    ids: ['regular', 'demand'],
    series: [series('regular', y), series('demand', demand)],
    invalid: [],
  };
  const rows = datasetEventProbabilities(data, {
    model: 'auto',
    paths: 400,
    events: [{ seriesId: null, event: parseEvent('y[2] > 1') }],
  });
  assert.equal(rows[1].result!.fallbackReason, null);
  const p = rows[1].result!.events[0].probability;
  // croston:sba forecasts about 1 a step with wide intervals: neither certain nor impossible
  assert.ok(p > 0.1 && p < 0.9, String(p));
  const byName = datasetEventProbabilities(data, {
    model: 'croston:sba',
    paths: 400,
    events: [{ seriesId: 'demand', event: parseEvent('y[2] > 1') }],
  });
  assert.equal(byName[1].result!.events[0].probability, p);
  assert.ok(rows[0].result!.events[0].probability > 0.9);
});

test('checkSimulationSize: horizons, paths and paths x steps beyond the limits are refused before any fit', () => {
  const event = (text: string) => parseEvent(text);
  checkSimulationSize(10_000, [event('y[12] > 1')]);
  assert.throws(
    () => checkSimulationSize(10_000, [event('y[1] > 1'), event('max(y[1..99999]) > 1')]),
    /event "max\(y\[1\.\.99999\]\) > 1" looks at step 99999, above the limit of 10000 steps/,
  );
  assert.throws(() => checkSimulationSize(100, [], 20_000), /horizon 20000 is above the limit of 10000 steps/);
  assert.throws(
    () => checkSimulationSize(2_000_000, [event('y[1] > 1')]),
    /paths 2000000 is above the limit of 1000000/,
  );
  assert.throws(
    () => checkSimulationSize(1_000_000, [event('y[1000] > 1')]),
    /1000000 paths of 1000 steps are 1000000000 simulated values, above the limit of 100000000/,
  );
  // the HTTP API's own bounds (100,000 paths, 1,000 steps) stay within the limit
  checkSimulationSize(100_000, [], 1_000);
  assert.throws(
    () => seriesEventProbabilities({ values: [1, 2, 3, 4], model: 'naive', events: ['y[20000] > 1'] }),
    (e) => isForesightError(e, 'invalid_argument') && /above the limit of 10000 steps/.test(e.message),
  );
});
