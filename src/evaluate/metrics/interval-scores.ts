/**
 * Scores of interval forecasts: coverage (share of actual values inside [lower, upper]) and the pinball
 * (quantile) loss of the two bounds read as the (1 - level)/2 and (1 + level)/2 quantiles.
 */

/**
 * Share of actual values inside the interval, in [0, 1] (pairs with a NaN skipped).
 *
 * @example
 * coverage(Float64Array.of(1, 5), Float64Array.of(0, 0), Float64Array.of(2, 2)) // 0.5
 */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0,
    count = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i];
    if (!Number.isFinite(y) || !Number.isFinite(lower[i]) || !Number.isFinite(upper[i])) continue;
    if (y >= lower[i] && y <= upper[i]) inside++;
    count++;
  }
  return count ? inside / count : NaN;
}

/**
 * Mean pinball loss of one quantile forecast q at probability p: mean of max(p (y - q), (p - 1)(y - q)).
 *
 * @example
 * pinball(Float64Array.of(10), Float64Array.of(8), 0.9) // 1.8
 */
export function pinball(actual: ArrayLike<number>, quantile: ArrayLike<number>, p: number): number {
  let sum = 0,
    count = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - quantile[i];
    if (!Number.isFinite(e)) continue;
    sum += Math.max(p * e, (p - 1) * e);
    count++;
  }
  return count ? sum / count : NaN;
}

/**
 * Pinball loss of a central interval at `level` percent: the mean of the two bounds' pinball losses.
 *
 * @example
 * intervalPinball(Float64Array.of(10), Float64Array.of(8), Float64Array.of(12), 80) // 0.2
 */
export function intervalPinball(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  level: number,
): number {
  const p = level / 200;
  return (pinball(actual, lower, 0.5 - p) + pinball(actual, upper, 0.5 + p)) / 2;
}
