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
  // Vertex j is V[j·n .. j·n + n) with its value in F[j]; C is the centroid (Nash keeps them as the columns of
  // one matrix). Every coordinate is computed with Nash's operations in Nash's order, so the path is R's bit for
  // bit; the layout only lets the centroid sums of all coordinates advance together instead of one at a time.
  const n1 = n + 1;
  const V = new Float64Array(n1 * n);
  const F = new Float64Array(n1);
  const C = new Float64Array(n);
  let funcount = 1;
  let iterations = 0;
  let fail = 0;
  const convtol = intol * (Math.abs(fx) + intol);
  F[0] = fx;
  for (let i = 0; i < n; i++) V[i] = bvec[i];
  let L = 0;
  let size = 0;
  let step = 0;
  for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]) > step) step = 0.1 * Math.abs(bvec[i]);
  if (step === 0) step = 0.1;
  for (let j = 1; j < n1; j++) {
    const row = j * n;
    for (let i = 0; i < n; i++) V[row + i] = bvec[i];
    let trystep = step;
    // Grow the step until it changes the coordinate in floating point (large |x0_i|).
    while (V[row + j - 1] === bvec[j - 1]) {
      V[row + j - 1] = bvec[j - 1] + trystep;
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
          const row = j * n;
          for (let i = 0; i < n; i++) bvec[i] = V[row + i];
          fx = f(bvec);
          if (!Number.isFinite(fx)) fx = BIG;
          funcount++;
          F[j] = fx;
        }
      }
      calcvert = false;
    }
    let VL = F[L];
    let VH = VL;
    let H = L;
    for (let j = 0; j < n1; j++) {
      if (j !== L) {
        const v = F[j];
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
    // centroid of all vertices but H, as Nash sums it: -x_H + x_0 + x_1 + ... + x_n, then / n
    // (four coordinates at a time: independent sums, so they overlap instead of waiting on one another)
    const hRow = H * n;
    const end = n1 * n;
    let i0 = 0;
    for (; i0 + 3 < n; i0 += 4) {
      let t0 = -V[hRow + i0];
      let t1 = -V[hRow + i0 + 1];
      let t2 = -V[hRow + i0 + 2];
      let t3 = -V[hRow + i0 + 3];
      for (let k = i0; k < end; k += n) {
        t0 += V[k];
        t1 += V[k + 1];
        t2 += V[k + 2];
        t3 += V[k + 3];
      }
      C[i0] = t0 / n;
      C[i0 + 1] = t1 / n;
      C[i0 + 2] = t2 / n;
      C[i0 + 3] = t3 / n;
    }
    for (; i0 < n; i0++) {
      let temp = -V[hRow + i0];
      for (let k = i0; k < end; k += n) temp += V[k];
      C[i0] = temp / n;
    }
    for (let i = 0; i < n; i++) bvec[i] = (1 + alpha) * C[i] - alpha * V[hRow + i];
    fx = f(bvec);
    if (!Number.isFinite(fx)) fx = BIG;
    funcount++;
    const VR = fx;
    if (VR < VL) {
      // Reflection improved on the best: try expanding further (C now holds the reflected point).
      for (let i = 0; i < n; i++) {
        const e = gamm * bvec[i] + (1 - gamm) * C[i];
        C[i] = bvec[i];
        bvec[i] = e;
      }
      fx = f(bvec);
      if (!Number.isFinite(fx)) fx = BIG;
      funcount++;
      if (fx < VR) {
        for (let i = 0; i < n; i++) V[hRow + i] = bvec[i];
        F[H] = fx;
      } else {
        for (let i = 0; i < n; i++) V[hRow + i] = C[i];
        F[H] = VR;
      }
    } else {
      if (VR < VH) {
        for (let i = 0; i < n; i++) V[hRow + i] = bvec[i];
        F[H] = VR;
      }
      for (let i = 0; i < n; i++) bvec[i] = (1 - bet) * V[hRow + i] + bet * C[i];
      fx = f(bvec);
      if (!Number.isFinite(fx)) fx = BIG;
      funcount++;
      if (fx < F[H]) {
        for (let i = 0; i < n; i++) V[hRow + i] = bvec[i];
        F[H] = fx;
      } else if (VR >= VH) {
        // Contraction failed too: shrink every vertex towards the best one.
        calcvert = true;
        size = 0;
        const lRow = L * n;
        for (let j = 0; j < n1; j++) {
          if (j !== L) {
            const row = j * n;
            for (let i = 0; i < n; i++) {
              V[row + i] = bet * (V[row + i] - V[lRow + i]) + V[lRow + i];
              size += Math.abs(V[row + i] - V[lRow + i]);
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
  const x = V.slice(L * n, L * n + n);
  if (funcount > maxit) fail = 1;
  return { x, value: F[L], iterations, evaluations: funcount, converged: fail === 0 };
}
