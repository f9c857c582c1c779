/**
 * Analytic forecast means and variances of ETS models (Hyndman, Koehler, Ord & Snyder 2008, ch. 6; R forecast's
 * `class1`, `class2`, `class3`):
 * - class 1, linear homoscedastic: additive error, trend N/A/Ad, season N/A;
 * - class 2, linear heteroscedastic: multiplicative error, trend N/A/Ad, season N/A;
 * - class 3: multiplicative error and multiplicative season, trend N/A/Ad.
 * Together these cover every form that R's `ets` allows by default, so simulation is never needed for intervals.
 */
import type { EtsKernelModel } from './kernel.js';

/** Means and variances of the h-step forecast distribution. */
export interface ForecastMoments {
  mean: Float64Array;
  variance: Float64Array;
}

/**
 * Class 1 (and the linear part of class 2): μ_i = H F^{i-1} x and c_i = H F^{i-1} G, variance
 * σ²(1 + Σ_{j<i} c_j²). The transition is applied as a sparse rotation, O(h·p).
 * Note: R 8.20's `class1` puts γ on the second seasonal state when the model has no trend (ETS(A,N,A));
 * here γ goes on the newest seasonal state, as in the model equations.
 *
 * @example
 * linearMoments({ error: 1, trend: 0, season: 0, m: 1, alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, [10], 1, 3).variance
 * // Float64Array [1, 1.25, 1.5]
 */
export function linearMoments(
  model: EtsKernelModel,
  state: ArrayLike<number>,
  sigma2: number,
  h: number,
): ForecastMoments & { c: Float64Array } {
  const trend = model.trend;
  const m = model.season > 0 ? model.m : 0;
  const sOff = 1 + trend;
  const p = sOff + m;
  const phi = model.phi;
  let r = new Float64Array(p);
  let next = new Float64Array(p);
  r[0] = 1;
  if (trend > 0) r[1] = phi;
  if (m > 0) r[p - 1] = 1;
  const G = new Float64Array(p);
  G[0] = model.alpha;
  if (trend > 0) G[1] = model.beta;
  if (m > 0) G[sOff] = model.gamma;
  const mean = new Float64Array(h);
  const variance = new Float64Array(h);
  const c = new Float64Array(h);
  let cum = 0;
  for (let i = 0; i < h; i++) {
    let mu = 0;
    let ci = 0;
    for (let k = 0; k < p; k++) {
      mu += r[k] * state[k];
      ci += r[k] * G[k];
    }
    mean[i] = mu;
    c[i] = ci;
    variance[i] = sigma2 * (1 + cum);
    cum += ci * ci;
    // r <- r F
    next[0] = r[0];
    if (trend > 0) next[1] = phi * r[0] + phi * r[1];
    if (m > 0) {
      for (let j = 0; j < m - 1; j++) next[sOff + j] = r[sOff + j + 1];
      next[sOff + m - 1] = r[sOff];
    }
    const tmp = r;
    r = next;
    next = tmp;
  }
  return { mean, variance, c };
}

/**
 * Class 2: θ_1 = μ_1², θ_j = μ_j² + σ² Σ_{i<j} c_i² θ_{j-i}, variance (1 + σ²)θ_j - μ_j² (R's `class2`).
 *
 * @example
 * heteroscedasticMoments({ error: 2, trend: 0, season: 0, m: 1, alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, [10], 0.01, 1).variance[0]
 * // 1.0000000000000142 (= σ²μ²)
 */
export function heteroscedasticMoments(
  model: EtsKernelModel,
  state: ArrayLike<number>,
  sigma2: number,
  h: number,
): ForecastMoments {
  const { mean, c } = linearMoments(model, state, sigma2, h);
  const theta = new Float64Array(h);
  const variance = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let s = 0;
    for (let i = 0; i < j; i++) s += c[i] * c[i] * theta[j - 1 - i];
    theta[j] = mean[j] * mean[j] + sigma2 * s;
    variance[j] = (1 + sigma2) * theta[j] - mean[j] * mean[j];
  }
  return { mean, variance };
}

/**
 * Class 3 (multiplicative error and season; Hyndman et al. 2008, §6.4; R's `class3`): propagates the mean
 * M_h and covariance V_h of vec(level/trend part ⊗ seasonal part) with Kronecker-structured transitions.
 *
 * @example
 * multiplicativeSeasonMoments({ error: 2, trend: 0, season: 2, m: 2, alpha: 0.5, beta: 0, gamma: 0.1, phi: 1 }, [10, 1.2, 0.8], 0.01, 1).mean[0]
 * // 8
 */
export function multiplicativeSeasonMoments(
  model: EtsKernelModel,
  state: ArrayLike<number>,
  sigma2: number,
  h: number,
): ForecastMoments {
  const m = model.m;
  const t1 = 1 + model.trend;
  const q = t1 * m;
  // F1, G1 (t1 x t1)
  const F1 =
    t1 === 1
      ? [[1]]
      : [
          [1, 1],
          [0, model.phi],
        ];
  const G1 =
    t1 === 1
      ? [[model.alpha]]
      : [
          [model.alpha, model.alpha],
          [model.beta, model.beta],
        ];
  // F2: m x m, first row e_m, then identity shifted down; G2: gamma at (0, m-1)
  const F2 = (i: number, j: number): number => (i === 0 ? (j === m - 1 ? 1 : 0) : j === i - 1 ? 1 : 0);
  const G2 = (i: number, j: number): number => (i === 0 && j === m - 1 ? model.gamma : 0);
  // Kronecker products A2 ⊗ A1 as dense q x q (index (i2*t1 + i1, j2*t1 + j1))
  const kron = (A2: (i: number, j: number) => number, A1: number[][]): Float64Array => {
    const out = new Float64Array(q * q);
    for (let i2 = 0; i2 < m; i2++)
      for (let j2 = 0; j2 < m; j2++) {
        const a = A2(i2, j2);
        if (a === 0) continue;
        for (let i1 = 0; i1 < t1; i1++)
          for (let j1 = 0; j1 < t1; j1++) out[(i2 * t1 + i1) * q + j2 * t1 + j1] = a * A1[i1][j1];
      }
    return out;
  };
  const F21 = kron(F2, F1);
  const G21 = kron(G2, G1);
  const K = kron(G2, F1);
  const K2 = kron(F2, G1);
  for (let i = 0; i < q * q; i++) K[i] += K2[i];
  // Mh = x1 (t1) outer x2 (m): Mh[i1][j2]; vec is column-major: vec[j2*t1 + i1]
  let Mh = new Float64Array(t1 * m);
  const sOff = t1;
  for (let i1 = 0; i1 < t1; i1++) for (let j2 = 0; j2 < m; j2++) Mh[j2 * t1 + i1] = state[i1] * state[sOff + j2];
  let Vh = new Float64Array(q * q);
  const H21 = new Float64Array(q);
  for (let i1 = 0; i1 < t1; i1++) H21[(m - 1) * t1 + i1] = 1;
  const mean = new Float64Array(h);
  const variance = new Float64Array(h);
  const A = new Float64Array(q * q);
  const B = new Float64Array(q * q);
  const S = new Float64Array(q * q);
  const sandwich = (X: Float64Array, Y: Float64Array, Z: Float64Array, out: Float64Array, scale: number): void => {
    // out += scale * X Y Z'
    mul(X, Y, A, q);
    mulT(A, Z, B, q);
    for (let i = 0; i < q * q; i++) out[i] += scale * B[i];
  };
  for (let step = 0; step < h; step++) {
    let mu = 0;
    for (let i1 = 0; i1 < t1; i1++) mu += Mh[(m - 1) * t1 + i1];
    mean[step] = mu;
    let hvh = 0;
    for (let i = 0; i < q; i++) {
      if (H21[i] === 0) continue;
      for (let j = 0; j < q; j++) hvh += H21[i] * Vh[i * q + j] * H21[j];
    }
    variance[step] = (1 + sigma2) * hvh + sigma2 * mu * mu;
    if (step === h - 1) break;
    const next = new Float64Array(q * q);
    sandwich(F21, Vh, F21, next, 1);
    sandwich(F21, Vh, G21, next, sigma2);
    sandwich(G21, Vh, F21, next, sigma2);
    for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) S[i * q + j] = Vh[i * q + j] + Mh[i] * Mh[j];
    sandwich(K, S, K, next, sigma2);
    for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) S[i * q + j] = 3 * Vh[i * q + j] + 2 * Mh[i] * Mh[j];
    sandwich(G21, S, G21, next, sigma2 * sigma2);
    // Mh <- F1 Mh F2' + G1 Mh G2' σ²  (as t1 x m matrices)
    const M2 = new Float64Array(t1 * m);
    for (let i1 = 0; i1 < t1; i1++)
      for (let j2 = 0; j2 < m; j2++) {
        let s = 0;
        for (let k1 = 0; k1 < t1; k1++)
          for (let k2 = 0; k2 < m; k2++) {
            const mk = Mh[k2 * t1 + k1];
            if (mk === 0) continue;
            s += F1[i1][k1] * mk * F2(j2, k2) + sigma2 * G1[i1][k1] * mk * G2(j2, k2);
          }
        M2[j2 * t1 + i1] = s;
      }
    Mh = M2;
    Vh = next;
  }
  return { mean, variance };
}

/** out = X Y for q x q row-major matrices, skipping zeros of X (the transitions are sparse). */
function mul(X: Float64Array, Y: Float64Array, out: Float64Array, q: number): void {
  out.fill(0);
  for (let i = 0; i < q; i++)
    for (let k = 0; k < q; k++) {
      const x = X[i * q + k];
      if (x === 0) continue;
      for (let j = 0; j < q; j++) out[i * q + j] += x * Y[k * q + j];
    }
}

/** out = X Z' for q x q row-major matrices, skipping zeros of Z. */
function mulT(X: Float64Array, Z: Float64Array, out: Float64Array, q: number): void {
  out.fill(0);
  for (let j = 0; j < q; j++)
    for (let k = 0; k < q; k++) {
      const z = Z[j * q + k];
      if (z === 0) continue;
      for (let i = 0; i < q; i++) out[i * q + j] += X[i * q + k] * z;
    }
}
