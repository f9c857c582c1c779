/**
 * Cluster efficiency: how model FLOPs utilisation (MFU, Chowdhery et al. 2022 appendix B) falls with the number
 * of chips, and the chip count beyond which more chips stop paying.
 *
 * Communication model (data-parallel ring all-reduce, Patarasuk & Yuan 2009): each step every chip computes for
 * t_c seconds, then the gradient of G bytes is all-reduced in 2(n-1)/n · G / bandwidth + 2(n-1) · latency seconds.
 * Without overlap the utilisation is
 *   u(n) = u1 / (1 + beta · 2(n-1)/n + lambda · (n-1)),  beta = G / (bandwidth · t_c),  lambda = 2 · latency / t_c,
 * and throughput is n · peak · u(n). The same curve is fitted to observed (chips, MFU) pairs.
 */
import { ForesightError } from '../core/errors.js';
import { lbfgsBounded } from '../core/optimize/lbfgs.js';
import type { Rng } from '../core/random.js';
import { bootstrap, summarize, type Estimate } from './bootstrap.js';

/** u(n) = peakUtilisation / (1 + bandwidthCost · 2(n-1)/n + latencyCost · (n-1)). */
export interface UtilisationCurve {
  /** Utilisation of one chip (no communication). */
  peakUtilisation: number;
  /** beta: bandwidth term of the all-reduce relative to compute time per step. */
  bandwidthCost: number;
  /** lambda: per-hop latency term relative to compute time per step. */
  latencyCost: number;
}

/**
 * Utilisation at `chips` chips under the curve.
 *
 * @example
 * utilisation({ peakUtilisation: 0.5, bandwidthCost: 0, latencyCost: 1e-4 }, 10001) // 0.25
 */
export function utilisation(c: UtilisationCurve, chips: number): number {
  return c.peakUtilisation / (1 + (c.bandwidthCost * 2 * (chips - 1)) / chips + c.latencyCost * (chips - 1));
}

/** User-settable parameters of the ring all-reduce model. */
export interface RingAllReduceConfig {
  /** Utilisation with no communication (kernel efficiency), e.g. 0.55. */
  computeUtilisation: number;
  /** Peak FLOP/s per chip. */
  peakFlops: number;
  /** FLOP each chip computes per step (6 · parameters · tokens per chip per step for a dense transformer). */
  flopsPerStepPerChip: number;
  /** Bytes all-reduced per step (2 · parameters for bf16 gradients). */
  gradientBytes: number;
  /** Per-chip all-reduce bandwidth, bytes/s. */
  bandwidth: number;
  /** Latency per ring hop, seconds. */
  latency: number;
}

/**
 * The utilisation curve implied by a ring all-reduce with the given hardware and workload.
 * Throws ForesightError('invalid_argument') naming a non-positive or non-finite field (latency may be 0).
 *
 * @example
 * ringAllReduceCurve({ computeUtilisation: 0.5, peakFlops: 1e15, flopsPerStepPerChip: 5e14, gradientBytes: 1e9,
 *   bandwidth: 1e11, latency: 5e-6 }) // { peakUtilisation: 0.5, bandwidthCost: 0.01, latencyCost: 1e-5 }
 */
export function ringAllReduceCurve(config: RingAllReduceConfig): UtilisationCurve {
  for (const [k, v] of Object.entries(config)) {
    if (!Number.isFinite(v) || v < 0 || (v === 0 && k !== 'latency')) {
      throw new ForesightError('invalid_argument', `ring all-reduce: ${k} ${v} must be a positive number`);
    }
  }
  const computeSeconds = config.flopsPerStepPerChip / (config.peakFlops * config.computeUtilisation);
  return {
    peakUtilisation: config.computeUtilisation,
    bandwidthCost: config.gradientBytes / (config.bandwidth * computeSeconds),
    latencyCost: (2 * config.latency) / computeSeconds,
  };
}

/** Fit of the utilisation curve to observed (chips, MFU) pairs. */
export interface UtilisationFit {
  curve: UtilisationCurve;
  nobs: number;
  /** Residuals ln MFU - ln û. */
  residuals: number[];
  /** Residual standard deviation on the log scale. */
  sigma: number;
  /** Descriptive log-linear trend: OLS slope of ln MFU on log2(chips) (change in ln MFU per doubling), its SE and t. */
  perDoubling: { slope: number; se: number; t: number };
}

/**
 * Least-squares fit of ln MFU = ln u0 - ln(1 + lambda·(n-1)) with 0 < u0 < 1 and lambda ≥ 0 (L-BFGS with bounds
 * by transformation, best of several starts), plus the log-linear trend per doubling. The bandwidth term is
 * fixed at 0 in the fit: 2(n-1)/n is within 7 % of its limit 2 from 16 chips on, so on clusters of 8+ chips it
 * is indistinguishable from a lower u0 and is absorbed there (u0 is then the utilisation of a small cluster,
 * not of one chip). Pairs with a non-finite value are skipped.
 * Throws ForesightError('too_short') with fewer than 5 usable pairs, ('invalid_input') for MFU outside (0, 1]
 * or chips below 1.
 *
 * @example
 * fitUtilisation(chips, mfu).curve.latencyCost // ≈ 1e-4 for data drawn from u(n) = 0.5 / (1 + 1e-4 (n-1))
 */
export function fitUtilisation(chips: ArrayLike<number>, mfu: ArrayLike<number>): UtilisationFit {
  const n: number[] = [],
    y: number[] = [];
  for (let i = 0; i < chips.length; i++) {
    if (!Number.isFinite(chips[i]) || !Number.isFinite(mfu[i])) continue;
    if (!(mfu[i] > 0 && mfu[i] <= 1))
      throw new ForesightError('invalid_input', `fitUtilisation: MFU ${mfu[i]} of pair ${i + 1} is not in (0, 1]`);
    if (!(chips[i] >= 1))
      throw new ForesightError('invalid_input', `fitUtilisation: chip count ${chips[i]} of pair ${i + 1} is below 1`);
    n.push(chips[i]);
    y.push(Math.log(mfu[i]));
  }
  const m = n.length;
  if (m < 5) throw new ForesightError('too_short', `fitUtilisation: ${m} usable (chips, MFU) pairs; need at least 5`);
  const objective = (x: Float64Array, g: Float64Array): number => {
    const [lu, l] = x;
    let f = 0,
      g0 = 0,
      g1 = 0;
    for (let i = 0; i < m; i++) {
      const v = n[i] - 1;
      const den = 1 + l * v;
      const r = lu - Math.log(den) - y[i];
      f += 0.5 * r * r;
      g0 += r;
      g1 -= (r * v) / den;
    }
    g[0] = g0;
    g[1] = g1;
    return f;
  };
  const bounds = { lower: [-Infinity, 0], upper: [0, Infinity] };
  const meanY = y.reduce((s, v) => s + v, 0) / m;
  let best: Float64Array | null = null,
    bestValue = Infinity;
  for (const l of [1e-8, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2]) {
    const r = lbfgsBounded(objective, Float64Array.of(Math.min(meanY, -1e-3), l), bounds, {
      maxIterations: 500,
      gradientTolerance: 1e-10,
      functionTolerance: 1e-14,
    });
    if (r.value < bestValue) {
      bestValue = r.value;
      best = r.x;
    }
  }
  const curve: UtilisationCurve = { peakUtilisation: Math.exp(best![0]), bandwidthCost: 0, latencyCost: best![1] };
  const residuals = n.map((c, i) => y[i] - Math.log(utilisation(curve, c)));
  // log-linear trend per doubling
  const x = n.map(Math.log2);
  const mx = x.reduce((s, v) => s + v, 0) / m;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - meanY);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  let sse = 0;
  for (let i = 0; i < m; i++) sse += (y[i] - meanY - slope * (x[i] - mx)) ** 2;
  const se = sxx > 0 ? Math.sqrt(sse / (m - 2) / sxx) : NaN;
  return {
    curve,
    nobs: m,
    residuals,
    sigma: Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / Math.max(1, m - 2)),
    perDoubling: { slope, se, t: slope / se },
  };
}

/**
 * Replicates of the utilisation curve from case resamples of the (chips, MFU) pairs; failed refits are skipped.
 *
 * @example
 * bootstrapUtilisation(chips, mfu, 100, createRng(1)).length // 100
 */
export function bootstrapUtilisation(
  chips: ArrayLike<number>,
  mfu: ArrayLike<number>,
  resamples: number,
  rng: Rng,
): UtilisationCurve[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < chips.length; i++)
    if (Number.isFinite(chips[i]) && Number.isFinite(mfu[i])) pairs.push([chips[i], mfu[i]]);
  return bootstrap(
    pairs.length,
    resamples,
    rng,
    (idx) =>
      fitUtilisation(
        Array.from(idx, (i) => pairs[i][0]),
        Array.from(idx, (i) => pairs[i][1]),
      ).curve,
  ).samples;
}

/**
 * Relative throughput n · u(n) (in units of peak FLOP/s per chip).
 *
 * @example
 * throughput({ peakUtilisation: 0.5, bandwidthCost: 0, latencyCost: 0 }, 8) // 4
 */
export function throughput(c: UtilisationCurve, chips: number): number {
  return chips * utilisation(c, chips);
}

/**
 * The chip count beyond which doubling the chips adds less than `fraction` of the current throughput, i.e. the
 * smallest n with T(2n) < (1 + fraction) · T(n), T(n) = n · u(n); found by doubling from 1 and bisection
 * (T(2n)/T(n) falls with n for this curve). Returns Infinity when no knee exists below `maxChips`
 * (e.g. with no latency term throughput grows without a knee for fraction < 1).
 * Throws ForesightError('invalid_argument') for fraction outside (0, 1).
 *
 * @example
 * throughputKnee({ peakUtilisation: 0.5, bandwidthCost: 0, latencyCost: 1e-4 }, 0.5) // 4999.5 = (1-f)(1-λ)/(2fλ)
 */
export function throughputKnee(c: UtilisationCurve, fraction: number, maxChips = 1e9): number {
  if (!(fraction > 0 && fraction < 1))
    throw new ForesightError('invalid_argument', `throughput knee: fraction ${fraction} must be in (0, 1)`);
  const gain = (k: number) => throughput(c, 2 * k) / throughput(c, k) - 1;
  if (gain(1) < fraction) return 1;
  let lo = 1;
  while (gain(lo * 2) >= fraction) {
    lo *= 2;
    if (lo > maxChips) return Infinity;
  }
  let hi = lo * 2;
  for (let i = 0; i < 200 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gain(mid) >= fraction) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Utilisation curve used by `scaling ask` unless overridden: u0 = 0.38, lambda = 8.3e-6, the fit of
 * {@link fitUtilisation} to the 56 (chips, MFU) pairs of examples/scaling/notable_models.csv, rounded.
 */
export const DEFAULT_CLUSTER_CURVE: UtilisationCurve = { peakUtilisation: 0.38, bandwidthCost: 0, latencyCost: 8.3e-6 };

/** Result of {@link clusterKnee}. */
export interface ClusterKnee {
  fit: UtilisationFit;
  /** Chips beyond which a doubling adds less than the fraction of throughput, with its bootstrap interval. */
  knee: Estimate;
  /** lambda of the fitted curve with its bootstrap interval. */
  latencyCost: Estimate;
}

/**
 * Fits the utilisation curve to (chips, MFU) pairs and finds the throughput knee at `fraction`, with percentile
 * intervals at `level` from `resamples` bootstrap refits drawn with `rng`. Throws what fitUtilisation and
 * throughputKnee throw.
 *
 * @example
 * clusterKnee(m.chips, m.mfu, 0.5, 200, createRng(1)).knee.estimate // chips, on the bundled notable models
 */
export function clusterKnee(
  chips: ArrayLike<number>,
  mfu: ArrayLike<number>,
  fraction: number,
  resamples: number,
  rng: Rng,
  level = 95,
): ClusterKnee {
  const fit = fitUtilisation(chips, mfu);
  const reps = bootstrapUtilisation(chips, mfu, resamples, rng);
  return {
    fit,
    knee: summarize(
      throughputKnee(fit.curve, fraction),
      reps.map((c) => throughputKnee(c, fraction)),
      level,
    ),
    latencyCost: summarize(
      fit.curve.latencyCost,
      reps.map((c) => c.latencyCost),
      level,
    ),
  };
}
