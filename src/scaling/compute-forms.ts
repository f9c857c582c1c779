/**
 * Compute-only scaling forms fitted to the loss-versus-compute frontier:
 * - power law with an irreducible floor, L(C) = E + K·C^-gamma (Kaplan et al. 2020 eq. 1.3 with a floor, as in
 *   Henighan et al. 2020 "Scaling Laws for Autoregressive Generative Modeling");
 * - logarithmic form L(C) = b + c·ln(C/unit + 1): the popular claim "performance = c·ln(x + 1)" with
 *   performance read as the loss reduction from zero compute, b - L, and x compute in a chosen unit.
 * Both are least-squares fits on the loss scale, so their residuals, AIC and held-out errors are comparable.
 */
import { ForesightError } from '../core/errors.js';
import { lbfgs } from '../core/optimize/lbfgs.js';
import type { Rng } from '../core/random.js';
import type { ScalingRuns } from './columns.js';
import { bootstrap } from './bootstrap.js';

/** Loss-versus-compute points, with the compute-budget bin each came from. */
export interface ComputePoints {
  compute: Float64Array;
  loss: Float64Array;
  /** Compute-budget bin index (floor(log10 C / binDecades)); points in one bin form one held-out group. */
  bin: Int32Array;
}

/**
 * The compute-efficient frontier of a set of runs: in each bin of `binDecades` decades of compute, the run
 * with the lowest loss (Kaplan et al. 2020 fit L(C) to such an envelope). Points are sorted by compute.
 * Throws ForesightError('invalid_argument') for a non-positive bin width.
 *
 * @example
 * computeFrontier(runs, 0.1).compute.length // 37 on the Chinchilla runs
 */
export function computeFrontier(runs: ScalingRuns, binDecades = 0.1): ComputePoints {
  if (!(binDecades > 0))
    throw new ForesightError('invalid_argument', `computeFrontier: bin width ${binDecades} decades must be positive`);
  const best = new Map<number, number>();
  for (let i = 0; i < runs.loss.length; i++) {
    const b = Math.floor(Math.log10(runs.compute[i]) / binDecades);
    const j = best.get(b);
    if (j === undefined || runs.loss[i] < runs.loss[j]) best.set(b, i);
  }
  const bins = [...best.keys()].sort((a, b) => a - b);
  return {
    compute: Float64Array.from(bins, (b) => runs.compute[best.get(b)!]),
    loss: Float64Array.from(bins, (b) => runs.loss[best.get(b)!]),
    bin: Int32Array.from(bins),
  };
}

/** L(C) = E + K·C^-gamma. */
export interface PowerLawParams {
  E: number;
  K: number;
  gamma: number;
}

/** L(C) = intercept + slope·ln(C/unit + 1). */
export interface LogLawParams {
  intercept: number;
  slope: number;
  /** Compute unit x is measured in, FLOP. */
  unit: number;
}

/** A least-squares fit of one compute-only form: plain data. */
export interface ComputeFormFit<P> {
  form: 'power' | 'log';
  params: P;
  nobs: number;
  /** Number of fitted coefficients (excluding the error variance). */
  coefficients: number;
  /** Residual sum of squares on the loss scale. */
  rss: number;
  fitted: number[];
  /** L - L̂. */
  residuals: number[];
}

/**
 * Loss under the power law.
 *
 * @example
 * powerLawLoss({ E: 1.7, K: 1000, gamma: 0.15 }, 1e21) // 1.7 + 1000 / 10^3.15 ≈ 2.408
 */
export function powerLawLoss(p: PowerLawParams, compute: number): number {
  return p.E + p.K * compute ** -p.gamma;
}

/**
 * Loss under the logarithmic form.
 *
 * @example
 * logLawLoss({ intercept: 4, slope: -0.2, unit: 1e18 }, 1e18) // 4 - 0.2·ln 2 ≈ 3.861
 */
export function logLawLoss(p: LogLawParams, compute: number): number {
  return p.intercept + p.slope * Math.log(compute / p.unit + 1);
}

function checkPoints(compute: ArrayLike<number>, loss: ArrayLike<number>, need: number, what: string): void {
  if (compute.length !== loss.length)
    throw new ForesightError('invalid_argument', `${what}: ${compute.length} compute values but ${loss.length} losses`);
  if (compute.length < need)
    throw new ForesightError('too_short', `${what}: ${compute.length} points; need at least ${need}`);
  for (let i = 0; i < compute.length; i++) {
    if (!(compute[i] > 0) || !(loss[i] > 0))
      throw new ForesightError(
        'invalid_input',
        `${what}: point ${i + 1} has non-positive compute or loss (${compute[i]}, ${loss[i]})`,
      );
  }
}

function finish<P>(
  form: 'power' | 'log',
  params: P,
  coefficients: number,
  loss: ArrayLike<number>,
  predict: (i: number) => number,
): ComputeFormFit<P> {
  const fitted: number[] = [],
    residuals: number[] = [];
  let rss = 0;
  for (let i = 0; i < loss.length; i++) {
    const f = predict(i);
    fitted.push(f);
    residuals.push(loss[i] - f);
    rss += (loss[i] - f) ** 2;
  }
  return { form, params, nobs: loss.length, coefficients, rss, fitted, residuals };
}

/**
 * Least-squares fit of L(C) = E + K·C^-gamma with E > 0 (parametrised E = exp(e), K = exp(k)), by L-BFGS from
 * a small grid of exponents with K matched to the data at the median compute; the best start wins.
 * Throws ForesightError('too_short') with fewer than 4 points, ('invalid_input') on non-positive values,
 * ('not_converged') when no start gives a finite fit.
 *
 * @example
 * fitPowerLaw(C, L).params.gamma // ≈ 0.15 for data drawn from 1.7 + 1000·C^-0.15
 */
export function fitPowerLaw(compute: ArrayLike<number>, loss: ArrayLike<number>): ComputeFormFit<PowerLawParams> {
  checkPoints(compute, loss, 4, 'fitPowerLaw');
  const n = loss.length;
  const lnC = new Float64Array(n);
  let center = 0,
    minL = Infinity;
  for (let i = 0; i < n; i++) {
    lnC[i] = Math.log(compute[i]);
    center += lnC[i] / n;
    minL = Math.min(minL, loss[i]);
  }
  const sortedL = Array.from(loss).sort((a, b) => a - b);
  const medianL = sortedL[Math.floor(n / 2)];
  // x = (e, k, gamma) with L = exp(e) + exp(k - gamma (lnC - center)); centring keeps k of order 1
  const objective = (x: Float64Array, g: Float64Array): number => {
    const E = Math.exp(x[0]);
    let f = 0,
      g0 = 0,
      g1 = 0,
      g2 = 0;
    for (let i = 0; i < n; i++) {
      const u = lnC[i] - center;
      const t = Math.exp(x[1] - x[2] * u);
      const r = E + t - loss[i];
      f += 0.5 * r * r;
      g0 += r * E;
      g1 += r * t;
      g2 -= r * t * u;
    }
    g[0] = g0;
    g[1] = g1;
    g[2] = g2;
    return f;
  };
  let best: Float64Array | null = null,
    bestValue = Infinity;
  for (const floor of [0.5, 0.8, 0.95]) {
    for (const gamma of [0.02, 0.05, 0.1, 0.2, 0.4, 0.8]) {
      const E0 = floor * minL;
      const start = Float64Array.of(Math.log(E0), Math.log(Math.max(medianL - E0, 1e-6)), gamma);
      const r = lbfgs(objective, start, { maxIterations: 500, gradientTolerance: 1e-10 });
      if (r.value < bestValue && r.x.every(Number.isFinite)) {
        bestValue = r.value;
        best = r.x;
      }
    }
  }
  if (!best) throw new ForesightError('not_converged', 'fitPowerLaw: no start gave a finite fit');
  const params: PowerLawParams = { E: Math.exp(best[0]), K: Math.exp(best[1] + best[2] * center), gamma: best[2] };
  return finish('power', params, 3, loss, (i) => powerLawLoss(params, compute[i]));
}

/**
 * Ordinary least squares of L on ln(C/unit + 1): L = intercept + slope·ln(C/unit + 1).
 * Throws ForesightError('too_short') with fewer than 3 points, ('invalid_input') on non-positive values,
 * ('invalid_argument') for a non-positive unit or when all x are equal.
 *
 * @example
 * fitLogLaw([1e18, 3e18, 7e18], [3.8614, 3.7227, 3.5841], 1e18).params.slope // ≈ -0.2
 */
export function fitLogLaw(
  compute: ArrayLike<number>,
  loss: ArrayLike<number>,
  unit = 1e18,
): ComputeFormFit<LogLawParams> {
  if (!(unit > 0)) throw new ForesightError('invalid_argument', `fitLogLaw: compute unit ${unit} must be positive`);
  checkPoints(compute, loss, 3, 'fitLogLaw');
  const n = loss.length;
  let mx = 0,
    my = 0;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.log(compute[i] / unit + 1);
    mx += x[i] / n;
    my += loss[i] / n;
  }
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (loss[i] - my);
  }
  if (!(sxx > 0))
    throw new ForesightError('invalid_argument', 'fitLogLaw: all compute values are equal; the slope is undefined');
  const slope = sxy / sxx;
  const params: LogLawParams = { intercept: my - slope * mx, slope, unit };
  return finish('log', params, 2, loss, (i) => params.intercept + slope * x[i]);
}

/**
 * Bootstrap replicates of both compute-only forms: case resamples of the points, each refitted; a resample
 * whose fit fails is skipped (its slot is absent from `power` or `log`).
 *
 * @example
 * bootstrapComputeForms(points, 200, createRng(1)).power.length // 200
 */
export function bootstrapComputeForms(
  points: ComputePoints,
  resamples: number,
  rng: Rng,
  unit = 1e18,
): { power: PowerLawParams[]; log: LogLawParams[]; failures: string[] } {
  const C = points.compute,
    L = points.loss;
  const power: PowerLawParams[] = [],
    log: LogLawParams[] = [];
  const r = bootstrap(C.length, resamples, rng, (idx) => {
    const c = Array.from(idx, (i) => C[i]),
      l = Array.from(idx, (i) => L[i]);
    return { p: fitPowerLaw(c, l).params, g: fitLogLaw(c, l, unit).params };
  });
  for (const s of r.samples) {
    power.push(s.p);
    log.push(s.g);
  }
  return { power, log, failures: r.failures };
}
