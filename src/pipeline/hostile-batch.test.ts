/**
 * Hostile series in a batch (issue 13, classes 1, 2, 3, 9 and 10): one bad series falls back with its reason and
 * never costs the others, in this thread, on worker threads and in the backtest.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeriesCsv } from '../data/read-csv.js';
import { MAX_HORIZON } from '../data/limits.js';
import { backtestDataset } from '../evaluate/backtest.js';
import { forecastDataset, forecastDatasetParallel } from './forecast-batch.js';
import { forecastLines } from './write-forecast.js';
import { buildReport } from './run-forecast.js';
import { scenarioForecasts } from './scenarios.js';
import { datasetEventProbabilities } from '../evaluate/probabilities.js';
import { parseEvent } from '../evaluate/events.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-hostile-batch-'));
function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, ['unique_id,ds,y', ...lines].join('\n') + '\n');
  return path;
}
const good = Array.from({ length: 30 }, (_, t) => `good,${t + 1},${100 + t + ((t * 7) % 5)}`);
const huge = Array.from({ length: 30 }, (_, t) => `huge,${t + 1},${1e160 * (1 + 0.1 * (t % 3))}`);

for (const model of ['ets', 'theta', 'ses', 'holt', 'damped', 'comb', 'auto']) {
  test(`hostile batch: |y| ~ 1e160 makes ${model} fall back on that series only`, async () => {
    const data = await readSeriesCsv(csv(`huge-${model}.csv`, [...good, ...huge]));
    const [ok, bad] = forecastDataset(data, { models: [model], horizon: 2, levels: [80] });
    assert.equal(ok.runs[0].fallbackReason, null);
    assert.equal(ok.runs[0].forecast!.mean.length, 2);
    const run = bad.runs[0];
    assert.equal(run.used, 'naive');
    assert.match(run.fallbackReason!, new RegExp(`^${model} (failed|produced)`));
    // naive's variance overflows too: the bounds are left empty and the reason says so
    assert.match(run.fallbackReason!, /naive's interval bounds are not finite either: left empty/);
    assert.equal(run.forecast!.mean[1], data.series[1].y[29]); // the last value, 1.2e160
    assert.ok(Number.isNaN(run.forecast!.lower[0][0]));
  });
}

test('hostile batch: the same fallback on worker threads', async () => {
  const data = await readSeriesCsv(
    csv('huge-workers.csv', [...good, ...huge, ...good.map((l) => l.replace('good', 'good2'))]),
  );
  const results = await forecastDatasetParallel(data, {
    models: ['ses', 'naive'],
    horizon: 3,
    levels: [80],
    workers: 2,
  });
  assert.deepEqual(
    results.map((r) => r.id),
    ['good', 'huge', 'good2'],
  );
  assert.match(
    results[1].runs[0].fallbackReason!,
    /ses failed: ETS\(ANN\): the likelihood is not finite at the starting values/,
  );
  assert.equal(results[0].runs[0].fallbackReason, null);
  assert.equal(results[2].runs[0].fallbackReason, null);
});

test('hostile batch: the backtest counts the fallbacks and scores every series', async () => {
  const data = await readSeriesCsv(csv('huge-backtest.csv', [...good, ...huge]));
  const result = backtestDataset(data, { models: ['damped'], horizon: 2, windows: 2 });
  assert.equal(result.origins, 4);
  assert.equal(result.fallbacks.damped, 2);
  assert.deepEqual(
    result.fallbackReasons.map((f) => [f.id, f.model]),
    [['huge', 'damped']],
  );
  assert.match(
    result.fallbackReasons[0].reason,
    /damped failed: ETS\(AAdN\): the likelihood is not finite at the starting values/,
  );
  assert.equal(result.models[0].cases, 4);
});

test('hostile batch: non-finite bounds are a recorded fallback, not status ok', async () => {
  // 1e200 steps: the mean is finite, the naive variance (1e400) is not
  const lines = Array.from({ length: 10 }, (_, t) => `wild,${t + 1},${t % 2 ? 1e200 : -1e200}`);
  const data = await readSeriesCsv(csv('bounds.csv', lines));
  const [r] = forecastDataset(data, { models: ['naive'], horizon: 1, levels: [95] });
  assert.match(r.runs[0].fallbackReason!, /naive produced non-finite interval bounds/);
  const report = buildReport(data, [r], { horizon: 1, levels: [95] });
  assert.equal((report.series as { status: string }[])[0].status, 'fallback');
});

test('hostile batch: ets:MNN on negative data says it fitted another form, in the report and the form column', async () => {
  const lines = Array.from({ length: 30 }, (_, t) => `neg,${t + 1},${-5 + (t % 3)}`);
  const data = await readSeriesCsv(csv('neg.csv', lines));
  const [r] = forecastDataset(data, { models: ['ets:MNN', 'ets:ANN'], horizon: 1, levels: [80] });
  assert.equal(r.runs[0].model, 'ets:MNN');
  assert.equal(r.runs[0].used, 'ets:ANN');
  assert.match(
    r.runs[0].fallbackReason!,
    /requested ets form could not be fitted .*automatic selection used \(fitted ets:ANN\)/,
  );
  assert.equal(r.runs[1].fallbackReason, null);
  const [mnn, ann] = forecastLines(r, ['ets:MNN', 'ets:ANN'], [80]).trim().split('\n');
  assert.ok(mnn.startsWith('neg,31,ets:MNN,') && mnn.endsWith(',ets:ANN'), mnn);
  assert.ok(ann.startsWith('neg,31,ets:ANN,') && ann.endsWith(',ets:ANN'), ann);
  const report = buildReport(data, [r], { horizon: 1, levels: [80] });
  assert.equal((report.series as { status: string }[])[0].status, 'fallback');
});

test('hostile batch: a calendar that would pass 2^53 or year 275760 sets that series aside', async () => {
  const data = await readSeriesCsv(
    csv('edge.csv', [
      'i,9007199254740989,1',
      'i,9007199254740990,2',
      'd,+275760-09-12,1',
      'd,+275760-09-13,2',
      'ok,1,1',
      'ok,2,2',
    ]),
  );
  const results = forecastDataset(data, { models: ['naive'], horizon: 3, levels: [] });
  assert.deepEqual(
    results.map((r) => r.id),
    ['i', 'd', 'ok'],
  );
  assert.match(results[0].invalid!.reason, /series "i": the forecast index after 9007199254740990 passes 2\^53 - 1/);
  assert.match(
    results[1].invalid!.reason,
    /series "d": the forecast dates after \+275760-09-13 pass the last representable date/,
  );
  assert.deepEqual(results[2].ds, ['3', '4', '5']);
  assert.equal(forecastLines(results[0], ['naive'], []), 'i,,naive,,\n');
});

test('hostile batch: the forecast of year 9999 continues in a form the reader takes back', async () => {
  const data = await readSeriesCsv(csv('y9999.csv', ['y,9998-12-31,1', 'y,9999-12-31,2']));
  const [r] = forecastDataset(data, { models: ['naive'], horizon: 2, levels: [] });
  assert.deepEqual(r.ds, ['+010000-12-31', '+010001-12-31']);
  const again = await readSeriesCsv(
    csv(
      'y10000.csv',
      r.ds.map((d, i) => `y,${d},${i}`),
    ),
  );
  assert.equal(again.series[0].frequency, 'yearly');
  const early = await readSeriesCsv(csv('y0097.csv', ['e,0097-12-31,1', 'e,0098-12-31,2']));
  assert.deepEqual(forecastDataset(early, { models: ['naive'], horizon: 2, levels: [] })[0].ds, [
    '0099-12-31',
    '0100-12-31',
  ]);
});

test('hostile batch: a horizon above the limit is refused before any work', async () => {
  const data = await readSeriesCsv(csv('h.csv', good));
  assert.throws(
    () => forecastDataset(data, { models: ['naive'], horizon: 1e9, levels: [] }),
    new RegExp(`horizon 1000000000 is above the limit of ${MAX_HORIZON}`),
  );
  assert.throws(
    () => forecastDataset(data, { models: ['naive'], horizon: 2.5, levels: [] }),
    /horizon 2.5 is not a positive integer/,
  );
});

test('hostile batch: a model or a level given twice, or a driver that is not a column, is refused before any work', async () => {
  const data = await readSeriesCsv(csv('twice.csv', good));
  assert.throws(
    () => forecastDataset(data, { models: ['naive', 'naive'], horizon: 1, levels: [] }),
    /model naive is given twice/,
  );
  assert.throws(
    () => forecastDataset(data, { models: ['naive'], horizon: 1, levels: [80, 80] }),
    /level 80 is given twice/,
  );
  assert.throws(
    () => backtestDataset(data, { models: ['naive'], horizon: 1, levels: [95, 95] }),
    /level 95 is given twice/,
  );
  // backtestDataset and scenarioForecasts indexed the missing column and threw a TypeError
  assert.throws(
    () => backtestDataset(data, { models: ['arima'], horizon: 1, exog: ['price'] }),
    /regressor "price" is not a column of .*twice\.csv \(extra columns: none\)/,
  );
  assert.throws(
    () => scenarioForecasts(data, { models: ['arima'], horizon: 1, levels: [], exog: ['price'], scenarios: [] }),
    /regressor "price" is not a column/,
  );
});

test('hostile batch: 1e-300 magnitudes are forecast as the same series at magnitude 1, not as 0 with zero-width bounds', async () => {
  const values = Array.from({ length: 24 }, (_, t) => (1 + 0.1 * (t % 4) + 0.01 * t) * 1e-300);
  const tiny = await readSeriesCsv(csv('tiny.csv', [...good, ...values.map((v, t) => `tiny,${t + 1},${v}`)]));
  // 2^995 brings the largest value (about 1.53e-300) to between 1/2 and 1: the scaling the models see
  const scale = 2 ** 995;
  assert.equal(-Math.ceil(Math.log2(Math.max(...values))), 995);
  const unit = await readSeriesCsv(
    csv(
      'unit.csv',
      values.map((v, t) => `tiny,${t + 1},${v * scale}`),
    ),
  );
  for (const model of ['ets', 'naive', 'arima', 'theta']) {
    const [ok, r] = forecastDataset(tiny, { models: [model], horizon: 2, levels: [80] });
    const [u] = forecastDataset(unit, { models: [model], horizon: 2, levels: [80] });
    assert.equal(ok.runs[0].fallbackReason, null);
    assert.equal(r.runs[0].fallbackReason, u.runs[0].fallbackReason, model);
    const f = r.runs[0].forecast!;
    const g = u.runs[0].forecast!;
    for (let h = 0; h < 2; h++) {
      // before: ets forecast 0 and naive's bounds collapsed on the mean (the variance underflowed)
      assert.ok(f.upper[0][h] > f.mean[h] && f.mean[h] > f.lower[0][h] && f.lower[0][h] > 0, `${model} ${h}`);
      for (const [a, b] of [
        [f.mean[h], g.mean[h]],
        [f.lower[0][h], g.lower[0][h]],
        [f.upper[0][h], g.upper[0][h]],
      ])
        assert.ok(Math.abs(a * scale - b) <= 1e-12 * Math.abs(b), `${model} step ${h + 1}: ${a * scale} vs ${b}`);
    }
  }
  // the sample paths of a tiny series spread as the intervals say: P(y[1] > its median) is about one half
  const [, row] = datasetEventProbabilities(tiny, {
    model: 'naive',
    events: [{ seriesId: 'tiny', event: parseEvent(`y[1] > ${values[23]}`) }],
    paths: 2000,
  });
  const p = row.result!.events[0].probability;
  assert.ok(p > 0.4 && p < 0.6, String(p));
});
