/**
 * Lag-polynomial helpers of the ARIMA kernel: polynomial roots, stationarity and invertibility checks, the
 * PACF reparametrization that keeps AR parts stationary during optimization, and the expansion of
 * multiplicative seasonal polynomials. They mirror R's `polyroot`, `arima`'s `arCheck` / `maInvert` and the C
 * routines `partrans` / `invpartrans` / `ARIMA_transPars` / `ARIMA_Gradtrans` in R's src/library/stats/src/arima.c.
 */
import { ForesightError } from '../../core/errors.js';

/** A complex number. */
export interface Complex {
  re: number;
  im: number;
}

/**
 * Roots of c[0] + c[1] z + ... + c[n] z^n (R's `polyroot` coefficient order) by the Durand–Kerner iteration.
 * Trailing zero coefficients are dropped; a constant polynomial has no roots.
 * Throws ForesightError('invalid_argument') when a coefficient is not finite.
 *
 * @example
 * polyRoots([2, -3, 1]) // roots 1 and 2 (as {re, im}, in some order)
 */
export function polyRoots(c: ArrayLike<number>): Complex[] {
  let n = c.length - 1;
  for (let i = 0; i < c.length; i++) {
    if (!Number.isFinite(c[i]))
      throw new ForesightError('invalid_argument', `polyRoots: coefficient ${i} is not finite`);
  }
  while (n > 0 && c[n] === 0) n--;
  if (n <= 0) return [];
  const a = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) a[i] = c[i] / c[n];
  if (n === 1) return [{ re: -a[0], im: 0 }];
  // Roots lie within the Cauchy bound; start on a spiral inside it.
  let bound = 0;
  for (let i = 0; i < n; i++) bound = Math.max(bound, Math.abs(a[i]));
  bound = 1 + bound;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const angle = (2 * Math.PI * k) / n + 0.4;
    const radius = Math.min(bound, 1) * (0.5 + (0.5 * k) / n) + 0.1;
    re[k] = radius * Math.cos(angle);
    im[k] = radius * Math.sin(angle);
  }
  for (let iter = 0; iter < 1000; iter++) {
    let change = 0;
    for (let k = 0; k < n; k++) {
      // p(z) by Horner
      let pr = 1;
      let pi = 0;
      for (let i = n - 1; i >= 0; i--) {
        const nr = pr * re[k] - pi * im[k] + a[i];
        pi = pr * im[k] + pi * re[k];
        pr = nr;
      }
      let dr = 1;
      let di = 0;
      for (let j = 0; j < n; j++) {
        if (j === k) continue;
        const xr = re[k] - re[j];
        const xi = im[k] - im[j];
        const nr = dr * xr - di * xi;
        di = dr * xi + di * xr;
        dr = nr;
      }
      const den = dr * dr + di * di;
      if (den === 0) {
        re[k] += 1e-6;
        change = Infinity;
        continue;
      }
      const qr = (pr * dr + pi * di) / den;
      const qi = (pi * dr - pr * di) / den;
      re[k] -= qr;
      im[k] -= qi;
      change = Math.max(change, Math.hypot(qr, qi) / Math.max(1, Math.hypot(re[k], im[k])));
    }
    if (change < 1e-14) break;
  }
  const roots: Complex[] = [];
  for (let k = 0; k < n; k++) roots.push({ re: re[k], im: im[k] });
  return roots;
}

/**
 * Smallest root modulus of 1 + sign·(c[0] z + c[1] z^2 + ...); Infinity when all coefficients are zero.
 * With sign -1 this tests an AR polynomial, with +1 an MA polynomial (R's `auto.arima` unit-root check).
 *
 * @example
 * minRootModulus([0.5], -1) // 2
 */
export function minRootModulus(coef: ArrayLike<number>, sign: 1 | -1): number {
  let last = coef.length;
  while (last > 0 && coef[last - 1] === 0) last--;
  if (last === 0) return Infinity;
  const c = [1];
  for (let i = 0; i < last; i++) c.push(sign * coef[i]);
  let min = Infinity;
  for (const r of polyRoots(c)) min = Math.min(min, Math.hypot(r.re, r.im));
  return min;
}

/**
 * True when the AR polynomial 1 - ar[0] z - ... has all roots outside the unit circle (R's `arCheck`).
 *
 * @example
 * arIsStationary([0.5]) // true
 * arIsStationary([1.2]) // false
 */
export function arIsStationary(ar: ArrayLike<number>): boolean {
  return minRootModulus(ar, -1) > 1;
}

/**
 * Makes an MA polynomial invertible by reflecting roots inside the unit circle (R's `maInvert`), keeping the
 * length. Returns a copy when already invertible.
 *
 * @example
 * maInvert([2]) // [0.5]
 */
export function maInvert(ma: ArrayLike<number>): number[] {
  const q = ma.length;
  let q0 = q;
  while (q0 > 0 && ma[q0 - 1] === 0) q0--;
  const out = Array.from(ma);
  if (q0 === 0) return out;
  const roots = polyRoots([1, ...out.slice(0, q0)]);
  if (roots.every((r) => Math.hypot(r.re, r.im) >= 1)) return out;
  if (q0 === 1) return [1 / ma[0], ...new Array(q - 1).fill(0)];
  // Rebuild prod (1 - z / r) with the reflected roots, in complex arithmetic.
  let xr = [1];
  let xi = [0];
  for (const root of roots) {
    let rr = root.re;
    let ri = root.im;
    const mod2 = rr * rr + ri * ri;
    if (Math.sqrt(mod2) < 1) {
      // 1 / r
      rr = rr / mod2;
      ri = -ri / mod2;
    }
    const m2 = rr * rr + ri * ri;
    // 1 / r as complex
    const ir = rr / m2;
    const ii = -ri / m2;
    const nr = [...xr, 0];
    const ni = [...xi, 0];
    for (let k = 0; k < xr.length; k++) {
      // subtract x[k] / r at position k + 1
      nr[k + 1] -= xr[k] * ir - xi[k] * ii;
      ni[k + 1] -= xr[k] * ii + xi[k] * ir;
    }
    xr = nr;
    xi = ni;
  }
  const result = xr.slice(1);
  while (result.length < q) result.push(0);
  return result;
}

/**
 * Maps unconstrained values to the coefficients of a stationary AR polynomial: tanh gives partial
 * autocorrelations in (-1, 1), Durbin–Levinson turns them into AR coefficients (R's C `partrans`, Jones 1980).
 *
 * @example
 * partrans([Math.atanh(0.5)]) // [0.5]
 */
export function partrans(raw: ArrayLike<number>): Float64Array {
  return partransInto(raw, new Float64Array(raw.length), new Float64Array(raw.length));
}

/**
 * {@link partrans} into `out` (returned) with `work` as scratch, both of length raw.length and neither `raw`:
 * for objectives that transform their parameters on every evaluation without allocating.
 *
 * @example
 * partransInto([Math.atanh(0.5)], new Float64Array(1), new Float64Array(1)) // [0.5]
 */
export function partransInto(raw: ArrayLike<number>, out: Float64Array, work: Float64Array): Float64Array {
  const p = raw.length;
  for (let j = 0; j < p; j++) out[j] = work[j] = Math.tanh(raw[j]);
  for (let j = 1; j < p; j++) {
    const a = out[j];
    for (let k = 0; k < j; k++) work[k] -= a * out[j - k - 1];
    for (let k = 0; k < j; k++) out[k] = work[k];
  }
  return out;
}

/**
 * Inverse of {@link partrans}: AR coefficients of a stationary polynomial back to unconstrained values
 * (R's C `invpartrans`). Non-stationary input gives non-finite values.
 *
 * @example
 * invPartrans([0.5])[0] // 0.5493061443340548 (atanh 0.5)
 */
export function invPartrans(phi: ArrayLike<number>): Float64Array {
  const p = phi.length;
  const out = Float64Array.from(phi);
  const work = Float64Array.from(phi);
  for (let j = p - 1; j > 0; j--) {
    const a = out[j];
    for (let k = 0; k < j; k++) work[k] = (out[k] + a * out[j - k - 1]) / (1 - a * a);
    for (let k = 0; k < j; k++) out[k] = work[k];
  }
  for (let j = 0; j < p; j++) out[j] = Math.atanh(out[j]);
  return out;
}

/**
 * Multiplies out (1 - Σ ar_i B^i)(1 - Σ sar_j B^{jm}) and (1 + Σ ma_i B^i)(1 + Σ sma_j B^{jm}) into the
 * coefficient vectors phi (for 1 - Σ phi_k B^k) and theta (for 1 + Σ theta_k B^k), as R's `ARIMA_transPars`.
 *
 * @example
 * expandSeasonal([0.5], [0.2], [], [], 4).phi // [0.5, 0, 0, 0.2, -0.1]
 */
export function expandSeasonal(
  ar: ArrayLike<number>,
  sar: ArrayLike<number>,
  ma: ArrayLike<number>,
  sma: ArrayLike<number>,
  m: number,
): { phi: Float64Array; theta: Float64Array } {
  const phi = new Float64Array(ar.length + sar.length * m);
  const theta = new Float64Array(ma.length + sma.length * m);
  expandSeasonalInto(ar, sar, ma, sma, m, phi, theta);
  return { phi, theta };
}

/**
 * {@link expandSeasonal} into given vectors of lengths ar.length + sar.length·m and ma.length + sma.length·m
 * (overwritten), for objectives that expand on every evaluation without allocating.
 *
 * @example
 * const phi = new Float64Array(5);
 * expandSeasonalInto([0.5], [0.2], [], [], 4, phi, new Float64Array(0)); // phi = [0.5, 0, 0, 0.2, -0.1]
 */
export function expandSeasonalInto(
  ar: ArrayLike<number>,
  sar: ArrayLike<number>,
  ma: ArrayLike<number>,
  sma: ArrayLike<number>,
  m: number,
  phi: Float64Array,
  theta: Float64Array,
): void {
  phi.fill(0);
  theta.fill(0);
  for (let i = 0; i < ar.length; i++) phi[i] = ar[i];
  for (let i = 0; i < ma.length; i++) theta[i] = ma[i];
  for (let j = 0; j < sar.length; j++) {
    phi[(j + 1) * m - 1] += sar[j];
    for (let i = 0; i < ar.length; i++) phi[(j + 1) * m + i] -= ar[i] * sar[j];
  }
  for (let j = 0; j < sma.length; j++) {
    theta[(j + 1) * m - 1] += sma[j];
    for (let i = 0; i < ma.length; i++) theta[(j + 1) * m + i] += ma[i] * sma[j];
  }
}

/**
 * Coefficients delta of the differencing operator (1 - B)^d (1 - B^m)^D = 1 - Σ delta_k B^k (R's `Delta` in
 * `arima`).
 *
 * @example
 * differencingPolynomial(1, 1, 4) // [1, 0, 0, 1, -1]
 */
export function differencingPolynomial(d: number, D: number, m: number): Float64Array {
  let poly = [1];
  const times = (factor: number[]): void => {
    const out = new Array(poly.length + factor.length - 1).fill(0);
    for (let i = 0; i < poly.length; i++) for (let j = 0; j < factor.length; j++) out[i + j] += poly[i] * factor[j];
    poly = out;
  };
  for (let i = 0; i < d; i++) times([1, -1]);
  if (D > 0) {
    const seasonal = new Array(m + 1).fill(0);
    seasonal[0] = 1;
    seasonal[m] = -1;
    for (let i = 0; i < D; i++) times(seasonal);
  }
  return Float64Array.from(poly.slice(1), (v) => -v);
}

/**
 * Applies (1 - B)^d (1 - B^m)^D to x; the result is shorter by d + D·m.
 *
 * @example
 * difference(Float64Array.of(1, 4, 9, 16), 1, 0, 1) // Float64Array [3, 5, 7]
 */
export function difference(x: ArrayLike<number>, d: number, D: number, m: number): Float64Array {
  let w = Float64Array.from(x);
  for (let i = 0; i < D; i++) {
    const next = new Float64Array(Math.max(0, w.length - m));
    for (let t = 0; t < next.length; t++) next[t] = w[t + m] - w[t];
    w = next;
  }
  for (let i = 0; i < d; i++) {
    const next = new Float64Array(Math.max(0, w.length - 1));
    for (let t = 0; t < next.length; t++) next[t] = w[t + 1] - w[t];
    w = next;
  }
  return w;
}
