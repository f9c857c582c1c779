/**
 * Limited-memory BFGS (Nocedal & Wright, "Numerical Optimization", 2nd ed., 2006, Algorithm 7.4 two-loop
 * recursion and Algorithms 3.5/3.6 strong-Wolfe line search with cubic interpolation), with box bounds by
 * smooth transformation of the variables. Stopping rules follow scipy's `minimize(method="L-BFGS-B")`
 * defaults: projected-gradient tolerance `gtol` and relative reduction `ftol` (scipy's factr·eps).
 */
import { ForesightError } from '../errors.js';

/**
 * Objective with gradient: returns f(x) and writes ∂f/∂x into `gradient` (same length as x).
 * Both buffers are reused between calls: the function must not keep references to them.
 */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

/** Options of {@link lbfgs}. */
export interface LbfgsOptions {
  /** Number of correction pairs kept (scipy's `maxcor`). Default 10. */
  memory?: number;
  /** Maximum number of iterations. Default 1000. */
  maxIterations?: number;
  /** Stop when max |gradient_i| is at most this (scipy's `gtol`). Default 1e-5. */
  gradientTolerance?: number;
  /** Stop when (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) is at most this (scipy's `ftol`). Default 2.22e-9. */
  functionTolerance?: number;
  /** Sufficient-decrease constant of the Wolfe conditions. Default 1e-4. */
  c1?: number;
  /** Curvature constant of the strong Wolfe conditions. Default 0.9. */
  c2?: number;
  /** Maximum objective evaluations per line search. Default 30. */
  maxLineSearchEvaluations?: number;
}

/** Why {@link lbfgs} stopped. */
export type LbfgsStop = 'gradient' | 'function' | 'max_iterations' | 'line_search';

/** Result of {@link lbfgs}. */
export interface LbfgsResult {
  /** Best point found. */
  x: Float64Array;
  /** Objective at `x`. */
  value: number;
  /** Gradient at `x`. */
  gradient: Float64Array;
  /** Iterations (accepted steps). */
  iterations: number;
  /** Objective evaluations. */
  evaluations: number;
  /** True when stopped by the gradient or function tolerance. */
  converged: boolean;
  /** The rule that stopped the iteration. */
  stop: LbfgsStop;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Minimizer of the cubic through (a, fa, da) and (b, fb, db), or NaN when it does not exist. */
function cubicMinimizer(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
}

/**
 * Minimizes a smooth function with L-BFGS from `x0`. Non-finite objective values are treated as +Infinity by
 * the line search (the step is shortened), so barriers and overflow are safe as long as f(x0) is finite.
 * When the line search cannot make progress along the quasi-Newton direction the memory is cleared and a
 * steepest-descent step is tried before giving up with `stop: 'line_search'` (the best point is returned).
 * Throws ForesightError('invalid_argument') if x0 is empty or f(x0) or its gradient is not finite.
 *
 * @example
 * const r = lbfgs((x, g) => { g[0] = 2 * (x[0] - 3); g[1] = 20 * (x[1] + 1); return (x[0] - 3) ** 2 + 10 * (x[1] + 1) ** 2; },
 *   Float64Array.of(0, 0));
 * r.x // ≈ [3, -1], r.converged === true
 */
export function lbfgs(f: ObjectiveWithGradient, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const n = x0.length;
  if (n === 0) throw new ForesightError('invalid_argument', 'lbfgs: starting point x0 is empty');
  const m = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 1000;
  const gtol = options.gradientTolerance ?? 1e-5;
  const ftol = options.functionTolerance ?? 2.220446049250313e-9;
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  const maxLs = options.maxLineSearchEvaluations ?? 30;

  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let evaluations = 1;
  let fx = f(x, g);
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) {
    throw new ForesightError(
      'invalid_argument',
      `lbfgs: objective or gradient at the starting point is not finite (f = ${fx})`,
    );
  }
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alphaBuf = new Float64Array(m);
  const d = new Float64Array(n);
  let xTrial = new Float64Array(n);
  let gTrial = new Float64Array(n);
  let iterations = 0;
  let stop: LbfgsStop = 'max_iterations';

  if (maxAbs(g) <= gtol) stop = 'gradient';
  while (stop === 'max_iterations' && iterations < maxIterations) {
    // two-loop recursion: d = -H g
    for (let i = 0; i < n; i++) d[i] = -g[i];
    const k = S.length;
    for (let j = k - 1; j >= 0; j--) {
      alphaBuf[j] = rho[j] * dot(S[j], d);
      const y = Y[j];
      for (let i = 0; i < n; i++) d[i] -= alphaBuf[j] * y[i];
    }
    if (k > 0) {
      const gamma = dot(S[k - 1], Y[k - 1]) / dot(Y[k - 1], Y[k - 1]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = 0; j < k; j++) {
      const beta = rho[j] * dot(Y[j], d);
      const s = S[j];
      for (let i = 0; i < n; i++) d[i] += (alphaBuf[j] - beta) * s[i];
    }
    let dphi0 = dot(g, d);
    if (!(dphi0 < 0)) {
      // not a descent direction (numerical trouble): restart from steepest descent
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dphi0 = dot(g, d);
    }
    const initialStep = S.length === 0 ? Math.min(1, 1 / Math.max(maxAbs(g), 1e-300)) : 1;

    // strong-Wolfe line search along d (N&W Algorithms 3.5 and 3.6)
    let found = false;
    let fNew = fx;
    const phi0 = fx;
    const evalAt = (a: number): [number, number] => {
      for (let i = 0; i < n; i++) xTrial[i] = x[i] + a * d[i];
      evaluations++;
      let v = f(xTrial, gTrial);
      if (!Number.isFinite(v) || !gTrial.every(Number.isFinite)) v = Infinity;
      return [v, Number.isFinite(v) ? dot(gTrial, d) : NaN];
    };
    // the best Armijo point seen, kept in case the search runs out of evaluations
    let bestA = 0,
      bestF = phi0;
    const bestX = new Float64Array(n),
      bestG = new Float64Array(n);
    const remember = (a: number, v: number): void => {
      if (v < bestF && v <= phi0 + c1 * a * dphi0) {
        bestA = a;
        bestF = v;
        bestX.set(xTrial);
        bestG.set(gTrial);
      }
    };
    let aPrev = 0,
      fPrev = phi0,
      dPrev = dphi0;
    let a = initialStep;
    let used = 0;
    let lo = 0,
      flo = 0,
      dlo = 0,
      hi = 0,
      fhi = 0,
      dhi = 0;
    let zoom = false;
    while (used < maxLs) {
      const [fa, da] = evalAt(a);
      used++;
      remember(a, fa);
      if (fa > phi0 + c1 * a * dphi0 || (used > 1 && fa >= fPrev)) {
        lo = aPrev;
        flo = fPrev;
        dlo = dPrev;
        hi = a;
        fhi = fa;
        dhi = da;
        zoom = true;
        break;
      }
      if (Math.abs(da) <= -c2 * dphi0) {
        found = true;
        fNew = fa;
        break;
      }
      if (da >= 0) {
        lo = a;
        flo = fa;
        dlo = da;
        hi = aPrev;
        fhi = fPrev;
        dhi = dPrev;
        zoom = true;
        break;
      }
      aPrev = a;
      fPrev = fa;
      dPrev = da;
      a *= 2;
    }
    if (zoom) {
      while (used < maxLs) {
        const left = Math.min(lo, hi),
          right = Math.max(lo, hi);
        const width = right - left;
        let aj = Number.isFinite(fhi) ? cubicMinimizer(lo, flo, dlo, hi, fhi, dhi) : NaN;
        if (!(aj > left + 0.1 * width && aj < right - 0.1 * width)) aj = (lo + hi) / 2;
        const [fa, da] = evalAt(aj);
        used++;
        remember(aj, fa);
        if (fa > phi0 + c1 * aj * dphi0 || fa >= flo) {
          hi = aj;
          fhi = fa;
          dhi = da;
        } else {
          if (Math.abs(da) <= -c2 * dphi0) {
            found = true;
            fNew = fa;
            break;
          }
          if (da * (hi - lo) >= 0) {
            hi = lo;
            fhi = flo;
            dhi = dlo;
          }
          lo = aj;
          flo = fa;
          dlo = da;
        }
        if (Math.abs(hi - lo) * maxAbs(d) < 1e-16 * (1 + maxAbs(x))) break;
      }
    }
    if (!found) {
      if (bestA > 0) {
        // accept the best sufficient-decrease point even without the curvature condition
        xTrial.set(bestX);
        gTrial.set(bestG);
        fNew = bestF;
        found = true;
      } else if (S.length > 0) {
        S.length = 0;
        Y.length = 0;
        rho.length = 0;
        continue;
      } else {
        stop = 'line_search';
        break;
      }
    }
    // accept the step
    const s = new Float64Array(n),
      y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xTrial[i] - x[i];
      y[i] = gTrial[i] - g[i];
    }
    const fOld = fx;
    [x, xTrial] = [xTrial, x];
    [g, gTrial] = [gTrial, g];
    fx = fNew;
    iterations++;
    const sy = dot(s, y);
    if (sy > 1e-10 * dot(y, y)) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    if (maxAbs(g) <= gtol) stop = 'gradient';
    else if ((fOld - fx) / Math.max(Math.abs(fOld), Math.abs(fx), 1) <= ftol) stop = 'function';
  }
  return {
    x,
    value: fx,
    gradient: g,
    iterations,
    evaluations,
    converged: stop === 'gradient' || stop === 'function',
    stop,
  };
}

/** Bounds for {@link lbfgsBounded}: `lower[i]` may be -Infinity and `upper[i]` +Infinity. */
export interface Bounds {
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

/**
 * Maps an unconstrained vector z to the box: x = l + (u - l)·logistic(z) when both bounds are finite,
 * l + exp(z) with only a lower bound, u - exp(z) with only an upper bound, z when unbounded. Writes x and
 * dx/dz. Exported for tests and for callers that need the same map.
 *
 * @example
 * const x = new Float64Array(1), j = new Float64Array(1);
 * toBounded(Float64Array.of(0), { lower: [0], upper: [2] }, x, j); // x = [1], j = [0.5]
 */
export function toBounded(z: Float64Array, bounds: Bounds, x: Float64Array, jacobian: Float64Array): void {
  for (let i = 0; i < z.length; i++) {
    const l = bounds.lower[i],
      u = bounds.upper[i];
    if (Number.isFinite(l) && Number.isFinite(u)) {
      const p = 1 / (1 + Math.exp(-z[i]));
      x[i] = l + (u - l) * p;
      jacobian[i] = (u - l) * p * (1 - p);
    } else if (Number.isFinite(l)) {
      const e = Math.exp(z[i]);
      x[i] = l + e;
      jacobian[i] = e;
    } else if (Number.isFinite(u)) {
      const e = Math.exp(z[i]);
      x[i] = u - e;
      jacobian[i] = -e;
    } else {
      x[i] = z[i];
      jacobian[i] = 1;
    }
  }
}

/**
 * The inverse of {@link toBounded}: the unconstrained z of a point x strictly inside the box.
 * Throws ForesightError('invalid_argument') naming the coordinate if x is not strictly inside.
 *
 * @example
 * fromBounded(Float64Array.of(1), { lower: [0], upper: [2] }) // Float64Array [0]
 */
export function fromBounded(x: Float64Array, bounds: Bounds): Float64Array {
  const z = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const l = bounds.lower[i],
      u = bounds.upper[i];
    const ok = (!Number.isFinite(l) || x[i] > l) && (!Number.isFinite(u) || x[i] < u);
    if (!ok || !Number.isFinite(x[i])) {
      throw new ForesightError(
        'invalid_argument',
        `lbfgsBounded: start x[${i}] = ${x[i]} is not strictly inside its bounds [${l}, ${u}]`,
      );
    }
    if (Number.isFinite(l) && Number.isFinite(u)) {
      const p = (x[i] - l) / (u - l);
      z[i] = Math.log(p / (1 - p));
    } else if (Number.isFinite(l)) z[i] = Math.log(x[i] - l);
    else if (Number.isFinite(u)) z[i] = Math.log(u - x[i]);
    else z[i] = x[i];
  }
  return z;
}

/**
 * L-BFGS on a box by transformation ({@link toBounded}): the optimizer works on unconstrained z and the
 * chain rule maps the gradient. Optima on a bound are approached, never reached (x stays strictly inside).
 * The result's `x` and `gradient` are in the original coordinates.
 * Throws ForesightError('invalid_argument') if x0 is not strictly inside the bounds, or as {@link lbfgs}.
 *
 * @example
 * const r = lbfgsBounded((x, g) => { g[0] = 2 * (x[0] - 5); return (x[0] - 5) ** 2; }, Float64Array.of(0.5),
 *   { lower: [0], upper: [1] });
 * r.x[0] // ≈ 1 (just inside the upper bound)
 */
export function lbfgsBounded(
  f: ObjectiveWithGradient,
  x0: Float64Array,
  bounds: Bounds,
  options: LbfgsOptions = {},
): LbfgsResult {
  const n = x0.length;
  if (bounds.lower.length !== n || bounds.upper.length !== n) {
    throw new ForesightError(
      'invalid_argument',
      `lbfgsBounded: bounds have ${bounds.lower.length}/${bounds.upper.length} entries; x0 has ${n}`,
    );
  }
  const xb = new Float64Array(n),
    jac = new Float64Array(n),
    gx = new Float64Array(n);
  const wrapped: ObjectiveWithGradient = (z, gz) => {
    toBounded(z, bounds, xb, jac);
    const v = f(xb, gx);
    for (let i = 0; i < n; i++) gz[i] = gx[i] * jac[i];
    return v;
  };
  const r = lbfgs(wrapped, fromBounded(x0, bounds), options);
  const x = new Float64Array(n);
  toBounded(r.x, bounds, x, jac);
  const gradient = new Float64Array(n);
  f(x, gradient);
  return { ...r, x, gradient };
}
