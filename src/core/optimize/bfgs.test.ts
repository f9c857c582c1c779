import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bfgs, numericHessian } from './bfgs.js';
import { isForesightError } from '../errors.js';

// References: R 4.x optim(method = "BFGS") without a gradient, default control unless stated (digits = 17).
// Same algorithm and differences, so the paths agree up to rounding in the summation order: 1e-9.
const SAME_PATH = 1e-9;

test('Rosenbrock from (-1.2, 1) lands where R optim BFGS does, with R gradient count', () => {
  const fr = (x: Float64Array): number => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;
  const r = bfgs(fr, [-1.2, 1]);
  assert.ok(Math.abs(r.x[0] - 0.99980443323139745) < SAME_PATH, `x0 ${r.x[0]}`);
  assert.ok(Math.abs(r.x[1] - 0.99960838062348123) < SAME_PATH, `x1 ${r.x[1]}`);
  assert.ok(Math.abs(r.value - 3.8273827561079511e-8) < 1e-15);
  assert.equal(r.iterations, 38);
  assert.equal(r.converged, true);
});

test('parscale is honoured as in R', () => {
  const g = (x: Float64Array): number =>
    (x[0] - 3) ** 2 + x[0] * x[1] + 2 * (x[1] + 1) ** 2 + Math.exp(0.1 * x[2]) + x[2] ** 2;
  const r = bfgs(g, [1, 1, 1], { parscale: [1, 10, 0.5] });
  const expected = [3.999999936165616887, -2.000000458299654671, -0.049752062525765792];
  expected.forEach((v, i) => assert.ok(Math.abs(r.x[i] - v) < 1e-7, `x[${i}] = ${r.x[i]}`));
  assert.ok(Math.abs(r.value - -4.0024875826873707) < 1e-12);
  assert.equal(r.iterations, 7);
});

test('iteration limit reports non-convergence', () => {
  const fr = (x: Float64Array): number => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;
  const r = bfgs(fr, [-1.2, 1], { maxIterations: 5 });
  assert.equal(r.converged, false);
  assert.equal(r.iterations, 5);
});

test('non-finite start throws invalid_argument', () => {
  assert.throws(
    () => bfgs(() => NaN, [0]),
    (e) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(
    () => bfgs(() => 0, []),
    (e) => isForesightError(e, 'invalid_argument'),
  );
});

test('numericHessian matches R optimHess', () => {
  const h = numericHessian((x) => Math.exp(x[0]) * x[1] ** 2 + Math.sin(x[2]) * x[0], [0.5, 2, -1]);
  const expected = [
    6.59488728094181909, 6.5948861818210247, 0.54030221585676941, 6.59488618182102471, 3.2974425414611375, 0,
    0.54030221585676941, 0, 0.42073535233555504,
  ];
  // R symmetrizes too but prints the un-averaged off-diagonal; they differ by 1e-6 here.
  expected.forEach((v, i) => assert.ok(Math.abs(h[i] - v) < 2e-6, `H[${i}] = ${h[i]}`));
  assert.equal(h[1], h[3]);
});
