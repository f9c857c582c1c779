/**
 * Rolling-origin evaluation (Tashman 2000): for each series, K forecast origins spaced S steps apart, the last
 * one H steps before the end; each model is fitted on the data before the origin and scored on the next H
 * values. Scores are aggregated over series x origins, overall and per horizon step; naive2 is always run as
 * the OWA reference.
 */
import { ForesightError } from '../core/errors.js';
import type { Dataset } from '../data/series.js';
import { resolveModel } from '../ensemble/registry.js';
import { runModel } from '../models/run-model.js';
import { AccuracyAccumulator, maseScale, type AccuracySummary } from './accuracy.js';

/** Options of `backtestDataset`. */
export interface BacktestOptions {
  models: readonly string[];
  horizon: number;
  /** Number of forecast origins per series (default 3). */
  windows?: number;
  /** Steps between origins (default: the horizon). */
  step?: number;
  levels?: readonly number[];
  /** Regressor columns passed to the models (their actual future values are used: an oracle for drivers). */
  exog?: readonly string[];
  /** Season length of the MASE scale (default: each series' season length). */
  maseSeason?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Result of a backtest. */
export interface BacktestResult {
  models: AccuracySummary[];
  /** Origins scored per series and series skipped because they are too short, with the reason. */
  origins: number;
  skipped: { id: string; reason: string }[];
  /** Fallbacks used, per model: how many origins fell back. */
  fallbacks: Record<string, number>;
  /** The first fallback of each series and model, with its reason (a failure on one series never stops the run). */
  fallbackReasons: { id: string; model: string; reason: string }[];
}

/**
 * Runs the backtest. Throws ForesightError('invalid_argument') for a bad horizon, windows or step.
 *
 * @example
 * const result = backtestDataset(data, { models: ['naive', 'ses'], horizon: 4, windows: 3 });
 * result.models[0].byStep.length // 4
 */
export function backtestDataset(data: Dataset, options: BacktestOptions): BacktestResult {
  const h = options.horizon;
  const windows = options.windows ?? 3;
  const step = options.step ?? h;
  const levels = options.levels ?? [];
  for (const [name, v] of [['horizon', h], ['windows', windows], ['step', step]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ForesightError('invalid_argument', `${name} ${v} is not a positive integer`, { value: String(v) });
  }
  const resolved = options.models.map((m) => resolveModel(m));
  const naive2 = resolveModel('naive2');
  const accumulators = resolved.map((r) => new AccuracyAccumulator(r.name, levels));
  const reference = new AccuracyAccumulator('naive2', []);
  const fallbacks: Record<string, number> = Object.fromEntries(resolved.map((r) => [r.name, 0]));
  const skipped: { id: string; reason: string }[] = data.invalid.map((s) => ({ id: s.id, reason: s.reason }));
  const fallbackReasons: BacktestResult['fallbackReasons'] = [];
  const reasonGiven = new Set<string>();
  let origins = 0;
  let done = 0;
  for (const series of data.series) {
    const n = series.y.length;
    const m = series.seasonLengths[0];
    let scored = 0;
    for (let k = 0; k < windows; k++) {
      const origin = n - h - (windows - 1 - k) * step;
      if (origin < 2) continue;
      const train = series.y.subarray(0, origin);
      const actual = series.y.subarray(origin, origin + h);
      const exog = options.exog?.length ? Object.fromEntries(options.exog.map((c) => [c, series.exog[c].subarray(0, origin)])) : undefined;
      const future = options.exog?.length ? { exog: Object.fromEntries(options.exog.map((c) => [c, series.exog[c].subarray(origin, origin + h)])) } : undefined;
      const input = { y: train, seasonLength: m, seasonLengths: series.seasonLengths, exog };
      const scale = maseScale(train, options.maseSeason ?? m);
      resolved.forEach((model, i) => {
        const run = runModel(input, model, h, levels, future);
        if (run.fallbackReason) {
          fallbacks[model.name]++;
          const key = `${model.name}\u0000${series.id}`;
          if (!reasonGiven.has(key)) {
            reasonGiven.add(key);
            fallbackReasons.push({ id: series.id, model: model.name, reason: run.fallbackReason });
          }
        }
        if (run.forecast) accumulators[i].add({ actual, mean: run.forecast.mean, lower: run.forecast.lower, upper: run.forecast.upper, scale });
      });
      const ref = runModel({ y: train, seasonLength: m }, naive2, h, []);
      if (ref.forecast) reference.add({ actual, mean: ref.forecast.mean, scale });
      scored++;
    }
    if (scored === 0) skipped.push({ id: series.id, reason: `too short for a ${h}-step backtest (${n} observations)` });
    origins += scored;
    options.onProgress?.(++done, data.series.length);
  }
  const ref = reference.summary();
  return { models: accumulators.map((a) => a.summary(ref)), origins, skipped, fallbacks, fallbackReasons };
}
