/**
 * Nelder–Mead downhill simplex minimizer, step for step the variant in R's `optim(method = "Nelder-Mead")`
 * (J. C. Nash, "Compact Numerical Methods for Computers", 1990, Algorithm 19; R's `nmmin` in src/appl/optim.c),
 * so that fits ported from R land where R's do.
 */
import { ForesightError } from '../errors.js';

/** Options of {@link nelderMead}; defaults are R's `optim` defaults. */
export interface NelderMeadOptions {
  /** Maximum number of function evaluations (R's `maxit`, which counts evaluations here). Default 500. */
  maxEvaluations?: number;
  /** Relative convergence tolerance (R's `reltol`). Default sqrt(machine epsilon) ≈ 1.49e-8. */
  relativeTolerance?: number;
  /** Stop as soon as the best value is at most this (R's `abstol`). Default -Infinity. */
  absoluteTolerance?: number;
  /** Reflection coefficient. Default 1. */
  reflection?: number;
  /** Contraction coefficient. Default 0.5. */
  contraction?: number;
  /** Expansion coefficient. Default 2. */
  expansion?: number;
}

/** Result of {@link nelderMead}. */
export interface NelderMeadResult {
  /** Best point found. */
  x: Float64Array;
  /** Objective at `x`. */
  value: number;
  /** Number of simplex iterations (reflection steps). */
  iterations: number;
  /** Number of objective evaluations. */
  evaluations: number;
  /** False when the evaluation budget ran out or a shrink failed to reduce the simplex (R's `convergence` 1 or 10). */
  converged: boolean;
}

/** Value substituted for non-finite objective values, as R does. */
const BIG = 1.0e35;

/**
 * Minimizes `f` from `x0` with the Nelder–Mead simplex method exactly as R's `optim(method = "Nelder-Mead")`:
 * initial simplex x0 + step·e_i with step = max(0.1·|x0_i|) (0.1 if x0 = 0), convergence when
 * f_high <= f_low + reltol·(|f(x0)| + reltol), non-finite values replaced by 1e35.
 * `f` receives one reused buffer: it must not keep a reference to its argument. No allocation per iteration.
 * Throws ForesightError('invalid_argument') if x0 is empty or f(x0) is not finite.
 *
 * @example
 * const r = nelderMead((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, Float64Array.of(0, 0));
 * r.value < 1e-7 // true, r.x ≈ [1, -2]
 */
export function nelderMead(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  if (n === 0) throw new ForesightError('invalid_argument', 'nelderMead: starting point x0 is empty');
  const maxit = options.maxEvaluations ?? 500;
  const intol = options.relativeTolerance ?? Math.sqrt(Number.EPSILON);
  const abstol = options.absoluteTolerance ?? -Infinity;
  const alpha = options.reflection ?? 1;
  const bet = options.contraction ?? 0.5;
  const gamm = options.expansion ?? 2;

  const bvec = Float64Array.from(x0);
  let fx = f(bvec);
  if (maxit <= 0) {
    return { x: Float64Array.from(x0), value: fx, iterations: 0, evaluations: 0, converged: true };
  }
  if (!Number.isFinite(fx)) {
    throw new ForesightError('invalid_argument', `nelderMead: objective is not finite at the starting point (${fx})`);
  }
  // Vertices in columns 0..n, column n+1 is the centroid; row n holds the function values (Nash's layout).
  const n1 = n + 1;
  const cols = n + 2;
  const P = new Float64Array(n1 * cols);
  const at = (i: number, j: number): number => i * cols + j;
  const C = n + 1;
  let funcount = 1;
  let iterations = 0;
  let fail = 0;
  const convtol = intol * (Math.abs(fx) + intol);
  P[at(n, 0)] = fx;
  for (let i = 0; i < n; i++) P[at(i, 0)] = bvec[i];
  let L = 0;
  let size = 0;
  let step = 0;
  for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]) > step) step = 0.1 * Math.abs(bvec[i]);
  if (step === 0) step = 0.1;
  for (let j = 1; j < n1; j++) {
    for (let i = 0; i < n; i++) P[at(i, j)] = bvec[i];
    let trystep = step;
    // Grow the step until it changes the coordinate in floating point (large |x0_i|).
    while (P[at(j - 1, j)] === bvec[j - 1]) {
      P[at(j - 1, j)] = bvec[j - 1] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  let oldsize = size;
  let calcvert = true;
  for (;;) {
    if (calcvert) {
      for (let j = 0; j < n1; j++) {
        if (j !== L) {
          for (let i = 0; i < n; i++) bvec[i] = P[at(i, j)];
          fx = f(bvec);
          if (!Number.isFinite(fx)) fx = BIG;
          funcount++;
          P[at(n, j)] = fx;
        }
      }
      calcvert = false;
    }
    let VL = P[at(n, L)];
    let VH = VL;
    let H = L;
    for (let j = 0; j < n1; j++) {
      if (j !== L) {
        const v = P[at(n, j)];
        if (v < VL) {
          L = j;
          VL = v;
        }
        if (v > VH) {
          H = j;
          VH = v;
        }
      }
    }
    if (VH <= VL + convtol || VL <= abstol) break;
    iterations++;
    for (let i = 0; i < n; i++) {
      let temp = -P[at(i, H)];
      for (let j = 0; j < n1; j++) temp += P[at(i, j)];
      P[at(i, C)] = temp / n;
    }
    for (let i = 0; i < n; i++) bvec[i] = (1 + alpha) * P[at(i, C)] - alpha * P[at(i, H)];
    fx = f(bvec);
    if (!Number.isFinite(fx)) fx = BIG;
    funcount++;
    const VR = fx;
    if (VR < VL) {
      // Reflection improved on the best: try expanding further.
      P[at(n, C)] = fx;
      for (let i = 0; i < n; i++) {
        const e = gamm * bvec[i] + (1 - gamm) * P[at(i, C)];
        P[at(i, C)] = bvec[i];
        bvec[i] = e;
      }
      fx = f(bvec);
      if (!Number.isFinite(fx)) fx = BIG;
      funcount++;
      if (fx < VR) {
        for (let i = 0; i < n; i++) P[at(i, H)] = bvec[i];
        P[at(n, H)] = fx;
      } else {
        for (let i = 0; i < n; i++) P[at(i, H)] = P[at(i, C)];
        P[at(n, H)] = VR;
      }
    } else {
      if (VR < VH) {
        for (let i = 0; i < n; i++) P[at(i, H)] = bvec[i];
        P[at(n, H)] = VR;
      }
      for (let i = 0; i < n; i++) bvec[i] = (1 - bet) * P[at(i, H)] + bet * P[at(i, C)];
      fx = f(bvec);
      if (!Number.isFinite(fx)) fx = BIG;
      funcount++;
      if (fx < P[at(n, H)]) {
        for (let i = 0; i < n; i++) P[at(i, H)] = bvec[i];
        P[at(n, H)] = fx;
      } else if (VR >= VH) {
        // Contraction failed too: shrink every vertex towards the best one.
        calcvert = true;
        size = 0;
        for (let j = 0; j < n1; j++) {
          if (j !== L) {
            for (let i = 0; i < n; i++) {
              P[at(i, j)] = bet * (P[at(i, j)] - P[at(i, L)]) + P[at(i, L)];
              size += Math.abs(P[at(i, j)] - P[at(i, L)]);
            }
          }
        }
        if (size < oldsize) {
          oldsize = size;
        } else {
          fail = 10;
          break;
        }
      }
    }
    if (funcount > maxit) break;
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = P[at(i, L)];
  if (funcount > maxit) fail = 1;
  return { x, value: P[at(n, L)], iterations, evaluations: funcount, converged: fail === 0 };
}
