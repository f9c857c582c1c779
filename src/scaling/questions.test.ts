import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optimalAllocation, parametersMultiplier, computeMultiplier, spendMultiplier } from './questions.js';
import { computeOptimal, type ChinchillaParams } from './chinchilla.js';

/** Hoffmann et al. (2022) approach 3, unrounded. */
const HOFFMANN: ChinchillaParams = { E: 1.69337, A: 406.401, B: 410.723, alpha: 0.339171, beta: 0.284908 };
const law = { estimate: HOFFMANN, replicates: [HOFFMANN, { ...HOFFMANN, alpha: 0.32 }, { ...HOFFMANN, alpha: 0.36 }] };

test('optimalAllocation reports the compute-optimal point with bootstrap bounds', () => {
  const a = optimalAllocation(law, 5.76e23);
  const o = computeOptimal(HOFFMANN, 5.76e23);
  assert.equal(a.parameters.estimate, o.parameters);
  assert.equal(a.tokensPerParameter.estimate, o.tokens / o.parameters);
  assert.ok(a.parameters.lower < a.parameters.upper);
  assert.throws(() => optimalAllocation(law, -1), /compute budget -1 must be a positive number/);
});

test('parametersMultiplier: k^(1/a) on the frontier, k² at fixed ratio, k at fixed data', () => {
  const [frontier, ratio, data] = parametersMultiplier(law, 2, 5.76e23);
  const a = HOFFMANN.beta / (HOFFMANN.alpha + HOFFMANN.beta);
  assert.ok(Math.abs(frontier.computeMultiplier.estimate - 2 ** (1 / a)) < 1e-12);
  // the frontier really does double N: N_opt(C·2^(1/a)) = 2·N_opt(C)
  const n0 = computeOptimal(HOFFMANN, 5.76e23).parameters;
  const n1 = computeOptimal(HOFFMANN, 5.76e23 * frontier.computeMultiplier.estimate).parameters;
  assert.ok(Math.abs(n1 / n0 - 2) < 1e-9);
  assert.equal(ratio.computeMultiplier.estimate, 4);
  assert.equal(data.computeMultiplier.estimate, 2);
  // compute-optimal spending beats the fixed-ratio path at the same or lower compute
  assert.ok(frontier.lossAfter.estimate < data.lossAfter.estimate);
  assert.ok(frontier.lossRatio.estimate < 1);
});

test('computeMultiplier: reducible loss falls by k^-(alpha·beta/(alpha+beta)) and 2^-gamma; log ratio is unit-dependent', () => {
  const [ch, pw, lg] = computeMultiplier(
    {
      chinchilla: law,
      power: { estimate: { E: 1.8, K: 2300, gamma: 0.17 }, replicates: [] },
      log: { estimate: { intercept: 3.3, slope: -0.15, unit: 1e18 }, replicates: [] },
    },
    2,
    1e21,
  );
  const g = (HOFFMANN.alpha * HOFFMANN.beta) / (HOFFMANN.alpha + HOFFMANN.beta);
  assert.ok(Math.abs(ch.reducibleLossRatio!.estimate - 2 ** -g) < 1e-12);
  assert.ok(Math.abs(pw.reducibleLossRatio!.estimate - 2 ** -0.17) < 1e-12);
  assert.equal(lg.reducibleLossRatio, null);
  assert.ok(Math.abs(lg.performanceRatio.estimate - Math.log(2e3 + 1) / Math.log(1e3 + 1)) < 1e-12);
  assert.ok(Math.abs(lg.lossReduction.estimate - 0.15 * Math.log(2001 / 1001)) < 1e-12);
  assert.throws(() => computeMultiplier({}, 2, 1e21), /no fitted form/);
});

test('spendMultiplier: with flat utilisation 2x spend is 2x compute; a falling curve gives less', () => {
  const flat = spendMultiplier(law, 1e8, 2, (usd) => ({ compute: 1e17 * usd }));
  assert.equal(flat.computeMultiplier, 2);
  const g = (HOFFMANN.alpha * HOFFMANN.beta) / (HOFFMANN.alpha + HOFFMANN.beta);
  assert.ok(Math.abs(flat.reducibleLossRatio.estimate - 2 ** -g) < 1e-12);
  // utilisation 1/(1 + usd/1e9): compute = 1e17 usd / (1 + usd/1e9)
  const falling = spendMultiplier(law, 1e8, 2, (usd) => ({ compute: (1e17 * usd) / (1 + usd / 1e9) }));
  assert.ok(Math.abs(falling.computeMultiplier - (2 * 1.1) / 1.2) < 1e-12);
  assert.ok(falling.reducibleLossRatio.estimate > flat.reducibleLossRatio.estimate);
  assert.throws(() => spendMultiplier(law, 0, 2, () => ({ compute: 1 })), /spend \(USD\) 0/);
});
