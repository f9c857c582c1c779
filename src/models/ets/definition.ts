/**
 * The `ets` registry family: `ets` (or `ets:ZZZ`) selects the form automatically by AICc; `ets:AAdM`, `ets:MNN`,
 * ... fit one form; `Z` in any position leaves that component to the selection (`ets:ZZN`, `ets:MZdZ`).
 */
import { ForesightError, isForesightError } from '../../core/errors.js';
import type { Rng } from '../../core/random.js';
import type { Forecast, ModelDefinition, SeriesData } from '../types.js';
import { autoEts } from './auto.js';
import { forecastEts, type EtsFit } from './ets.js';
import { simulateEts } from './simulate.js';

/**
 * Spec of the `ets` family: each component fixed or 'Z' (automatic); damped null = try both. `maxEvaluations`
 * (absent from parsed specs: R's 2000) bounds the Nelder–Mead evaluations of each form; the ensemble's member sets it.
 */
export interface EtsSpec {
  [key: string]: string | number | boolean | null;
  error: 'Z' | 'A' | 'M';
  trend: 'Z' | 'N' | 'A';
  damped: boolean | null;
  season: 'Z' | 'N' | 'A' | 'M';
}

const FORM = /^([AMZ])([NAZ])(d?)([NAMZ])$/;

/**
 * Parses the option text of `ets:<form>`: error A/M/Z, trend N/A/Z with an optional `d` for damped, season
 * N/A/M/Z. Absent means `ZZZ`. Throws ForesightError('invalid_argument') naming the bad text.
 *
 * @example
 * parseEtsOption('AAdM') // { error: 'A', trend: 'A', damped: true, season: 'M' }
 */
export function parseEtsOption(option: string | undefined): EtsSpec {
  if (option === undefined || option.trim() === '') return { error: 'Z', trend: 'Z', damped: null, season: 'Z' };
  const match = FORM.exec(option.trim());
  if (!match) {
    throw new ForesightError(
      'invalid_argument',
      `ets option "${option}" is not a form like AAdM, MNN or ZZZ (error A/M/Z, trend N/A/Z with optional d, season N/A/M/Z)`,
      { value: option },
    );
  }
  const [, error, trend, d, season] = match;
  if (d && trend === 'N')
    throw new ForesightError('invalid_argument', `ets option "${option}": a damped form needs a trend`, {
      value: option,
    });
  const damped = d ? true : trend === 'Z' ? null : false;
  return {
    error: error as EtsSpec['error'],
    trend: trend as EtsSpec['trend'],
    damped,
    season: season as EtsSpec['season'],
  };
}

/**
 * Fits the `ets` family to a series. The requested components restrict the automatic selection; when the
 * requested form cannot be fitted to this series (too short, not strictly positive for a multiplicative form,
 * seasonal form on non-seasonal data), the fully automatic selection is used instead and the reason is
 * recorded in `details.fallback`. Season lengths above 24 are handled by seasonal adjustment (see `autoEts`).
 * Throws ForesightError('invalid_input') for an empty series or non-finite values.
 *
 * @example
 * fitEtsSeries({ y: Float64Array.from({ length: 40 }, (_, t) => 10 + t), seasonLength: 1 }, parseEtsOption('AAN')).model // 'ets:AAN'
 */
export function fitEtsSeries(series: SeriesData, spec: EtsSpec): EtsFit {
  // the caller's Nelder–Mead budget (the fusion member asks for optim's 500), for the requested forms and the fallback
  const budget = typeof spec.maxEvaluations === 'number' ? { maxEvaluations: spec.maxEvaluations } : {};
  const options = {
    seasonLength: series.seasonLength,
    error: spec.error,
    trend: spec.trend,
    season: spec.season,
    damped: spec.damped === null ? undefined : spec.damped,
    ...budget,
  };
  const restricted = spec.error !== 'Z' || spec.trend !== 'Z' || spec.season !== 'Z' || spec.damped !== null;
  if (!restricted) return autoEts(series.y, options);
  try {
    const fit = autoEts(series.y, options);
    const rule = fit.details?.rule;
    if (!(typeof rule === 'string' && rule.startsWith('no candidate'))) return fit;
    throw new ForesightError('too_short', 'none of the requested forms could be fitted');
  } catch (e) {
    if (!isForesightError(e) || (e.code === 'invalid_input' && series.y.length > 0 && !series.y.every(Number.isFinite)))
      throw e;
    // with the same budget: a window refit of the member that fell back to R's 2000 would cost four times as much
    const fit = autoEts(series.y, { seasonLength: series.seasonLength, ...budget });
    return {
      ...fit,
      details: {
        ...(fit.details ?? {}),
        fallback: `requested ets form could not be fitted (${e.message}); automatic selection used`,
      },
    };
  }
}

/** The `ets` model family for the registry. */
export const ETS_MODEL: ModelDefinition<EtsSpec, EtsFit> = {
  name: 'ets',
  description:
    'Exponential smoothing state-space models (ETS), form selected by AICc like R forecast::ets; ets:AAdM etc. for one form.',
  parse: parseEtsOption,
  minLength: () => 1,
  fit: fitEtsSeries,
  forecast: (fit: EtsFit, horizon: number, levels: readonly number[]): Forecast => forecastEts(fit, horizon, levels),
  simulate: (fit: EtsFit, horizon: number, count: number, rng: Rng): Float64Array[] =>
    simulateEts(fit, horizon, count, rng),
};
