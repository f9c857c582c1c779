import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import { normalCdf } from '../core/stats/normal.js';
import { resolveModel } from '../ensemble/registry.js';
import { eventProbability, samplePaths } from './event-probability.js';
import { parseEvent } from './events.js';

// independent normal paths y_t ~ N(mu_t, s_t^2): every event type has a closed form
const MU = [100, 104, 108, 112];
const SD = [5, 7, 9, 11];
const LAST = 100;
function normalPaths(count: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Float64Array.from(MU, (m, t) => m + SD[t] * rng.normal()));
}
const above = (x: number, t: number) => 1 - normalCdf((x - MU[t]) / SD[t]);
const sumMean = MU.reduce((a, b) => a + b, 0);
const sumSd = Math.sqrt(SD.reduce((a, b) => a + b * b, 0));
const CLOSED: [string, number][] = [
  ['y[2] > 110', above(110, 1)],
  ['y[3] < 100', 1 - above(100, 2)],
  ['95 <= y[1] <= 105', normalCdf(1) - normalCdf(-1)],
  ['max(y[1..4]) > 115', 1 - [0, 1, 2, 3].reduce((p, t) => p * (1 - above(115, t)), 1)],
  ['min(y[1..4]) < 97', 1 - [0, 1, 2, 3].reduce((p, t) => p * above(97, t), 1)],
  ['sum(y[1..4]) > 430', 1 - normalCdf((430 - sumMean) / sumSd)],
  ['growth(4) > 10%', above(LAST * 1.1, 3)],
  ['y[1] > last', above(LAST, 0)],
];

test('every event type matches its closed form on normal paths within 4 Monte Carlo standard errors', () => {
  const paths = normalPaths(40000, 11);
  for (const [text, p] of CLOSED) {
    const r = eventProbability(parseEvent(text), paths, LAST);
    assert.equal(r.paths, 40000);
    assert.ok(Math.abs(r.standardError - Math.sqrt((p * (1 - p)) / 40000)) < 2e-4, `${text}: se ${r.standardError}`);
    assert.ok(
      Math.abs(r.probability - p) < 4 * r.standardError + 1e-9,
      `${text}: ${r.probability} vs closed form ${p}`,
    );
  }
});

test('the Monte Carlo error shrinks as 1/sqrt(paths)', () => {
  const event = parseEvent('y[2] > 110');
  const p = above(110, 1);
  for (const n of [1000, 4000, 16000]) {
    const r = eventProbability(event, normalPaths(n, 5), LAST);
    assert.ok(
      Math.abs(r.standardError * Math.sqrt(n) - Math.sqrt(p * (1 - p))) < 0.02,
      `n=${n}: se*sqrt(n) = ${r.standardError * Math.sqrt(n)}`,
    );
  }
  // the actual error over many replications has the reported spread: RMS error at 4x paths is half
  const rms = (n: number) =>
    Math.sqrt(
      Array.from(
        { length: 60 },
        (_, k) => (eventProbability(event, normalPaths(n, 100 + k), LAST).probability - p) ** 2,
      ).reduce((a, b) => a + b, 0) / 60,
    );
  const ratio = rms(400) / rms(1600);
  assert.ok(ratio > 1.5 && ratio < 2.7, `RMS error ratio ${ratio}`);
});

test('counts on hand-made paths, and events undefined on some paths are left out of the count', () => {
  const paths = [Float64Array.of(1, 5), Float64Array.of(3, 1), Float64Array.of(2, 2), Float64Array.of(4, 8)];
  const r = eventProbability(parseEvent('max(y[1..2]) > 4'), paths, 2);
  assert.deepEqual([r.probability, r.paths], [0.5, 4]);
  assert.ok(Math.abs(r.standardError - 0.25) < 1e-12);
  assert.equal(eventProbability(parseEvent('sum(y[1..2]) >= 4'), paths, 2).probability, 1);
  assert.equal(eventProbability(parseEvent('growth(2) > 0'), paths, 2).probability, 0.5); // 5 and 8 beat 2
  const partial = eventProbability(parseEvent('y[2] > 0'), [Float64Array.of(1), Float64Array.of(1, 2)], 0);
  assert.deepEqual([partial.probability, partial.paths], [1, 1]);
});

test('samplePaths uses the model simulator, else Gaussian paths matching the 95% interval', () => {
  const y = Float64Array.from({ length: 40 }, (_, t) => 50 + t + 3 * Math.sin(t));
  const naive = resolveModel('naive');
  const fit = naive.definition.fit({ y, seasonLength: 1 }, naive.spec);
  const fc = naive.definition.forecast(fit, 3, [95]);
  const paths = samplePaths(naive.definition, fit, fc, 3, 20000, createRng(3));
  const se = (fc.upper[0][2] - fc.lower[0][2]) / (2 * 1.959964);
  const last = paths.map((p) => p[2]);
  const mean = last.reduce((a, b) => a + b, 0) / last.length;
  const sd = Math.sqrt(last.reduce((a, b) => a + (b - mean) ** 2, 0) / last.length);
  assert.ok(Math.abs(mean - fc.mean[2]) < 0.05 * se && Math.abs(sd / se - 1) < 0.02, `mean ${mean} sd ${sd} se ${se}`);
  const share = last.filter((v) => v > fc.upper[0][2]).length / last.length;
  assert.ok(Math.abs(share - 0.025) < 0.004, `share above the 95% bound ${share}`);
  const ets = resolveModel('ets:ANN');
  const etsFit = ets.definition.fit({ y, seasonLength: 1 }, ets.spec);
  const a = samplePaths(ets.definition, etsFit, ets.definition.forecast(etsFit, 2, [95]), 2, 5, createRng(9));
  assert.deepEqual(a, ets.definition.simulate!(etsFit, 2, 5, createRng(9)));
});
