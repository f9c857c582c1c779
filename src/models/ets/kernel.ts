/**
 * The ETS state-space recursions (Hyndman, Koehler, Ord & Snyder, "Forecasting with Exponential Smoothing",
 * 2008, ch. 2), computed as R forecast's `etscalc` does so that likelihoods and fits agree with R's to rounding.
 *
 * State layout (R's): `[l, b?, s_0, ..., s_{m-1}]` where s_0 is the most recent seasonal state and s_{m-1}
 * the one used for the next forecast. Inside the loops the seasonal states live in a ring buffer, so a step
 * costs O(1) instead of R's O(m) copy, with the same arithmetic.
 */

/** Component codes: 0 none, 1 additive, 2 multiplicative (R's NONE / ADD / MULT). */
export type ComponentCode = 0 | 1 | 2;

const TOL = 1e-10;
const HUGEN = 1e10;

/** Everything that identifies a model form and its smoothing parameters. */
export interface EtsKernelModel {
  /** 1 additive error, 2 multiplicative error. */
  error: 1 | 2;
  /** 0 no trend, 1 additive trend (damped when phi < 1). */
  trend: 0 | 1;
  /** 0 none, 1 additive, 2 multiplicative season. */
  season: ComponentCode;
  /** Season length used by the seasonal states (1 when season is 0). */
  m: number;
  alpha: number;
  beta: number;
  gamma: number;
  /** Damping; 1 for undamped forms. */
  phi: number;
}

/** Reusable buffers for {@link etsLikelihood}: allocate once per fit, reuse for every evaluation. */
export interface EtsWorkspace {
  ring: Float64Array;
  forecasts: Float64Array;
  amse: Float64Array;
  denom: Float64Array;
}

/**
 * Allocates a workspace for season length m and up to `nmse` steps of in-sample multi-step errors.
 *
 * @example
 * createWorkspace(4, 3).ring.length // 4
 */
export function createWorkspace(m: number, nmse: number): EtsWorkspace {
  const k = Math.max(1, Math.min(30, nmse));
  return {
    ring: new Float64Array(Math.max(1, m)),
    forecasts: new Float64Array(k),
    amse: new Float64Array(k),
    denom: new Float64Array(k),
  };
}

/** Outputs of one pass of the recursions. */
export interface EtsPass {
  /** R's `lik`: n·log(Σe²) (+ 2·Σlog|ŷ| for multiplicative error); -2·loglik up to a constant. NaN on failure. */
  lik: number;
  /** Mean of squared innovations Σe²/n. */
  sigma: number;
  /** Mean absolute innovation. */
  mae: number;
}

/**
 * Runs the ETS recursions over `y` from the initial state `x0` (full state: l, b?, s_0..s_{m-1}), filling the
 * workspace's `amse` with the in-sample mean squared k-step errors for k = 1..nmse (nmse <= 30), and optionally
 * the innovations `e` (relative errors for multiplicative error forms), fitted values and the final state
 * (same layout as x0). Mirrors R forecast's `etscalc`. Returns NaN lik when the forecast becomes undefined.
 * No allocation.
 *
 * @example
 * // SES (ANN) with alpha 0.5 from level 1 on y = [2, 2]: errors 1 and 0.5
 * const ws = createWorkspace(1, 1);
 * etsLikelihood(Float64Array.of(2, 2), { error: 1, trend: 0, season: 0, m: 1, alpha: 0.5, beta: 0, gamma: 0, phi: 1 },
 *   Float64Array.of(1), ws, 1).sigma // 0.625
 */
export function etsLikelihood(
  y: Float64Array,
  model: EtsKernelModel,
  x0: Float64Array,
  ws: EtsWorkspace,
  nmse: number,
  e?: Float64Array,
  fits?: Float64Array,
  finalState?: Float64Array,
): EtsPass {
  const { error, trend, season, alpha, beta, gamma, phi } = model;
  const m = season > 0 ? model.m : 1;
  const n = y.length;
  const ring = ws.ring;
  const f = ws.forecasts;
  const amse = ws.amse;
  const denom = ws.denom;
  const k = Math.min(nmse, amse.length);
  let l = x0[0];
  let b = trend > 0 ? x0[1] : 0;
  const sOff = trend > 0 ? 2 : 1;
  // ring[(head + j) % m] holds s_j
  let head = 0;
  if (season > 0) for (let j = 0; j < m; j++) ring[j] = x0[sOff + j];
  for (let j = 0; j < k; j++) {
    amse[j] = 0;
    denom[j] = 0;
  }
  const ratio = beta / alpha;
  const damped = Math.abs(phi - 1) >= TOL;
  let sse = 0;
  let sae = 0;
  let logf = 0;
  for (let i = 0; i < n; i++) {
    // s_{m-1}: the seasonal state m steps back
    const last = season > 0 ? ring[(head + m - 1) % m] : 0;
    const phib = trend > 0 ? phi * b : 0;
    const q = l + phib;
    let f0 = q;
    if (season === 1) f0 += last;
    else if (season === 2) f0 *= last;
    if (Number.isNaN(f0)) return { lik: NaN, sigma: NaN, mae: NaN };
    const yi = y[i];
    const ei = error === 1 ? yi - f0 : (yi - f0) / f0;
    if (e) e[i] = ei;
    if (fits) fits[i] = f0;
    if (k > 0) {
      f[0] = f0;
      if (k > 1) multiStep(l, b, ring, head, m, trend, season, phi, damped, f, k);
      for (let j = 0; j < k; j++) {
        if (i + j < n) {
          denom[j] += 1;
          const d = y[i + j] - f[j];
          amse[j] = (amse[j] * (denom[j] - 1) + d * d) / denom[j];
        }
      }
    }
    // level
    let p: number;
    if (season === 0) p = yi;
    else if (season === 1) p = yi - last;
    else p = Math.abs(last) < TOL ? HUGEN : yi / last;
    const oldl = l;
    l = q + alpha * (p - q);
    if (trend > 0) b = phib + ratio * (l - oldl - phib);
    if (season > 0) {
      let t: number;
      if (season === 1) t = yi - q;
      else t = Math.abs(q) < TOL ? HUGEN : yi / q;
      head = (head + m - 1) % m;
      ring[head] = last + gamma * (t - last);
    }
    sse += ei * ei;
    sae += Math.abs(ei);
    logf += Math.log(Math.abs(f0));
  }
  if (finalState) {
    finalState[0] = l;
    if (trend > 0) finalState[1] = b;
    if (season > 0) for (let j = 0; j < m; j++) finalState[sOff + j] = ring[(head + j) % m];
  }
  let lik = n * Math.log(sse);
  if (error === 2) lik += 2 * logf;
  return { lik, sigma: sse / n, mae: sae / n };
}

/**
 * One optimization criterion, for the optimizer's inner loop: the recursions of {@link etsLikelihood} without
 * the bookkeeping. `criterion` 'lik' gives R's `lik` (n·log Σe² + 2·Σlog|ŷ| for multiplicative error; Σlog|ŷ|
 * taken as the log of running products, renormalized before they can overflow, so one log per ~20 steps);
 * 'mse' gives R's `amse[1]`, the mean squared one-step error y - ŷ, accumulated as R's running mean.
 * `ring` is scratch of length >= m. Returns NaN when a forecast is undefined.
 *
 * @example
 * etsLikelihoodOnly(Float64Array.of(2, 2), { error: 1, trend: 0, season: 0, m: 1, alpha: 0.5, beta: 0, gamma: 0, phi: 1 },
 *   Float64Array.of(1), new Float64Array(1)) // 2 * Math.log(1.25)
 */
export function etsLikelihoodOnly(
  y: Float64Array,
  model: EtsKernelModel,
  x0: Float64Array,
  ring: Float64Array,
  criterion: 'lik' | 'mse' = 'lik',
): number {
  const mse = criterion === 'mse';
  let runningMse = 0;
  const { error, trend, season, alpha, beta, gamma, phi } = model;
  const n = y.length;
  const multiplicative = error === 2;
  let l = x0[0];
  let b = trend > 0 ? x0[1] : 0;
  let sse = 0;
  let logf = 0;
  let prod = 1;
  if (season === 0 && trend === 0) {
    // no slope state: the level recursion alone (keeps the chain of dependent operations short)
    for (let i = 0; i < n; i++) {
      const f0 = l;
      const yi = y[i];
      let ei: number;
      if (multiplicative && !mse) {
        ei = (yi - f0) / f0;
        prod *= Math.abs(f0);
        if (prod > 1e250 || prod < 1e-250) {
          logf += Math.log(prod);
          prod = 1;
        }
      } else {
        ei = yi - f0;
      }
      if (mse) {
        const d1 = yi - f0;
        runningMse = (runningMse * i + d1 * d1) / (i + 1);
      } else {
        sse += ei * ei;
      }
      l = f0 + alpha * (yi - f0);
    }
  } else if (season === 0) {
    const ratio = beta / alpha;
    for (let i = 0; i < n; i++) {
      const phib = phi * b;
      const f0 = l + phib;
      const yi = y[i];
      const d = yi - f0;
      let ei: number;
      if (multiplicative && !mse) {
        ei = d / f0;
        prod *= Math.abs(f0);
        if (prod > 1e250 || prod < 1e-250) {
          logf += Math.log(prod);
          prod = 1;
        }
      } else {
        ei = d;
      }
      if (mse) {
        const d1 = yi - f0;
        runningMse = (runningMse * i + d1 * d1) / (i + 1);
      } else {
        sse += ei * ei;
      }
      // R's arithmetic exactly ((β/α)(l - l_{t-1} - φb) rather than the shorter β(y - ŷ)), so that the
      // optimizer takes R's path: a last-bit difference can lead Nelder–Mead to another local optimum
      const oldl = l;
      l = f0 + alpha * d;
      b = phib + ratio * (l - oldl - phib);
    }
  } else if (trend === 0) {
    // seasonal without trend: the slope recursion of the general loop would only add zeros to the level, but
    // it would put four more operations on the chain from one level to the next
    const m = model.m;
    for (let j = 0; j < m; j++) ring[j] = x0[1 + j];
    let last = m - 1;
    const additiveSeason = season === 1;
    for (let i = 0; i < n; i++) {
      const s = ring[last];
      const f0 = additiveSeason ? l + s : l * s;
      if (f0 !== f0) return NaN;
      const yi = y[i];
      let ei: number;
      if (multiplicative && !mse) {
        ei = (yi - f0) / f0;
        prod *= Math.abs(f0);
        if (prod > 1e250 || prod < 1e-250) {
          logf += Math.log(prod);
          prod = 1;
        }
      } else {
        ei = yi - f0;
      }
      if (mse) {
        const d1 = yi - f0;
        runningMse = (runningMse * i + d1 * d1) / (i + 1);
      } else {
        sse += ei * ei;
      }
      let p: number;
      let t: number;
      if (additiveSeason) {
        p = yi - s;
        t = yi - l;
      } else {
        p = Math.abs(s) < TOL ? HUGEN : yi / s;
        t = Math.abs(l) < TOL ? HUGEN : yi / l;
      }
      l = l + alpha * (p - l);
      ring[last] = s + gamma * (t - s);
      last = last === 0 ? m - 1 : last - 1;
    }
  } else {
    const m = model.m;
    const sOff = 2;
    for (let j = 0; j < m; j++) ring[j] = x0[sOff + j];
    // ring[last] is s_{m-1}; after each step the new s_0 takes its place and the pointer moves back by one
    let last = m - 1;
    const ratio = beta / alpha;
    const phiT = phi;
    const additiveSeason = season === 1;
    for (let i = 0; i < n; i++) {
      const s = ring[last];
      const phib = phiT * b;
      const q = l + phib;
      const f0 = additiveSeason ? q + s : q * s;
      if (f0 !== f0) return NaN;
      const yi = y[i];
      let ei: number;
      if (multiplicative && !mse) {
        ei = (yi - f0) / f0;
        prod *= Math.abs(f0);
        if (prod > 1e250 || prod < 1e-250) {
          logf += Math.log(prod);
          prod = 1;
        }
      } else {
        ei = yi - f0;
      }
      if (mse) {
        const d1 = yi - f0;
        runningMse = (runningMse * i + d1 * d1) / (i + 1);
      } else {
        sse += ei * ei;
      }
      let p: number;
      let t: number;
      if (additiveSeason) {
        p = yi - s;
        t = yi - q;
      } else {
        p = Math.abs(s) < TOL ? HUGEN : yi / s;
        t = Math.abs(q) < TOL ? HUGEN : yi / q;
      }
      const oldl = l;
      l = q + alpha * (p - q);
      b = phib + ratio * (l - oldl - phib);
      ring[last] = s + gamma * (t - s);
      last = last === 0 ? m - 1 : last - 1;
    }
  }
  if (mse) return runningMse;
  let lik = n * Math.log(sse);
  if (multiplicative) lik += 2 * (logf + Math.log(prod));
  return lik;
}

/**
 * k-step point forecasts from (l, b, ring) into f[1..k-1] (f[0] already set), exactly as R's C `forecast` helper,
 * including its damping sum φ + φ + φ² + ... (one φ too many from two steps on), so `amse` matches R's.
 */
function multiStep(
  l: number,
  b: number,
  ring: Float64Array,
  head: number,
  m: number,
  trend: number,
  season: number,
  phi: number,
  damped: boolean,
  f: Float64Array,
  k: number,
): void {
  let phistar = phi;
  for (let i = 1; i < k; i++) {
    phistar += damped ? Math.pow(phi, i) : 1;
    let v = trend > 0 ? l + phistar * b : l;
    if (season > 0) {
      let j = m - 1 - i;
      while (j < 0) j += m;
      const s = ring[(head + j) % m];
      v = season === 1 ? v + s : v * s;
    }
    f[i] = v;
  }
}

/**
 * Point forecasts for h steps from a full state (R's `etsforecast`): ŷ_{t+i} = (l + φ_i b) ∘ s_{m-1-((i-1) mod m)},
 * with φ_i = φ + ... + φ^i.
 *
 * @example
 * etsPointForecast({ error: 1, trend: 1, season: 0, m: 1, alpha: 0.5, beta: 0.1, gamma: 0, phi: 1 }, Float64Array.of(10, 2), 3)
 * // Float64Array [12, 14, 16]
 */
export function etsPointForecast(model: EtsKernelModel, state: ArrayLike<number>, h: number): Float64Array {
  const out = new Float64Array(h);
  const m = model.season > 0 ? model.m : 1;
  const sOff = model.trend > 0 ? 2 : 1;
  const l = state[0];
  const b = model.trend > 0 ? state[1] : 0;
  const damped = Math.abs(model.phi - 1) >= TOL;
  let phistar = model.phi;
  for (let i = 0; i < h; i++) {
    let v = model.trend > 0 ? l + phistar * b : l;
    if (model.season > 0) {
      let j = m - 1 - i;
      while (j < 0) j += m;
      v = model.season === 1 ? v + state[sOff + j] : v * state[sOff + j];
    }
    out[i] = v;
    // φ_{i+2} = φ_{i+1} + φ^{i+2} (R's C helper adds φ^{i+1} here, but forecast.ets takes its means from the
    // matrix form, which is this)
    phistar += damped ? Math.pow(model.phi, i + 2) : 1;
  }
  return out;
}

/**
 * One simulated path of length `innovations.length` from a full state (R's `etssimulate`): each step draws
 * y = ŷ + e (additive error) or y = ŷ(1 + e) (multiplicative error, e clipped at -1 as R does) and updates the
 * states with y. Writes the path into `out`; `ring` is scratch of length >= m.
 *
 * @example
 * simulatePath({ error: 1, trend: 0, season: 0, m: 1, alpha: 0.5, beta: 0, gamma: 0, phi: 1 }, Float64Array.of(10),
 *   Float64Array.of(1, 0), new Float64Array(1), new Float64Array(2)) // Float64Array [11, 10.5]
 */
export function simulatePath(
  model: EtsKernelModel,
  state: ArrayLike<number>,
  innovations: Float64Array,
  ring: Float64Array,
  out: Float64Array,
): Float64Array {
  const { error, trend, season, alpha, beta, gamma, phi } = model;
  const m = season > 0 ? model.m : 1;
  const sOff = trend > 0 ? 2 : 1;
  let l = state[0];
  let b = trend > 0 ? state[1] : 0;
  let head = 0;
  if (season > 0) for (let j = 0; j < m; j++) ring[j] = state[sOff + j];
  const ratio = beta / alpha;
  for (let i = 0; i < innovations.length; i++) {
    const last = season > 0 ? ring[(head + m - 1) % m] : 0;
    const phib = trend > 0 ? phi * b : 0;
    const q = l + phib;
    let f0 = q;
    if (season === 1) f0 += last;
    else if (season === 2) f0 *= last;
    const yi = error === 1 ? f0 + innovations[i] : f0 * (1 + Math.max(-1, innovations[i]));
    out[i] = yi;
    let p: number;
    if (season === 0) p = yi;
    else if (season === 1) p = yi - last;
    else p = Math.abs(last) < TOL ? HUGEN : yi / last;
    const oldl = l;
    l = q + alpha * (p - q);
    if (trend > 0) b = phib + ratio * (l - oldl - phib);
    if (season > 0) {
      const t = season === 1 ? yi - q : Math.abs(q) < TOL ? HUGEN : yi / q;
      head = (head + m - 1) % m;
      ring[head] = last + gamma * (t - last);
    }
  }
  return out;
}
