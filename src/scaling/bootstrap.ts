/**
 * Case-resampling (nonparametric) bootstrap (Efron & Tibshirani 1993, "An Introduction to the Bootstrap",
 * ch. 6 and 13) and percentile intervals, as used for the confidence intervals of the scaling-law fits
 * (Besiroglu et al. 2024 bootstrap the Chinchilla fit the same way).
 */
import { ForesightError } from '../core/errors.js';
import type { Rng } from '../core/random.js';
import { quantileSorted } from '../core/stats/summary.js';

/**
 * n indices drawn uniformly with replacement from 0..n-1.
 *
 * @example
 * resampleIndices(3, createRng(1)).length // 3
 */
export function resampleIndices(n: number, rng: Rng): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = rng.int(n);
  return idx;
}

/** Result of {@link bootstrap}: the statistics of the resamples that succeeded, and why others failed. */
export interface BootstrapResult<T> {
  samples: T[];
  failures: string[];
}

/**
 * Refits `statistic` on `resamples` case resamples of n rows. A resample whose fit throws is recorded in
 * `failures` (its message) and skipped, so one degenerate resample does not abort the whole bootstrap.
 * Throws ForesightError('invalid_argument') for fewer than 1 resample or n < 2.
 *
 * @example
 * bootstrap(5, 100, createRng(1), (idx) => idx.length).samples.length // 100
 */
export function bootstrap<T>(
  n: number,
  resamples: number,
  rng: Rng,
  statistic: (indices: Int32Array) => T,
): BootstrapResult<T> {
  if (!(resamples >= 1))
    throw new ForesightError('invalid_argument', `bootstrap: resamples ${resamples} must be at least 1`);
  if (!(n >= 2)) throw new ForesightError('invalid_argument', `bootstrap: ${n} rows; need at least 2 to resample`);
  const samples: T[] = [];
  const failures: string[] = [];
  for (let b = 0; b < resamples; b++) {
    const idx = resampleIndices(n, rng);
    try {
      samples.push(statistic(idx));
    } catch (e) {
      failures.push(`resample ${b + 1}: ${(e as Error).message}`);
    }
  }
  return { samples, failures };
}

/** A point estimate with its bootstrap standard error and percentile interval. */
export interface Estimate {
  /** Point estimate from the full data. */
  estimate: number;
  /** Standard deviation of the bootstrap replicates. */
  se: number;
  /** Percentile interval bounds at `level`. */
  lower: number;
  upper: number;
  /** Interval level in percent. */
  level: number;
}

/**
 * Bootstrap estimate: the full-data `estimate`, the replicates' standard deviation and the percentile interval
 * at `level` percent (non-finite replicates are dropped). With no finite replicate se and bounds are NaN.
 * Throws ForesightError('invalid_argument') if level is not strictly between 0 and 100.
 *
 * @example
 * summarize(2, [1, 2, 3], 50) // { estimate: 2, se: 1, lower: 1.5, upper: 2.5, level: 50 }
 */
export function summarize(estimate: number, replicates: ArrayLike<number>, level = 95): Estimate {
  if (!(level > 0 && level < 100))
    throw new ForesightError('invalid_argument', `interval level ${level} must be strictly between 0 and 100`);
  const v = Float64Array.from(Array.from(replicates).filter(Number.isFinite)).sort();
  const n = v.length;
  let mean = 0;
  for (const x of v) mean += x;
  mean /= n;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  const a = (1 - level / 100) / 2;
  return {
    estimate,
    se: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    lower: quantileSorted(v, a),
    upper: quantileSorted(v, 1 - a),
    level,
  };
}
