import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import { eventProbability } from '../evaluate/event-probability.js';
import { parseEvent } from '../evaluate/events.js';
import { eventChart, eventHistogram, EVENT_MARKS } from './event-chart.js';
import { eventChartInput } from './event-input.js';
import { renderSvg } from './render-svg.js';
import { markPaths } from './svg-marks.js';

test('eventHistogram counts every value once, edge bins take the tails, and marks the event side', () => {
  const bins = eventHistogram(Float64Array.of(0, 1, 2, 3, NaN), 2, '>', [1.5]);
  assert.deepEqual(
    bins.map((b) => [b.count, b.inEvent]),
    [
      [2, false],
      [2, true],
    ],
  );
  const wide = eventHistogram(Float64Array.of(0, 1, 2, 3), 4, 'between', [1, 10]);
  assert.equal(wide.at(-1)!.end, 10); // the range widens to include the thresholds
  assert.equal(
    wide.reduce((s, b) => s + b.count, 0),
    4,
  );
  assert.deepEqual(eventHistogram([], 5, '>', [0]), []);
});

test('event chart: the distribution of the statistic over the paths, the threshold and the probability', async () => {
  const rng = createRng(3);
  const paths = Array.from({ length: 2000 }, () => Float64Array.of(100 + 10 * rng.normal(), 100 + 20 * rng.normal()));
  const event = parseEvent('y[2] > 110');
  const p = eventProbability(event, paths, 95);
  const input = eventChartInput('NVDA:revenue', event, paths, 95, p);
  assert.equal(input.values.length, 2000);
  assert.deepEqual(input.thresholds, [110]);
  const spec = eventChart(input, { bins: 20 });
  assert.equal(
    spec.title,
    `NVDA:revenue: P(y[2] > 110) = ${(100 * p.probability).toFixed(1)}% (± ${(100 * p.standardError).toFixed(1)})`,
  );
  const svg = await renderSvg(spec);
  const bars = eventHistogram(input.values, 20, '>', [110]).filter((b) => b.count > 0).length;
  assert.equal(markPaths(svg, EVENT_MARKS.distribution).items, bars);
  assert.equal(markPaths(svg, EVENT_MARKS.threshold).items, 1);
  // a range event has two thresholds; growth is in percent of the last value
  const range = parseEvent('90 <= y[1] <= 110');
  const r = eventChartInput('a', range, paths, 95, eventProbability(range, paths, 95));
  assert.deepEqual(r.thresholds, [90, 110]);
  assert.equal(markPaths(await renderSvg(eventChart(r)), EVENT_MARKS.threshold).items, 2);
  const growth = parseEvent('growth(1) > 5%');
  assert.equal(eventChartInput('a', growth, paths, 95, eventProbability(growth, paths, 95)).statistic, 'growth(1) (%)');
});
