/**
 * Ordinary least squares by the normal equations, with the classical coefficient standard errors.
 */
import { ForesightError } from '../errors.js';
import { invert } from './solve.js';

/** Result of {@link leastSquares}. */
export interface LeastSquaresResult {
  /** Coefficients, one per column of X. */
  coef: Float64Array;
  /** Standard errors sqrt(diag((X'X)^-1) · RSS / (n - k)); NaN when n <= k. */
  se: Float64Array;
}

/**
 * Ordinary least squares of y on the columns of X (no intercept is added: pass a column of ones for one):
 * coef = (X'X)^-1 X'y from the normal equations, and standard errors sqrt(diag((X'X)^-1) · RSS / (n - k)), as
 * R's `coef(summary(lm(y ~ X - 1)))` (estimates agree with R's QR fit to rounding for well-conditioned X).
 * Returns null when X'X is singular to working precision (collinear or all-zero columns, see `solveInPlace`).
 * Standard errors are NaN when n <= k (no residual degrees of freedom).
 * Throws ForesightError('invalid_argument') when a column of X does not have y's length.
 *
 * @example
 * leastSquares(Float64Array.of(1, 2, 3), [Float64Array.of(1, 1, 1)])!.coef // Float64Array [2]
 * leastSquares(Float64Array.of(1, 2, 3), [Float64Array.of(1, 1, 1)])!.se // Float64Array [0.5773502691896257]
 */
export function leastSquares(y: Float64Array, X: readonly Float64Array[]): LeastSquaresResult | null {
  const n = y.length;
  const k = X.length;
  for (let i = 0; i < k; i++) {
    if (X[i].length !== n) {
      throw new ForesightError(
        'invalid_argument',
        `leastSquares: column ${i + 1} of X has ${X[i].length} values but y has ${n}`,
      );
    }
  }
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += X[i][t] * X[j][t];
      xtx[i * k + j] = s;
      xtx[j * k + i] = s;
    }
    let s = 0;
    for (let t = 0; t < n; t++) s += X[i][t] * y[t];
    xty[i] = s;
  }
  const inv = invert(xtx, k);
  if (!inv) return null;
  const coef = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += inv[i * k + j] * xty[j];
    coef[i] = s;
  }
  let rss = 0;
  for (let t = 0; t < n; t++) {
    let fit = 0;
    for (let i = 0; i < k; i++) fit += X[i][t] * coef[i];
    rss += (y[t] - fit) ** 2;
  }
  const s2 = n > k ? rss / (n - k) : NaN;
  const se = Float64Array.from({ length: k }, (_, i) => Math.sqrt(Math.max(0, inv[i * k + i]) * s2));
  return { coef, se };
}
