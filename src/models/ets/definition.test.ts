import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ETS_MODEL, parseEtsOption } from './definition.js';
import { createRng } from '../../core/random.js';
import { isForesightError } from '../../core/errors.js';

test('parseEtsOption reads forms and rejects bad text', () => {
  assert.deepEqual(parseEtsOption(undefined), { error: 'Z', trend: 'Z', damped: null, season: 'Z' });
  assert.deepEqual(parseEtsOption('AAdM'), { error: 'A', trend: 'A', damped: true, season: 'M' });
  assert.deepEqual(parseEtsOption('MNN'), { error: 'M', trend: 'N', damped: false, season: 'N' });
  assert.deepEqual(parseEtsOption('ZZN'), { error: 'Z', trend: 'Z', damped: null, season: 'N' });
  for (const bad of ['AAX', 'ANdN', 'aan', 'AAAA', 'MMN']) {
    assert.throws(
      () => parseEtsOption(bad),
      (e) => isForesightError(e, 'invalid_argument'),
      bad,
    );
  }
});

const trending = Float64Array.from({ length: 80 }, (_, t) => 50 + 0.8 * t + 4 * Math.sin(t * 1.7));

test('an explicit form is fitted as asked', () => {
  const fit = ETS_MODEL.fit({ y: trending, seasonLength: 1 }, parseEtsOption('AAdN'));
  assert.equal(fit.model, 'ets:AAdN');
  assert.ok(fit.params.phi >= 0.8 && fit.params.phi <= 0.98);
  const fc = ETS_MODEL.forecast(fit, 10, [80, 95]);
  assert.equal(fc.mean.length, 10);
  // intervals widen with the horizon
  assert.ok(fc.upper[1][9] - fc.lower[1][9] > fc.upper[1][0] - fc.lower[1][0]);
  assert.ok(fc.upper[1][0] > fc.upper[0][0]);
});

test('an impossible explicit form falls back to automatic selection with a recorded reason', () => {
  const withZero = Float64Array.from(trending, (v, t) => (t === 3 ? 0 : v));
  const fit = ETS_MODEL.fit({ y: withZero, seasonLength: 1 }, parseEtsOption('MAN'));
  assert.ok(fit.model.startsWith('ets:A'));
  assert.match(String(fit.details!.fallback), /could not be fitted/);
  const seasonalOnYearly = ETS_MODEL.fit({ y: trending, seasonLength: 1 }, parseEtsOption('AAA'));
  assert.match(String(seasonalOnYearly.details!.fallback), /could not be fitted/);
});

test('the fallback to automatic selection keeps the Nelder–Mead budget asked for', () => {
  const withZero = Float64Array.from(trending, (v, t) => (t === 3 ? 0 : v));
  const capped = ETS_MODEL.fit({ y: withZero, seasonLength: 1 }, { ...parseEtsOption('MAN'), maxEvaluations: 30 });
  const free = ETS_MODEL.fit({ y: withZero, seasonLength: 1 }, parseEtsOption('MAN'));
  assert.match(String(capped.details!.fallback), /could not be fitted/);
  // the budget is checked once per iteration, and one iteration (a shrink) evaluates every vertex
  assert.ok(Number(capped.details!.evaluations) <= 30 + 6, `evaluations ${String(capped.details!.evaluations)}`);
  assert.ok(Number(free.details!.evaluations) > 30 + 6, `evaluations ${String(free.details!.evaluations)}`);
});

test('simulate is deterministic for a seed and JSON round trip keeps forecasts', () => {
  const fit = ETS_MODEL.fit({ y: trending, seasonLength: 1 }, parseEtsOption(undefined));
  const a = ETS_MODEL.simulate!(fit, 5, 3, createRng(3));
  const b = ETS_MODEL.simulate!(JSON.parse(JSON.stringify(fit)), 5, 3, createRng(3));
  assert.deepEqual(
    a.map((p) => Array.from(p)),
    b.map((p) => Array.from(p)),
  );
  assert.deepEqual(
    Array.from(ETS_MODEL.forecast(JSON.parse(JSON.stringify(fit)), 4, [90]).upper[0]),
    Array.from(ETS_MODEL.forecast(fit, 4, [90]).upper[0]),
  );
});
