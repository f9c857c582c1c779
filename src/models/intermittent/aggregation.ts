/**
 * Temporal aggregation for intermittent demand. ADIDA (Nikolopoulos, Syntetos, Boylan, Petropoulos &
 * Assimakopoulos 2011, JORS 62): sum the series over non-overlapping blocks of k periods, with k the rounded
 * average inter-demand interval, so that most blocks hold a demand; forecast the block totals by simple
 * exponential smoothing (weight chosen in [0.1, 0.3] by least squares) and spread the forecast evenly over
 * the k periods. IMAPA (Petropoulos & Kourentzes 2015, JORS 66): the mean of the ADIDA forecasts over every
 * k = 1..K. Mirrors statsforecast's `ADIDA` and `IMAPA` (the oldest n mod k periods are dropped so the last
 * block ends at the last observation; k is rounded half to even, as numpy's `rint`).
 */
import { ForesightError } from '../../core/errors.js';
import type { ModelDefinition, ModelSpec, SeriesData } from '../types.js';
import { demandHistory } from './demand.js';
import { checkDemand, intermittentFit, type IntermittentFit, intermittentForecast } from './shared.js';
import { optimizedSmoothLevel } from './simple-smoothing.js';

/** Spec of `adida` / `imapa`: no options. */
export type AggregationSpec = ModelSpec;

/** Forecast per period and in-sample fits from one aggregation level. */
export interface AggregateForecast {
  /** Per-period forecast: the SES forecast of block totals divided by k. */
  forecast: number;
  /** Per-period one-step fits: each block's SES fit divided by k, NaN for the dropped and first blocks. */
  fitted: Float64Array;
  alpha: number;
}

/**
 * Aggregates `y` into blocks of `k` (dropping the oldest n mod k values), smooths the block totals with the
 * least-squares weight in [0.1, 0.3], and returns the per-period forecast. Throws ForesightError
 * ('invalid_argument') when k is not an integer in [1, n].
 *
 * @example
 * aggregateForecast(Float64Array.of(0, 2, 0, 2, 0, 2), 2).forecast // 1  (blocks 2, 2, 2; SES gives 2; / 2)
 */
export function aggregateForecast(y: ArrayLike<number>, k: number): AggregateForecast {
  const n = y.length;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) {
    throw new ForesightError(
      'invalid_argument',
      `aggregation level ${k} is not an integer between 1 and the series length ${n}`,
    );
  }
  const blocks = Math.floor(n / k);
  const offset = n - blocks * k;
  const totals = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += y[offset + b * k + i];
    totals[b] = sum;
  }
  const smoothed = optimizedSmoothLevel(totals, 0.1, 0.3);
  const fitted = new Float64Array(n).fill(NaN);
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < k; i++) fitted[offset + b * k + i] = smoothed.fitted[b] / k;
  }
  return { forecast: smoothed.level / k, fitted, alpha: smoothed.alpha };
}

/**
 * The ADIDA aggregation level: the average inter-demand interval rounded half to even, at least 1 and at
 * most n (statsforecast: `rint(mean(intervals))`). 1 for a series without demand.
 *
 * @example
 * aggregationLevel(Float64Array.of(0, 0, 3, 0, 0, 1)) // 3
 */
export function aggregationLevel(y: ArrayLike<number>): number {
  const { intervals } = demandHistory(y);
  if (intervals.length === 0) return 1;
  let mean = 0;
  for (const v of intervals) mean += v;
  mean /= intervals.length;
  return Math.min(y.length, Math.max(1, roundHalfEven(mean)));
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Fits ADIDA. Throws ForesightError('too_short') for fewer than 2 observations, ('invalid_input') for
 * negative or non-finite demand.
 *
 * @example
 * fitAdida(Float64Array.of(0, 0, 3, 0, 0, 3, 0, 0, 3)).state.forecast // 1 (k = 3, every block totals 3)
 */
export function fitAdida(y: Float64Array): IntermittentFit {
  checkDemand('adida', y);
  const k = aggregationLevel(y);
  const result = aggregateForecast(y, k);
  return intermittentFit(
    'adida',
    {},
    y,
    result.fitted,
    { alpha: result.alpha, aggregation: k },
    {
      forecast: result.forecast,
      alpha: result.alpha,
    },
  );
}

/**
 * Fits IMAPA: the mean over k = 1..K (K the ADIDA level) of the aggregate forecasts; fitted values are the
 * mean of the levels' fits where defined. Throws as {@link fitAdida}.
 *
 * @example
 * fitImapa(Float64Array.of(0, 0, 3, 0, 0, 3, 0, 0, 3)).params.levels // 3
 */
export function fitImapa(y: Float64Array): IntermittentFit {
  checkDemand('imapa', y);
  const maxLevel = aggregationLevel(y);
  const n = y.length;
  const sums = new Float64Array(n);
  const counts = new Float64Array(n);
  let forecast = 0;
  let alpha = 0;
  for (let k = 1; k <= maxLevel; k++) {
    const result = aggregateForecast(y, k);
    forecast += result.forecast;
    alpha += result.alpha;
    for (let t = 0; t < n; t++) {
      if (!Number.isNaN(result.fitted[t])) {
        sums[t] += result.fitted[t];
        counts[t]++;
      }
    }
  }
  const fitted = new Float64Array(n);
  for (let t = 0; t < n; t++) fitted[t] = counts[t] === maxLevel ? sums[t] / counts[t] : NaN;
  return intermittentFit(
    'imapa',
    {},
    y,
    fitted,
    { levels: maxLevel },
    {
      forecast: forecast / maxLevel,
      alpha: alpha / maxLevel,
    },
  );
}

function noOption(model: string, option: string | undefined): AggregationSpec {
  if (option !== undefined && option !== '') {
    throw new ForesightError('invalid_argument', `model "${model}" takes no option, but got "${model}:${option}"`, {
      value: option,
    });
  }
  return {};
}

/** `adida` in the registry. */
export const ADIDA: ModelDefinition<AggregationSpec, IntermittentFit> = {
  name: 'adida',
  description: 'ADIDA: SES on demand aggregated over the average inter-demand interval, spread back evenly.',
  parse: (option) => noOption('adida', option),
  minLength: () => 2,
  fit: (series: SeriesData) => fitAdida(series.y),
  forecast: intermittentForecast,
};

/** `imapa` in the registry. */
export const IMAPA: ModelDefinition<AggregationSpec, IntermittentFit> = {
  name: 'imapa',
  description: 'IMAPA: mean of the ADIDA forecasts over every aggregation level 1..K.',
  parse: (option) => noOption('imapa', option),
  minLength: () => 2,
  fit: (series: SeriesData) => fitImapa(series.y),
  forecast: intermittentForecast,
};
