import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  fitChinchilla,
  bootstrapChinchilla,
  computeOptimal,
  chinchillaLoss,
  SMALL_GRID,
  type ChinchillaParams,
} from './chinchilla.js';
import { loadRuns } from './load.js';
import { dropFewestTokensPerParameter, selectRuns, type ScalingRuns } from './columns.js';
import { createRng } from '../core/random.js';
import { isForesightError } from '../core/errors.js';

const FILE = join(new URL('../../examples/scaling/', import.meta.url).pathname, 'chinchilla_runs.csv');

/** Besiroglu et al. (2024) Table 1 / notebook output: estimate and standard error. */
const EPOCH = {
  E: [1.8172, 0.03],
  A: [482.01, 124.58],
  B: [2085.43, 1293.23],
  alpha: [0.3478, 0.02],
  beta: [0.3658, 0.02],
} as const;

test('fitChinchilla reproduces the Epoch AI replication within its standard errors', () => {
  const all = loadRuns(FILE, { parameters: 'Model Size', compute: 'Training FLOP' });
  const runs = selectRuns(all, dropFewestTokensPerParameter(all, 5));
  const fit = fitChinchilla(runs);
  assert.equal(fit.nobs, 240);
  assert.equal(fit.starts, 4500);
  for (const [k, [value, se]] of Object.entries(EPOCH)) {
    const got = fit.params[k as keyof ChinchillaParams];
    assert.ok(Math.abs(got - value) < se, `${k} = ${got}, Epoch ${value} ± ${se}`);
  }
  // tighter than the SE where the published digits allow: E to 4 decimals, exponents to 0.002
  assert.ok(Math.abs(fit.params.E - 1.8172) < 5e-4, `E = ${fit.params.E}`);
  assert.ok(Math.abs(fit.params.alpha - 0.3478) < 2e-3 && Math.abs(fit.params.beta - 0.3658) < 2e-3);
  // compute-optimal exponent a = beta / (alpha + beta) = 0.513 in the paper
  assert.ok(Math.abs(fit.exponents.a - 0.513) < 0.005, `a = ${fit.exponents.a}`);
  assert.equal(fit.residuals.length, 240);

  // bootstrap (few resamples to keep the test fast; the CLI default is 200)
  const boot = bootstrapChinchilla(runs, fit, 6, createRng(2024));
  assert.equal(boot.samples.length + boot.failures.length, 6);
  const alphas = boot.samples.map((s) => s.alpha);
  // replicates scatter around the estimate with SD ≈ 0.02; 0.1 would mean the refits are not converging
  for (const a of alphas) assert.ok(Math.abs(a - fit.params.alpha) < 0.1, `replicate alpha ${a}`);
  assert.ok(new Set(alphas).size > 1, 'replicates differ');
  const again = bootstrapChinchilla(runs, fit, 2, createRng(2024));
  assert.deepEqual(again.samples, boot.samples.slice(0, 2), 'same seed, same replicates');
});

test('fitChinchilla recovers known parameters from noise-free synthetic runs', () => {
  const truth: ChinchillaParams = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const N: number[] = [],
    D: number[] = [],
    L: number[] = [];
  for (let i = 0; i < 8; i++)
    for (let j = 0; j < 8; j++) {
      const n = 1e7 * 10 ** (i * 0.45),
        d = 1e9 * 10 ** (j * 0.4);
      N.push(n);
      D.push(d);
      L.push(chinchillaLoss(truth, n, d));
    }
  const runs: ScalingRuns = {
    parameters: Float64Array.from(N),
    tokens: Float64Array.from(D),
    compute: Float64Array.from(N.map((n, i) => 6 * n * D[i])),
    loss: Float64Array.from(L),
    line: [],
  };
  const fit = fitChinchilla(runs, { grid: SMALL_GRID });
  /** Relative recovery tolerance for noise-free data. */
  const TOL = 1e-3;
  for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) {
    assert.ok(Math.abs(fit.params[k] / truth[k] - 1) < TOL, `${k}: ${fit.params[k]} vs ${truth[k]}`);
  }
});

test('computeOptimal satisfies C = 6ND and minimises loss along the iso-compute line', () => {
  const p: ChinchillaParams = { E: 1.69337, A: 406.401, B: 410.723, alpha: 0.339171, beta: 0.284908 };
  const C = 5.76e23; // Gopher's budget
  const o = computeOptimal(p, C);
  assert.ok(Math.abs((6 * o.parameters * o.tokens) / C - 1) < 1e-12);
  for (const f of [0.9, 1.1]) {
    const N = o.parameters * f;
    assert.ok(chinchillaLoss(p, N, C / (6 * N)) > o.loss);
  }
  // Hoffmann et al. (2022) section 3.4: approach 3 puts the Gopher budget at about 40B parameters: a Gopher-budget model should have about 40B parameters
  assert.ok(Math.abs(o.parameters / 40e9 - 1) < 0.05, `N_opt = ${o.parameters}`);
  assert.ok(Math.abs(o.reducibleLoss - (o.loss - p.E)) < 1e-15);
  assert.throws(
    () => computeOptimal(p, 0),
    (e) => isForesightError(e, 'invalid_argument'),
  );
});

test('fitChinchilla refuses fewer than 6 runs', () => {
  const one = Float64Array.of(1, 2, 3);
  assert.throws(
    () => fitChinchilla({ parameters: one, tokens: one, compute: one, loss: one, line: [] }),
    (e) => isForesightError(e, 'too_short'),
  );
});
