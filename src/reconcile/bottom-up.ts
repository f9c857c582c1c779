/**
 * Bottom-up reconciliation: keep the bottom series' forecasts and sum them into every aggregate (ỹ = S ŷ_b).
 */
import { ForesightError } from '../core/errors.js';
import { summingMultiply, type Hierarchy } from './structure.js';

/**
 * Bottom-up forecasts for all n series from the base forecasts of all n series (n x `width`, row-major; only
 * the bottom rows are used). Throws ForesightError('invalid_argument') for a size mismatch.
 *
 * @example
 * const h = buildHierarchy(['k'], [['a'], ['b']], [['k']]);
 * bottomUp(h, Float64Array.of(99, 1, 2), 1) // Float64Array [3, 1, 2]
 */
export function bottomUp(h: Hierarchy, base: Float64Array, width: number): Float64Array {
  const na = h.aggregateCount,
    n = na + h.bottomCount;
  if (base.length !== n * width)
    throw new ForesightError(
      'invalid_argument',
      `base forecasts have ${base.length} values; ${n} series x ${width} columns need ${n * width}`,
    );
  return summingMultiply(h, base.slice(na * width), width);
}
