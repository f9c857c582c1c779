/**
 * MSTL: decomposition into several seasonal components (Bandara, Hyndman & Bergmeir 2021, "MSTL: A
 * seasonal-trend decomposition algorithm for time series with multiple seasonal patterns"), as R forecast's
 * `mstl()`: STL is applied to each season length in increasing order, each time to the series with the other
 * seasonal components removed, and the whole sweep is repeated `iterate` times; the trend is that of the last
 * STL fit.
 */
import { ForesightError } from '../../core/errors.js';
import { stl } from '../../core/stats/stl.js';

/** Options of {@link mstlDecompose}. */
export interface MstlOptions {
  /** Sweeps over the season lengths. Default 2 for several season lengths, 1 for one (R's `mstl` on a `ts`). */
  iterate?: number;
  /** STL seasonal windows by season (in increasing season order). Default 11, 15, 19, ... (R: 7 + 4 i). */
  seasonalWindows?: readonly number[];
}

/** Result of {@link mstlDecompose}: y = trend + sum(seasonals) + remainder. */
export interface MstlDecomposition {
  /** Season lengths actually used, increasing (lengths of at least half the series are dropped, as in R). */
  seasonLengths: number[];
  trend: Float64Array;
  /** One seasonal component per entry of `seasonLengths`. */
  seasonals: Float64Array[];
  remainder: Float64Array;
  /** Season lengths that were asked for but dropped, with the reason. */
  dropped: string[];
}

/**
 * Decomposes `y` with the given season lengths, as R's `mstl(msts(y, seasonal.periods = seasonLengths))`
 * (s.window 7 + 4 i, non-robust STL). Season lengths of 1 or less and those with fewer than two full periods
 * in the data are dropped (R drops the latter with a warning; here they are listed in `dropped`). When no
 * season length is left the trend is the series itself and there is no seasonal component (R smooths that
 * trend with `supsmu`; the seasonally adjusted series, which forecasts use, is the same).
 * Throws ForesightError('invalid_input') for non-finite values, ('invalid_argument') for non-integer
 * season lengths or bad options.
 *
 * @example
 * const y = Float64Array.from({ length: 96 }, (_, t) => 10 + [1, -1][t % 2] + [3, 0, 0, -3][t % 4]);
 * mstlDecompose(y, [2, 4]).seasonLengths // [2, 4]
 */
export function mstlDecompose(
  y: ArrayLike<number>,
  seasonLengths: readonly number[],
  options: MstlOptions = {},
): MstlDecomposition {
  const n = y.length;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(y[t]))
      throw new ForesightError('invalid_input', `mstl: y[${t}] is ${y[t]}, not a finite number`);
  }
  for (const m of seasonLengths) {
    if (!Number.isInteger(m) || m < 1)
      throw new ForesightError('invalid_argument', `mstl: season length ${m} is not a positive integer`);
  }
  const dropped: string[] = [];
  const used = [...new Set(seasonLengths)]
    .sort((a, b) => a - b)
    .filter((m) => {
      if (m <= 1) return false;
      if (m >= n / 2) {
        dropped.push(`season length ${m}: fewer than two full periods in ${n} observations`);
        return false;
      }
      return true;
    });
  const x = Float64Array.from(y);
  if (used.length === 0) {
    return { seasonLengths: [], trend: x, seasonals: [], remainder: new Float64Array(n), dropped };
  }
  const windows = options.seasonalWindows ?? used.map((_, i) => 7 + 4 * (i + 1));
  if (windows.length < used.length) {
    throw new ForesightError(
      'invalid_argument',
      `mstl: ${windows.length} seasonal windows for ${used.length} season lengths`,
    );
  }
  const iterate = Math.max(1, options.iterate ?? (used.length > 1 ? 2 : 1));
  const seasonals = used.map(() => new Float64Array(n));
  const deseasonalized = Float64Array.from(x);
  let trend: Float64Array = new Float64Array(n);
  for (let sweep = 0; sweep < iterate; sweep++) {
    for (let i = 0; i < used.length; i++) {
      const seasonal = seasonals[i];
      for (let t = 0; t < n; t++) deseasonalized[t] += seasonal[t];
      const fit = stl(deseasonalized, used[i], { seasonalWindow: windows[i] });
      seasonal.set(fit.seasonal);
      for (let t = 0; t < n; t++) deseasonalized[t] -= seasonal[t];
      trend = fit.trend;
    }
  }
  const remainder = new Float64Array(n);
  for (let t = 0; t < n; t++) remainder[t] = deseasonalized[t] - trend[t];
  return { seasonLengths: used, trend, seasonals, remainder, dropped };
}
