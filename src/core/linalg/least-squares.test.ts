import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leastSquares } from './least-squares.js';
import { isForesightError } from '../errors.js';

// Reference: R 4.x, printed with options(digits = 17):
//   y  <- c(3.1, 4.9, 7.2, 8.8, 11.3, 12.9, 15.2, 16.8)
//   x1 <- c(1, 2, 3, 4, 5, 6, 7, 8)
//   x2 <- c(0.5, -0.3, 1.2, 0.8, -1.1, 0.4, 2.0, -0.6)
//   Rscript -e 'coef(summary(lm(y ~ x1 + x2 - 1)))'
//             Estimate           Std. Error
//   x1 2.17052229843337141 0.043296294348647464
//   x2 0.12605086871813997 0.216614241747588310
// R fits by QR, this by the normal equations: on a design this well conditioned they agree to ~1e-14
// relative; 1e-12 leaves room for rounding yet fails on any real error.
const VS_R_QR = 1e-12;
const y = Float64Array.of(3.1, 4.9, 7.2, 8.8, 11.3, 12.9, 15.2, 16.8);
const x1 = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8);
const x2 = Float64Array.of(0.5, -0.3, 1.2, 0.8, -1.1, 0.4, 2.0, -0.6);

const relClose = (actual: number, expected: number, tol: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.abs(expected), `${what} = ${actual}, expected ${expected}`);

test('coefficients and standard errors match summary(lm(y ~ x1 + x2 - 1))', () => {
  const r = leastSquares(y, [x1, x2]);
  assert.ok(r);
  relClose(r.coef[0], 2.17052229843337141, VS_R_QR, 'coef x1');
  relClose(r.coef[1], 0.12605086871813997, VS_R_QR, 'coef x2');
  relClose(r.se[0], 0.043296294348647464, VS_R_QR, 'se x1');
  relClose(r.se[1], 0.21661424174758831, VS_R_QR, 'se x2');
});

test('an intercept column gives the mean and its standard error s/sqrt(n)', () => {
  // mean(1, 2, 3) = 2, residual sd 1, se = 1/sqrt(3)
  const r = leastSquares(Float64Array.of(1, 2, 3), [Float64Array.of(1, 1, 1)]);
  assert.ok(r);
  assert.ok(Math.abs(r.coef[0] - 2) < 1e-15);
  assert.ok(Math.abs(r.se[0] - 1 / Math.sqrt(3)) < 1e-15);
});

test('collinear or zero columns give null', () => {
  const twice = Float64Array.from(x1, (v) => 2 * v);
  assert.equal(leastSquares(y, [x1, twice]), null);
  assert.equal(leastSquares(y, [x1, new Float64Array(y.length)]), null);
});

test('an exact fit with n = k has the coefficients and NaN standard errors', () => {
  // 1·a + 1·b = 3, 1·a - 1·b = 1  =>  a = 2, b = 1
  const r = leastSquares(Float64Array.of(3, 1), [Float64Array.of(1, 1), Float64Array.of(1, -1)]);
  assert.ok(r);
  assert.ok(Math.abs(r.coef[0] - 2) < 1e-15 && Math.abs(r.coef[1] - 1) < 1e-15, `coef = ${Array.from(r.coef)}`);
  assert.ok(Number.isNaN(r.se[0]) && Number.isNaN(r.se[1]));
});

test('a column of the wrong length throws invalid_argument naming it', () => {
  assert.throws(
    () => leastSquares(y, [x1, x2.subarray(1)]),
    (e: unknown) => isForesightError(e, 'invalid_argument') && /column 2 of X has 7 values but y has 8/.test(e.message),
  );
});
