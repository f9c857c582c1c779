/**
 * The Box–Cox transform (Box & Cox 1964) as R's `forecast` package defines it, its inverse with the optional
 * bias adjustment, and Guerrero's (1993) choice of lambda as `BoxCox.lambda(x, method = "guerrero")`:
 *   w = log(y) when lambda = 0, else (sign(y)|y|^lambda - 1) / lambda;
 *   the inverse y = exp(w) or sign(u)|u|^(1/lambda) with u = lambda w + 1;
 *   bias-adjusted: the back-transformed median times 1 + sigma^2 (1 - lambda) / (2 y^(2 lambda)), sigma^2 the
 *   forecast variance on the transformed scale, which turns the median into (approximately) the mean.
 * Guerrero's lambda: the series is cut into consecutive blocks of one season (two observations when m = 1),
 * the last ones kept when the length is not a multiple; lambda minimizes the coefficient of variation of
 * sd_b / mean_b^(1 - lambda) over the blocks b, on [-1, 2] by Brent's method (as R's `optimize`).
 */
import { ForesightError } from '../core/errors.js';
import { brentMinimize } from '../core/optimize/brent.js';

/**
 * Box–Cox transform of one value. Negative values with lambda < 0 (or lambda = 0) are outside its domain: NaN.
 *
 * @example
 * boxCox(Math.E, 0) // 1
 * boxCox(4, 0.5) // 2
 */
export function boxCox(y: number, lambda: number): number {
  if (lambda === 0) return y > 0 ? Math.log(y) : NaN;
  if (lambda < 0 && y < 0) return NaN;
  return (Math.sign(y) * Math.pow(Math.abs(y), lambda) - 1) / lambda;
}

/**
 * The inverse Box–Cox transform of one value. For lambda < 0 the transformed scale is bounded above by
 * -1/lambda; a value beyond it maps to +Infinity.
 *
 * @example
 * invBoxCox(1, 0) // Math.E
 * invBoxCox(2, 0.5) // 4
 */
export function invBoxCox(w: number, lambda: number): number {
  if (lambda === 0) return Math.exp(w);
  const u = lambda * w + 1;
  if (lambda < 0 && u <= 0) return Infinity;
  return Math.sign(u) * Math.pow(Math.abs(u), 1 / lambda);
}

/**
 * The bias-adjusted back-transform of a point forecast w with variance `variance` on the transformed scale
 * (R's `InvBoxCox(..., biasadj = TRUE)`).
 *
 * @example
 * biasAdjusted(0, 0.5, 0) // about 1.25: exp(0) (1 + 0.5 / 2)
 */
export function biasAdjusted(w: number, variance: number, lambda: number): number {
  const y = invBoxCox(w, lambda);
  if (!(variance > 0) || !Number.isFinite(y)) return y;
  return y * (1 + (0.5 * variance * (1 - lambda)) / Math.pow(y, 2 * lambda));
}

/** Guerrero's criterion for one lambda: the coefficient of variation of sd_b / mean_b^(1 - lambda). */
function guerreroCv(lambda: number, means: readonly number[], sds: readonly number[]): number {
  const ratios = means.map((m, b) => sds[b] / Math.pow(m, 1 - lambda));
  const mean = ratios.reduce((a, x) => a + x, 0) / ratios.length;
  const variance = ratios.reduce((a, x) => a + (x - mean) ** 2, 0) / (ratios.length - 1);
  return Math.sqrt(variance) / mean;
}

/**
 * Guerrero's lambda for a strictly positive series with season length m (see the module comment). Throws
 * ForesightError('invalid_input') for a value that is not positive and ('too_short') for fewer than two blocks.
 *
 * @example
 * guerreroLambda(Float64Array.from([1, 2, 4, 8, 16, 32, 64, 128]), 1) // near 0: a log-linear series
 */
export function guerreroLambda(y: ArrayLike<number>, seasonLength: number, lower = -1, upper = 2): number {
  const period = Math.max(2, Math.round(seasonLength));
  const blocks = Math.floor(y.length / period);
  if (blocks < 2)
    throw new ForesightError(
      'too_short',
      `Guerrero's lambda needs two blocks of ${period} observations; the series has ${y.length}`,
    );
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0))
      throw new ForesightError(
        'invalid_input',
        `a Box–Cox lambda needs positive values; observation ${i + 1} is ${y[i]}`,
        {
          value: String(y[i]),
        },
      );
  }
  const start = y.length - blocks * period;
  const means: number[] = [];
  const sds: number[] = [];
  for (let b = 0; b < blocks; b++) {
    let sum = 0;
    for (let k = 0; k < period; k++) sum += y[start + b * period + k];
    const mean = sum / period;
    let ss = 0;
    for (let k = 0; k < period; k++) ss += (y[start + b * period + k] - mean) ** 2;
    means.push(mean);
    sds.push(Math.sqrt(ss / (period - 1)));
  }
  return brentMinimize((lambda) => guerreroCv(lambda, means, sds), lower, upper).x;
}
