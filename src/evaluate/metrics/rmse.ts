/**
 * Root mean squared error (pairs where either value is NaN are skipped).
 *
 * @example
 * rmse(Float64Array.of(0, 0), Float64Array.of(3, 4)) // 3.5355339059327378
 */
export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0,
    count = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - forecast[i];
    if (Number.isFinite(e)) {
      sum += e * e;
      count++;
    }
  }
  return count ? Math.sqrt(sum / count) : NaN;
}
