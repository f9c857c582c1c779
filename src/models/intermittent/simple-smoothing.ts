/**
 * Simple exponential smoothing with the "simple" start used by intermittent-demand methods: the level starts at
 * the first observation, l_1 = x_1 and l_t = l_{t-1} + alpha (x_t - l_{t-1}); the one-step forecast of x_{t+1}
 * is l_t. This is R's `HoltWinters(x, alpha, beta = FALSE, gamma = FALSE)` (what `ses(initial = "simple")` and
 * therefore `croston()` use) and statsforecast's `_ses_forecast`.
 */
import { ForesightError } from '../../core/errors.js';

/** Result of {@link smoothLevel}. */
export interface SmoothedLevel {
  /** Final level l_n: the forecast for every future step. */
  level: number;
  /** One-step fitted values: fitted[0] = NaN, fitted[t] = l_{t-1}. */
  fitted: Float64Array;
  /** Sum of squared one-step errors over t = 1..n-1. */
  sse: number;
}

/**
 * Smooths `x` with weight `alpha` from the simple start l_1 = x_1.
 * Throws ForesightError('invalid_argument') for an empty series or alpha outside [0, 1].
 *
 * @example
 * smoothLevel(Float64Array.of(2, 4, 4), 0.5).level // 3.5  (2 -> 3 -> 3.5)
 */
export function smoothLevel(x: ArrayLike<number>, alpha: number): SmoothedLevel {
  if (x.length === 0) throw new ForesightError('invalid_argument', 'smoothLevel: the series is empty');
  if (!(alpha >= 0 && alpha <= 1)) {
    throw new ForesightError('invalid_argument', `smoothLevel: alpha ${alpha} is not in [0, 1]`);
  }
  const n = x.length;
  const fitted = new Float64Array(n);
  fitted[0] = NaN;
  let level = x[0];
  let sse = 0;
  for (let t = 1; t < n; t++) {
    fitted[t] = level;
    const error = x[t] - level;
    sse += error * error;
    level += alpha * error;
  }
  return { level, fitted, sse };
}

/** Result of {@link optimizedSmoothLevel}: the smoothing at the best weight, and that weight. */
export interface OptimizedLevel extends SmoothedLevel {
  alpha: number;
}

/**
 * Simple exponential smoothing with the weight chosen in [lower, upper] by minimizing the in-sample sum of
 * squared one-step errors (golden-section search to 1e-10), as statsforecast's `_optimized_ses_forecast`
 * (bounds 0.1 and 0.3) used by ADIDA and IMAPA. A series of length 1 gets alpha = lower.
 * Throws ForesightError('invalid_argument') for an empty series or bounds outside [0, 1].
 *
 * @example
 * optimizedSmoothLevel(Float64Array.of(1, 1, 1)).level // 1
 */
export function optimizedSmoothLevel(x: ArrayLike<number>, lower = 0.1, upper = 0.3): OptimizedLevel {
  if (!(lower >= 0 && upper <= 1 && lower <= upper)) {
    throw new ForesightError(
      'invalid_argument',
      `optimizedSmoothLevel: bounds [${lower}, ${upper}] are not inside [0, 1]`,
    );
  }
  if (x.length < 2) return { ...smoothLevel(x, lower), alpha: lower };
  const alpha = goldenSectionMinimum((a) => smoothLevel(x, a).sse, lower, upper, 1e-10);
  return { ...smoothLevel(x, alpha), alpha };
}

const INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Minimum of a unimodal function on [a, b] by golden-section search, to an interval width of `tolerance`.
 *
 * @example
 * goldenSectionMinimum((x) => (x - 0.2) ** 2, 0, 1, 1e-10) // 0.2 (to 1e-9)
 */
export function goldenSectionMinimum(f: (x: number) => number, a: number, b: number, tolerance: number): number {
  let lo = a;
  let hi = b;
  let x1 = hi - INVERSE_GOLDEN * (hi - lo);
  let x2 = lo + INVERSE_GOLDEN * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  while (hi - lo > tolerance) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - INVERSE_GOLDEN * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + INVERSE_GOLDEN * (hi - lo);
      f2 = f(x2);
    }
  }
  // Endpoints win ties so that a monotone objective lands exactly on the bound.
  const mid = (lo + hi) / 2;
  const candidates = [a, mid, b];
  let best = mid;
  let bestValue = f(mid);
  for (const c of candidates) {
    const v = f(c);
    if (v < bestValue) {
      best = c;
      bestValue = v;
    }
  }
  return best;
}
