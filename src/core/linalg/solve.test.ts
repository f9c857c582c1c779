import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invert, solveInPlace } from './solve.js';
import { isForesightError } from '../errors.js';

// Hand-computed reference: A below has a zero leading pivot, so elimination must swap rows.
// det A = -2·(1·(-1) - 2·3) + 1·(1·1 - (-1)·3) = 14 + 4 = 18; cofactor matrix
// C = [[-1, 7, 4], [3, -3, 6], [5, 1, -2]], so A^-1 = C'/18 = [[-1, 3, 5], [7, -3, 1], [4, 6, -2]] / 18.
// A (1, 2, 3)' = (7, 5, 2)'. Confirmed with R: solve(A, c(7, 5, 2)) and MASS::fractions(solve(A)).
// Exact answers computed in floating point: a few ulps of slack.
const ROUNDING = 1e-14;
const A = (): Float64Array => Float64Array.of(0, 2, 1, 1, -1, 2, 3, 1, -1);
const A_INV = [-1, 3, 5, 7, -3, 1, 4, 6, -2].map((v) => v / 18);

const close = (actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void => {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}] = ${actual[i]}, expected ${expected[i]}`);
  }
};

test('solveInPlace solves a system whose first pivot is zero (row swap needed)', () => {
  const b = Float64Array.of(7, 5, 2);
  assert.equal(solveInPlace(A(), b, 3), true);
  close(b, [1, 2, 3], ROUNDING, 'x');
});

test('solveInPlace leaves the upper triangular factor in A: the product of its diagonal is ±det A', () => {
  const a = A();
  solveInPlace(a, Float64Array.of(7, 5, 2), 3);
  for (let r = 1; r < 3; r++)
    for (let c = 0; c < r; c++) assert.equal(a[r * 3 + c], 0, `A[${r}][${c}] below the diagonal`);
  // partial pivoting picks row 3 (|3| is the largest in column 1), so the first pivot is 3
  assert.equal(a[0], 3);
  assert.ok(Math.abs(Math.abs(a[0] * a[4] * a[8]) - 18) <= 18 * ROUNDING);
});

test('invert matches the hand-computed inverse and leaves its argument alone', () => {
  const a = A();
  const inv = invert(a, 3);
  assert.ok(inv);
  close(inv, A_INV, ROUNDING, 'A^-1');
  close(a, A(), 0, 'A after invert');
  // A · A^-1 = I
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let j = 0; j < 3; j++) s += a[r * 3 + j] * inv[j * 3 + c];
      assert.ok(Math.abs(s - (r === c ? 1 : 0)) <= ROUNDING, `(A A^-1)[${r}][${c}] = ${s}`);
    }
  }
});

test('a singular matrix gives false / null', () => {
  // row 2 = 2 · row 1
  const singular = Float64Array.of(1, 2, 3, 2, 4, 6, 1, 0, 1);
  assert.equal(solveInPlace(Float64Array.from(singular), Float64Array.of(1, 2, 3), 3), false);
  assert.equal(invert(singular, 3), null);
  assert.equal(invert(new Float64Array(4), 2), null, 'zero matrix');
  assert.equal(invert(Float64Array.of(1, NaN, 0, 1), 2), null, 'non-finite entry');
});

test('singularity is judged relative to the largest entry: 1e-13 of it is the threshold', () => {
  // tiny but well-conditioned: solvable
  const b = Float64Array.of(1e-20, 4e-20);
  assert.equal(solveInPlace(Float64Array.of(1e-20, 0, 0, 2e-20), b, 2), true);
  close(b, [1, 2], ROUNDING, 'x of the scaled system');
  // second pivot 1e-14 after elimination: below 1e-13 · max|A_ij| = 1e-13, declared singular
  assert.equal(invert(Float64Array.of(1, 1, 1, 1 + 1e-14), 2), null);
  // second pivot 1e-12: above the threshold, inverted (det = 1e-12)
  const inv = invert(Float64Array.of(1, 1, 1, 1 + 1e-12), 2);
  assert.ok(inv);
  assert.ok(Math.abs(inv[3] * 1e-12 - 1) < 1e-3, `(A^-1)[1][1] = ${inv[3]}, expected about 1e12`);
});

test('invert of size 0 is empty; shape mismatches throw invalid_argument', () => {
  assert.equal(invert(new Float64Array(0), 0)!.length, 0);
  const isBad = (e: unknown): boolean => isForesightError(e, 'invalid_argument');
  assert.throws(() => invert(new Float64Array(8), 3), isBad);
  assert.throws(() => solveInPlace(A(), Float64Array.of(1, 2), 3), isBad);
  assert.throws(() => solveInPlace(new Float64Array(4), new Float64Array(2), 2.5), isBad);
});
