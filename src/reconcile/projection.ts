/**
 * Least-squares reconciliation as a projection (Wickramasuriya, Athanasopoulos & Hyndman 2019, eq. 9, the
 * constraint form): with C = [I_na | -A] the coherence constraints (each aggregate minus the sum of its bottom
 * series is zero),
 *
 *     ỹ = ŷ - W C' (C W C')⁻¹ C ŷ,
 *
 * which equals S (S'W⁻¹S)⁻¹ S'W⁻¹ ŷ when W is invertible but needs W only through products, so a low-rank
 * shrinkage covariance or a zero-variance (known) series work too. C is applied through the sparse structure.
 * The na x na system is solved densely (LU from src/core/linalg, factored once for all columns) for small
 * problems and by Jacobi-preconditioned conjugate gradients, matrix-free, for large ones.
 *
 * Extra equality constraints `fixed` pin chosen bottom series to zero (used by non-negative reconciliation).
 */
import { ForesightError } from '../core/errors.js';
import { invert } from '../core/linalg/solve.js';
import { multiplyWeights, weightSize, type WeightMatrix } from './covariance.js';
import type { Hierarchy } from './structure.js';

/** Options of `projectCoherent`. */
export interface ProjectionOptions {
  /** Bottom series (0-based) constrained to equal zero. */
  fixed?: readonly number[];
  /** 'dense', 'iterative', or 'auto' (dense up to 400 constraints unless W is dense). */
  solver?: 'dense' | 'iterative' | 'auto';
  /** Relative residual at which conjugate gradients stop (default 1e-11). */
  tolerance?: number;
}

/** The projection's result: reconciled values and the multipliers z = (CWC')⁻¹Cŷ (one row per constraint). */
export interface Projection {
  values: Float64Array;
  multipliers: Float64Array;
  /** Solver used and, for conjugate gradients, the largest iteration count over columns. */
  solver: 'dense' | 'iterative';
  iterations: number;
}

const DENSE_LIMIT = 400;

/** z = C x: aggregate rows a → x_a - Σ bottoms, then fixed rows → x_{na+j}. */
function applyC(h: Hierarchy, fixed: readonly number[], x: Float64Array, width: number): Float64Array {
  const na = h.aggregateCount;
  const out = new Float64Array((na + fixed.length) * width);
  out.set(x.subarray(0, na * width));
  for (let a = 0; a < na; a++) {
    for (let p = h.bottomsStart[a]; p < h.bottomsStart[a + 1]; p++) {
      const b = (na + h.bottomsIndex[p]) * width;
      for (let c = 0; c < width; c++) out[a * width + c] -= x[b + c];
    }
  }
  fixed.forEach((j, k) => {
    for (let c = 0; c < width; c++) out[(na + k) * width + c] = x[(na + j) * width + c];
  });
  return out;
}

/** x = C' z. */
function applyCt(h: Hierarchy, fixed: readonly number[], z: Float64Array, width: number): Float64Array {
  const na = h.aggregateCount,
    m = h.bottomCount;
  const out = new Float64Array((na + m) * width);
  out.set(z.subarray(0, na * width));
  for (let j = 0; j < m; j++) {
    const b = (na + j) * width;
    for (let p = h.aggregatesStart[j]; p < h.aggregatesStart[j + 1]; p++) {
      const a = h.aggregatesIndex[p] * width;
      for (let c = 0; c < width; c++) out[b + c] -= z[a + c];
    }
  }
  fixed.forEach((j, k) => {
    for (let c = 0; c < width; c++) out[(na + j) * width + c] += z[(na + k) * width + c];
  });
  return out;
}

/**
 * Reconciles `base` (n series x `width` columns, row-major, the structure's series order) with weight matrix
 * `w`. Throws ForesightError('invalid_argument') for mismatched sizes and ('invalid_input') when C W C' is
 * singular (for instance a sample covariance from fewer time points than series).
 *
 * @example
 * const h = buildHierarchy(['k'], [['a'], ['b']], [['k']]);
 * projectCoherent(h, Float64Array.of(9, 3, 3), identityWeights(3), 1).values // [8, 4, 4]
 */
export function projectCoherent(
  h: Hierarchy,
  base: Float64Array,
  w: WeightMatrix,
  width: number,
  options: ProjectionOptions = {},
): Projection {
  const na = h.aggregateCount,
    n = na + h.bottomCount;
  const fixed = options.fixed ?? [];
  if (weightSize(w) !== n)
    throw new ForesightError(
      'invalid_argument',
      `weight matrix is ${weightSize(w)} x ${weightSize(w)} but the structure has ${n} series`,
    );
  if (base.length !== n * width)
    throw new ForesightError(
      'invalid_argument',
      `base forecasts have ${base.length} values; ${n} series x ${width} columns need ${n * width}`,
    );
  const k = na + fixed.length;
  const rhs = applyC(h, fixed, base, width);
  const solver =
    options.solver === 'dense' || options.solver === 'iterative'
      ? options.solver
      : w.kind === 'dense' || k <= DENSE_LIMIT
        ? 'dense'
        : 'iterative';
  let z: Float64Array;
  let iterations = 0;
  if (solver === 'dense') {
    z = denseSolve(h, fixed, w, rhs, width);
  } else {
    ({ z, iterations } = conjugateGradient(h, fixed, w, rhs, width, options.tolerance ?? 1e-11));
  }
  const correction = multiplyWeights(w, applyCt(h, fixed, z, width), width);
  const values = new Float64Array(n * width);
  for (let i = 0; i < values.length; i++) values[i] = base[i] - correction[i];
  return { values, multipliers: z, solver, iterations };
}

function singular(): ForesightError {
  return new ForesightError(
    'invalid_input',
    "the reconciliation system C W C' is singular: the weight matrix gives the aggregation constraints no positive variance (a sample covariance from fewer time points than series?); use mint_shrink, wls_var or ols",
  );
}

/** K = C W C' built densely, inverted once, applied to every column. */
function denseSolve(
  h: Hierarchy,
  fixed: readonly number[],
  w: WeightMatrix,
  rhs: Float64Array,
  width: number,
): Float64Array {
  const na = h.aggregateCount,
    n = na + h.bottomCount,
    k = na + fixed.length;
  const K = new Float64Array(k * k);
  if (w.kind !== 'dense') {
    // K = W_a + A W_b A' (+ fixed rows): accumulate per bottom series over its aggregate pairs
    const d = w.diagonal;
    for (let a = 0; a < na; a++) K[a * k + a] = d[a];
    const rowsOf = (j: number) =>
      Array.from(h.aggregatesIndex.subarray(h.aggregatesStart[j], h.aggregatesStart[j + 1]));
    const fixedRow = new Map(fixed.map((j, i) => [j, na + i]));
    for (let j = 0; j < h.bottomCount; j++) {
      const v = d[na + j];
      const rows = rowsOf(j);
      const f = fixedRow.get(j);
      // sign: aggregate rows have -1 at bottom j, fixed rows +1
      const entries: [number, number][] = rows.map((r) => [r, -1]);
      if (f !== undefined) entries.push([f, 1]);
      for (const [p, sp] of entries) for (const [q, sq] of entries) K[p * k + q] += sp * sq * v;
    }
    if (w.kind === 'low-rank') {
      // plus (C F)(C F)'
      const r = w.rank;
      const CF = applyC(h, fixed, w.factor, r);
      for (let p = 0; p < k; p++)
        for (let q = p; q < k; q++) {
          let s = 0;
          for (let t = 0; t < r; t++) s += CF[p * r + t] * CF[q * r + t];
          K[p * k + q] += s;
          if (q !== p) K[q * k + p] += s;
        }
    }
  } else {
    const W = w.matrix;
    // CW (k x n): rows of C times W; then K = (CW) C'
    const CW = new Float64Array(k * n);
    for (let c = 0; c < n; c++) {
      const column = new Float64Array(n);
      for (let i = 0; i < n; i++) column[i] = W[i * n + c];
      const cc = applyC(h, fixed, column, 1);
      for (let r = 0; r < k; r++) CW[r * n + c] = cc[r];
    }
    for (let r = 0; r < k; r++) {
      const row = applyC(h, fixed, CW.subarray(r * n, (r + 1) * n), 1);
      for (let q = 0; q < k; q++) K[r * k + q] = row[q];
    }
  }
  const inverse = k === 0 ? new Float64Array(0) : invert(K, k);
  if (!inverse) throw singular();
  const z = new Float64Array(k * width);
  for (let r = 0; r < k; r++)
    for (let q = 0; q < k; q++) {
      const a = inverse[r * k + q];
      if (a === 0) continue;
      for (let c = 0; c < width; c++) z[r * width + c] += a * rhs[q * width + c];
    }
  return z;
}

/** Diagonal of K = C W C', for the Jacobi preconditioner. */
function diagonalOfK(h: Hierarchy, fixed: readonly number[], w: WeightMatrix): Float64Array {
  const na = h.aggregateCount,
    k = na + fixed.length;
  const out = new Float64Array(k);
  if (w.kind === 'dense') {
    for (let r = 0; r < k; r++) {
      const e = new Float64Array(k);
      e[r] = 1;
      out[r] = applyC(h, fixed, multiplyWeights(w, applyCt(h, fixed, e, 1), 1), 1)[r];
    }
    return out;
  }
  const d = w.diagonal;
  for (let a = 0; a < na; a++) {
    out[a] = d[a];
    for (let p = h.bottomsStart[a]; p < h.bottomsStart[a + 1]; p++) out[a] += d[na + h.bottomsIndex[p]];
  }
  fixed.forEach((j, i) => (out[na + i] = d[na + j]));
  if (w.kind === 'low-rank') {
    // (C F)_r, squared norms
    const r = w.rank,
      F = w.factor;
    const CF = applyC(h, fixed, F, r);
    for (let q = 0; q < k; q++) {
      let s = 0;
      for (let t = 0; t < r; t++) s += CF[q * r + t] ** 2;
      out[q] += s;
    }
  }
  return out;
}

/** Solves K z = rhs, K = C W C', all columns at once, matrix-free. */
function conjugateGradient(
  h: Hierarchy,
  fixed: readonly number[],
  w: WeightMatrix,
  rhs: Float64Array,
  width: number,
  tolerance: number,
): { z: Float64Array; iterations: number } {
  const k = h.aggregateCount + fixed.length;
  const K = (v: Float64Array) => applyC(h, fixed, multiplyWeights(w, applyCt(h, fixed, v, width), width), width);
  const diag = diagonalOfK(h, fixed, w);
  for (let i = 0; i < k; i++) if (!(diag[i] > 0)) throw singular();
  const z = new Float64Array(k * width);
  const r = rhs.slice();
  const y = new Float64Array(k * width);
  for (let i = 0; i < k; i++) for (let c = 0; c < width; c++) y[i * width + c] = r[i * width + c] / diag[i];
  const p = y.slice();
  const rho = new Float64Array(width);
  const target = new Float64Array(width);
  const done = new Uint8Array(width);
  for (let c = 0; c < width; c++) {
    let rr = 0;
    for (let i = 0; i < k; i++) {
      rho[c] += r[i * width + c] * y[i * width + c];
      rr += r[i * width + c] ** 2;
    }
    target[c] = tolerance * Math.sqrt(rr);
    if (rr === 0) done[c] = 1;
  }
  const maxIterations = Math.max(100, 4 * k);
  let iterations = 0;
  while (iterations < maxIterations && !done.every((x) => x === 1)) {
    iterations++;
    const Kp = K(p);
    for (let c = 0; c < width; c++) {
      if (done[c]) continue;
      let pKp = 0;
      for (let i = 0; i < k; i++) pKp += p[i * width + c] * Kp[i * width + c];
      if (!(pKp > 0)) throw singular();
      const alpha = rho[c] / pKp;
      let rr = 0,
        rhoNew = 0;
      for (let i = 0; i < k; i++) {
        const at = i * width + c;
        z[at] += alpha * p[at];
        r[at] -= alpha * Kp[at];
        y[at] = r[at] / diag[i];
        rr += r[at] ** 2;
        rhoNew += r[at] * y[at];
      }
      const beta = rhoNew / rho[c];
      rho[c] = rhoNew;
      for (let i = 0; i < k; i++) p[i * width + c] = y[i * width + c] + beta * p[i * width + c];
      if (Math.sqrt(rr) <= target[c]) {
        done[c] = 1;
        for (let i = 0; i < k; i++) p[i * width + c] = 0;
      }
    }
  }
  if (!done.every((x) => x === 1)) {
    throw new ForesightError(
      'not_converged',
      `conjugate gradients did not reach relative residual ${tolerance} in ${maxIterations} iterations (${k} constraints)`,
    );
  }
  return { z, iterations };
}
