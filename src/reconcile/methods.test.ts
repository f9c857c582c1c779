import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import { isForesightError } from '../core/errors.js';
import { bottomUp } from './bottom-up.js';
import {
  identityWeights,
  sampleCovariance,
  shrinkageCovariance,
  shrinkageIntensity,
  structuralWeights,
  varianceWeights,
  type WeightMatrix,
} from './covariance.js';
import { nonNegativeReconcile } from './non-negative.js';
import { projectCoherent } from './projection.js';
import { parseReconcileMethod, reconcile } from './reconcile.js';
import { buildHierarchy, coherenceError, summingMultiply } from './structure.js';
import { middleOut, topDown } from './top-down.js';

// total = a + b
const TWO = buildHierarchy(['k'], [['a'], ['b']], [['k']]);
// total; A = a1 + a2; B = b1
const TREE = buildHierarchy(
  ['s', 'c'],
  [
    ['A', 'a1'],
    ['A', 'a2'],
    ['B', 'b1'],
  ],
  [['s', 'c']],
);
// 2 x 2 crossed grouping: total, g1, g2, kx, ky, 4 bottoms
const CROSSED = buildHierarchy(
  ['g', 'k'],
  [
    ['1', 'x'],
    ['1', 'y'],
    ['2', 'x'],
    ['2', 'y'],
  ],
  [['g'], ['k']],
);

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-9) => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++)
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])),
      `index ${i}: ${actual[i]} vs ${expected[i]}`,
    );
};

function residuals(n: number, T: number, seed: number) {
  const rng = createRng(seed);
  const common = Array.from({ length: T }, () => rng.normal());
  const values = new Float64Array(n * T);
  for (let t = 0; t < T; t++)
    for (let i = 0; i < n; i++) values[t * n + i] = (1 + i) * (0.6 * common[t] + rng.normal());
  return { n, T, values };
}

test('bottom-up keeps the bottom forecasts and sums them', () => {
  close(bottomUp(TREE, Float64Array.of(100, 100, 100, 1, 2, 4), 1), [7, 3, 4, 1, 2, 4]);
});

test('OLS and structural WLS on a two-series total, by hand', () => {
  // OLS: b = (S'S)^-1 S'y = 1/3 [[2,-1],[-1,2]] [13, 15] = [11/3, 17/3]
  close(projectCoherent(TWO, Float64Array.of(10, 3, 5), identityWeights(3), 1).values, [28 / 3, 11 / 3, 17 / 3]);
  // WLS with W = diag(2, 1, 1): S'W^-1 S = [[1.5, .5], [.5, 1.5]], S'W^-1 y = [8, 10] -> b = [3.5, 5.5]
  close(projectCoherent(TWO, Float64Array.of(10, 3, 5), structuralWeights(TWO), 1).values, [9, 3.5, 5.5]);
  assert.deepEqual(Array.from(structuralWeights(TREE).diagonal), [3, 2, 1, 1, 1, 1]);
});

test('MinT with an identity covariance equals OLS, dense or diagonal, dense or iterative solver', () => {
  const rng = createRng(3);
  const base = Float64Array.from({ length: 9 * 3 }, () => 10 * rng.normal());
  const ols = projectCoherent(CROSSED, base, identityWeights(9), 3).values;
  const eye = new Float64Array(81);
  for (let i = 0; i < 9; i++) eye[i * 9 + i] = 1;
  close(projectCoherent(CROSSED, base, { kind: 'dense', n: 9, matrix: eye }, 3).values, ols);
  close(projectCoherent(CROSSED, base, identityWeights(9), 3, { solver: 'iterative' }).values, ols);
  // a low-rank covariance with a zero factor is the identity too
  close(
    projectCoherent(
      CROSSED,
      base,
      { kind: 'low-rank', diagonal: new Float64Array(9).fill(1), factor: new Float64Array(18), rank: 2 },
      3,
    ).values,
    ols,
  );
  assert.ok(coherenceError(CROSSED, ols, 3) < 1e-9);
});

test('MinT-shrink: the iterative solver on the low-rank covariance equals the dense solve', () => {
  const rng = createRng(13);
  const base = Float64Array.from({ length: 9 * 2 }, () => 20 + 5 * rng.normal());
  const w = shrinkageCovariance(residuals(9, 12, 6));
  const dense = projectCoherent(CROSSED, base, w, 2, { solver: 'dense' });
  const iterative = projectCoherent(CROSSED, base, w, 2, { solver: 'iterative', tolerance: 1e-13 });
  assert.equal(iterative.solver, 'iterative');
  assert.ok(iterative.iterations > 0);
  close(iterative.values, dense.values, 1e-9);
});

test("least-squares reconciliation equals S (S'W^-1 S)^-1 S'W^-1 y for a full covariance", () => {
  // S form computed directly for TWO with W = [[4,1,1],[1,2,0.5],[1,0.5,3]]
  const W = Float64Array.of(4, 1, 1, 1, 2, 0.5, 1, 0.5, 3);
  const y = Float64Array.of(10, 3, 5);
  // W^-1 via cofactors; det = 4(6-.25) - 1(3-.5) + 1(.5-2) = 23 - 2.5 - 1.5 = 19
  const inv = [5.75, -2.5, -1.5, -2.5, 11, -1, -1.5, -1, 7].map((v) => v / 19);
  const S = [
    [1, 1],
    [1, 0],
    [0, 1],
  ];
  const M = [
      [0, 0],
      [0, 0],
    ],
    c = [0, 0];
  for (let p = 0; p < 2; p++)
    for (let q = 0; q < 2; q++)
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) M[p][q] += S[i][p] * inv[i * 3 + j] * S[j][q];
  for (let p = 0; p < 2; p++)
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) c[p] += S[i][p] * inv[i * 3 + j] * y[j];
  const det = M[0][0] * M[1][1] - M[0][1] * M[1][0];
  const b = [(M[1][1] * c[0] - M[0][1] * c[1]) / det, (M[0][0] * c[1] - M[1][0] * c[0]) / det];
  const w: WeightMatrix = { kind: 'dense', n: 3, matrix: W };
  close(projectCoherent(TWO, y, w, 1).values, [b[0] + b[1], b[0], b[1]]);
  close(projectCoherent(TWO, y, w, 1, { solver: 'iterative' }).values, [b[0] + b[1], b[0], b[1]]);
});

test('coherent base forecasts come back unchanged from every method (unbiasedness is preserved)', () => {
  const r = residuals(9, 40, 5);
  const coherent = summingMultiply(CROSSED, Float64Array.of(3, 5, 7, 11, 4, 6, 8, 12), 2);
  for (const name of ['bu', 'ols', 'wls_struct', 'wls_var', 'mint_sample', 'mint_shrink', 'ols:nonnegative']) {
    const out = reconcile(CROSSED, coherent, 2, parseReconcileMethod(name), { residuals: r });
    close(out.values, coherent, 1e-9);
    assert.ok(out.coherenceBefore === 0 && out.coherenceAfter < 1e-9, name);
  }
  const tree = summingMultiply(TREE, Float64Array.of(1, 2, 4), 1);
  close(topDown(TREE, tree, 1), tree);
  close(middleOut(TREE, tree, 1, 's'), tree);
});

test('every method returns coherent forecasts from incoherent ones', () => {
  const rng = createRng(11);
  const r = residuals(9, 30, 2);
  const base = Float64Array.from({ length: 9 * 4 }, () => 50 + 10 * rng.normal());
  for (const name of ['bu', 'ols', 'wls_struct', 'wls_var', 'mint_sample', 'mint_shrink', 'mint_shrink:nn']) {
    const out = reconcile(CROSSED, base, 4, parseReconcileMethod(name), { residuals: r });
    assert.ok(out.coherenceBefore > 1, name);
    assert.ok(out.coherenceAfter < 1e-9, `${name}: ${out.coherenceAfter}`);
  }
});

test('top-down by forecast proportions and middle-out, by hand', () => {
  // A gets 4/6 of 12 = 8, B 4; a1:a2 = 1:3 of 8
  close(topDown(TREE, Float64Array.of(12, 4, 2, 1, 3, 5), 1), [12, 8, 4, 2, 6, 4]);
  // middle level s keeps A = 6, B = 5; a1:a2 = 1:2; b1 alone (base 0) takes all of B
  close(middleOut(TREE, Float64Array.of(0, 6, 5, 1, 2, 0), 1, 's'), [11, 6, 5, 2, 4, 5]);
  close(middleOut(TREE, Float64Array.of(0, 6, 5, 1, 2, 0), 1, 0), topDown(TREE, Float64Array.of(0, 6, 5, 1, 2, 0), 1));
  assert.throws(
    () => topDown(CROSSED, new Float64Array(9), 1),
    (e) => isForesightError(e, 'invalid_argument') && /needs a strictly nested hierarchy/.test(e.message),
  );
  assert.throws(() => middleOut(TREE, new Float64Array(6), 1, 'city'), /level "city" is not a level/);
});

test('non-negative reconciliation: hand case and optimality against feasible perturbations', () => {
  // unconstrained OLS gives b = (6, -6); pinning b2 = 0 leaves min (1-a)^2 + (5-a)^2 + 49 at a = 3
  close(nonNegativeReconcile(TWO, Float64Array.of(1, 5, -7), identityWeights(3), 1), [3, 3, 0]);
  const rng = createRng(8);
  const base = Float64Array.of(20, 8, 14, 9, 5, 2, -6, 10, -3);
  const w = structuralWeights(CROSSED);
  const out = nonNegativeReconcile(CROSSED, base, w, 1);
  assert.ok(out.slice(5).every((v) => v >= 0));
  assert.ok(coherenceError(CROSSED, out, 1) < 1e-9);
  const objective = (v: Float64Array) => v.reduce((s, x, i) => s + (x - base[i]) ** 2 / w.diagonal[i], 0);
  const best = objective(out);
  for (let k = 0; k < 200; k++) {
    const b = Float64Array.from(out.slice(5), (x) => Math.max(0, x + rng.normal()));
    assert.ok(objective(summingMultiply(CROSSED, b, 1)) >= best - 1e-9);
  }
});

test('sample covariance is singular with fewer time points than series; shrinkage is not', () => {
  // 3 time points: C Σ C' (5 x 5) has rank 3
  const r = residuals(9, 3, 1);
  const base = Float64Array.from({ length: 9 }, (_, i) => i);
  assert.throws(
    () => projectCoherent(CROSSED, base, sampleCovariance(r), 1),
    (e) => isForesightError(e, 'invalid_input') && /singular/.test(e.message),
  );
  const shrunk = shrinkageCovariance(r);
  assert.ok(shrunk.lambda > 0 && shrunk.lambda <= 1);
  assert.ok(coherenceError(CROSSED, projectCoherent(CROSSED, base, shrunk, 1).values, 1) < 1e-9);
});

test('a series without in-sample error (a constant one) is weighed as known: it keeps its base forecast', () => {
  // TREE: total, A, B, a1, a2, b1; a2 is constant, so its one-step residuals are all zero
  const r = residuals(6, 30, 7);
  for (let t = 0; t < r.T; t++) r.values[t * 6 + 4] = 0;
  assert.deepEqual(
    Array.from(varianceWeights({ n: 2, T: 2, values: Float64Array.of(1, 0, 1, 0) }).diagonal),
    [1, 1e-8],
  );
  const base = Float64Array.of(30, 14, 11, 6, 5, 10); // a2 = 5 exactly, the rest incoherent
  for (const name of ['wls_var', 'mint_shrink', 'mint_sample', 'mint_shrink:nonnegative']) {
    const out = reconcile(TREE, base, 1, parseReconcileMethod(name), { residuals: r });
    assert.ok(out.coherenceAfter < 1e-9, name);
    assert.ok(Math.abs(out.values[4] - 5) < 1e-6, `${name}: a2 moved to ${out.values[4]}`);
    assert.ok(out.values.every(Number.isFinite), name);
  }
  // the intensity is estimated on the series that have errors: the same as without the error-free column
  const without = { n: 5, T: r.T, values: new Float64Array(5 * r.T) };
  for (let t = 0; t < r.T; t++) [0, 1, 2, 3, 5].forEach((i, c) => (without.values[t * 5 + c] = r.values[t * 6 + i]));
  close([shrinkageIntensity(r)], [shrinkageIntensity(without)]);
  // every series error-free (all constant, coherent): the base comes back
  const zero = { n: 6, T: 5, values: new Float64Array(30) };
  const coherent = Float64Array.of(21, 11, 10, 6, 5, 10);
  for (const name of ['wls_var', 'mint_shrink', 'mint_sample'])
    close(reconcile(TREE, coherent, 1, parseReconcileMethod(name), { residuals: zero }).values, coherent);
});

test('residuals that are one vector scaled (linear series under naive) still reconcile with mint_shrink', () => {
  // every cross-product constant: the Schäfer–Strimmer intensity is 0 and R'R/T has rank 1 (C W C' was singular)
  const T = 10;
  const values = new Float64Array(6 * T);
  for (let t = 0; t < T; t++) [3, 2, 1, 1, 1, 1].forEach((v, i) => (values[t * 6 + i] = v));
  const r = { n: 6, T, values };
  assert.equal(shrinkageIntensity(r), 1e-8);
  const out = reconcile(TREE, Float64Array.of(30, 14, 11, 6, 5, 10), 1, parseReconcileMethod('mint_shrink'), {
    residuals: r,
  });
  assert.ok(out.coherenceAfter < 1e-6 && out.values.every(Number.isFinite));
});

test('series known exactly keep their base values (a share total of 100)', () => {
  const r = residuals(3, 20, 4);
  for (const name of ['ols', 'wls_var', 'mint_shrink']) {
    const out = reconcile(TWO, Float64Array.of(100, 70, 40), 1, parseReconcileMethod(name), {
      residuals: r,
      exact: [0],
    });
    assert.equal(out.values[0], 100, name);
    close([out.values[1] + out.values[2]], [100]);
  }
  // OLS with the total fixed splits the excess 10 equally
  close(
    reconcile(TWO, Float64Array.of(100, 70, 40), 1, parseReconcileMethod('ols'), { exact: [0] }).values,
    [100, 65, 35],
  );
});

test('method names parse, aliases included, and bad ones are named', () => {
  assert.deepEqual(parseReconcileMethod('bottom_up'), { name: 'bu' });
  assert.deepEqual(parseReconcileMethod('middle_out:state'), { name: 'middle_out', middleLevel: 'state' });
  assert.deepEqual(parseReconcileMethod('mint_shrink:nn'), { name: 'mint_shrink', nonnegative: true });
  assert.throws(
    () => parseReconcileMethod('mint_fancy'),
    (e) => isForesightError(e, 'invalid_argument') && /unknown reconciliation method "mint_fancy"/.test(e.message),
  );
  assert.throws(() => parseReconcileMethod('middle_out'), /needs a level/);
  assert.throws(() => parseReconcileMethod('bu:nn'), /not understood/);
  assert.throws(
    () => reconcile(TWO, Float64Array.of(1, 2, 3), 1, parseReconcileMethod('mint_shrink')),
    /needs the in-sample residuals/,
  );
});
