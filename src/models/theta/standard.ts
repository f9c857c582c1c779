/**
 * The standard Theta method as R forecast's `thetaf` (Hyndman & Billah 2003, "Unmasking the Theta method",
 * IJF 19): simple exponential smoothing (R's `ses()`, i.e. ETS(A,N,N) estimated by MSE) plus a drift of half
 * the slope b of the least-squares line through the (seasonally adjusted) series:
 *   ŷ_{n+h} = ℓ_n + (b/2) (h - 1 + (1 - (1-α)^n) / α),
 * with standard errors σ sqrt(1 + (h-1) α²), σ² the SES innovation variance. Composes the ETS engine.
 */
import { isForesightError } from '../../core/errors.js';
import { fitEts, fitSimpleEts, type EtsFit } from '../ets/ets.js';

/** What the standard Theta method keeps from its SES fit. */
export interface StandardThetaFit {
  /** SES smoothing weight (at least 1e-10, as thetaf). */
  alpha: number;
  /** Initial and final SES level. */
  initialLevel: number;
  level: number;
  /** Half the least-squares slope: b/2. */
  drift: number;
  /** SES one-step fitted values (without drift, as thetaf reports them). */
  fitted: Float64Array;
  /** SES innovation variance. */
  sigma2: number;
  /** The SES fit itself, for `--report`. */
  ses: EtsFit;
}

/**
 * Fits the standard Theta method to an already seasonally adjusted series. Series of 6 observations or fewer
 * (too short for R's `ets`) fall back to SES from the first value with alpha by least squares.
 * Throws ForesightError('invalid_input') for non-finite data, ('too_short') for an empty series.
 *
 * @example
 * fitStandardTheta(Float64Array.from({ length: 20 }, (_, t) => 2 * t)).drift // 1 (half the slope 2)
 */
export function fitStandardTheta(y: Float64Array): StandardThetaFit {
  let ses: EtsFit;
  try {
    ses = fitEts(y, { error: 'A', trend: 'N', damped: false, season: 'N', seasonLength: 1, optCrit: 'mse' });
  } catch (e) {
    if (!isForesightError(e, 'too_short')) throw e;
    ses = fitSimpleEts(y, null);
  }
  const state = ses.state;
  return {
    alpha: Math.max(1e-10, ses.params.alpha),
    initialLevel: state.initial[0],
    level: state.last[0],
    drift: leastSquaresSlope(y) / 2,
    fitted: Float64Array.from(ses.fitted),
    sigma2: ses.sigma2,
    ses,
  };
}

/**
 * Slope of the least-squares line through (t, y_t), t = 0..n-1 (R's `lsfit(0:(n-1), y)`); 0 for n < 2.
 *
 * @example
 * leastSquaresSlope(Float64Array.of(1, 3, 5, 7)) // 2
 */
export function leastSquaresSlope(y: ArrayLike<number>): number {
  const n = y.length;
  if (n < 2) return 0;
  const tMean = (n - 1) / 2;
  let yMean = 0;
  for (let t = 0; t < n; t++) yMean += y[t];
  yMean /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (y[t] - yMean);
    sxx += (t - tMean) * (t - tMean);
  }
  return sxy / sxx;
}

/**
 * Point forecasts and standard errors of the standard Theta method for steps 1..h (n = series length).
 *
 * @example
 * standardThetaForecast({ alpha: 1, level: 10, drift: 1 }, 50, 2).mean // [11, 12]
 */
export function standardThetaForecast(
  fit: Pick<StandardThetaFit, 'alpha' | 'level' | 'drift'>,
  n: number,
  horizon: number,
  sigma2 = 0,
): { mean: Float64Array; se: Float64Array } {
  const { alpha, level, drift } = fit;
  const mean = new Float64Array(horizon);
  const se = new Float64Array(horizon);
  const start = (1 - Math.pow(1 - alpha, n)) / alpha;
  for (let h = 0; h < horizon; h++) {
    mean[h] = level + drift * (h + start);
    se[h] = Math.sqrt(sigma2) * Math.sqrt(h * alpha * alpha + 1);
  }
  return { mean, se };
}
