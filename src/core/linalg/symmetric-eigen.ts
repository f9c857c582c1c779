/**
 * Eigenvectors of a small real symmetric matrix by the cyclic Jacobi method.
 */
import { ForesightError } from '../errors.js';

/** Sweeps stop once the sum of squared off-diagonal entries is below this. */
const OFF_DIAGONAL_TOLERANCE = 1e-30;
/** Upper bound on cyclic sweeps (Jacobi converges quadratically; a handful suffice for small k). */
const MAX_SWEEPS = 100;

/**
 * Eigenvectors of the k x k row-major symmetric matrix S, as the columns of a row-major k x k matrix ordered by
 * decreasing eigenvalue, computed by cyclic Jacobi rotations (Golub & Van Loan, "Matrix Computations", 4th ed.,
 * §8.5, Algorithm 8.5.3). They span the same directions as R's `eigen(S, symmetric = TRUE)$vectors` (each
 * column agrees up to sign; with repeated eigenvalues only the eigenspace is determined). The ARIMA kernel uses
 * them for X'X, whose eigenvectors are the right singular vectors R's `arima` rotates regressors with.
 * S is not modified; both of its triangles are read, so it must be symmetric (not checked).
 * Throws ForesightError('invalid_argument') when k is not a non-negative integer or S does not have k·k entries.
 *
 * @example
 * symmetricEigenvectors(Float64Array.of(2, 0, 0, 1), 2) // Float64Array [1, 0, 0, 1]
 * symmetricEigenvectors(Float64Array.of(1, 0, 0, 2), 2) // Float64Array [0, 1, 1, 0]
 */
export function symmetricEigenvectors(S: Float64Array, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 0) {
    throw new ForesightError('invalid_argument', `symmetricEigenvectors: size k = ${k} is not a non-negative integer`);
  }
  if (S.length !== k * k) {
    throw new ForesightError(
      'invalid_argument',
      `symmetricEigenvectors: matrix S has ${S.length} entries but k = ${k} needs ${k * k}`,
    );
  }
  const A = Float64Array.from(S);
  const V = new Float64Array(k * k);
  for (let i = 0; i < k; i++) V[i * k + i] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += A[i * k + j] ** 2;
    if (off < OFF_DIAGONAL_TOLERANCE) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = A[p * k + q];
        if (apq === 0) continue;
        // rotation angle that zeroes A_pq; the smaller root of t² + 2θt - 1 = 0 keeps |angle| <= π/4 (stable)
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
