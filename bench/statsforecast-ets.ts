/**
 * The published tourism figures' base forecasts, re-estimated: statsforecast's `AutoETS(season_length=4,
 * model='ZZA')` differs from R's `ets()` (which Foresight's ETS follows step for step) not in the model but in
 * the estimation, and on 304 bottom series those differences add up in the bottom-up aggregates. This module
 * re-runs that estimation with Foresight's own ETS kernels (recursions, starting states, AICc), for the
 * reproduction in `bench/tourism.ts` only; it is no product model. What statsforecast (ets.py, 1.x) does
 * differently from R, as read from its source:
 *
 * - Parameter region: a box only. Its `initparam` lowers the upper bounds of beta to the starting alpha and of
 *   gamma to 1 - starting alpha in the module-level default bound arrays, in place, so for every later fit of
 *   the process (every ZZA candidate is seasonal, m = 4, starting alpha 1e-4 + 0.2·0.9998/4 = 0.050095) beta
 *   lies in [1e-4, 0.050095] and gamma in [1e-4, 0.949905], alpha in [1e-4, 0.9999], phi in [0.8, 0.98].
 *   There is no beta <= alpha or gamma <= 1 - alpha test and no admissibility (forecastability) test.
 * - Optimizer: its own Nelder–Mead, not R's `optim`: starting simplex x0 plus one vertex per coordinate
 *   scaled by 1.05 (a zero coordinate becomes 1e-4 first), every trial point clipped to the box, adaptive
 *   coefficients (expansion 1 + 2/n, contraction 0.75 - 1/(2n), shrink 1 - 1/n), stopping when the
 *   population standard deviation of the simplex's values is below 1e-4, or after 1000 iterations.
 * - Candidates: error A, M (M only for strictly positive data) x trend N, A, Ad, season A; smallest AICc.
 */
import { etsLikelihood, etsLikelihoodOnly, etsPointForecast, createWorkspace } from '../src/models/ets/kernel.js';
import type { EtsKernelModel } from '../src/models/ets/kernel.js';
import { initialState } from '../src/models/ets/init-state.js';
import { informationCriteria } from '../src/core/stats/information-criteria.js';

const LOWER = [1e-4, 1e-4, 1e-4, 0.8];
/** Upper bounds after statsforecast's in-place update for m = 4 (see above). */
function upperBounds(m: number): number[] {
  const alpha0 = LOWER[0] + (0.2 * (0.9999 - LOWER[0])) / m;
  return [0.9999, Math.min(0.9999, alpha0), Math.min(0.9999, 1 - alpha0), 0.98];
}

/** One fitted candidate. */
export interface SfEtsFit {
  form: string;
  aicc: number;
  params: { alpha: number; beta: number; gamma: number; phi: number };
  mean: Float64Array;
  /** One-step in-sample residuals y - fitted. */
  residuals: Float64Array;
}

/** statsforecast's box-clipped adaptive Nelder–Mead (see the module comment). */
function nelderMeadBox(
  fn: (x: Float64Array) => number,
  x0: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  tolStd = 1e-4,
  maxIter = 1000,
): Float64Array {
  const n = x0.length;
  const clip = (x: Float64Array) => {
    for (let i = 0; i < n; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
    return x;
  };
  const reflect = 1,
    expand = 1 + 2 / n,
    contract = 0.75 - 1 / (2 * n),
    shrink = 1 - 1 / n;
  const simplex: Float64Array[] = [];
  for (let j = 0; j <= n; j++) {
    const v = clip(Float64Array.from(x0));
    if (j < n) v[j] = (x0[j] === 0 ? 1e-4 : x0[j]) * 1.05;
    simplex.push(clip(v));
  }
  const f = simplex.map(fn);
  const combine = (a: Float64Array, b: Float64Array, t: number) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = a[i] + t * (b[i] - a[i]);
    return clip(out);
  };
  for (let it = 0; it < maxIter; it++) {
    const order = f.map((_, i) => i).sort((a, b) => f[a] - f[b]);
    const best = order[0],
      worst = order[n],
      second = order[n - 1];
    let mean = 0;
    for (const v of f) mean += v / (n + 1);
    let variance = 0;
    for (const v of f) variance += (v - mean) ** 2 / (n + 1);
    if (Math.sqrt(variance) < tolStd) break;
    const centroid = new Float64Array(n);
    for (const j of order.slice(0, n)) for (let i = 0; i < n; i++) centroid[i] += simplex[j][i] / n;
    // x_r = x_o + reflect (x_o - x_worst)
    const xr = combine(centroid, simplex[worst], -reflect);
    const fr = fn(xr);
    if (f[best] <= fr && fr < f[second]) {
      simplex[worst] = xr;
      f[worst] = fr;
      continue;
    }
    if (fr < f[best]) {
      const xe = combine(centroid, xr, expand);
      const fe = fn(xe);
      if (fe < fr) {
        simplex[worst] = xe;
        f[worst] = fe;
      } else {
        simplex[worst] = xr;
        f[worst] = fr;
      }
      continue;
    }
    if (f[second] <= fr && fr < f[worst]) {
      const xc = combine(centroid, xr, contract);
      const fc = fn(xc);
      if (fc <= fr) {
        simplex[worst] = xc;
        f[worst] = fc;
        continue;
      }
    } else {
      const xc = combine(centroid, xr, -contract);
      const fc = fn(xc);
      if (fc < f[worst]) {
        simplex[worst] = xc;
        f[worst] = fc;
        continue;
      }
    }
    for (const j of order.slice(1)) {
      simplex[j] = combine(simplex[best], simplex[j], shrink);
      f[j] = fn(simplex[j]);
    }
  }
  let best = 0;
  for (let j = 1; j <= n; j++) if (f[j] < f[best]) best = j;
  return simplex[best];
}

/** One form (error 1/2, trend 0/1, damped) with additive season m, estimated as statsforecast does. */
function fitForm(y: Float64Array, m: number, error: 1 | 2, trend: 0 | 1, damped: boolean, h: number): SfEtsFit | null {
  const upper = upperBounds(m);
  const alpha0 = LOWER[0] + (0.2 * (upper[0] - LOWER[0])) / m;
  const beta0 = LOWER[1] + 0.1 * (upper[1] - LOWER[1]);
  const gamma0 = LOWER[2] + 0.05 * (upper[2] - LOWER[2]);
  const phi0 = LOWER[3] + 0.99 * (upper[3] - LOWER[3]);
  const init = initialState(y, trend, 1, m);
  const starts = [alpha0, ...(trend ? [beta0] : []), gamma0, ...(damped ? [phi0] : [])];
  const bounds = [0, ...(trend ? [1] : []), 2, ...(damped ? [3] : [])];
  const nFree = starts.length;
  const np = nFree + init.length;
  if (np >= y.length - 1) return null;
  const x0 = new Float64Array(np);
  x0.set(starts);
  x0.set(init, nFree);
  const lo = new Float64Array(np).fill(-Infinity);
  const hi = new Float64Array(np).fill(Infinity);
  bounds.forEach((b, i) => {
    lo[i] = LOWER[b];
    hi[i] = upper[b];
  });
  const model: EtsKernelModel = { error, trend, season: 1, m, alpha: 0, beta: 0, gamma: 0, phi: 1 };
  const state = new Float64Array(init.length + 1);
  const ws = createWorkspace(m, 3);
  const decode = (par: Float64Array) => {
    let k = 0;
    model.alpha = par[k++];
    model.beta = trend ? par[k++] : 0;
    model.gamma = par[k++];
    model.phi = damped ? par[k++] : 1;
    let sum = 0;
    for (let i = 0; i < init.length; i++) {
      state[i] = par[nFree + i];
      if (i >= 1 + trend) sum += state[i];
    }
    state[init.length] = -sum;
  };
  const objective = (par: Float64Array) => {
    decode(par);
    let lik = etsLikelihoodOnly(y, model, state, ws.ring);
    if (lik < -1e10) lik = -1e10;
    // statsforecast maps an undefined likelihood to -inf (kept, so that the same candidates fail the same way)
    return Number.isNaN(lik) ? -Infinity : lik;
  };
  const best = nelderMeadBox(objective, x0, lo, hi);
  decode(best);
  const n = y.length;
  const e = new Float64Array(n);
  const fits = new Float64Array(n);
  const last = new Float64Array(state.length);
  const pass = etsLikelihood(y, model, state, ws, 3, e, fits, last);
  if (!Number.isFinite(pass.lik)) return null;
  const { aicc } = informationCriteria(pass.lik, np + 1, n);
  const residuals = new Float64Array(n);
  for (let t = 0; t < n; t++) residuals[t] = y[t] - fits[t];
  const form = `${error === 1 ? 'A' : 'M'}${trend ? (damped ? 'Ad' : 'A') : 'N'}A`;
  return {
    form,
    aicc,
    params: { alpha: model.alpha, beta: model.beta, gamma: model.gamma, phi: model.phi },
    mean: etsPointForecast(model, last, h),
    residuals,
  };
}

/**
 * statsforecast's `AutoETS(season_length=m, model='ZZA')` on one series (m >= 2, more than m values): the
 * candidate with the smallest AICc. Returns null when no candidate can be fitted.
 *
 * @example
 * sfAutoEtsZZA(Float64Array.from({ length: 40 }, (_, t) => 10 + (t % 4)), 4, 8)?.form // 'ANA'
 */
export function sfAutoEtsZZA(y: Float64Array, m: number, h: number): SfEtsFit | null {
  let positive = true;
  for (const v of y) if (!(v > 0)) positive = false;
  let best: SfEtsFit | null = null;
  for (const error of [1, 2] as const) {
    if (error === 2 && !positive) continue;
    for (const trend of [0, 1] as const) {
      for (const damped of trend ? [true, false] : [false]) {
        const fit = fitForm(y, m, error, trend, damped, h);
        if (fit && Number.isFinite(fit.aicc) && (!best || fit.aicc < best.aicc)) best = fit;
      }
    }
  }
  return best;
}
