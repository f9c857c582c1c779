/**
 * Small dense linear algebra the ARIMA kernel needs for its regressors: least squares with standard errors
 * (R's `lm` + `summary`), the eigenvectors of X'X (the right singular vectors R's `arima` rotates regressors
 * with) and a general inverse. Kept here until a shared src/core/linalg module provides them.
 */
import { solveInPlace } from './kalman.js';

/**
 * Ordinary least squares of y on the columns of X (no intercept added): coefficients and their standard errors
 * sqrt(diag((X'X)^-1) · RSS / (n - k)), as `summary(lm(y ~ X - 1))`. Null when X'X is singular.
 *
 * @example
 * leastSquares(Float64Array.of(1, 2, 3), [Float64Array.of(1, 1, 1)])!.coef // Float64Array [2]
 */
export function leastSquares(
  y: Float64Array,
  X: readonly Float64Array[],
): { coef: Float64Array; se: Float64Array } | null {
  const n = y.length;
  const k = X.length;
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

/**
 * Inverse of an n x n row-major matrix by Gauss–Jordan elimination with partial pivoting; null when singular.
 *
 * @example
 * invert(Float64Array.of(2, 0, 0, 4), 2) // Float64Array [0.5, 0, 0, 0.25]
 */
export function invert(A: Float64Array, n: number): Float64Array | null {
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

/**
 * Eigenvectors (columns of the returned row-major k x k matrix, ordered by decreasing eigenvalue) of a
 * symmetric matrix by cyclic Jacobi rotations.
 *
 * @example
 * symmetricEigenvectors(Float64Array.of(2, 0, 0, 1), 2) // identity
 */
export function symmetricEigenvectors(S: Float64Array, k: number): Float64Array {
  const A = Float64Array.from(S);
  const V = new Float64Array(k * k);
  for (let i = 0; i < k; i++) V[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += A[i * k + j] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = A[p * k + q];
        if (apq === 0) continue;
        const theta = (A[q * k + q] - A[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = A[r * k + p];
          const arq = A[r * k + q];
          A[r * k + p] = c * arp - s * arq;
          A[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = A[p * k + r];
          const aqr = A[q * k + r];
          A[p * k + r] = c * apr - s * aqr;
          A[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = V[r * k + p];
          const vrq = V[r * k + q];
          V[r * k + p] = c * vrp - s * vrq;
          V[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => A[b * k + b] - A[a * k + a]);
  const out = new Float64Array(k * k);
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) out[r * k + c] = V[r * k + order[c]];
  return out;
}
