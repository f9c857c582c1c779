/**
 * Frontier training compute over time (the largest training run published so far, Epoch AI's "frontier"
 * notion, Sevilla et al. 2022 "Compute Trends Across Three Eras of Machine Learning"), forecast on the log10
 * scale with any model of Foresight's registry, and the date the frontier crosses a threshold such as 1e27 FLOP.
 */
import { ForesightError } from '../core/errors.js';
import type { ModelDefinition, ModelSpec } from '../models/types.js';

/** The frontier sampled at regular period ends. */
export interface FrontierSeries {
  /** Period ends as decimal years. */
  time: number[];
  /** log10 of the largest training compute published up to each period end. */
  log10Flop: Float64Array;
  /** The model holding the frontier at each period end. */
  leader: string[];
}

/**
 * Running maximum of training compute at period ends start + k·stepYears, from the first period end with a known
 * run up to the last period end not after the latest run. Records with missing date or compute are skipped.
 * Throws ForesightError('invalid_argument') for a non-positive step, ('too_short') with fewer than 3 periods.
 *
 * @example
 * frontierSeries(models.year, models.trainingFlop, models.model, 2010, 0.25).time[0] // 2010.25
 */
export function frontierSeries(
  year: ArrayLike<number>,
  trainingFlop: ArrayLike<number>,
  model: readonly string[],
  start = 2010,
  stepYears = 0.25,
): FrontierSeries {
  if (!(stepYears > 0))
    throw new ForesightError('invalid_argument', `frontierSeries: step ${stepYears} years must be positive`);
  const runs: [number, number, string][] = [];
  let last = -Infinity;
  for (let i = 0; i < year.length; i++) {
    if (Number.isFinite(year[i]) && trainingFlop[i] > 0) {
      runs.push([year[i], trainingFlop[i], model[i] ?? '']);
      last = Math.max(last, year[i]);
    }
  }
  runs.sort((a, b) => a[0] - b[0]);
  const time: number[] = [],
    values: number[] = [],
    leader: string[] = [];
  let best = -Infinity,
    who = '',
    j = 0;
  for (let k = 1; start + k * stepYears <= last + 1e-9; k++) {
    const t = start + k * stepYears;
    while (j < runs.length && runs[j][0] <= t) {
      if (runs[j][1] > best) {
        best = runs[j][1];
        who = runs[j][2];
      }
      j++;
    }
    if (best > 0) {
      time.push(t);
      values.push(Math.log10(best));
      leader.push(who);
    }
  }
  if (time.length < 3)
    throw new ForesightError(
      'too_short',
      `frontierSeries: ${time.length} periods with known compute from ${start}; need at least 3`,
    );
  return { time, log10Flop: Float64Array.from(values), leader };
}

/** A registry model: its definition and spec (what `resolveModel(name)` returns). */
export interface TrendModel {
  name: string;
  definition: ModelDefinition;
  spec: ModelSpec;
}

/** A forecast of the frontier and when it crosses the threshold. */
export interface TrendForecast {
  model: string;
  /** Forecast period ends and the log10 FLOP mean and bounds per level. */
  time: number[];
  mean: number[];
  levels: number[];
  lower: number[][];
  upper: number[][];
  /** Average growth of the forecast mean, as a factor per year. */
  growthPerYear: number;
  /** The threshold in FLOP and its crossing date: by the mean, and the interval from the upper (earliest) and
   *  lower (latest) bounds of the widest level; null when not crossed within the horizon; `observed` when the
   *  frontier had already crossed it. */
  crossing: {
    threshold: number;
    observed: number | null;
    mean: number | null;
    earliest: number | null;
    latest: number | null;
    level: number;
  };
}

function firstCrossing(
  time: number[],
  lastTime: number,
  lastValue: number,
  values: ArrayLike<number>,
  target: number,
): number | null {
  let t0 = lastTime,
    v0 = lastValue;
  for (let i = 0; i < values.length; i++) {
    const v1 = values[i];
    if (v1 >= target) return v1 === v0 ? time[i] : t0 + ((target - v0) / (v1 - v0)) * (time[i] - t0);
    t0 = time[i];
    v0 = v1;
  }
  return null;
}

/**
 * Fits `model` to the log10 frontier (as a non-seasonal series) and forecasts `horizon` periods, reporting the
 * date (decimal year, linear interpolation between period ends) at which mean, upper and lower bound reach
 * log10(threshold). Throws ForesightError('invalid_argument') for a non-positive threshold or horizon; model
 * errors (too_short, not_converged) propagate.
 *
 * @example
 * frontierTrend(series, resolveModel('drift'), 40, [80, 95], 1e27).crossing.mean // ≈ 2026 on the notable-models data
 */
export function frontierTrend(
  series: FrontierSeries,
  model: TrendModel,
  horizon: number,
  levels: readonly number[] = [80, 95],
  threshold = 1e27,
): TrendForecast {
  if (!(horizon >= 1) || !Number.isInteger(horizon))
    throw new ForesightError('invalid_argument', `frontierTrend: horizon ${horizon} must be a positive integer`);
  if (!(threshold > 0))
    throw new ForesightError('invalid_argument', `frontierTrend: threshold ${threshold} must be positive`);
  const step = series.time[1] - series.time[0];
  const spec = model.definition.withHorizon ? model.definition.withHorizon(model.spec, horizon) : model.spec;
  const fit = model.definition.fit({ y: series.log10Flop, seasonLength: 1 }, spec);
  const fc = model.definition.forecast(fit, horizon, levels);
  const lastTime = series.time[series.time.length - 1];
  const lastValue = series.log10Flop[series.log10Flop.length - 1];
  const time = Array.from({ length: horizon }, (_, i) => lastTime + (i + 1) * step);
  const target = Math.log10(threshold);
  const widest = fc.levels.indexOf(Math.max(...fc.levels));
  let observed: number | null = null;
  for (let i = 0; i < series.time.length; i++)
    if (series.log10Flop[i] >= target) {
      observed = series.time[i];
      break;
    }
  const mean = Array.from(fc.mean);
  return {
    model: model.name,
    time,
    mean,
    levels: fc.levels,
    lower: fc.lower.map((a) => Array.from(a)),
    upper: fc.upper.map((a) => Array.from(a)),
    growthPerYear: 10 ** ((mean[horizon - 1] - lastValue) / (horizon * step)),
    crossing: {
      threshold,
      observed,
      mean: observed ?? firstCrossing(time, lastTime, lastValue, mean, target),
      earliest: observed ?? firstCrossing(time, lastTime, lastValue, fc.upper[widest], target),
      latest: observed ?? firstCrossing(time, lastTime, lastValue, fc.lower[widest], target),
      level: fc.levels[widest],
    },
  };
}
