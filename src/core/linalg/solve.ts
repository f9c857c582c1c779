/**
 * Dense square linear systems: Gaussian elimination with partial pivoting, and the inverse built from it column
 * by column. Matrices are row-major Float64Arrays of length n·n. The arithmetic is the one the ARIMA kernel was
 * checked against R with (stationary autocovariances, the inverse Hessian behind coefficient standard errors),
 * so change an operation here only together with those parity tests.
 */
import { ForesightError } from '../errors.js';

/** Pivots at most this fraction of the largest |A_ij| count as zero: the system is declared singular. */
const SINGULAR_RELATIVE = 1e-13;

function checkSquare(fn: string, A: Float64Array, n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new ForesightError('invalid_argument', `${fn}: size n = ${n} is not a non-negative integer`);
  if (A.length !== n * n) {
    throw new ForesightError('invalid_argument', `${fn}: matrix A has ${A.length} entries but n = ${n} needs ${n * n}`);
  }
}

/**
 * Solves the n x n row-major system A x = b in place by Gaussian elimination with partial (row) pivoting and
 * back substitution (Golub & Van Loan, "Matrix Computations", 4th ed., Algorithm 3.4.1; the LU with partial
 * pivoting behind R's `solve`, LAPACK dgesv). On success x is left in `b` and A is overwritten by the upper
 * triangular factor. Returns false, with A and b partly overwritten, when A is singular to working precision:
 * a pivot no larger than 1e-13 times the largest |A_ij|, an all-zero A, or non-finite entries making the
 * scale NaN. n = 0 returns false.
 * Throws ForesightError('invalid_argument') when n is not a non-negative integer, A does not have n·n entries
 * or b does not have n.
 *
 * @example
 * const b = Float64Array.of(7, 5, 2);
 * solveInPlace(Float64Array.of(0, 2, 1, 1, -1, 2, 3, 1, -1), b, 3); // true
 * b // Float64Array [1, 2, 3]
 */
export function solveInPlace(A: Float64Array, b: Float64Array, n: number): boolean {
  checkSquare('solveInPlace', A, n);
  if (b.length !== n)
    throw new ForesightError(
      'invalid_argument',
      `solveInPlace: right-hand side b has ${b.length} entries but n = ${n}`,
    );
  let scale = 0;
  for (let i = 0; i < A.length; i++) scale = Math.max(scale, Math.abs(A[i]));
  if (!(scale > 0)) return false;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r * n + col]) > Math.abs(A[pivot * n + col])) pivot = r;
    if (Math.abs(A[pivot * n + col]) <= SINGULAR_RELATIVE * scale) return false;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const t = A[col * n + c];
        A[col * n + c] = A[pivot * n + c];
        A[pivot * n + c] = t;
      }
      const t = b[col];
      b[col] = b[pivot];
      b[pivot] = t;
    }
    const d = A[col * n + col];
    for (let r = col + 1; r < n; r++) {
      const f = A[r * n + col] / d;
      // rows already zero in this column need no update (sparse ARMA systems have many)
      if (f === 0) continue;
      for (let c = col; c < n; c++) A[r * n + c] -= f * A[col * n + c];
      b[r] -= f * b[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let c = r + 1; c < n; c++) s -= A[r * n + c] * b[c];
    b[r] = s / A[r * n + r];
  }
  return true;
}

/**
 * Inverse of the n x n row-major matrix A, column by column: column c solves A x = e_c with
 * {@link solveInPlace} on a fresh copy of A (what R's `solve(A)` does: LU with partial pivoting against the
 * identity). A is not modified.
 * Returns null when A is singular to working precision (see {@link solveInPlace}); n = 0 gives an empty matrix.
 * Throws ForesightError('invalid_argument') when n is not a non-negative integer or A does not have n·n entries.
 *
 * @example
 * invert(Float64Array.of(2, 0, 0, 4), 2) // Float64Array [0.5, 0, 0, 0.25]
 * invert(Float64Array.of(1, 2, 2, 4), 2) // null
 */
export function invert(A: Float64Array, n: number): Float64Array | null {
  checkSquare('invert', A, n);
  const out = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const a = Float64Array.from(A);
    const e = new Float64Array(n);
    e[c] = 1;
    if (!solveInPlace(a, e, n)) return null;
    for (let r = 0; r < n; r++) out[r * n + c] = e[r];
  }
  return out;
}
