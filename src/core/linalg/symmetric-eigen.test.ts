import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symmetricEigenvectors } from './symmetric-eigen.js';
import { isForesightError } from '../errors.js';

// Reference: R 4.x, printed with options(digits = 17):
//   S <- matrix(c(4, 1, 2,  1, 3, 0,  2, 0, 5), 3, byrow = TRUE)
//   Rscript -e 'eigen(S)'
//   $values  6.6690790882822881 3.4760236029181351 1.8548973087995770
//   $vectors (columns)
//   [1,] -0.63117896877648327  0.37436195478307038  0.67931306198633745
//   [2,] -0.17202653679290814  0.78643569875137942 -0.59323331191738327
//   [3,] -0.75632002486599104 -0.49129626351156780 -0.43198148275855403
// Eigenvectors are determined up to sign; Jacobi and LAPACK agree to rounding on distinct eigenvalues.
const VS_R = 1e-12;
const S = Float64Array.of(4, 1, 2, 1, 3, 0, 2, 0, 5);
const VALUES = [6.6690790882822881, 3.4760236029181351, 1.854897308799577];
const VECTORS = [
  [-0.63117896877648327, -0.17202653679290814, -0.75632002486599104],
  [0.37436195478307038, 0.78643569875137942, -0.4912962635115678],
  [0.67931306198633745, -0.59323331191738327, -0.43198148275855403],
];

const column = (V: Float64Array, k: number, c: number): number[] => Array.from({ length: k }, (_, r) => V[r * k + c]);

test('eigenvectors of a 3x3 symmetric matrix match R eigen() up to sign, by decreasing eigenvalue', () => {
  const V = symmetricEigenvectors(S, 3);
  for (let c = 0; c < 3; c++) {
    const v = column(V, 3, c);
    const sign = Math.sign(v[0]) === Math.sign(VECTORS[c][0]) ? 1 : -1;
    v.forEach((x, r) =>
      assert.ok(Math.abs(sign * x - VECTORS[c][r]) <= VS_R, `V[${r}][${c}] = ${x}, R has ±${VECTORS[c][r]}`),
    );
  }
});

test("each column satisfies S v = λ v with R's eigenvalue, and the columns are orthonormal", () => {
  const V = symmetricEigenvectors(S, 3);
  for (let c = 0; c < 3; c++) {
    const v = column(V, 3, c);
    for (let r = 0; r < 3; r++) {
      const sv = S[r * 3] * v[0] + S[r * 3 + 1] * v[1] + S[r * 3 + 2] * v[2];
      assert.ok(Math.abs(sv - VALUES[c] * v[r]) <= VS_R, `(S v${c})[${r}] = ${sv}, λ v = ${VALUES[c] * v[r]}`);
    }
    for (let d = 0; d < 3; d++) {
      const w = column(V, 3, d);
      const dot = v[0] * w[0] + v[1] * w[1] + v[2] * w[2];
      assert.ok(Math.abs(dot - (c === d ? 1 : 0)) <= VS_R, `v${c}·v${d} = ${dot}`);
    }
  }
});

test('the argument is not modified; a diagonal matrix gives unit vectors sorted by its diagonal', () => {
  const s = Float64Array.from(S);
  symmetricEigenvectors(s, 3);
  assert.deepEqual(Array.from(s), Array.from(S));
  // eigenvalues 3, 2, 1 sit at positions 2, 3, 1: the columns are e2, e3, e1
  assert.deepEqual(
    Array.from(symmetricEigenvectors(Float64Array.of(1, 0, 0, 0, 3, 0, 0, 0, 2), 3)),
    [0, 0, 1, 1, 0, 0, 0, 1, 0],
  );
});

test('a matrix of the wrong size throws invalid_argument', () => {
  assert.throws(
    () => symmetricEigenvectors(new Float64Array(8), 3),
    (e: unknown) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(
    () => symmetricEigenvectors(new Float64Array(1), -1),
    (e: unknown) => isForesightError(e, 'invalid_argument'),
  );
});
