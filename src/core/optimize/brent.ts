/**
 * One-dimensional minimization on an interval by Brent's method (Brent 1973, "Algorithms for Minimization
 * without Derivatives", ch. 5): golden-section steps, replaced by a parabola through the three best points when
 * that parabola's minimum falls inside the bracket and the step is shrinking. It is the method of R's
 * `optimize()`, whose default tolerance (the fourth root of the machine epsilon) is the default here, so that
 * quantities R finds with `optimize` (Guerrero's Box–Cox lambda) come out alike.
 */

/** The result of {@link brentMinimize}. */
export interface BrentResult {
  /** Where the minimum was found. */
  x: number;
  /** The function there. */
  value: number;
  /** Function evaluations used. */
  evaluations: number;
}

/** R's `optimize` default tolerance: .Machine$double.eps^0.25. */
export const BRENT_TOLERANCE = Math.pow(2.220446049250313e-16, 0.25);

/**
 * The minimum of `f` on [lower, upper] to within `tol` (absolute, plus a relative part of about 1.5e-8 |x|).
 * A non-finite function value counts as +Infinity, so the search moves away from it.
 *
 * @example
 * brentMinimize((x) => (x - 1) ** 2, -3, 4).x // about 1
 */
export function brentMinimize(
  f: (x: number) => number,
  lower: number,
  upper: number,
  tol = BRENT_TOLERANCE,
): BrentResult {
  const golden = (3 - Math.sqrt(5)) / 2;
  const eps = Math.sqrt(2.220446049250313e-16);
  let evaluations = 0;
  const g = (x: number) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let a = lower,
    b = upper;
  let v = a + golden * (b - a);
  let w = v,
    x = v;
  let fx = g(x);
  let fv = fx,
    fw = fx;
  let d = 0,
    e = 0;
  for (let iter = 0; iter < 1000; iter++) {
    const middle = (a + b) / 2;
    const tol1 = eps * Math.abs(x) + tol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - middle) <= tol2 - (b - a) / 2) break;
    let golden_step = true;
    if (Math.abs(e) > tol1) {
      // try a parabola through x, w and v
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        // not too close to the ends of the bracket
        if (u - a < tol2 || b - u < tol2) d = x < middle ? tol1 : -tol1;
        golden_step = false;
      }
    }
    if (golden_step) {
      e = x < middle ? b - x : a - x;
      d = golden * e;
    }
    // never evaluate closer than tol1 to x
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = g(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, value: fx, evaluations };
}
