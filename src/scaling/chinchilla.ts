/**
 * The Chinchilla parametric loss L(N, D) = E + A / N^alpha + B / D^beta (Hoffmann et al. 2022, "Training
 * Compute-Optimal Large Language Models", approach 3 and Appendix D.2), fitted as there and in the Epoch AI
 * replication (Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt"): with a = ln A, b = ln B,
 * e = ln E, minimise the summed Huber loss (delta 1e-3) of LSE(a - alpha ln N, b - beta ln D, e) - ln L
 * with L-BFGS from every point of a grid of starts, keeping the best.
 */
import { ForesightError } from '../core/errors.js';
import { lbfgs } from '../core/optimize/lbfgs.js';
import type { Rng } from '../core/random.js';
import { selectRuns, type ScalingRuns } from './columns.js';
import { bootstrap, type BootstrapResult } from './bootstrap.js';

/** Parameters of L(N, D) = E + A / N^alpha + B / D^beta. */
export interface ChinchillaParams {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/** A fitted Chinchilla law: plain data. */
export interface ChinchillaFit {
  form: 'chinchilla';
  params: ChinchillaParams;
  /** Compute-optimal exponents: N_opt ∝ C^a with a = beta/(alpha+beta), D_opt ∝ C^b with b = alpha/(alpha+beta). */
  exponents: { a: number; b: number };
  /** Minimised summed Huber loss. */
  objective: number;
  huberDelta: number;
  nobs: number;
  /** Fitted losses, one per run. */
  fitted: number[];
  /** Log residuals ln L - ln L̂, one per run. */
  residuals: number[];
  /** Starts tried and how many of them converged. */
  starts: number;
  converged: number;
}

/** Starting values (a, b, e, alpha, beta) for the grid search; each array lists the values of one coordinate. */
export interface ChinchillaGrid {
  a: readonly number[];
  b: readonly number[];
  e: readonly number[];
  alpha: readonly number[];
  beta: readonly number[];
}

const range = (from: number, to: number, step: number): number[] =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);

/** The grid of Hoffmann et al. Appendix D.2, also used by Besiroglu et al.: 4,500 starts. */
export const HOFFMANN_GRID: ChinchillaGrid = {
  a: range(0, 25, 5),
  b: range(0, 25, 5),
  e: range(-1, 1, 0.5),
  alpha: range(0, 2, 0.5),
  beta: range(0, 2, 0.5),
};

/** A 48-start grid for quick refits (bootstrap resamples start from the full-data optimum plus this grid). */
export const SMALL_GRID: ChinchillaGrid = {
  a: [0, 10],
  b: [0, 10],
  e: [-1, 0.5],
  alpha: [0.3, 1, 2],
  beta: [0.3, 1.5],
};

/** Options of {@link fitChinchilla}. */
export interface ChinchillaOptions {
  /** Huber threshold on log-loss residuals. Default 1e-3 (Hoffmann et al.). */
  huberDelta?: number;
  /** Grid of starting points. Default {@link HOFFMANN_GRID}. */
  grid?: ChinchillaGrid;
  /** Extra starts (a, b, e, alpha, beta) tried before the grid, e.g. a previous optimum. */
  starts?: readonly (readonly number[])[];
}

/**
 * L(N, D) under the law.
 *
 * @example
 * chinchillaLoss({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }, 70e9, 1.4e12) // ≈ 1.94
 */
export function chinchillaLoss(p: ChinchillaParams, parameters: number, tokens: number): number {
  return p.E + p.A * parameters ** -p.alpha + p.B * tokens ** -p.beta;
}

/** Objective of the log-space fit with gradient, over the five coordinates (a, b, e, alpha, beta). */
function makeObjective(lnN: Float64Array, lnD: Float64Array, lnL: Float64Array, delta: number) {
  const n = lnL.length;
  return (x: Float64Array, g: Float64Array): number => {
    const a = x[0],
      b = x[1],
      e = x[2],
      al = x[3],
      be = x[4];
    let f = 0,
      ga = 0,
      gb = 0,
      ge = 0,
      gal = 0,
      gbe = 0;
    for (let i = 0; i < n; i++) {
      const t1 = a - al * lnN[i],
        t2 = b - be * lnD[i];
      const m = Math.max(t1, t2, e);
      const x1 = Math.exp(t1 - m),
        x2 = Math.exp(t2 - m),
        x3 = Math.exp(e - m);
      const s = x1 + x2 + x3;
      const r = m + Math.log(s) - lnL[i];
      let dr: number;
      if (Math.abs(r) <= delta) {
        f += 0.5 * r * r;
        dr = r;
      } else {
        f += delta * (Math.abs(r) - 0.5 * delta);
        dr = r > 0 ? delta : -delta;
      }
      const w = dr / s;
      ga += w * x1;
      gb += w * x2;
      ge += w * x3;
      gal -= w * x1 * lnN[i];
      gbe -= w * x2 * lnD[i];
    }
    g[0] = ga;
    g[1] = gb;
    g[2] = ge;
    g[3] = gal;
    g[4] = gbe;
    return f;
  };
}

function gridStarts(grid: ChinchillaGrid): number[][] {
  const out: number[][] = [];
  for (const a of grid.a)
    for (const b of grid.b)
      for (const e of grid.e) for (const al of grid.alpha) for (const be of grid.beta) out.push([a, b, e, al, be]);
  return out;
}

/**
 * Fits the Chinchilla law to runs (N, D, L) by Huber regression in log space from a grid of L-BFGS starts
 * (Hoffmann et al. 2022 Appendix D.2; Besiroglu et al. 2024). On Epoch AI's extraction of the Chinchilla runs
 * minus the five with the fewest tokens per parameter it gives E ≈ 1.817, A ≈ 482, B ≈ 2085,
 * alpha ≈ 0.348, beta ≈ 0.366 (Besiroglu et al. Table 1).
 * Throws ForesightError('too_short') with fewer than 6 runs, ('invalid_input') on non-positive values,
 * ('not_converged') when no start reaches a finite optimum with positive exponents.
 *
 * @example
 * fitChinchilla(runs).params.alpha // ≈ 0.348 on examples/scaling/chinchilla_runs.csv minus 5 runs
 */
export function fitChinchilla(runs: ScalingRuns, options: ChinchillaOptions = {}): ChinchillaFit {
  const n = runs.loss.length;
  if (n < 6) throw new ForesightError('too_short', `fitChinchilla: ${n} runs; the five-parameter law needs at least 6`);
  const lnN = new Float64Array(n),
    lnD = new Float64Array(n),
    lnL = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const N = runs.parameters[i],
      D = runs.tokens[i],
      L = runs.loss[i];
    if (!(N > 0 && D > 0 && L > 0)) {
      throw new ForesightError(
        'invalid_input',
        `fitChinchilla: run ${i + 1} (line ${runs.line[i] ?? '?'}) has non-positive N, D or L (${N}, ${D}, ${L})`,
      );
    }
    lnN[i] = Math.log(N);
    lnD[i] = Math.log(D);
    lnL[i] = Math.log(L);
  }
  const delta = options.huberDelta ?? 1e-3;
  const objective = makeObjective(lnN, lnD, lnL, delta);
  const starts = [...(options.starts ?? []).map((s) => [...s]), ...gridStarts(options.grid ?? HOFFMANN_GRID)];
  let best: Float64Array | null = null;
  let bestValue = Infinity;
  let converged = 0;
  for (const s of starts) {
    const r = lbfgs(objective, Float64Array.from(s), { maxIterations: 500 });
    if (r.converged) converged++;
    if (r.value < bestValue && r.x[3] > 0 && r.x[4] > 0 && r.x.every(Number.isFinite)) {
      bestValue = r.value;
      best = r.x;
    }
  }
  if (!best)
    throw new ForesightError(
      'not_converged',
      `fitChinchilla: no start of ${starts.length} reached an optimum with positive exponents`,
    );
  const params: ChinchillaParams = {
    E: Math.exp(best[2]),
    A: Math.exp(best[0]),
    B: Math.exp(best[1]),
    alpha: best[3],
    beta: best[4],
  };
  const fitted: number[] = [],
    residuals: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = chinchillaLoss(params, runs.parameters[i], runs.tokens[i]);
    fitted.push(f);
    residuals.push(lnL[i] - Math.log(f));
  }
  return {
    form: 'chinchilla',
    params,
    exponents: { a: params.beta / (params.alpha + params.beta), b: params.alpha / (params.alpha + params.beta) },
    objective: bestValue,
    huberDelta: delta,
    nobs: n,
    fitted,
    residuals,
    starts: starts.length,
    converged,
  };
}

/** Compute-optimal allocation of a budget C under C = 6ND. */
export interface ComputeOptimal {
  compute: number;
  parameters: number;
  tokens: number;
  tokensPerParameter: number;
  loss: number;
  /** Loss above the irreducible E. */
  reducibleLoss: number;
}

/**
 * The N and D minimising L(N, D) subject to 6ND = C (Hoffmann et al. eq. 4):
 * N_opt = G (C/6)^a, D_opt = G^-1 (C/6)^b, G = (alpha A / (beta B))^(1/(alpha+beta)), a = beta/(alpha+beta).
 * Throws ForesightError('invalid_argument') for a non-positive budget.
 *
 * @example
 * computeOptimal({ E: 1.69337, A: 406.401, B: 410.723, alpha: 0.339171, beta: 0.284908 }, 5.76e23).parameters // ≈ 4.0e10 (Gopher budget; Hoffmann et al. Table 3 gives 40B)
 */
export function computeOptimal(p: ChinchillaParams, compute: number): ComputeOptimal {
  if (!(compute > 0))
    throw new ForesightError('invalid_argument', `computeOptimal: compute budget ${compute} must be positive`);
  const s = p.alpha + p.beta;
  const G = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / s);
  const parameters = G * (compute / 6) ** (p.beta / s);
  const tokens = compute / (6 * parameters);
  const loss = chinchillaLoss(p, parameters, tokens);
  return { compute, parameters, tokens, tokensPerParameter: tokens / parameters, loss, reducibleLoss: loss - p.E };
}

/**
 * Bootstrap replicates of the law's parameters: each case resample of the runs is refitted from the full-data
 * optimum plus {@link SMALL_GRID} (49 starts, about 90 times cheaper than the 4,500-start grid; a resample's
 * optimum lies near the full-data one, and the grid guards against a distant basin). Failed resamples are
 * listed, not fatal.
 * Throws as {@link bootstrap}.
 *
 * @example
 * bootstrapChinchilla(runs, fit, 200, createRng(1)).samples.length // 200 (normally none fail)
 */
export function bootstrapChinchilla(
  runs: ScalingRuns,
  fit: ChinchillaFit,
  resamples: number,
  rng: Rng,
  options: { grid?: ChinchillaGrid } = {},
): BootstrapResult<ChinchillaParams> {
  const p = fit.params;
  const start = [Math.log(p.A), Math.log(p.B), Math.log(p.E), p.alpha, p.beta];
  return bootstrap(
    runs.loss.length,
    resamples,
    rng,
    (idx) =>
      fitChinchilla(selectRuns(runs, idx), {
        huberDelta: fit.huberDelta,
        grid: options.grid ?? SMALL_GRID,
        starts: [start],
      }).params,
  );
}
