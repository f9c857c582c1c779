/**
 * The weight matrices W of least-squares reconciliation (Wickramasuriya, Athanasopoulos & Hyndman 2019, JASA
 * 114:804), from the structure or from the in-sample one-step residuals of every series: identity (OLS),
 * structural scaling (WLS, the number of bottom series under each node), residual variances (WLS), the sample
 * covariance (MinT sample) and the Schäfer–Strimmer shrinkage covariance (MinT shrink).
 *
 * The shrinkage covariance is kept as a diagonal plus a low-rank factor, W = λ·D + (1 - λ)·R'R / T with R the
 * T x n residual matrix, so that it costs n·T numbers instead of n², and the shrinkage intensity is computed
 * from T x T Gram matrices in O(n·T²).
 */
import { ForesightError } from '../core/errors.js';
import type { Hierarchy } from './structure.js';

/** A weight (error covariance) matrix over all n series. */
export type WeightMatrix =
  | { kind: 'diagonal'; diagonal: Float64Array }
  | { kind: 'dense'; n: number; matrix: Float64Array }
  /** W = diag(diagonal) + F F', F is n x rank row-major. */
  | { kind: 'low-rank'; diagonal: Float64Array; factor: Float64Array; rank: number };

/** Residuals of all n series: `values[t * n + i]` is the residual of series i at time t (T rows). */
export interface ResidualMatrix {
  n: number;
  T: number;
  values: Float64Array;
}

/** W = I (OLS). */
export function identityWeights(n: number): WeightMatrix {
  return { kind: 'diagonal', diagonal: new Float64Array(n).fill(1) };
}

/**
 * Structural scaling (WLS, Athanasopoulos et al. 2017): W = diag(S·1), the number of bottom series each
 * series sums.
 *
 * @example
 * structuralWeights(buildHierarchy(['k'], [['a'], ['b']], [['k']])).diagonal // [2, 1, 1]
 */
export function structuralWeights(h: Hierarchy): WeightMatrix & { kind: 'diagonal' } {
  const diagonal = new Float64Array(h.aggregateCount + h.bottomCount).fill(1);
  for (let i = 0; i < h.aggregateCount; i++) diagonal[i] = h.bottomsStart[i + 1] - h.bottomsStart[i];
  return { kind: 'diagonal', diagonal };
}

function checkResiduals(r: ResidualMatrix, need: number): void {
  if (r.values.length !== r.n * r.T)
    throw new ForesightError(
      'invalid_argument',
      `residual matrix has ${r.values.length} values, ${r.T} x ${r.n} need ${r.n * r.T}`,
    );
  if (r.T < need)
    throw new ForesightError('too_short', `${r.T} residual time points; the covariance needs at least ${need}`);
  for (let i = 0; i < r.values.length; i++) {
    if (!Number.isFinite(r.values[i]))
      throw new ForesightError(
        'invalid_argument',
        `residual of series ${(i % r.n) + 1} at time ${Math.floor(i / r.n) + 1} is not finite`,
      );
  }
}

/** Uncentered variances (1/T)·Σ_t r_ti² (residuals are taken to have mean zero, as in R's hts/fable). */
function variances(r: ResidualMatrix): Float64Array {
  const v = new Float64Array(r.n);
  for (let t = 0; t < r.T; t++) for (let i = 0; i < r.n; i++) v[i] += r.values[t * r.n + i] ** 2;
  for (let i = 0; i < r.n; i++) v[i] /= r.T;
  return v;
}

/**
 * Relative size of the variance given to a series with no in-sample error (all its residuals 0: a constant
 * series, a single observation). Such a series is taken as known: the least-squares methods keep it at its base
 * forecast, up to this fraction of the largest variance, and adjust the others (as they do for a fixed total).
 * A floor rather than an exact zero keeps C W C' regular when an aggregate and all its parts are error-free.
 */
export const ERROR_FREE_VARIANCE = 1e-8;

/**
 * The least shrinkage intensity. Residuals whose cross-products do not vary (every series' residuals the same
 * multiple of one vector: linear series under naive) give the formula 0, and the covariance then has rank 1, so
 * C W C' is singular; a floor this small keeps W positive definite without moving any other answer visibly.
 */
export const MIN_SHRINKAGE = 1e-8;

/**
 * Gives each series without in-sample error (variance 0) the floor `ERROR_FREE_VARIANCE` x the largest variance
 * (1 when every series is error-free: then any weights give the same coherent answer), in place.
 */
function floorErrorFree(v: Float64Array): void {
  let largest = 0;
  for (let i = 0; i < v.length; i++) if (v[i] > largest) largest = v[i];
  const floor = largest > 0 ? ERROR_FREE_VARIANCE * largest : 1;
  for (let i = 0; i < v.length; i++) if (!(v[i] > 0)) v[i] = floor;
}

/**
 * WLS with variance scaling: W = diag of the residual variances (1/T)·Σ r². A series with zero residual
 * variance (a constant series) gets the floor `ERROR_FREE_VARIANCE` x the largest variance, so it keeps its base
 * forecast and the other series adjust (an infinite weight 1/0 is never formed).
 *
 * @example
 * varianceWeights({ n: 2, T: 2, values: Float64Array.of(1, 2, -1, 2) }).diagonal // [1, 4]
 * varianceWeights({ n: 2, T: 2, values: Float64Array.of(1, 0, -1, 0) }).diagonal // [1, 1e-8]
 */
export function varianceWeights(r: ResidualMatrix): WeightMatrix & { kind: 'diagonal' } {
  checkResiduals(r, 1);
  const diagonal = variances(r);
  floorErrorFree(diagonal);
  return { kind: 'diagonal', diagonal };
}

/**
 * Sample covariance (1/T)·R'R of the residuals (MinT sample), dense n x n. It is singular when T < n, and
 * reconciliation then fails; use the shrinkage estimator. A series with zero residual variance gets the diagonal
 * floor of `varianceWeights`.
 *
 * @example
 * sampleCovariance({ n: 2, T: 2, values: Float64Array.of(1, 2, -1, 2) }).matrix // [1, 0, 0, 4]
 */
export function sampleCovariance(r: ResidualMatrix): WeightMatrix & { kind: 'dense' } {
  checkResiduals(r, 1);
  const { n, T, values } = r;
  const matrix = new Float64Array(n * n);
  for (let t = 0; t < T; t++) {
    const row = t * n;
    for (let i = 0; i < n; i++) {
      const x = values[row + i];
      if (x === 0) continue;
      for (let j = i; j < n; j++) matrix[i * n + j] += x * values[row + j];
    }
  }
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      matrix[i * n + j] /= T;
      matrix[j * n + i] = matrix[i * n + j];
    }
  // an error-free series (a zero row and column) gets the diagonal floor of varianceWeights
  const diagonal = Float64Array.from({ length: n }, (_, i) => matrix[i * n + i]);
  floorErrorFree(diagonal);
  for (let i = 0; i < n; i++) matrix[i * n + i] = diagonal[i];
  return { kind: 'dense', n, matrix };
}

/**
 * The Schäfer–Strimmer (2005) shrinkage intensity toward the diagonal target, as in Wickramasuriya et al. (2019)
 * and R's hts `shrink.estim`: λ = Σ_{i≠j} Var(r̂_ij) / Σ_{i≠j} r̂_ij², with r̂ the correlations of the
 * residuals standardized by their uncentered standard deviations, Var(r̂_ij) = T/(T-1)³·Σ_t (w_tij - w̄_ij)²
 * and w_tij = x_ti·x_tj; clipped to [`MIN_SHRINKAGE`, 1]. Computed through T x T Gram matrices, never an n x n
 * one. Series with zero residual variance have no correlations to estimate and are left out (1 when fewer than
 * two remain).
 * Throws ForesightError('too_short') for fewer than 2 time points.
 *
 * @example
 * // 5 time points of 3 series (rows are times)
 * shrinkageIntensity({ n: 3, T: 5, values: Float64Array.of(1, 2, 0, 2, 1, 1, -1, -2, 1, 0, 1, -1, 3, 2, 2) }) // 0.63369 (the R hts formula with dense matrices: 0.63369)
 */
export function shrinkageIntensity(r: ResidualMatrix): number {
  checkResiduals(r, 2);
  const { n, T, values } = r;
  const sd = variances(r);
  // standardized residuals; an error-free series (variance 0) stays a column of zeros and drops out of the sums
  let k = 0;
  for (let i = 0; i < n; i++) {
    sd[i] = Math.sqrt(sd[i]);
    if (sd[i] > 0) k++;
  }
  const x = new Float64Array(n * T);
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) if (sd[i] > 0) x[t * n + i] = values[t * n + i] / sd[i];
  // G = x x' (T x T), Q = (x∘x)(x∘x)' entries summed
  let sumG2 = 0,
    sumQ = 0,
    diagQ = 0;
  const rowSq = new Float64Array(T);
  for (let t = 0; t < T; t++)
    for (let i = 0; i < n; i++) {
      const v = x[t * n + i] ** 2;
      rowSq[t] += v;
      diagQ += v * v;
    }
  for (let t = 0; t < T; t++) {
    sumQ += rowSq[t] ** 2;
    for (let s = 0; s < T; s++) {
      let g = 0;
      for (let i = 0; i < n; i++) g += x[t * n + i] * x[s * n + i];
      sumG2 += g * g;
    }
  }
  // Σ_ij (x'x)_ij² = ||G||_F²; diagonal terms (x'x)_ii = T for each of the k series with a variance
  const offG2 = sumG2 - k * T * T;
  const offQ = sumQ - diagQ;
  // v_ij = (1/(T(T-1)))·[ (x∘x)'(x∘x) - (1/T)(x'x)² ]_ij;  d_ij = ((x'x)_ij / T)²
  const sumV = (offQ - offG2 / T) / (T * (T - 1));
  const sumD = offG2 / (T * T);
  if (k < 2 || !(sumD > 0)) return 1;
  return Math.min(1, Math.max(MIN_SHRINKAGE, sumV / sumD));
}

/**
 * MinT shrinkage covariance: W = λ·diag(Σ̂) + (1 - λ)·Σ̂ with Σ̂ = R'R/T and λ from `shrinkageIntensity`, as a
 * diagonal plus a rank-T factor (F = sqrt((1 - λ)/T)·R'). Pass `lambda` to fix the intensity. A series with zero
 * residual variance has a zero row in F and the diagonal floor `ERROR_FREE_VARIANCE` x the largest variance, as
 * in `varianceWeights`.
 *
 * @example
 * shrinkageCovariance({ n: 3, T: 5, values: Float64Array.of(1, 2, 0, 2, 1, 1, -1, -2, 1, 0, 1, -1, 3, 2, 2) }).lambda // 0.63369
 */
export function shrinkageCovariance(
  r: ResidualMatrix,
  lambda = shrinkageIntensity(r),
): WeightMatrix & { kind: 'low-rank'; lambda: number } {
  const { n, T, values } = r;
  const diagonal = variances(r);
  const errorFree = diagonal.map((v) => (v > 0 ? 0 : 1));
  floorErrorFree(diagonal);
  for (let i = 0; i < n; i++) if (!errorFree[i]) diagonal[i] *= lambda;
  const scale = Math.sqrt((1 - lambda) / T);
  const factor = new Float64Array(n * T);
  for (let t = 0; t < T; t++) for (let i = 0; i < n; i++) factor[i * T + t] = scale * values[t * n + i];
  return { kind: 'low-rank', diagonal, factor, rank: T, lambda };
}

/** Dense n x n form of any weight matrix (for small n). */
export function denseWeights(w: WeightMatrix): Float64Array {
  if (w.kind === 'dense') return w.matrix;
  const n = w.diagonal.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = w.diagonal[i];
  if (w.kind === 'low-rank') {
    const r = w.rank,
      F = w.factor;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < r; k++) s += F[i * r + k] * F[j * r + k];
        out[i * n + j] += s;
      }
  }
  return out;
}

/** Number of series of a weight matrix. */
export function weightSize(w: WeightMatrix): number {
  return w.kind === 'dense' ? w.n : w.diagonal.length;
}

/**
 * y = W x for `width` columns (x and y are n x width row-major).
 */
export function multiplyWeights(w: WeightMatrix, x: Float64Array, width: number): Float64Array {
  const n = weightSize(w);
  const y = new Float64Array(n * width);
  if (w.kind === 'dense') {
    const A = w.matrix;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) {
        const a = A[i * n + k];
        if (a === 0) continue;
        for (let c = 0; c < width; c++) y[i * width + c] += a * x[k * width + c];
      }
    return y;
  }
  for (let i = 0; i < n; i++) for (let c = 0; c < width; c++) y[i * width + c] = w.diagonal[i] * x[i * width + c];
  if (w.kind === 'low-rank') {
    const r = w.rank,
      F = w.factor;
    const t = new Float64Array(r * width); // F' x
    for (let i = 0; i < n; i++)
      for (let k = 0; k < r; k++) {
        const f = F[i * r + k];
        for (let c = 0; c < width; c++) t[k * width + c] += f * x[i * width + c];
      }
    for (let i = 0; i < n; i++)
      for (let k = 0; k < r; k++) {
        const f = F[i * r + k];
        for (let c = 0; c < width; c++) y[i * width + c] += f * t[k * width + c];
      }
  }
  return y;
}
