/**
 * Conditional sum of squares of an ARMA model, as R's `ARIMA_CSS` (R's src/library/stats/src/arima.c) computes
 * it for `arima(method = "CSS")` and for the starting values of `method = "CSS-ML"`.
 */

/**
 * Residuals e_t = w_t - Σ phi_i w_{t-i} - Σ theta_j e_{t-j} for t >= ncond (earlier residuals are 0 and MA
 * terms reach back no further than ncond), and their sum of squares. `w` is the differenced series.
 * Only non-zero coefficients are visited, so expanded seasonal polynomials cost what their factors do.
 *
 * @example
 * armaCss(Float64Array.of(1, 2, 3), Float64Array.of(0.5), new Float64Array(0), 1).ssq // 1.5^2 + 2^2 = 6.25
 */
export function armaCss(
  w: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
  ncond: number,
  residuals?: Float64Array,
): { ssq: number; nu: number } {
  const n = w.length;
  const e = residuals ?? new Float64Array(n);
  const start = Math.min(ncond, n);
  for (let t = 0; t < start; t++) e[t] = 0;
  const nu = Math.max(0, n - ncond);
  if (phi.length <= DENSE && theta.length <= DENSE) return { ssq: denseCss(w, phi, theta, ncond, e), nu };
  return { ssq: sparseCss(w, phi, theta, ncond, e), nu };
}

/** Polynomials up to this length are run as dense loops; longer (seasonal) ones visit non-zero terms only. */
const DENSE = 8;

function denseCss(w: Float64Array, phi: Float64Array, theta: Float64Array, ncond: number, e: Float64Array): number {
  const n = w.length;
  const p = phi.length;
  const q = theta.length;
  const p0 = p > 0 ? phi[0] : 0;
  const q0 = q > 0 ? theta[0] : 0;
  let ssq = 0;
  // MA terms reach back to ncond only (R's truncation): checked during the first q steps
  const checked = Math.min(n, Math.max(ncond + q, 1)); // at least one step so that w[t - 1] exists below
  for (let t = ncond; t < checked; t++) {
    let s = w[t];
    for (let j = 0; j < p; j++) s -= phi[j] * w[t - j - 1];
    for (let j = 0; j < q; j++) if (t - j - 1 >= ncond) s -= theta[j] * e[t - j - 1];
    e[t] = s;
    ssq += s * s;
  }
  if (q <= 2) {
    // MA order at most 2: keep the last residuals in registers
    const q1 = q === 2 ? theta[1] : 0;
    let e1 = checked >= 1 ? e[checked - 1] : 0;
    let e2 = checked >= 2 ? e[checked - 2] : 0;
    for (let t = checked; t < n; t++) {
      let acc = 0;
      for (let j = 1; j < p; j++) acc += phi[j] * w[t - j - 1];
      const s = w[t] - p0 * w[t - 1] - acc - q1 * e2 - q0 * e1;
      e[t] = s;
      ssq += s * s;
      e2 = e1;
      e1 = s;
    }
    return ssq;
  }
  for (let t = checked; t < n; t++) {
    // the first lags last keep the dependency chain short
    let acc = 0;
    for (let j = 1; j < p; j++) acc += phi[j] * w[t - j - 1];
    for (let j = 1; j < q; j++) acc += theta[j] * e[t - j - 1];
    const s = w[t] - p0 * w[t - 1] - acc - q0 * e[t - 1];
    e[t] = s;
    ssq += s * s;
  }
  return ssq;
}

function sparseCss(w: Float64Array, phi: Float64Array, theta: Float64Array, ncond: number, e: Float64Array): number {
  const n = w.length;
  let np = 0;
  for (let j = 0; j < phi.length; j++) if (phi[j] !== 0) np++;
  let nq = 0;
  for (let j = 0; j < theta.length; j++) if (theta[j] !== 0) nq++;
  const arLag = new Int32Array(np);
  const arVal = new Float64Array(np);
  const maLag = new Int32Array(nq);
  const maVal = new Float64Array(nq);
  for (let j = 0, k = 0; j < phi.length; j++)
    if (phi[j] !== 0) {
      arLag[k] = j + 1;
      arVal[k++] = phi[j];
    }
  for (let j = 0, k = 0; j < theta.length; j++)
    if (theta[j] !== 0) {
      maLag[k] = j + 1;
      maVal[k++] = theta[j];
    }
  let ssq = 0;
  const maxLag = nq > 0 ? maLag[nq - 1] : 0;
  const checked = Math.min(n, ncond + maxLag);
  for (let t = ncond; t < checked; t++) {
    let s = w[t];
    for (let j = 0; j < np; j++) s -= arVal[j] * w[t - arLag[j]];
    for (let j = 0; j < nq; j++) {
      const back = t - maLag[j];
      if (back >= ncond) s -= maVal[j] * e[back];
    }
    e[t] = s;
    ssq += s * s;
  }
  for (let t = checked; t < n; t++) {
    let s = w[t];
    for (let j = 0; j < np; j++) s -= arVal[j] * w[t - arLag[j]];
    for (let j = 0; j < nq; j++) s -= maVal[j] * e[t - maLag[j]];
    e[t] = s;
    ssq += s * s;
  }
  return ssq;
}

/** How one parameter moves the recursion: sparse changes of phi and theta (lag, amount) and of the data w. */
export interface CssDerivative {
  dphi: ReadonlyArray<readonly [number, number]>;
  dtheta: ReadonlyArray<readonly [number, number]>;
  /** ∂w_t/∂parameter (regression coefficients: minus the differenced regressor). */
  dw?: Float64Array;
}

/**
 * Sum of squares of {@link armaCss} and its exact gradient with respect to parameters described by
 * `derivatives`, by differentiating the residual recursion (the same truncation at ncond), in one pass per
 * parameter. `work` must hold at least 2·w.length values; when `ready` is given, its first w.length values
 * already hold the residuals for these coefficients (from {@link armaCss}) and `ready` their sums.
 *
 * @example
 * // d/dphi of Σ (w_t - phi w_{t-1})^2 = -2 Σ e_t w_{t-1}
 * armaCssGradient(Float64Array.of(1, 2, 3), Float64Array.of(0.5), new Float64Array(0), 1,
 *   [{ dphi: [[1, 1]], dtheta: [] }], new Float64Array(1), new Float64Array(6)).ssq // 6.25
 */
export function armaCssGradient(
  w: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
  ncond: number,
  derivatives: readonly CssDerivative[],
  gradient: Float64Array,
  work: Float64Array,
  ready?: { ssq: number; nu: number },
): { ssq: number; nu: number } {
  const n = w.length;
  const e = work.subarray(0, n);
  const de = work.subarray(n, 2 * n);
  const r = ready ?? armaCss(w, phi, theta, ncond, e);
  let nq = 0;
  for (let j = 0; j < theta.length; j++) if (theta[j] !== 0) nq++;
  const maLag = new Int32Array(nq);
  const maVal = new Float64Array(nq);
  for (let j = 0, k = 0; j < theta.length; j++)
    if (theta[j] !== 0) {
      maLag[k] = j + 1;
      maVal[k++] = theta[j];
    }
  let np = 0;
  for (let j = 0; j < phi.length; j++) if (phi[j] !== 0) np++;
  const arLag = new Int32Array(np);
  const arVal = new Float64Array(np);
  for (let j = 0, k = 0; j < phi.length; j++)
    if (phi[j] !== 0) {
      arLag[k] = j + 1;
      arVal[k++] = phi[j];
    }
  const maxMa = nq > 0 ? maLag[nq - 1] : 0;
  const lo = Math.min(ncond, n);
  const q = theta.length;
  const denseMa = q <= DENSE;
  const q0 = q > 0 ? theta[0] : 0;
  for (let i = 0; i < derivatives.length; i++) {
    const { dphi, dtheta, dw } = derivatives[i];
    if (denseMa && !dw && dphi.length + dtheta.length === 1) {
      // one source term: de_t = -c·src_{t-lag} - Σ theta_j de_{t-j} (non-seasonal AR or MA coefficient)
      const fromAr = dphi.length === 1;
      const src = fromAr ? w : e;
      const lag = fromAr ? dphi[0][0] : dtheta[0][0];
      const amount = fromAr ? dphi[0][1] : dtheta[0][1];
      const srcFloor = fromAr ? 0 : ncond;
      let g = 0;
      for (let t = 0; t < lo; t++) de[t] = 0;
      const checked = Math.min(n, ncond + Math.max(q, lag));
      for (let t = ncond; t < checked; t++) {
        let s = t - lag >= srcFloor ? -amount * src[t - lag] : 0;
        for (let j = 0; j < q; j++) if (t - j - 1 >= ncond) s -= theta[j] * de[t - j - 1];
        de[t] = s;
        g += e[t] * s;
      }
      g += q <= 2 ? filterShort(src, lag, amount, q0, q === 2 ? theta[1] : 0, de, e, checked, n) : 0;
      if (q > 2) {
        for (let t = checked; t < n; t++) {
          let acc = amount * src[t - lag];
          for (let j = 1; j < q; j++) acc += theta[j] * de[t - j - 1];
          const s = -acc - q0 * de[t - 1];
          de[t] = s;
          g += e[t] * s;
        }
      }
      gradient[i] = g;
      continue;
    }
    const nP = dphi.length;
    const nT = dtheta.length;
    const pLag = new Int32Array(nP);
    const pVal = new Float64Array(nP);
    const tLag = new Int32Array(nT);
    const tVal = new Float64Array(nT);
    let maxT = 0;
    for (let j = 0; j < nP; j++) {
      pLag[j] = dphi[j][0];
      pVal[j] = dphi[j][1];
    }
    for (let j = 0; j < nT; j++) {
      tLag[j] = dtheta[j][0];
      tVal[j] = dtheta[j][1];
      maxT = Math.max(maxT, tLag[j]);
    }
    let g = 0;
    for (let t = 0; t < lo; t++) de[t] = 0;
    const checked = Math.min(n, ncond + Math.max(maxMa, maxT));
    for (let t = ncond; t < n; t++) {
      let s = 0;
      if (dw) {
        s += dw[t];
        for (let j = 0; j < np; j++) s -= arVal[j] * dw[t - arLag[j]];
      }
      for (let j = 0; j < nP; j++) s -= pVal[j] * w[t - pLag[j]];
      if (t < checked) {
        for (let j = 0; j < nT; j++) {
          const back = t - tLag[j];
          if (back >= ncond) s -= tVal[j] * e[back];
        }
        for (let j = 0; j < nq; j++) {
          const back = t - maLag[j];
          if (back >= ncond) s -= maVal[j] * de[back];
        }
      } else {
        for (let j = 0; j < nT; j++) s -= tVal[j] * e[t - tLag[j]];
        for (let j = 0; j < nq; j++) s -= maVal[j] * de[t - maLag[j]];
      }
      de[t] = s;
      g += e[t] * s;
    }
    gradient[i] = g;
  }
  return r;
}

/** The single-source derivative recursion for MA order at most 2, unrolled (the common case in a search). */
function filterShort(
  src: Float64Array,
  lag: number,
  amount: number,
  q0: number,
  q1: number,
  de: Float64Array,
  e: Float64Array,
  from: number,
  n: number,
): number {
  let g = 0;
  let d1 = from >= 1 ? de[from - 1] : 0;
  let d2 = from >= 2 ? de[from - 2] : 0;
  for (let t = from; t < n; t++) {
    const s = -amount * src[t - lag] - q1 * d2 - q0 * d1;
    de[t] = s;
    g += e[t] * s;
    d2 = d1;
    d1 = s;
  }
  return g;
}
