/**
 * Symmetric MAPE as scored in the M4 competition: mean of 200 |y - f| / (|y| + |f|), in percent.
 * A pair with y = f = 0 counts as 0 error.
 *
 * @example
 * smape(Float64Array.of(100), Float64Array.of(110)) // 9.523809523809524
 */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0,
    count = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i],
      f = forecast[i];
    if (!Number.isFinite(y) || !Number.isFinite(f)) continue;
    const denominator = Math.abs(y) + Math.abs(f);
    sum += denominator === 0 ? 0 : (200 * Math.abs(y - f)) / denominator;
    count++;
  }
  return count ? sum / count : NaN;
}
