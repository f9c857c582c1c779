/**
 * Rolling-origin evaluation (Tashman 2000): for each series, K forecast origins spaced S steps apart, the last
 * one H steps before the end; each model is fitted on the data before the origin and scored on the next H
 * values. Scores are aggregated over series x origins, overall and per horizon step; naive2 is always run as
 * the OWA reference. Optionally: accuracy per series, every backtest forecast, event probabilities scored
 * against the outcomes (backtest-events.ts, brier.ts), and the reliability horizon of each series and model
 * (reliability-horizon.ts). A series too short for some origins uses fewer; the result says so.
 */
import { ForesightError } from '../core/errors.js';
import { checkRegressors } from '../data/regressors.js';
import { createRng } from '../core/random.js';
import type { Dataset } from '../data/series.js';
import { formatTime } from '../data/time.js';
import { resolveModel } from '../ensemble/registry.js';
import { calibrateBatch } from '../ensemble/calibrate-batch.js';
import { boundForecast, boundPaths } from '../models/bounds.js';
import { runModel, type ModelRun } from '../models/run-model.js';
import { AccuracyAccumulator, maseScale, type AccuracySummary } from './accuracy.js';
import { originEventCases } from './backtest-events.js';
import { scoreProbabilities, type ProbabilityCase, type ProbabilityScores } from './brier.js';
import { samplePaths } from './event-probability.js';
import { eventHorizon, type EventRow } from './events.js';
import { checkSimulationSize, seriesSeed } from './probabilities.js';
import { reliabilityHorizon, type ReliabilityHorizon } from './reliability-horizon.js';

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
  /** Keep accuracy per series (`result.series`). */
  perSeries?: boolean;
  /** Keep every backtest forecast (`result.forecasts`). */
  keepForecasts?: boolean;
  /** Score the standard events (growth above 0 and above the median growth, at each step). */
  standardEvents?: boolean;
  /** Further events to score, each for every series or for the one it names. */
  events?: readonly EventRow[];
  /** Sample paths per origin for event probabilities (default 1000). */
  paths?: number;
  /** Seed of the path and bootstrap generators (default 1). */
  seed?: number;
  /** Reliability horizon per series and model against a naive reference (e.g. `naive` or `snaive`). */
  reliability?: { reference?: string; resamples?: number; level?: number };
  /**
   * Calibrate the fused models' intervals across the series at each origin, as a batch forecast does
   * (calibrate-batch.ts; default true); false keeps each series' own calibration.
   */
  batchCalibration?: boolean;
  /** Cut forecasts and sample paths at zero for series never negative before the origin (default true). */
  nonNegative?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** One backtest forecast: a series, an origin and a model, over the horizon. */
export interface BacktestForecast {
  id: string;
  /** 1-based number of the origin among the series' origins (oldest first). */
  origin: number;
  /** Time stamp of the last observation before the origin, and of each forecast step (grid index + 1 when the series had gaps). */
  cutoff: string;
  ds: string[];
  model: string;
  /** The model that produced the forecast (differs after a fallback). */
  used: string;
  actual: number[];
  mean: number[];
  lower: number[][];
  upper: number[][];
}

/** Scores of one event for one model. */
export interface EventScore {
  model: string;
  event: string;
  scores: ProbabilityScores;
}

/** Results of one series. */
export interface SeriesBacktest {
  id: string;
  origins: number;
  /** Accuracy per model on this series' origins (with OWA against naive2 on the same origins). */
  models: AccuracySummary[];
  /** naive2 on the same origins (when `perSeries` is set). */
  naive2: AccuracySummary | null;
  /** Reliability horizon per model, when asked. */
  reliability: { model: string; reference: string; horizon: ReliabilityHorizon | null; reason: string | null }[];
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
  /** Origins asked per series, and the series that had fewer (their history does not reach the earliest origins). */
  windows: number;
  shortfall: { id: string; used: number }[];
  /** Plain-language notes (fewer windows than asked, ...). */
  notes: string[];
  /** Per series, when `perSeries` or `reliability` is set. */
  series?: SeriesBacktest[];
  /** Every backtest forecast, when `keepForecasts` is set. */
  forecasts?: BacktestForecast[];
  /** Event scores per model and event, when events are scored. */
  events?: EventScore[];
}

/**
 * Runs the backtest. Throws ForesightError('invalid_argument') for a bad horizon, windows, step or paths count,
 * or an event beyond the horizon.
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
  const paths = options.paths ?? 1000;
  for (const [name, v] of [
    ['horizon', h],
    ['windows', windows],
    ['step', step],
    ['paths', paths],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new ForesightError('invalid_argument', `${name} ${v} is not a positive integer`, { value: String(v) });
  }
  checkRegressors(data, options.exog ?? []);
  for (const [what, list] of [
    ['model', options.models],
    ['level', levels],
  ] as const) {
    const twice = (list as readonly (string | number)[]).find((v, i) => list.indexOf(v as never) !== i);
    if (twice !== undefined)
      throw new ForesightError('invalid_argument', `${what} ${twice} is given twice`, { value: String(twice) });
  }
  const ids = new Set(data.ids);
  for (const r of options.events ?? []) {
    if (eventHorizon(r.event) > h)
      throw new ForesightError(
        'invalid_argument',
        `event "${r.event.text}" looks at step ${eventHorizon(r.event)}, beyond the backtest horizon ${h}`,
        { value: r.event.text },
      );
    if (r.seriesId !== null && !ids.has(r.seriesId))
      throw new ForesightError(
        'invalid_input',
        `${r.where ? `${r.where}: ` : ''}event "${r.event.text}" names series "${r.seriesId}", which is not in ${data.file}`,
        { file: data.file, value: r.seriesId },
      );
  }
  const scoring = Boolean(options.standardEvents) || (options.events?.length ?? 0) > 0;
  if (scoring) checkSimulationSize(paths, [], h);
  // sample paths are drawn around the 95% interval when the model has no simulator
  const runLevels = scoring && !levels.includes(95) ? [...levels, 95] : levels;
  const resolved = options.models.map((m) => resolveModel(m));
  const naive2 = resolveModel('naive2');
  const referenceModel = options.reliability ? resolveModel(options.reliability.reference ?? 'naive') : null;
  const accumulators = resolved.map((r) => new AccuracyAccumulator(r.name, levels));
  const reference = new AccuracyAccumulator('naive2', []);
  const fallbacks: Record<string, number> = Object.fromEntries(resolved.map((r) => [r.name, 0]));
  const skipped: { id: string; reason: string }[] = data.invalid.map((s) => ({ id: s.id, reason: s.reason }));
  const fallbackReasons: BacktestResult['fallbackReasons'] = [];
  const reasonGiven = new Set<string>();
  const shortfall: { id: string; used: number }[] = [];
  const seriesResults: SeriesBacktest[] = [];
  const forecasts: BacktestForecast[] = [];
  const eventCases = resolved.map(() => new Map<string, ProbabilityCase[]>());
  let origins = 0;
  // first every model at every origin of every series, so that the fused models' intervals can be calibrated
  // across the series at each origin (each origin's calibration sees only the data before it)
  const fitted = data.series.map((series, index) => {
    const n = series.y.length;
    const m = series.seasonLengths[0];
    const at: { k: number; origin: number; runs: ModelRun[]; future?: { exog: Record<string, Float64Array> } }[] = [];
    for (let k = 0; k < windows; k++) {
      const origin = n - h - (windows - 1 - k) * step;
      if (origin < 2) continue;
      const exog = options.exog?.length
        ? Object.fromEntries(options.exog.map((c) => [c, series.exog[c].subarray(0, origin)]))
        : undefined;
      const future = options.exog?.length
        ? { exog: Object.fromEntries(options.exog.map((c) => [c, series.exog[c].subarray(origin, origin + h)])) }
        : undefined;
      const input = { y: series.y.subarray(0, origin), seasonLength: m, seasonLengths: series.seasonLengths, exog };
      at.push({ k, origin, future, runs: resolved.map((model) => runModel(input, model, h, runLevels, future)) });
    }
    options.onProgress?.(index + 1, data.series.length);
    return at;
  });
  if (options.batchCalibration !== false) {
    for (let k = 0; k < windows; k++) {
      resolved.forEach((_, i) => {
        const items = fitted.flatMap((at, s) =>
          at
            .filter((o) => o.k === k)
            .map((o) => ({ run: o.runs[i], future: o.future, group: data.series[s].seasonLengths.join(',') })),
        );
        calibrateBatch(items, h, runLevels);
      });
    }
  }
  if (options.nonNegative !== false)
    fitted.forEach((at, s) => {
      for (const o of at)
        for (const run of o.runs) if (run.forecast) boundForecast(run.forecast, data.series[s].y.subarray(0, o.origin));
    });
  data.series.forEach((series, index) => {
    const n = series.y.length;
    const m = series.seasonLengths[0];
    const rng = createRng(seriesSeed(options.seed ?? 1, series.id));
    const local = options.perSeries ? resolved.map((r) => new AccuracyAccumulator(r.name, levels)) : null;
    const localRef = options.perSeries ? new AccuracyAccumulator('naive2', []) : null;
    const errors: number[][][] = resolved.map(() => []);
    const refErrors: number[][] = [];
    const seriesEvents = (options.events ?? [])
      .filter((r) => r.seriesId === null || r.seriesId === series.id)
      .map((r) => r.event);
    const aligned = series.times.length === n;
    const stamp = (i: number) => (aligned ? formatTime(series.times[i], series.kind) : String(i + 1));
    let scored = 0;
    for (const { origin, runs, future } of fitted[index]) {
      const train = series.y.subarray(0, origin);
      const actual = series.y.subarray(origin, origin + h);
      const scale = maseScale(train, options.maseSeason ?? m);
      resolved.forEach((model, i) => {
        const run = runs[i];
        if (run.fallbackReason) {
          fallbacks[model.name]++;
          const key = `${model.name}\u0000${series.id}`;
          if (!reasonGiven.has(key)) {
            reasonGiven.add(key);
            fallbackReasons.push({ id: series.id, model: model.name, reason: run.fallbackReason });
          }
        }
        if (!run.forecast) return;
        const f = run.forecast;
        const lower = levels.map((l) => f.lower[f.levels.indexOf(l)]);
        const upper = levels.map((l) => f.upper[f.levels.indexOf(l)]);
        accumulators[i].add({ actual, mean: f.mean, lower, upper, scale });
        local?.[i].add({ actual, mean: f.mean, lower, upper, scale });
        errors[i].push(Array.from(actual, (a, t) => a - f.mean[t]));
        if (options.keepForecasts) {
          forecasts.push({
            id: series.id,
            origin: scored + 1,
            cutoff: stamp(origin - 1),
            ds: Array.from(actual, (_, t) => stamp(origin + t)),
            model: model.name,
            used: run.used,
            actual: Array.from(actual),
            mean: Array.from(f.mean),
            lower: lower.map((x) => Array.from(x)),
            upper: upper.map((x) => Array.from(x)),
          });
        }
        if (scoring) {
          let sample: Float64Array[];
          try {
            sample = samplePaths(model.definition, run.fallbackReason ? null : run.fit, f, h, paths, rng, future);
            if (options.nonNegative !== false) boundPaths(sample, train);
          } catch (e) {
            if (e instanceof ForesightError && e.code === 'invalid_input') return; // a flat forecast without intervals
            throw e;
          }
          for (const [label, cases] of originEventCases(
            train,
            actual,
            sample,
            seriesEvents,
            Boolean(options.standardEvents),
          )) {
            const list = eventCases[i].get(label);
            if (list) list.push(...cases);
            else eventCases[i].set(label, cases);
          }
        }
      });
      const ref = runModel({ y: train, seasonLength: m }, naive2, h, []);
      if (ref.forecast) {
        reference.add({ actual, mean: ref.forecast.mean, scale });
        localRef?.add({ actual, mean: ref.forecast.mean, scale });
      }
      if (referenceModel) {
        const r = runModel({ y: train, seasonLength: m, seasonLengths: series.seasonLengths }, referenceModel, h, []);
        refErrors.push(Array.from(actual, (a, t) => (r.forecast ? a - r.forecast.mean[t] : NaN)));
      }
      scored++;
    }
    if (scored === 0) skipped.push({ id: series.id, reason: `too short for a ${h}-step backtest (${n} observations)` });
    else if (scored < windows) shortfall.push({ id: series.id, used: scored });
    if (scored > 0 && (options.perSeries || referenceModel)) {
      const refSummary = localRef?.summary();
      seriesResults.push({
        id: series.id,
        origins: scored,
        models: local ? local.map((a) => a.summary(refSummary)) : [],
        naive2: refSummary ?? null,
        reliability: referenceModel
          ? resolved.map((r, i) => {
              const base = { model: r.name, reference: referenceModel.name };
              if (errors[i].length !== refErrors.length)
                return { ...base, horizon: null, reason: `${r.name} gave no forecast at some origins` };
              if (scored < 2) return { ...base, horizon: null, reason: `one origin only: no band` };
              return {
                ...base,
                horizon: reliabilityHorizon(errors[i], refErrors, rng, {
                  resamples: options.reliability!.resamples,
                  level: options.reliability!.level,
                  block: Math.ceil(h / step),
                }),
                reason: null,
              };
            })
          : [],
      });
    }
    origins += scored;
    fitted[index] = []; // the fits are no longer needed
  });
  const ref = reference.summary();
  const notes: string[] = [];
  if (shortfall.length) {
    const fewest = Math.min(...shortfall.map((s) => s.used));
    notes.push(
      `asked for ${windows} origins per series; ${shortfall.length} series had fewer (as few as ${fewest}: ${shortfall
        .slice(0, 5)
        .map((s) => `${s.id} ${s.used}`)
        .join(', ')}${shortfall.length > 5 ? ', ...' : ''}), their history not reaching the earliest origins`,
    );
  }
  const result: BacktestResult = {
    models: accumulators.map((a) => a.summary(ref)),
    origins,
    skipped,
    fallbacks,
    fallbackReasons,
    windows,
    shortfall,
    notes,
  };
  if (options.perSeries || referenceModel) result.series = seriesResults;
  if (options.keepForecasts) result.forecasts = forecasts;
  if (scoring) {
    result.events = resolved.flatMap((r, i) =>
      [...eventCases[i]].map(([event, cases]) => ({ model: r.name, event, scores: scoreProbabilities(cases) })),
    );
  }
  return result;
}
