import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { frontierSeries, frontierTrend } from './trend.js';
import { loadNotableModels } from './load.js';
import { resolveModel } from '../models/registry.js';

test('frontierSeries is the running maximum at period ends', () => {
  const s = frontierSeries(
    [2010.1, 2010.3, 2010.4, 2010.6, 2010.9],
    [1e20, 5e19, 1e21, 2e20, 1e22],
    ['a', 'b', 'c', 'd', 'e'],
    2010,
    0.25,
  );
  assert.deepEqual(s.time, [2010.25, 2010.5, 2010.75]);
  assert.deepEqual(Array.from(s.log10Flop), [20, 21, 21]);
  assert.deepEqual(s.leader, ['a', 'c', 'c']);
  assert.throws(() => frontierSeries([2010.1], [1e20], ['a']), /need at least 3/);
});

test('frontierTrend with drift finds the exact crossing of a log-linear frontier', () => {
  // compute grows 10x every two years: log10 C = 20 + 0.5 (t - 2010), one run 0.2 years before each quarter end,
  // so the frontier at quarter end t is 20 + 0.5 (t - 0.2 - 2010) and crosses 1e27 at 2024.2
  const year: number[] = [],
    flop: number[] = [];
  for (let t = 2010.05; t < 2020.2; t += 0.25) {
    year.push(t);
    flop.push(10 ** (20 + 0.5 * (t - 2010)));
  }
  const s = frontierSeries(year, flop, year.map(String), 2010, 0.25);
  const f = frontierTrend(s, resolveModel('drift'), 24, [80, 95], 1e27);
  /** The series is exactly linear, so only rounding separates the forecast from the line. */
  const TOL = 1e-9;
  assert.ok(Math.abs(f.crossing.mean! - 2024.2) < TOL, `crossing ${f.crossing.mean}`);
  assert.ok(Math.abs(f.growthPerYear - Math.sqrt(10)) < 1e-9);
  assert.equal(f.crossing.level, 95);
  assert.equal(f.mean.length, 24);
  const past = frontierTrend(s, resolveModel('drift'), 4, [80], 1e21);
  assert.ok(past.crossing.observed !== null && past.crossing.observed <= 2012.25);
});

test('on the notable-models data the drift forecast puts the 1e27 FLOP frontier in late 2025', () => {
  const m = loadNotableModels(join(new URL('../../examples/scaling/', import.meta.url).pathname, 'notable_models.csv'));
  const s = frontierSeries(m.year, m.trainingFlop, m.model, 2010, 0.25);
  assert.equal(s.leader[s.leader.length - 1], 'Grok-3');
  const f = frontierTrend(s, resolveModel('drift'), 60, [80, 95], 1e27);
  // reference values of this computation (drift = average quarterly growth 2010Q1-2025Q1, 3.69x a year)
  assert.ok(Math.abs(f.growthPerYear - 3.68995) < 1e-4, `growth ${f.growthPerYear}`);
  assert.ok(Math.abs(f.crossing.mean! - 2025.838) < 1e-3, `crossing ${f.crossing.mean}`);
  assert.ok(f.crossing.earliest! < f.crossing.mean! && f.crossing.latest! > f.crossing.mean!);
});
