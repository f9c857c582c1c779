import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import { parseReconcileMethod, reconcile } from './reconcile.js';
import { applyEmpiricalCopula, reconcilePaths } from './sample-paths.js';
import { buildHierarchy, coherenceError } from './structure.js';

const H = buildHierarchy(['k'], [['a'], ['b'], ['c']], [['k']]);

test('reconciled paths are coherent and their mean is the reconciled mean (the projection is linear)', () => {
  const rng = createRng(4);
  const mean = Float64Array.of(30, 10, 8, 9, 31, 11, 9, 10);
  const paths = Array.from({ length: 500 }, () => Float64Array.from(mean, (m) => m + rng.normal()));
  const method = parseReconcileMethod('wls_struct');
  const out = reconcilePaths(H, paths, 2, method);
  for (const p of out) assert.ok(coherenceError(H, p, 2) < 1e-9);
  const sampleMean = new Float64Array(8);
  for (const p of paths) p.forEach((v, i) => (sampleMean[i] += v / paths.length));
  const reconciledOfMean = reconcile(H, sampleMean, 2, method).values;
  const meanOfReconciled = new Float64Array(8);
  for (const p of out) p.forEach((v, i) => (meanOfReconciled[i] += v / out.length));
  for (let i = 0; i < 8; i++) assert.ok(Math.abs(reconciledOfMean[i] - meanOfReconciled[i]) < 1e-9);
});

test('the empirical copula keeps each marginal and takes the ranks of the residuals', () => {
  const rng = createRng(9);
  const n = 4,
    count = 200;
  const paths = Array.from({ length: count }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const before = Array.from({ length: n }, (_, i) => paths.map((p) => p[i]).sort((a, b) => a - b));
  // residuals: series 1 moves with series 0, series 2 against it, series 3 alone
  const T = 50;
  const values = new Float64Array(T * n);
  for (let t = 0; t < T; t++) {
    const z = t - 25 + 0.5;
    values[t * n] = z;
    values[t * n + 1] = 2 * z;
    values[t * n + 2] = -z;
    values[t * n + 3] = ((t * 37) % 50) - 25;
  }
  applyEmpiricalCopula(paths, n, 1, { n, T, values }, createRng(1));
  for (let i = 0; i < n; i++)
    assert.deepEqual(
      paths.map((p) => p[i]).sort((a, b) => a - b),
      before[i],
    );
  const rankCorrelation = (a: number, b: number) => {
    const rank = (i: number) => {
      const order = paths.map((_, k) => k).sort((x, y) => paths[x][i] - paths[y][i]);
      const r = new Array<number>(count);
      order.forEach((k, pos) => (r[k] = pos));
      return r;
    };
    const ra = rank(a),
      rb = rank(b);
    const m = (count - 1) / 2;
    let num = 0,
      da = 0,
      db = 0;
    for (let k = 0; k < count; k++) {
      num += (ra[k] - m) * (rb[k] - m);
      da += (ra[k] - m) ** 2;
      db += (rb[k] - m) ** 2;
    }
    return num / Math.sqrt(da * db);
  };
  assert.ok(rankCorrelation(0, 1) > 0.99);
  assert.ok(rankCorrelation(0, 2) < -0.99);
  assert.ok(Math.abs(rankCorrelation(0, 3)) < 0.3);
});

test('paths beyond one block (4e6 values) come out as each path reconciled alone, and the input is kept', () => {
  // H has 4 series; 1200 steps x 1000 paths = 4.8e6 values: two blocks
  const rng = createRng(9);
  const width = 1200;
  const paths = Array.from({ length: 1000 }, () => Float64Array.from({ length: 4 * width }, () => 10 + rng.normal()));
  const before = paths.map((p) => p.slice());
  const method = parseReconcileMethod('wls_struct');
  const out = reconcilePaths(H, paths, width, method);
  assert.equal(out.length, 1000);
  for (const p of [0, 333, 334, 999])
    assert.deepEqual(out[p], reconcile(H, before[p], width, method).values, `path ${p}`);
  assert.deepEqual(paths[999], before[999]);
});
