/**
 * The M4 exponential-smoothing benchmarks, composed from the ETS kernel and the M4 seasonal adjustment:
 * `ses` = R's `ses()` = ETS(A,N,N) fitted by in-sample MSE, `holt` = `holt()` = ETS(A,A,N) by MSE,
 * `damped` = `holt(damped = TRUE)` = ETS(A,Ad,N) by MSE, and `comb` = the mean of the three point forecasts
 * (M4's "Comb S-H-D"). All four work on the seasonally adjusted series when the M4 test finds seasonality.
 * `comb`'s intervals average the members' bounds (quantile averaging), an addition of ours: M4 gave none.
 */
import { fitEts, forecastEts, type EtsFit } from '../ets/ets.js';
import type { Fit, Forecast, ModelDefinition } from '../types.js';
import { seasonallyAdjusted } from '../seasonal-adjustment.js';
import { closedFormFit } from './shared.js';

type Trend = 'none' | 'linear' | 'damped';

/**
 * Fits ETS with additive error, no season and the given trend by MSE, as R's `ses()` / `holt()`.
 *
 * @example
 * fitSmoothing(Float64Array.of(10, 12, 11, 13, 12, 14, 13, 15, 14, 16), 'none').model // 'ets:ANN'
 */
export function fitSmoothing(y: Float64Array, trend: Trend): EtsFit {
  return fitEts(y, {
    error: 'A',
    trend: trend === 'none' ? 'N' : 'A',
    damped: trend === 'damped',
    season: 'N',
    seasonLength: 1,
    optCrit: 'mse',
  });
}

export const SES = seasonallyAdjusted(
  'ses',
  'M4 SES: simple exponential smoothing by MSE (R ses()) on the seasonally adjusted series.',
  6,
  (y) => fitSmoothing(y, 'none'),
  forecastEts,
);

export const HOLT = seasonallyAdjusted(
  'holt',
  "M4 Holt: Holt's linear trend by MSE (R holt()) on the seasonally adjusted series.",
  8,
  (y) => fitSmoothing(y, 'linear'),
  forecastEts,
);

export const DAMPED = seasonallyAdjusted(
  'damped',
  'M4 Damped: damped trend by MSE (R holt(damped = TRUE)) on the seasonally adjusted series.',
  9,
  (y) => fitSmoothing(y, 'damped'),
  forecastEts,
);

/** Fit of `comb`: the three member fits on the same (adjusted) series. */
type CombFit = Fit<{ members: EtsFit[] }>;

function fitComb(y: Float64Array): CombFit {
  const members = (['none', 'linear', 'damped'] as const).map((t) => fitSmoothing(y, t));
  const fitted = members[0].fitted.map(
    (_, t) => (members[0].fitted[t] + members[1].fitted[t] + members[2].fitted[t]) / 3,
  );
  const params = Object.fromEntries(
    members.flatMap((m) => Object.entries(m.params).map(([k, v]) => [`${m.model.slice(4)}.${k}`, v])),
  );
  const fit = closedFormFit('comb', y, Float64Array.from(fitted), NaN, params, { members });
  return { ...fit, details: { members: members.map((m) => m.model) } };
}

function forecastComb(fit: CombFit, horizon: number, levels: readonly number[]): Forecast {
  const members = fit.state.members.map((m) => forecastEts(m, horizon, levels));
  const average = (pick: (f: Forecast) => Float64Array) => {
    const out = new Float64Array(horizon);
    for (const f of members) {
      const a = pick(f);
      for (let h = 0; h < horizon; h++) out[h] += a[h] / members.length;
    }
    return out;
  };
  return {
    mean: average((f) => f.mean),
    levels: [...levels],
    lower: levels.map((_, i) => average((f) => f.lower[i])),
    upper: levels.map((_, i) => average((f) => f.upper[i])),
  };
}

export const COMB = seasonallyAdjusted(
  'comb',
  'M4 Comb S-H-D: mean of SES, Holt and damped forecasts on the seasonally adjusted series.',
  9,
  fitComb,
  forecastComb,
);

export const SMOOTHING_MODELS: readonly ModelDefinition[] = [SES, HOLT, DAMPED, COMB];
