/**
 * The Theta state-space models of Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler (2016), "Models for
 * optimising the theta method and their relationship to state space models", IJF 32(4): with level ℓ (simple
 * exponential smoothing of y), and A_t, B_t the intercept and slope of the least-squares line through
 * y_1..y_t (times 1..t),
 *
 *   μ_t = ℓ_{t-1} + (1 - 1/θ) [ (1-α)^{t-1} A_{t-1} + ((1 - (1-α)^t) / α) B_{t-1} ],   y_t = μ_t + ε_t,
 *   ℓ_t = α y_t + (1-α) ℓ_{t-1}.
 *
 * The static models (STM: θ = 2, OTM: θ optimized) use A and B from the whole sample; the dynamic ones (DSTM,
 * DOTM) update them recursively, ȳ_t = ((t-1) ȳ_{t-1} + y_t)/t, B_t = ((t-2) B_{t-1} + 6 (y_t - ȳ_{t-1})/t) / (t+1),
 * A_t = ȳ_t - (t+1) B_t / 2. Parameters (ℓ_0, α, θ) minimize the in-sample one-step squared error from the
 * fourth observation on (statsforecast's `thetacalc` objective), with α in [0.1, 0.99] and θ >= 1 (forecTheta's
 * and statsforecast's bounds). The recursion, the initial states, the bounds and the forecast recursion were
 * checked line by line against forecTheta 2.x (`twoTL`) and statsforecast (`theta.cpp`); the one difference
 * kept on purpose is the objective's first term (forecTheta sums static-model errors from t = 1 and dynamic
 * ones from t = 3; statsforecast, and this file, from t = 4: starting the dynamic sum at t = 3 moved DSTM/DOTM's
 * sMAPE on the M4 training holdout by at most 0.026). The optimizer is R optim's Nelder–Mead on (ℓ_0 / mean|y|,
 * α, θ), so the simplex steps suit every scale (forecTheta runs it on raw ℓ_0; statsforecast has its own
 * bounded Nelder–Mead).
 *
 * For the static OTM, θ estimated this way is unreliable for forecasting: once (1-α)^t has died out the
 * in-sample one-step fit is SES plus a constant offset (1 - 1/θ) B_n / α, so θ only buys a level offset
 * in-sample but sets the slope (1 - 1/θ) B_n of every forecast; on M4 weekly 193 of 359 series end at θ > 5
 * (121 above 100), on hourly 158 of 414.
 * {@link groeTheta} instead chooses θ by out-of-sample errors inside the sample (Fiorucci, Pellegrini,
 * Louzada & Petropoulos 2015, "The optimised theta method", arXiv:1503.03529; forecTheta's `otm.arxiv`).
 * That choice is mostly an end of the grid: θ = 1 (SES, no trend) for 168 weekly / 257 hourly series, θ = 5
 * for 159 / 129.
 */
import { ForesightError } from '../../core/errors.js';
import { nelderMead } from '../../core/optimize/nelder-mead.js';
import type { Rng } from '../../core/random.js';

/** The four Fiorucci et al. models. */
export type ThetaStateSpaceVariant = 'stm' | 'otm' | 'dstm' | 'dotm';

/** Parameters of a Theta state-space model. */
export interface ThetaParameters {
  /** Level before the first observation, ℓ_0. */
  initialLevel: number;
  alpha: number;
  theta: number;
}

/** Final states from which forecasts start. */
export interface ThetaStates {
  level: number;
  /** Mean of the observations so far. */
  meanY: number;
  /** Intercept and slope of the trend line. */
  a: number;
  b: number;
}

/** Result of {@link thetaStateSpacePass}. */
export interface ThetaPass {
  /** Σ_{t>=4} ε_t² / mean|y| (statsforecast's objective; the scale does not move the optimum). */
  objective: number;
  /** Mean of ε_t² over t >= 4 (the in-sample one-step MSE). */
  mse: number;
  states: ThetaStates;
}

/** Smallest optimized alpha and the largest, and the smallest theta (statsforecast's bounds). */
export const ALPHA_BOUNDS = [0.1, 0.99] as const;
export const THETA_LOWER = 1;

/**
 * True for the dynamic variants (A_t, B_t updated every period).
 *
 * @example
 * isDynamic('dotm') // true
 */
export function isDynamic(variant: ThetaStateSpaceVariant): boolean {
  return variant === 'dstm' || variant === 'dotm';
}

/**
 * Runs the model through y and returns the objective and the final states; fills `fitted` (μ_t) when given.
 * Throws nothing; a series shorter than 4 gives mse NaN.
 *
 * @example
 * thetaStateSpacePass(Float64Array.of(1, 2, 3, 4, 5), { initialLevel: 0, alpha: 0.5, theta: 2 }, false).states.b // 1
 */
export function thetaStateSpacePass(
  y: Float64Array,
  p: ThetaParameters,
  dynamic: boolean,
  fitted?: Float64Array,
): ThetaPass {
  const n = y.length;
  const { alpha, theta } = p;
  const weight = 1 - 1 / theta;
  const decay = 1 - alpha;
  let a: number;
  let b: number;
  let mu: number;
  if (dynamic) {
    a = y[0];
    b = 0;
    mu = y[0];
  } else {
    [a, b] = trendLine(y);
    mu = p.initialLevel + weight * (a + b);
  }
  let level = alpha * y[0] + decay * p.initialLevel;
  let meanY = y[0];
  if (fitted) fitted[0] = mu;
  let sse = 0;
  let absSum = Math.abs(y[0]);
  // power = (1-α)^i for the current time index i (0-based)
  let power = 1;
  for (let i = 1; i < n; i++) {
    power *= decay;
    mu = level + weight * (a * power + (b * (1 - power * decay)) / alpha);
    if (fitted) fitted[i] = mu;
    const error = y[i] - mu;
    if (i >= 3) sse += error * error;
    absSum += Math.abs(y[i]);
    level = alpha * y[i] + decay * level;
    if (dynamic) {
      b = ((i - 1) * b + (6 * (y[i] - meanY)) / (i + 1)) / (i + 2);
      meanY = (i * meanY + y[i]) / (i + 1);
      a = meanY - (b * (i + 2)) / 2;
    } else {
      meanY = (i * meanY + y[i]) / (i + 1);
    }
  }
  const meanAbs = Math.max(absSum / n, 1e-10);
  return { objective: sse / meanAbs, mse: n > 3 ? sse / (n - 3) : NaN, states: { level, meanY, a, b } };
}

/** Intercept and slope of the least-squares line through (t, y_t), t = 1..n. */
function trendLine(y: Float64Array): [number, number] {
  const n = y.length;
  let mean = 0;
  let weighted = 0;
  for (let t = 0; t < n; t++) {
    mean += y[t];
    weighted += (t + 1) * y[t];
  }
  mean /= n;
  weighted /= n;
  const b = n > 1 ? (6 * (2 * weighted - (n + 1) * mean)) / (n * n - 1) : 0;
  return [mean - ((n + 1) * b) / 2, b];
}

/** Result of {@link fitThetaStateSpace}. */
export interface ThetaStateSpaceFit {
  variant: ThetaStateSpaceVariant;
  parameters: ThetaParameters;
  states: ThetaStates;
  /** One-step fitted values μ_t. */
  fitted: Float64Array;
  mse: number;
  /** Sample variance (n - 1 denominator) of the one-step errors from the fourth on: the innovation variance. */
  sigma2: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Fits one Fiorucci et al. model by Nelder–Mead (R optim's variant) over (ℓ_0 / mean|y|, α[, θ]) from
 * (y_1/2, 0.5[, 2]) — statsforecast's start — with the bounds enforced by an infinite objective outside them.
 * `fixedTheta` (OTM/DOTM only) holds θ at that value and estimates (ℓ_0, α) alone, as forecTheta does for a
 * given θ; STM/DSTM always use θ = 2.
 * Throws ForesightError('too_short') for fewer than 4 observations, ('invalid_argument') for a fixed θ below 1.
 *
 * @example
 * const y = Float64Array.from({ length: 40 }, (_, t) => 10 + 0.5 * t + Math.sin(t));
 * fitThetaStateSpace(y, 'otm').parameters.theta // about 2 or more: the series trends
 * fitThetaStateSpace(y, 'otm', 3).parameters.theta // 3
 */
export function fitThetaStateSpace(
  y: Float64Array,
  variant: ThetaStateSpaceVariant,
  fixedTheta?: number,
): ThetaStateSpaceFit {
  const n = y.length;
  if (n < 4)
    throw new ForesightError('too_short', `theta:${variant} needs at least 4 observations but the series has ${n}`);
  const canOptimize = variant === 'otm' || variant === 'dotm';
  if (fixedTheta !== undefined && canOptimize && !(fixedTheta >= THETA_LOWER)) {
    throw new ForesightError('invalid_argument', `theta:${variant}: fixed theta ${fixedTheta} is below ${THETA_LOWER}`);
  }
  const dynamic = isDynamic(variant);
  const optimizeTheta = canOptimize && fixedTheta === undefined;
  let scale = 0;
  for (let t = 0; t < n; t++) scale += Math.abs(y[t]);
  scale = scale / n || 1;
  const params: ThetaParameters = {
    initialLevel: y[0] / 2,
    alpha: 0.5,
    theta: canOptimize && fixedTheta !== undefined ? fixedTheta : 2,
  };
  const decode = (x: Float64Array): boolean => {
    params.initialLevel = x[0] * scale;
    params.alpha = x[1];
    if (optimizeTheta) params.theta = x[2];
    return x[1] >= ALPHA_BOUNDS[0] && x[1] <= ALPHA_BOUNDS[1] && (!optimizeTheta || x[2] >= THETA_LOWER);
  };
  const x0 = optimizeTheta ? Float64Array.of(y[0] / 2 / scale, 0.5, 2) : Float64Array.of(y[0] / 2 / scale, 0.5);
  const result = nelderMead((x) => (decode(x) ? thetaStateSpacePass(y, params, dynamic).objective : Infinity), x0, {
    maxEvaluations: 1000,
  });
  decode(result.x);
  const fitted = new Float64Array(n);
  const pass = thetaStateSpacePass(y, params, dynamic, fitted);
  return {
    variant,
    parameters: { ...params },
    states: pass.states,
    fitted,
    mse: pass.mse,
    sigma2: errorVariance(y, fitted),
    evaluations: result.evaluations,
    converged: result.converged,
  };
}

/**
 * Sample variance (n - 1 denominator, centred) of y_t - fitted_t for t >= 3 (0-based; from t = 0 when the
 * series has 5 values or fewer), statsforecast's sigma². 0 when fewer than 2 errors remain.
 *
 * @example
 * errorVariance(Float64Array.of(0, 0, 0, 1, 3, 5), new Float64Array(6)) // 4 (errors 1, 3, 5)
 */
export function errorVariance(y: ArrayLike<number>, fitted: ArrayLike<number>): number {
  const from = y.length > 5 ? 3 : 0;
  const count = y.length - from;
  if (count < 2) return 0;
  let mean = 0;
  for (let t = from; t < y.length; t++) mean += y[t] - fitted[t];
  mean /= count;
  let ss = 0;
  for (let t = from; t < y.length; t++) ss += (y[t] - fitted[t] - mean) ** 2;
  return ss / (count - 1);
}

/**
 * Point forecasts for steps 1..h from the final states: μ_{n+h} with the states updated by μ itself, as
 * forecTheta's `twoTL` and statsforecast's `forecast` do. For the static models A and B stay fixed and the
 * recursion sums to Fiorucci et al.'s closed form
 *   ŷ_{n+h} = ℓ_n + (1 - 1/θ) [ (1-α)^n A_n + ( h - 1 + (1 - (1-α)^{n+1}) / α ) B_n ]
 * (the A term keeps the exponent n at every h).
 *
 * @example
 * thetaStateSpaceForecast({ level: 10, meanY: 5, a: 0, b: 1 }, 100, { initialLevel: 0, alpha: 0.5, theta: 2 }, false, 2)
 * // ≈ [11, 11.5]: μ = ℓ + (1/2)·B/α, and ℓ moves half way to each forecast
 */
export function thetaStateSpaceForecast(
  states: ThetaStates,
  n: number,
  p: ThetaParameters,
  dynamic: boolean,
  horizon: number,
  noise?: Float64Array,
): Float64Array {
  const out = new Float64Array(horizon);
  const { alpha, theta } = p;
  const weight = 1 - 1 / theta;
  const decay = 1 - alpha;
  let { level, meanY, a, b } = states;
  let power = Math.pow(decay, n);
  for (let j = 0; j < horizon; j++) {
    const i = n + j;
    const mu = level + weight * (a * power + (b * (1 - power * decay)) / alpha);
    const value = noise ? mu + noise[j] : mu;
    out[j] = value;
    level = alpha * value + decay * level;
    if (dynamic) {
      b = ((i - 1) * b + (6 * (value - meanY)) / (i + 1)) / (i + 2);
      meanY = (i * meanY + value) / (i + 1);
      a = meanY - (b * (i + 2)) / 2;
    }
    power *= decay;
  }
  return out;
}

/**
 * `count` sample paths with N(0, sigma²) innovations from the seeded generator (statsforecast computes the
 * dynamic models' intervals this way; here they serve `simulate`, intervals are exact).
 *
 * @example
 * simulateThetaPaths(fit.states, n, fit.parameters, true, fit.sigma2, 12, 500, createRng(1)).length // 500
 */
export function simulateThetaPaths(
  states: ThetaStates,
  n: number,
  p: ThetaParameters,
  dynamic: boolean,
  sigma2: number,
  horizon: number,
  count: number,
  rng: Rng,
): Float64Array[] {
  const sd = Math.sqrt(Math.max(0, sigma2));
  const noise = new Float64Array(horizon);
  const paths: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    for (let j = 0; j < horizon; j++) noise[j] = sd * rng.normal();
    paths.push(thetaStateSpaceForecast(states, n, p, dynamic, horizon, noise));
  }
  return paths;
}

/** The θ values {@link groeTheta} chooses from: forecTheta `otm.arxiv`'s default list 1, 1.5, ..., 5. */
export const GROE_THETAS: readonly number[] = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];

/**
 * The eight rolling-origin set-ups of Fiorucci et al. (2015), forecTheta's `approach` 'a'..'h': first origin
 * n - h (a-d) or n - 2h (e-h), origin step h, ⌊h/2⌋, ⌊h/3⌋ or 1, and 1, 2, 3 or h (a-d) / 2, 4, 6 or h (e-h)
 * origins.
 */
export type GroeSetup = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h';

/** Result of {@link groeTheta}. */
export interface GroeChoice {
  /** The chosen θ (2 when the series is too short for any origin). */
  theta: number;
  /** Sum of sAPE over all origins and steps, per entry of {@link GROE_THETAS} (empty when no origin fits). */
  losses: number[];
  /** Forecast origins used (number of observations before each). */
  origins: number[];
}

/**
 * Chooses the static model's θ by generalised rolling-origin evaluation inside the sample (Fiorucci,
 * Pellegrini, Louzada & Petropoulos 2015, arXiv:1503.03529; forecTheta's `groe` and `otm.arxiv`). For set-up
 * (f), the default: origins n_1 = n - 2h, n_1 + m, ..., p = 4 of them with m = ⌊h/2⌋; in general see
 * {@link GroeSetup}. The origin step is at least 1, n_1 at least 4 (as forecTheta), and only origins before n
 * count. From each origin the static model with θ held fixed and (ℓ_0, α) re-estimated on the data up to the
 * origin forecasts min(h, n - origin) steps; θ minimizes the sum of sAPE = 2|y - ŷ| / (|y| + |ŷ|) (0 when both
 * are 0) over {@link GROE_THETAS}, the first on ties.
 * Set-up (f) rather than forecTheta's default (c, origins from n - h) because its 2h-long evaluation window
 * gives a steadier choice: on the last 13 / 48 training points of M4 weekly / hourly (test data unseen) the
 * three n - h set-ups a, b, c trailed STM on weekly (sMAPE 7.396-7.427 vs 7.374) while the three n - 2h
 * set-ups e, f, g beat it on both sets (weekly 7.311-7.317, hourly 18.989-19.024 vs 19.054); reproduce with
 * `bench/theta.ts <set> --holdout --groe a,b,c,e,f,g`.
 * Throws ForesightError('invalid_argument') for a horizon below 1.
 *
 * @example
 * const y = Float64Array.from({ length: 60 }, (_, t) => 50 + 2 * t + 3 * Math.sin(t));
 * groeTheta(y, 6).theta // 5: the trend holds out of sample, so the largest θ (full slope) wins
 */
export function groeTheta(y: Float64Array, horizon: number, setup: GroeSetup = 'f'): GroeChoice {
  if (!(Number.isInteger(horizon) && horizon >= 1)) {
    throw new ForesightError('invalid_argument', `theta:otm: validation horizon ${horizon} is not a positive integer`);
  }
  const n = y.length;
  const h = horizon;
  const k = 'abcdefgh'.indexOf(setup);
  if (k < 0)
    throw new ForesightError('invalid_argument', `theta:otm: unknown rolling-origin set-up "${setup}"; use a to h`);
  const steps = [h, Math.floor(h / 2), Math.floor(h / 3), 1];
  const counts = k < 4 ? [1, 2, 3, h] : [2, 4, 6, h];
  const step = Math.max(1, steps[k % 4]);
  const first = Math.max(4, k < 4 ? n - h : n - 2 * h);
  const origins: number[] = [];
  for (let i = 0; i < counts[k % 4] && first + i * step < n; i++) origins.push(first + i * step);
  if (origins.length === 0) return { theta: 2, losses: [], origins };
  const losses = GROE_THETAS.map(() => 0);
  for (const origin of origins) {
    const train = y.subarray(0, origin);
    const ahead = Math.min(h, n - origin);
    GROE_THETAS.forEach((theta, j) => {
      const fit = fitThetaStateSpace(train, 'otm', theta);
      const forecast = thetaStateSpaceForecast(fit.states, origin, fit.parameters, false, ahead);
      for (let t = 0; t < ahead; t++) {
        const actual = y[origin + t];
        const denominator = Math.abs(actual) + Math.abs(forecast[t]);
        if (denominator > 0) losses[j] += (2 * Math.abs(actual - forecast[t])) / denominator;
      }
    });
  }
  let best = 0;
  for (let j = 1; j < losses.length; j++) if (losses[j] < losses[best]) best = j;
  return { theta: GROE_THETAS[best], losses, origins };
}
