import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import {
  brierScore,
  logScore,
  reliabilityTable,
  scoreProbabilities,
  worstDecileGap,
  type ProbabilityCase,
} from './brier.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

test('Brier and log scores by hand', () => {
  const cases: ProbabilityCase[] = [
    { probability: 0.8, outcome: true },
    { probability: 0.3, outcome: false },
    { probability: 0.6, outcome: false },
  ];
  close(brierScore(cases), (0.04 + 0.09 + 0.36) / 3);
  close(logScore(cases), -(Math.log(0.8) + Math.log(0.7) + Math.log(0.4)) / 3);
  close(logScore([{ probability: 0, outcome: true }]), -Math.log(1e-3)); // clipped, finite
  assert.ok(Number.isNaN(brierScore([])));
});

test('skill against per-case climatology and against the base rate', () => {
  const cases: ProbabilityCase[] = [
    { probability: 0.9, outcome: true, climatology: 0.5 },
    { probability: 0.2, outcome: false, climatology: 0.5 },
  ];
  const s = scoreProbabilities(cases);
  close(s.brier, (0.01 + 0.04) / 2);
  close(s.climatologyBrier, 0.25);
  close(s.skill, 1 - 0.025 / 0.25);
  // without climatology: base rate 0.5 here too, a constant-0.5 forecaster has skill 0
  const flat = scoreProbabilities([
    { probability: 0.5, outcome: true },
    { probability: 0.5, outcome: false },
  ]);
  close(flat.skill, 0);
  close(flat.baseRate, 0.5);
});

test('a calibrated forecaster has deciles on the diagonal, a sharp overconfident one does not', () => {
  const rng = createRng(4);
  const calibrated: ProbabilityCase[] = [];
  const overconfident: ProbabilityCase[] = [];
  for (let i = 0; i < 20000; i++) {
    const p = rng.uniform();
    const outcome = rng.uniform() < p;
    calibrated.push({ probability: p, outcome });
    overconfident.push({ probability: p < 0.5 ? p / 4 : 1 - (1 - p) / 4, outcome });
  }
  const table = reliabilityTable(calibrated);
  assert.equal(table.length, 10);
  assert.equal(
    table.reduce((n, b) => n + b.cases, 0),
    20000,
  );
  close(table[3].from, 0.3);
  const good = worstDecileGap(table, 50);
  assert.equal(good.bins, 10);
  assert.ok(good.gap < 0.03, `calibrated gap ${good.gap}`);
  const bad = worstDecileGap(reliabilityTable(overconfident), 50);
  assert.ok(bad.gap > 0.15, `overconfident gap ${bad.gap}`);
  assert.deepEqual(worstDecileGap(reliabilityTable([{ probability: 0.5, outcome: true }]), 50), { gap: 0, bins: 0 });
  assert.equal(reliabilityTable([{ probability: 1, outcome: true }])[9].cases, 1); // 1 falls in the last bin
});
