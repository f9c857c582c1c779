/**
 * Summary statistics used across the library, written once: the type-7 sample quantile of sorted values
 * (R's default `quantile(type = 7)`), the sample variance (R's `var`, divisor n - 1) and the constant-series
 * test. Pure functions of their arguments.
 */

/**
 * Type-7 sample quantile of already sorted values: linear interpolation between the order statistics at
 * position (n - 1)·p, as R's `quantile(x, p)`. NaN for no values.
 *
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/**
 * Sample variance with divisor n - 1, as R's `var(x)`. NaN for fewer than two values.
 *
 * @example
 * variance(Float64Array.of(1, 2, 4)) // 2.333... (mean 7/3, squares 16/9 + 1/9 + 25/9 over 2)
 */
export function variance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i] - mean) ** 2;
  return s / (n - 1);
}

/**
 * True when every value equals the first (an empty or one-value series is constant).
 *
 * @example
 * isConstant(Float64Array.of(3, 3, 3)) // true
 */
export function isConstant(x: ArrayLike<number>): boolean {
  for (let t = 1; t < x.length; t++) if (x[t] !== x[0]) return false;
  return true;
}
