/**
 * Probabilistic reconciliation of sample paths (Panagiotelis, Gamakumara, Athanasopoulos & Hyndman 2023,
 * "Probabilistic forecast reconciliation", EJOR 306:693): draw joint sample paths of the base forecasts of all
 * series and put every path through the same reconciliation. Reconciled paths are coherent, so quantiles and
 * event probabilities computed from them respect the structure. When the base paths of different series were
 * drawn independently, they are first tied together by the empirical copula of the in-sample residuals
 * (Ben Taieb, Taylor & Hyndman 2021 style rank reordering): for each path one residual time point is drawn, and
 * each series' draws are reordered to follow the ranks of that series' residuals at the drawn time points.
 */
import { ForesightError } from '../core/errors.js';
import type { Rng } from '../core/random.js';
import type { ResidualMatrix } from './covariance.js';
import { reconcile, type ReconcileMethod } from './reconcile.js';
import type { Hierarchy } from './structure.js';

/** Options of `reconcilePaths`. */
export interface PathOptions {
  /** Residuals whose cross-series ranks tie independent paths together (omit when the paths are joint). */
  residuals?: ResidualMatrix;
  /** Generator for the residual time points (needed with `residuals`). */
  rng?: Rng;
  /** Residuals for the weight matrix of wls_var / mint methods. */
  weightsResiduals?: ResidualMatrix;
  /** Series known exactly (see `reconcile`). */
  exact?: readonly number[];
}

/**
 * Reorders independent draws to follow the ranks of residual vectors drawn at random time points
 * (in place). `paths[p]` is n x width.
 */
export function applyEmpiricalCopula(
  paths: Float64Array[],
  n: number,
  width: number,
  residuals: ResidualMatrix,
  rng: Rng,
): void {
  if (residuals.n !== n)
    throw new ForesightError('invalid_argument', `residuals cover ${residuals.n} series but the paths have ${n}`);
  if (residuals.T < 1) throw new ForesightError('too_short', 'no residual time points for the copula');
  const count = paths.length;
  const draws = new Int32Array(count * width);
  for (let i = 0; i < draws.length; i++) draws[i] = rng.int(residuals.T);
  const values = new Float64Array(count);
  const keys = new Float64Array(count);
  const order = new Int32Array(count);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < width; c++) {
      for (let p = 0; p < count; p++) {
        values[p] = paths[p][i * width + c];
        // ties (a residual row drawn twice) are broken by path number
        keys[p] = residuals.values[draws[p * width + c] * n + i];
        order[p] = p;
      }
      values.sort();
      order.sort((a, b) => keys[a] - keys[b] || a - b);
      for (let r = 0; r < count; r++) paths[order[r]][i * width + c] = values[r];
    }
  }
}

/** About how many values `reconcilePaths` reconciles at a time (see there). */
const BLOCK_VALUES = 4_000_000;

/**
 * Reconciles sample paths: `paths[p]` holds path p of all n series x `width` steps (row-major). Returns the
 * reconciled paths, each coherent. Throws what `reconcile` throws.
 *
 * @example
 * const h = buildHierarchy(['k'], [['a'], ['b']], [['k']]);
 * reconcilePaths(h, [Float64Array.of(9, 3, 3)], 1, { name: 'ols' })[0] // Float64Array [8, 4, 4]
 */
export function reconcilePaths(
  h: Hierarchy,
  paths: readonly Float64Array[],
  width: number,
  method: ReconcileMethod,
  options: PathOptions = {},
): Float64Array[] {
  const n = h.aggregateCount + h.bottomCount;
  const count = paths.length;
  if (count === 0) return [];
  const copies = paths.map((p) => {
    if (p.length !== n * width)
      throw new ForesightError(
        'invalid_argument',
        `a sample path has ${p.length} values; ${n} series x ${width} steps need ${n * width}`,
      );
    return p.slice();
  });
  if (options.residuals) {
    if (!options.rng)
      throw new ForesightError('invalid_argument', 'reconcilePaths: residuals given without a seeded generator (rng)');
    applyEmpiricalCopula(copies, n, width, options.residuals, options.rng);
  }
  // paths side by side, n x (paths * width), in blocks of about BLOCK_VALUES values: the system is set up once
  // per block, and memory stays at the paths plus one block (all paths at once took 9 copies of them: 1.25 GB
  // for 18 series x 1000 steps). Every method works column by column, so the blocks change no value.
  const per = Math.max(1, Math.floor(BLOCK_VALUES / Math.max(1, n * width)));
  for (let first = 0; first < count; first += per) {
    const block = Math.min(per, count - first);
    const all = block * width;
    const stacked = new Float64Array(n * all);
    for (let p = 0; p < block; p++)
      for (let i = 0; i < n; i++)
        stacked.set(copies[first + p].subarray(i * width, (i + 1) * width), i * all + p * width);
    const result = reconcile(h, stacked, all, method, { residuals: options.weightsResiduals, exact: options.exact });
    for (let p = 0; p < block; p++)
      for (let i = 0; i < n; i++)
        copies[first + p].set(result.values.subarray(i * all + p * width, i * all + (p + 1) * width), i * width);
  }
  return copies;
}
