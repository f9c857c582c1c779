/**
 * Variable-metric (BFGS) minimizer in the manner of R's `optim(method = "BFGS")` (J. C. Nash, "Compact
 * Numerical Methods for Computers", 1990, Algorithm 21; R's `vmmin` in src/appl/optim.c): backtracking line
 * search with an Armijo test, inverse-Hessian update, restart on a non-descent direction, central-difference
 * gradients with R's `ndeps` and `parscale` when no gradient is given. Also the numerical Hessian R's
 * `optimhess` computes, which model fits use for standard errors.
 */
import { ForesightError } from '../errors.js';

/** Options of {@link bfgs}; defaults are R's `optim` defaults. */
export interface BfgsOptions {
  /** Maximum number of iterations (R's `maxit`). Default 100. */
  maxIterations?: number;
  /** Relative convergence tolerance (R's `reltol`). Default sqrt(machine epsilon) ≈ 1.49e-8. */
  relativeTolerance?: number;
  /** Stop when the value falls to this (R's `abstol`). Default -Infinity. */
  absoluteTolerance?: number;
  /** Parameter scales (R's `parscale`): the search runs on x / parscale. Default all 1. */
  parscale?: ArrayLike<number>;
  /** Finite-difference steps on the scaled parameters (R's `ndeps`). Default 1e-3 each. */
  ndeps?: number;
  /** Analytic gradient; when absent, central differences are used as R does. */
  gradient?: (x: Float64Array, out: Float64Array) => void;
}

/** Result of {@link bfgs}. */
export interface BfgsResult {
  /** Best point found. */
  x: Float64Array;
  /** Objective at `x`. */
  value: number;
  /** Iterations (gradient evaluations that led to an accepted step, as R counts them). */
  iterations: number;
  /** Objective evaluations, including those spent on finite differences. */
  evaluations: number;
  /** False when the iteration limit was reached (R's `convergence` 1) or a finite difference was not finite. */
  converged: boolean;
}

const STEP_REDUCTION = 0.2;
const ACCEPT_TOLERANCE = 1e-4;
const REL_TEST = 10;

/**
 * Minimizes `f` from `x0` by BFGS as R's `optim(method = "BFGS")` does (same line search constants 0.2 and
 * 1e-4, same restart rules, same gradient differences). Non-finite objective values in the line search shorten
 * the step. `f` receives a reused buffer: it must not keep a reference to it.
 * Throws ForesightError('invalid_argument') when x0 is empty or f(x0) is not finite. A non-finite finite
 * difference ends the search with `converged: false` at the best point so far (R stops with an error there).
 *
 * @example
 * const r = bfgs((x) => (x[0] - 1) ** 2 + 10 * (x[1] + 2) ** 2, Float64Array.of(0, 0));
 * r.x // ≈ [1, -2], r.converged === true
 */
export function bfgs(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: BfgsOptions = {}): BfgsResult {
  const n = x0.length;
  if (n === 0) throw new ForesightError('invalid_argument', 'bfgs: starting point x0 is empty');
  const maxit = options.maxIterations ?? 100;
  const reltol = options.relativeTolerance ?? Math.sqrt(Number.EPSILON);
  const abstol = options.absoluteTolerance ?? -Infinity;
  const scale = Float64Array.from({ length: n }, (_, i) => (options.parscale ? options.parscale[i] : 1));
  const ndeps = options.ndeps ?? 1e-3;
  const buffer = new Float64Array(n);
  let evaluations = 0;
  // Objective and gradient on the scaled parameters b = x / parscale.
  const fs = (b: Float64Array): number => {
    for (let i = 0; i < n; i++) buffer[i] = b[i] * scale[i];
    evaluations++;
    return f(buffer);
  };
  let gradientFailed = false;
  const gs = (b: Float64Array, g: Float64Array): void => {
    if (options.gradient) {
      for (let i = 0; i < n; i++) buffer[i] = b[i] * scale[i];
      options.gradient(buffer, g);
      for (let i = 0; i < n; i++) g[i] *= scale[i];
    } else {
      numericGradientScaled(fs, b, ndeps, g);
    }
    for (let i = 0; i < n; i++) if (!Number.isFinite(g[i])) gradientFailed = true;
  };

  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = x0[i] / scale[i];
  let fmin = fs(b);
  if (!Number.isFinite(fmin)) {
    throw new ForesightError('invalid_argument', `bfgs: objective is not finite at the starting point (${fmin})`);
  }
  const g = new Float64Array(n);
  const t = new Float64Array(n);
  const X = new Float64Array(n);
  const c = new Float64Array(n);
  const B = new Float64Array(n * n);
  gs(b, g);
  if (gradientFailed) return done(b, fmin, 0, false);
  let iter = 1;
  let gradcount = 1;
  let ilast = gradcount;
  let count = 0;
  let fv = fmin;
  do {
    if (ilast === gradcount) {
      B.fill(0);
      for (let i = 0; i < n; i++) B[i * n + i] = 1;
    }
    for (let i = 0; i < n; i++) {
      X[i] = b[i];
      c[i] = g[i];
    }
    let gradproj = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= B[i * n + j] * g[j];
      t[i] = s;
      gradproj += s * g[i];
    }
    if (gradproj < 0) {
      let steplength = 1;
      let accpoint = false;
      do {
        count = 0;
        for (let i = 0; i < n; i++) {
          b[i] = X[i] + steplength * t[i];
          if (REL_TEST + X[i] === REL_TEST + b[i]) count++;
        }
        if (count < n) {
          fv = fs(b);
          accpoint = Number.isFinite(fv) && fv <= fmin + gradproj * steplength * ACCEPT_TOLERANCE;
          if (!accpoint) steplength *= STEP_REDUCTION;
        }
      } while (!(count === n || accpoint));
      const enough = fv > abstol && Math.abs(fv - fmin) > reltol * (Math.abs(fmin) + reltol);
      if (!enough) {
        count = n;
        fmin = fv;
      }
      if (count < n) {
        fmin = fv;
        gs(b, g);
        if (gradientFailed) return done(b, fmin, iter, false);
        gradcount++;
        iter++;
        let D1 = 0;
        for (let i = 0; i < n; i++) {
          t[i] *= steplength;
          c[i] = g[i] - c[i];
          D1 += t[i] * c[i];
        }
        if (D1 > 0) {
          let D2 = 0;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += B[i * n + j] * c[j];
            X[i] = s;
            D2 += s * c[i];
          }
          D2 = 1 + D2 / D1;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) B[i * n + j] += (D2 * t[i] * t[j] - X[i] * t[j] - t[i] * X[j]) / D1;
          }
        } else {
          ilast = gradcount;
        }
      } else if (ilast < gradcount) {
        count = 0;
        ilast = gradcount;
      }
    } else {
      count = 0;
      if (ilast === gradcount) count = n;
      else ilast = gradcount;
    }
    if (iter >= maxit) break;
    if (gradcount - ilast > 2 * n) ilast = gradcount;
  } while (count !== n || ilast !== gradcount);
  return done(b, fmin, iter, iter < maxit);

  function done(bs: Float64Array, value: number, iterations: number, converged: boolean): BfgsResult {
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = bs[i] * scale[i];
    return { x, value, iterations, evaluations, converged };
  }
}

function numericGradientScaled(fs: (b: Float64Array) => number, b: Float64Array, eps: number, g: Float64Array): void {
  for (let i = 0; i < b.length; i++) {
    const keep = b[i];
    b[i] = keep + eps;
    const up = fs(b);
    b[i] = keep - eps;
    const down = fs(b);
    b[i] = keep;
    g[i] = (up - down) / (2 * eps);
  }
}

/**
 * Numerical Hessian of `f` at `x` as R's `optimhess` computes it: central differences of gradients (of
 * `options.gradient` when given, else of central-difference gradients as R without a gradient), steps `ndeps` on
 * the scaled parameters x / parscale, then symmetrized.
 * Entries are NaN where `f` is not finite nearby. Returned row-major, n x n.
 *
 * @example
 * numericHessian((x) => x[0] * x[0] + 3 * x[0] * x[1], Float64Array.of(1, 1)) // ≈ [2, 3, 3, 0]
 */
export function numericHessian(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  options: {
    parscale?: ArrayLike<number>;
    ndeps?: number;
    gradient?: (x: Float64Array, out: Float64Array) => void;
  } = {},
): Float64Array {
  const n = x.length;
  const scale = Float64Array.from({ length: n }, (_, i) => (options.parscale ? options.parscale[i] : 1));
  const ndeps = options.ndeps ?? 1e-3;
  const buffer = new Float64Array(n);
  const fs = (b: Float64Array): number => {
    for (let i = 0; i < n; i++) buffer[i] = b[i] * scale[i];
    const v = f(buffer);
    return Number.isFinite(v) ? v : NaN;
  };
  const analytic = options.gradient;
  const gradientAt = (b: Float64Array, out: Float64Array): void => {
    if (!analytic) return numericGradientScaled(fs, b, ndeps, out);
    for (let i = 0; i < n; i++) buffer[i] = b[i] * scale[i];
    analytic(buffer, out);
    for (let i = 0; i < n; i++) out[i] = Number.isFinite(out[i]) ? out[i] * scale[i] : NaN;
  };
  const b = Float64Array.from({ length: n }, (_, i) => x[i] / scale[i]);
  const g1 = new Float64Array(n);
  const g2 = new Float64Array(n);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const eps = ndeps / scale[i];
    const keep = b[i];
    b[i] = keep + eps;
    gradientAt(b, g1);
    b[i] = keep - eps;
    gradientAt(b, g2);
    b[i] = keep;
    for (let j = 0; j < n; j++) H[i * n + j] = (g1[j] - g2[j]) / (2 * eps * scale[i] * scale[j]);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = (H[i * n + j] + H[j * n + i]) / 2;
      H[i * n + j] = m;
      H[j * n + i] = m;
    }
  }
  return H;
}
