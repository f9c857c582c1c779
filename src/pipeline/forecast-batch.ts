/**
 * Forecasting every series of a dataset with every requested model. Every input series is accounted for in
 * the result, in input order: a series that could not be read carries its reason, and a model that could
 * not be fitted carries its fallback and reason (see `runModel`).
 */
import { ForesightError } from '../core/errors.js';
import { checkRegressors } from '../data/regressors.js';
import type { Dataset, InvalidSeries, Series } from '../data/series.js';
import { MAX_HORIZON } from '../data/limits.js';
import { continueTime, formatTime } from '../data/time.js';
import { resolveModel, type ResolvedModel } from '../ensemble/registry.js';
import type { FutureData, SeriesData } from '../models/types.js';
import { runModel, type ModelRun } from '../models/run-model.js';
import { calibrateBatch } from '../ensemble/calibrate-batch.js';
import { boundForecast } from '../models/bounds.js';
import { ForecastPool } from './worker-pool.js';

/** Options of `forecastDataset`. */
export interface BatchOptions {
  /** Registry names, e.g. ['ets', 'naive2']. */
  models: readonly string[];
  horizon: number;
  /** Interval levels in percent. */
  levels: readonly number[];
  /** Regressor columns to pass to the models (all must exist in the data). */
  exog?: readonly string[];
  /** Future values of the regressors (same long format), required when `exog` is non-empty. */
  future?: Dataset;
  /** Called after each series. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Calibrate the fused models' intervals across the series of the batch (default true; see
   * calibrate-batch.ts); false keeps each series' own calibration.
   */
  batchCalibration?: boolean;
  /** Cut forecasts at zero for series never negative (default true; models/bounds.ts). */
  nonNegative?: boolean;
}

/** Result for one input series. */
export interface SeriesForecast {
  id: string;
  /** Forecast time stamps, formatted like the input's `ds` (empty when the series is invalid). */
  ds: string[];
  runs: ModelRun[];
  /** Set when the series could not be read. */
  invalid: InvalidSeries | null;
  series: Series | null;
}

/**
 * Checks batch options. Throws ForesightError('invalid_argument') for a bad horizon (not a positive integer,
 * or above MAX_HORIZON), unknown models, or regressors missing from the data.
 */
export function resolveBatch(data: Dataset, options: BatchOptions): ResolvedModel[] {
  if (!Number.isInteger(options.horizon) || options.horizon < 1) {
    throw new ForesightError('invalid_argument', `horizon ${options.horizon} is not a positive integer`, {
      value: String(options.horizon),
    });
  }
  if (options.horizon > MAX_HORIZON) {
    throw new ForesightError(
      'invalid_argument',
      `horizon ${options.horizon} is above the limit of ${MAX_HORIZON} steps`,
      { value: String(options.horizon) },
    );
  }
  if (options.models.length === 0) throw new ForesightError('invalid_argument', 'no model given');
  // a model or a level given twice would write two rows or two columns of the same name
  const twiceModel = options.models.find((m, i) => options.models.indexOf(m) !== i);
  if (twiceModel !== undefined)
    throw new ForesightError('invalid_argument', `model ${twiceModel} is given twice`, { value: twiceModel });
  const twiceLevel = options.levels.find((l, i) => options.levels.indexOf(l) !== i);
  if (twiceLevel !== undefined)
    throw new ForesightError('invalid_argument', `level ${twiceLevel} is given twice`, { value: String(twiceLevel) });
  checkRegressors(data, options.exog ?? []);
  if ((options.exog?.length ?? 0) > 0 && !options.future) {
    throw new ForesightError(
      'invalid_argument',
      `regressors ${options.exog!.join(', ')} need their future values: give --future FILE`,
    );
  }
  return options.models.map((name) => resolveModel(name));
}

/** A readable series prepared for the models: its forecast calendar, model input and future regressors. */
interface Prepared {
  series: Series;
  ds: string[];
  input: SeriesData;
  future?: FutureData;
}

function prepare(
  data: Dataset,
  options: BatchOptions,
): { id: string; prepared: Prepared | null; invalid: InvalidSeries | null }[] {
  const byId = new Map<string, Series>(data.series.map((s) => [s.id, s]));
  const invalidById = new Map<string, InvalidSeries>(data.invalid.map((s) => [s.id, s]));
  const futureById = new Map<string, Series>((options.future?.series ?? []).map((s) => [s.id, s]));
  return data.ids.map((id) => {
    const series = byId.get(id);
    if (!series) return { id, prepared: null, invalid: invalidById.get(id) ?? null };
    const times = continueTime(series.times, series.frequency, options.horizon, series.kind);
    const beyond = calendarEnd(series, times);
    if (beyond)
      return {
        id,
        prepared: null,
        invalid: { id, reason: `${data.file}: series "${id}": ${beyond}`, file: data.file, line: 0 },
      };
    const future = options.exog?.length
      ? futureValues(series, times, options.exog, futureById.get(id), options.future!.file)
      : undefined;
    return {
      id,
      prepared: {
        series,
        ds: times.map((t) => formatTime(t, series.kind)),
        input: toSeriesData(series, options.exog ?? []),
        future,
      },
      invalid: null,
    };
  });
}

/**
 * Runs every model on every series, in this thread.
 *
 * @example
 * const results = forecastDataset(data, { models: ['naive'], horizon: 4, levels: [80, 95] });
 * results.length === data.ids.length // true
 */
export function forecastDataset(data: Dataset, options: BatchOptions): SeriesForecast[] {
  const resolved = resolveBatch(data, options);
  const items = prepare(data, options);
  const results = items.map(({ id, prepared, invalid }, i) => {
    const runs = prepared
      ? resolved.map((model) => runModel(prepared.input, model, options.horizon, options.levels, prepared.future))
      : [];
    options.onProgress?.(i + 1, items.length);
    return { id, ds: prepared?.ds ?? [], runs, invalid, series: prepared?.series ?? null };
  });
  calibrateResults(results, items, options);
  boundResults(results, options);
  return results;
}

/**
 * The fused models' intervals calibrated across the batch (calibrate-batch.ts), model by model, unless the
 * options turn it off.
 */
function calibrateResults(
  results: SeriesForecast[],
  items: { prepared: Prepared | null }[],
  options: BatchOptions,
): void {
  if (options.batchCalibration === false) return;
  options.models.forEach((_, j) => {
    // series of different season lengths in one file are calibrated apart
    const runs = results.flatMap((r, i) => {
      const prepared = items[i].prepared;
      if (!r.runs[j] || !prepared) return [];
      const { seasonLength, seasonLengths } = prepared.input;
      return [{ run: r.runs[j], future: prepared.future, group: (seasonLengths ?? [seasonLength]).join(',') }];
    });
    calibrateBatch(runs, options.horizon, options.levels);
  });
}

/** Forecasts of series never negative cut at zero (models/bounds.ts), unless the options turn it off. */
function boundResults(results: SeriesForecast[], options: BatchOptions): void {
  if (options.nonNegative === false) return;
  for (const r of results) {
    if (!r.series) continue;
    for (const run of r.runs) if (run.forecast) boundForecast(run.forecast, r.series.y);
  }
}

/** The model inputs of a batch's readable series, and what to run on them. */
export interface BatchTask {
  models: readonly string[];
  horizon: number;
  levels: readonly number[];
}

/**
 * Runs every model of `task` on every item and resolves with the runs in item order (a `ForecastPool`, a queue of
 * distributed workers); `onProgress` with the number of items done so far.
 */
export type RunItems = (
  items: { series: SeriesData; future?: FutureData }[],
  task: BatchTask,
  onProgress: (done: number) => void,
) => Promise<ModelRun[][]>;

/**
 * The batch of `forecastDataset` with the model runs computed by `runItems` (worker threads, a queue): the same
 * preparation, accounting of every series and batch calibration, so the same results when `runItems` runs
 * `runModel` on each item.
 */
export async function forecastDatasetWith(
  data: Dataset,
  options: BatchOptions,
  runItems: RunItems,
): Promise<SeriesForecast[]> {
  resolveBatch(data, options);
  const items = prepare(data, options);
  const ready = items.filter((x) => x.prepared);
  const runs =
    ready.length === 0
      ? []
      : await runItems(
          ready.map((x) => ({ series: x.prepared!.input, future: x.prepared!.future })),
          { models: options.models, horizon: options.horizon, levels: options.levels },
          (done) => options.onProgress?.(done + (items.length - ready.length), items.length),
        );
  if (runs.length !== ready.length)
    throw new ForesightError('internal', `${data.file}: ${runs.length} results for ${ready.length} series`);
  let k = 0;
  const results = items.map(({ id, prepared, invalid }) => ({
    id,
    ds: prepared?.ds ?? [],
    runs: prepared ? runs[k++] : [],
    invalid,
    series: prepared?.series ?? null,
  }));
  calibrateResults(results, items, options);
  boundResults(results, options);
  return results;
}

/**
 * Runs every model on every series on `workers` worker threads (the same computation as `forecastDataset`,
 * so the same results). With `workers` <= 1 it runs in this thread. A `pool` given is used (and left open:
 * a run by chunks keeps one pool for all of them); otherwise one is started and ended here.
 */
export async function forecastDatasetParallel(
  data: Dataset,
  options: BatchOptions & { workers: number; pool?: ForecastPool },
): Promise<SeriesForecast[]> {
  if (options.workers <= 1 && !options.pool) return forecastDataset(data, options);
  resolveBatch(data, options);
  const readable = data.series.length;
  const pool = options.pool ?? new ForecastPool(Math.min(options.workers, Math.max(1, readable)));
  try {
    return await forecastDatasetWith(data, options, (items, task, onProgress) => pool.run(items, task, onProgress));
  } finally {
    if (!options.pool) await pool.close();
  }
}

/** Why the forecast calendar cannot be written (an index past 2^53, a date past year 275760), or null. */
function calendarEnd(series: Series, times: number[]): string | null {
  const last = times[times.length - 1];
  const lastDs = formatTime(series.times[series.times.length - 1], series.kind);
  if (series.kind === 'index') {
    return Number.isSafeInteger(last)
      ? null
      : `the forecast index after ${lastDs} passes 2^53 - 1, beyond which integers are not exact`;
  }
  return Number.isFinite(last) && Math.abs(last) <= 8.64e15
    ? null
    : `the forecast dates after ${lastDs} pass the last representable date (+275760-09-13)`;
}

/** The model's view of a series: values, season lengths and the chosen regressors. */
export function toSeriesData(series: Series, exog: readonly string[]): SeriesData {
  const chosen: Record<string, Float64Array> = {};
  for (const column of exog) chosen[column] = series.exog[column];
  return {
    y: series.y,
    seasonLength: series.seasonLengths[0],
    seasonLengths: series.seasonLengths,
    exog: exog.length ? chosen : undefined,
  };
}

function futureValues(
  series: Series,
  times: number[],
  exog: readonly string[],
  future: Series | undefined,
  file: string,
): FutureData {
  if (!future) {
    throw new ForesightError(
      'invalid_input',
      `${file}: no rows for series "${series.id}", whose regressors ${exog.join(', ')} need future values`,
      { file, value: series.id },
    );
  }
  const out: Record<string, Float64Array> = {};
  const row = new Map<number, number>();
  for (let i = 0; i < future.times.length; i++) row.set(future.times[i], i);
  for (const column of exog) {
    const values = future.rowExog[column];
    if (!values) throw new ForesightError('invalid_input', `${file}: no column "${column}"`, { file, value: column });
    const aligned = new Float64Array(times.length);
    times.forEach((t, h) => {
      const i = row.get(t);
      const value = i === undefined ? NaN : values[i];
      if (!Number.isFinite(value)) {
        throw new ForesightError(
          'invalid_input',
          `${file}: series "${series.id}" has no future value of "${column}" at ds ${formatTime(t, series.kind)} (forecast step ${h + 1})`,
          { file, value: formatTime(t, series.kind) },
        );
      }
      aligned[h] = value;
    });
    out[column] = aligned;
  }
  return { exog: out };
}
