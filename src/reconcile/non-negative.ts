/**
 * Non-negative reconciliation (Wickramasuriya, Athanasopoulos & Hyndman 2020, "Optimal non-negative forecast
 * reconciliation", Statistics and Computing 30:1167): the least-squares reconciliation of `projectCoherent`
 * with the bottom series constrained to be >= 0, solved per column by an active-set method: bottom series that
 * come out negative are pinned to zero (an extra equality constraint), and a pinned series is released when its
 * Karush–Kuhn–Tucker multiplier has the wrong sign (the objective would fall by letting it rise). Moves are
 * made in blocks (all at once) until a set repeats, then one release at a time.
 */
import { ForesightError } from '../core/errors.js';
import type { WeightMatrix } from './covariance.js';
import { projectCoherent, type ProjectionOptions } from './projection.js';
import { summingMultiply, type Hierarchy } from './structure.js';

/**
 * Least-squares reconciliation with non-negative bottom series for all n series x `width` columns.
 * Aggregates are the sums of the non-negative bottoms, so they are non-negative too. Throws
 * ForesightError('not_converged') if the active set cycles (not seen in practice), and what
 * `projectCoherent` throws.
 *
 * @example
 * const h = buildHierarchy(['k'], [['a'], ['b']], [['k']]);
 * nonNegativeReconcile(h, Float64Array.of(1, 5, -7), identityWeights(3), 1) // Float64Array [3, 3, 0]
 */
export function nonNegativeReconcile(
  h: Hierarchy,
  base: Float64Array,
  w: WeightMatrix,
  width: number,
  options: ProjectionOptions = {},
): Float64Array {
  const na = h.aggregateCount,
    m = h.bottomCount,
    n = na + m;
  const bottoms = new Float64Array(m * width);
  for (let c = 0; c < width; c++) {
    const column = Float64Array.from({ length: n }, (_, i) => base[i * width + c]);
    let scale = 0;
    for (const v of column) scale = Math.max(scale, Math.abs(v));
    const tol = 1e-9 * (scale || 1);
    let fixed: number[] = [];
    let solution: Float64Array | null = null;
    // block moves (pin every negative, release every wrong-signed multiplier at once) settle in a few solves;
    // if a set repeats, fall back to releasing one series per step, which cannot cycle
    const seen = new Set<string>();
    let single = false;
    for (let iteration = 0; iteration < 2 * m + 20 && !solution; iteration++) {
      const p = projectCoherent(h, column, w, 1, { ...options, fixed });
      const pinned = new Set(fixed);
      const negative: number[] = [];
      for (let j = 0; j < m; j++) if (p.values[na + j] < -tol && !pinned.has(j)) negative.push(j);
      const release = new Set<number>();
      let worst = tol,
        worstAt = -1;
      fixed.forEach((j, k) => {
        const z = p.multipliers[na + k];
        if (z > tol) release.add(j);
        if (z > worst) [worst, worstAt] = [z, j];
      });
      if (negative.length === 0 && release.size === 0) {
        solution = p.values;
        break;
      }
      let next: number[];
      if (single) next = negative.length ? [...fixed, ...negative] : fixed.filter((j) => j !== worstAt);
      else next = [...fixed.filter((j) => !release.has(j)), ...negative];
      const key = [...next].sort((a, b) => a - b).join(',');
      if (!single && seen.has(key)) {
        single = true;
        next = negative.length ? [...fixed, ...negative] : fixed.filter((j) => j !== worstAt);
      }
      seen.add(key);
      fixed = next;
    }
    if (!solution)
      throw new ForesightError(
        'not_converged',
        `non-negative reconciliation did not settle on an active set (column ${c + 1})`,
      );
    for (let j = 0; j < m; j++) bottoms[j * width + c] = Math.max(0, solution[na + j]);
  }
  return summingMultiply(h, bottoms, width);
}
