/**
 * TSB (Teunter, Syntetos & Babai 2011, "Intermittent demand: linking forecasting to inventory
 * obsolescence", EJOR 214): the probability of a demand occurring is smoothed every period,
 * p_t = p_{t-1} + alpha_p (1[y_t > 0] - p_{t-1}), the demand size only when a demand occurs,
 * z_t = z_{t-1} + alpha_d (y_t - z_{t-1}); the forecast is p_t z_t. Starts as statsforecast's `TSB`:
 * p at the first period's indicator, z at the first demand size.
 */
import { ForesightError } from '../../core/errors.js';
import type { ModelDefinition, ModelSpec, SeriesData } from '../types.js';
import { checkDemand, intermittentFit, type IntermittentFit, intermittentForecast, parseWeight } from './shared.js';

/** Spec of `tsb` (`tsb:alphaD,alphaP`). */
export interface TsbSpec extends ModelSpec {
  /** Smoothing weight of the demand size. Default 0.1. */
  alphaDemand: number;
  /** Smoothing weight of the demand probability. Default 0.1. */
  alphaProbability: number;
}

/**
 * Fits TSB. fitted[t] is the forecast made at t-1 (0 before the first demand).
 * Throws ForesightError('too_short') for fewer than 2 observations and ('invalid_input') for negative or
 * non-finite demand.
 *
 * @example
 * fitTsb(Float64Array.of(0, 4, 0, 0), { alphaDemand: 0.1, alphaProbability: 0.5 }).state.forecast
 * // 0.5  (p: 0 -> 0.5 -> 0.25 -> 0.125, z = 4)
 */
export function fitTsb(y: Float64Array, spec: TsbSpec): IntermittentFit {
  checkDemand('tsb', y);
  const { alphaDemand: ad, alphaProbability: ap } = spec;
  const n = y.length;
  const fitted = new Float64Array(n);
  fitted[0] = NaN;
  let probability = y[0] > 0 ? 1 : 0;
  let size = y[0] > 0 ? y[0] : NaN;
  for (let t = 1; t < n; t++) {
    fitted[t] = Number.isNaN(size) ? 0 : probability * size;
    const occurred = y[t] > 0 ? 1 : 0;
    probability += ap * (occurred - probability);
    if (occurred) size = Number.isNaN(size) ? y[t] : size + ad * (y[t] - size);
  }
  const forecast = Number.isNaN(size) ? 0 : probability * size;
  return intermittentFit(
    'tsb',
    { ...spec },
    y,
    fitted,
    { alphaDemand: ad, alphaProbability: ap },
    { forecast, alpha: Math.max(ad, ap) },
    { probability, size: Number.isNaN(size) ? 0 : size },
  );
}

function parseTsb(option: string | undefined): TsbSpec {
  if (option === undefined || option === '') return { alphaDemand: 0.1, alphaProbability: 0.1 };
  const parts = option.split(',');
  if (parts.length !== 2) {
    throw new ForesightError(
      'invalid_argument',
      `tsb: option "${option}" should be "alphaDemand,alphaProbability", e.g. tsb:0.1,0.05`,
      { value: option },
    );
  }
  return { alphaDemand: parseWeight('tsb', parts[0]), alphaProbability: parseWeight('tsb', parts[1]) };
}

/** `tsb` in the registry. */
export const TSB: ModelDefinition<TsbSpec, IntermittentFit> = {
  name: 'tsb',
  description: 'Teunter–Syntetos–Babai: smoothed demand probability times smoothed demand size (tsb:alphaD,alphaP).',
  parse: parseTsb,
  minLength: () => 2,
  fit: (series: SeriesData, spec: TsbSpec) => fitTsb(series.y, spec),
  forecast: intermittentForecast,
};
