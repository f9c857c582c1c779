import { mae } from './mae.js';

/**
 * In-sample scale of MASE (Hyndman & Koehler 2006, as in M4): the mean absolute seasonal difference
 * mean |y_t - y_{t-m}| of the training series. NaN when the series is shorter than m + 1.
 *
 * @example
 * maseScale(Float64Array.of(1, 2, 4), 1) // 1.5
 */
export function maseScale(train: ArrayLike<number>, seasonLength: number): number {
  const m = Math.max(1, seasonLength);
  let sum = 0,
    count = 0;
  for (let t = m; t < train.length; t++) {
    const d = train[t] - train[t - m];
    if (Number.isFinite(d)) {
      sum += Math.abs(d);
      count++;
    }
  }
  return count ? sum / count : NaN;
}

/**
 * Mean absolute scaled error: the forecast's MAE divided by `maseScale(train, m)`.
 * A zero scale (a constant training series) gives Infinity for any error and NaN for a perfect forecast.
 *
 * @example
 * mase(Float64Array.of(5), Float64Array.of(4), Float64Array.of(1, 2, 4), 1) // 0.6666666666666666
 */
export function mase(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  train: ArrayLike<number>,
  seasonLength: number,
): number {
  return mae(actual, forecast) / maseScale(train, seasonLength);
}
