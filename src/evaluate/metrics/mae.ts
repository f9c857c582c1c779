/**
 * Mean absolute error of a forecast against the actual values (pairs where either is NaN are skipped).
 *
 * @example
 * mae(Float64Array.of(1, 2), Float64Array.of(2, 4)) // 1.5
 */
export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0,
    count = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - forecast[i];
    if (Number.isFinite(e)) {
      sum += Math.abs(e);
      count++;
    }
  }
  return count ? sum / count : NaN;
}
