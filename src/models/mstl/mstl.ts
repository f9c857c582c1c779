/**
 * The `mstl` model, as R forecast's `forecast(mstl(y))` (`forecast.mstl` → `forecast.stl`): decompose with
 * MSTL, forecast the seasonally adjusted series (trend + remainder) with a non-seasonal model — ETS with
 * automatic selection of error and trend (R's `etsmodel = "ZZN"`) by default — and add each seasonal
 * component carried forward (its last period repeated, a seasonal naive forecast). Intervals are those of the
 * adjusted-series model shifted by the seasonal forecast (the seasonal parts are treated as known, as in R).
 *
 * Registry names: `mstl` (season lengths from the series: `seasonLengths`, else `seasonLength`), `mstl:24,168`
 * (explicit season lengths), `mstl:24,168,trend=theta:otm` (another model for the adjusted series; the name
 * after `trend=` is any family that does not wrap another model: see families.ts).
 */
import { ForesightError } from '../../core/errors.js';
import type { Rng } from '../../core/random.js';
import { SINGLE_FAMILIES } from '../families.js';
import { resolveAmong, type ResolvedModel } from '../model-name.js';
import type { Fit, Forecast, ModelDefinition, ModelSpec, SeriesData } from '../types.js';
import { mstlDecompose } from './decompose.js';

/** Spec of `mstl`. */
export interface MstlSpec extends ModelSpec {
  /** Season lengths; null takes them from the series. */
  seasonLengths: number[] | null;
  /** Registry name of the model for the seasonally adjusted series. */
  trendModel: string;
}

/** What an `mstl` `Fit.state` holds. */
export interface MstlState {
  seasonLengths: number[];
  /** The last period of each seasonal component (same order as `seasonLengths`). */
  lastSeasons: number[][];
  trendModel: string;
  /** The fit of the adjusted-series model. */
  inner: Fit;
}

/** A fitted MSTL model. */
export type MstlFit = Fit<MstlState>;

/** Default model for the seasonally adjusted series: ETS restricted to non-seasonal forms (R's "ZZN"). */
export const DEFAULT_TREND_MODEL = 'ets:ZZN';

/** The adjusted series' model: any family that does not wrap another model (families.ts), by registry name. */
function resolveTrendModel(name: string): ResolvedModel {
  return resolveAmong(SINGLE_FAMILIES, name, { code: 'invalid_argument', what: 'mstl: trend model' });
}

/**
 * Parses `mstl` options: comma-separated season lengths, optionally followed by `trend=<model>` (the rest of
 * the text). Throws ForesightError('invalid_argument') naming the bad part.
 *
 * @example
 * parseMstlOption('24,168,trend=theta:otm') // { seasonLengths: [24, 168], trendModel: 'theta:otm' }
 */
export function parseMstlOption(option: string | undefined): MstlSpec {
  if (option === undefined || option.trim() === '') return { seasonLengths: null, trendModel: DEFAULT_TREND_MODEL };
  const text = option.trim();
  const at = text.indexOf('trend=');
  const seasonsText = at < 0 ? text : text.slice(0, at);
  const trendModel = at < 0 ? DEFAULT_TREND_MODEL : text.slice(at + 'trend='.length).trim();
  if (trendModel === '')
    throw new ForesightError('invalid_argument', `mstl option "${option}": trend= names no model`, { value: option });
  const parts = seasonsText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const seasonLengths = parts.map((s) => {
    const m = Number(s);
    if (!Number.isInteger(m) || m < 1) {
      throw new ForesightError(
        'invalid_argument',
        `mstl option "${option}": season length "${s}" is not a positive integer`,
        { value: option },
      );
    }
    return m;
  });
  resolveTrendModel(trendModel);
  return { seasonLengths: seasonLengths.length > 0 ? seasonLengths : null, trendModel };
}

/**
 * The registry name of a fitted MSTL: `mstl:24,168` for its season lengths, plain `mstl` when the decomposition
 * kept no season (m = 1, or seasons the series is too short for), where the name was `mstl:`, which names nothing.
 */
function mstlName(seasonLengths: readonly number[]): string {
  return seasonLengths.length > 0 ? `mstl:${seasonLengths.join(',')}` : 'mstl';
}

/**
 * Fits `mstl`. Throws ForesightError('invalid_input') for non-finite data, ('too_short') for fewer than 4
 * observations, and whatever the adjusted-series model throws.
 *
 * @example
 * const y = Float64Array.from({ length: 24 * 14 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 24));
 * fitMstl({ y, seasonLength: 24 }, parseMstlOption('24')).model // 'mstl:24'
 */
export function fitMstl(series: SeriesData, spec: MstlSpec): MstlFit {
  const y = series.y;
  const n = y.length;
  if (n < 4) throw new ForesightError('too_short', `mstl needs at least 4 observations but the series has ${n}`);
  const asked = spec.seasonLengths ?? (series.seasonLengths ? [...series.seasonLengths] : [series.seasonLength]);
  const d = mstlDecompose(y, asked);
  const adjusted = new Float64Array(n);
  for (let t = 0; t < n; t++) adjusted[t] = d.trend[t] + d.remainder[t];
  const trend = resolveTrendModel(spec.trendModel);
  const inner = trend.definition.fit({ y: adjusted, seasonLength: 1 }, trend.spec);
  const seasonalSum = new Float64Array(n);
  for (const s of d.seasonals) for (let t = 0; t < n; t++) seasonalSum[t] += s[t];
  const fitted = new Array<number>(n);
  const residuals = new Array<number>(n);
  for (let t = 0; t < n; t++) {
    fitted[t] = inner.fitted[t] + seasonalSum[t];
    residuals[t] = y[t] - fitted[t];
  }
  const lastSeasons = d.seasonals.map((s, i) => Array.from(s.subarray(n - d.seasonLengths[i])));
  const state: MstlState = { seasonLengths: d.seasonLengths, lastSeasons, trendModel: spec.trendModel, inner };
  return {
    model: mstlName(d.seasonLengths),
    spec: { seasonLengths: d.seasonLengths, trendModel: spec.trendModel },
    nobs: n,
    params: { ...inner.params },
    state,
    fitted,
    residuals,
    sigma2: inner.sigma2,
    loglik: null,
    aic: null,
    aicc: null,
    bic: null,
    details: {
      trendModel: inner.model,
      seasonLengths: d.seasonLengths,
      dropped: d.dropped,
      ...(inner.details ? { inner: inner.details } : {}),
    },
  };
}

function stateOf(fit: MstlFit): MstlState {
  const s = fit.state;
  if (!s || typeof s !== 'object' || !Array.isArray(s.lastSeasons) || !s.inner) {
    throw new ForesightError('invalid_argument', `fit of ${fit.model} is not an mstl fit`);
  }
  return s;
}

/** Sum of the seasonal components carried forward for steps 1..h. */
function seasonalForecast(s: MstlState, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  for (const last of s.lastSeasons) {
    const m = last.length;
    for (let h = 0; h < horizon; h++) out[h] += last[h % m];
  }
  return out;
}

/**
 * Forecast of the adjusted-series model plus the seasonal components carried forward (mean and bounds).
 * Throws ForesightError('invalid_argument') for a non-mstl fit, and what the inner model throws.
 *
 * @example
 * forecastMstl(fitMstl({ y, seasonLength: 24, seasonLengths: [24, 168] }, parseMstlOption(undefined)), 48, [95]).mean.length // 48
 */
export function forecastMstl(fit: MstlFit, horizon: number, levels: readonly number[]): Forecast {
  const s = stateOf(fit);
  const { definition } = resolveTrendModel(s.trendModel);
  const inner = definition.forecast(s.inner, horizon, levels);
  const seasonal = seasonalForecast(s, horizon);
  for (const values of [inner.mean, ...inner.lower, ...inner.upper]) {
    for (let h = 0; h < horizon; h++) values[h] += seasonal[h];
  }
  return inner;
}

/**
 * Sample paths of the adjusted-series model plus the seasonal forecast. Throws ForesightError('invalid_argument')
 * when the adjusted-series model cannot simulate.
 *
 * @example
 * simulateMstl(fit, 48, 200, createRng(3)).length // 200
 */
export function simulateMstl(fit: MstlFit, horizon: number, count: number, rng: Rng): Float64Array[] {
  const s = stateOf(fit);
  const { definition } = resolveTrendModel(s.trendModel);
  if (!definition.simulate) {
    throw new ForesightError('invalid_argument', `mstl: trend model ${s.trendModel} cannot simulate sample paths`);
  }
  const seasonal = seasonalForecast(s, horizon);
  const paths = definition.simulate(s.inner, horizon, count, rng);
  for (const path of paths) for (let h = 0; h < horizon; h++) path[h] += seasonal[h];
  return paths;
}

/** `mstl` in the registry. */
export const MSTL: ModelDefinition<MstlSpec, MstlFit> = {
  name: 'mstl',
  description:
    'MSTL: several seasonal components (mstl:24,168) carried forward, ETS (ZZN) on the adjusted series; trend=<model> to change.',
  parse: parseMstlOption,
  minLength: () => 4,
  fit: fitMstl,
  forecast: forecastMstl,
  simulate: simulateMstl,
};
