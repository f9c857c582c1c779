/**
 * Root mean squared error (pairs where either value is NaN are skipped), for any finite errors: errors of 1e300,
 * whose squares overflow, and of 1e-300, whose squares underflow, are summed in units of the largest.
 *
 * @example
 * rmse(Float64Array.of(0, 0), Float64Array.of(3, 4)) // 3.5355339059327378
 */
export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0,
    count = 0,
    largest = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - forecast[i];
    if (Number.isFinite(e)) {
      sum += e * e;
      count++;
      if (Math.abs(e) > largest) largest = Math.abs(e);
    }
  }
  if (!count) return NaN;
  // ordinary errors take the plain sum, to the last bit as before; only squares out of range are rescaled
  if (largest === 0 || (Number.isFinite(sum) && sum > 1e-280)) return Math.sqrt(sum / count);
  let scaled = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - forecast[i];
    if (Number.isFinite(e)) scaled += (e / largest) ** 2;
  }
  return largest * Math.sqrt(scaled / count);
}
