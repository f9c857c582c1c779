/**
 * File-level forecasting, the library function behind `foresight forecast`: read the long CSV (and the
 * future regressors), forecast every series with every model, and write the CSV and the JSON report.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { ForesightError } from '../core/errors.js';
import { readSeriesCsv, type ReadOptions } from '../data/read-csv.js';
import type { Dataset } from '../data/series.js';
import { describeRun } from '../models/run-model.js';
import type { JsonValue } from '../models/types.js';
import { availableParallelism } from 'node:os';
import { readSeriesChunks, type DatasetChunk } from '../data/read-chunks.js';
import { resolveModel } from '../ensemble/registry.js';
import { forecastDatasetParallel, type BatchOptions, type SeriesForecast } from './forecast-batch.js';
import { ForecastPool } from './worker-pool.js';
import { forecastHeader, forecastLines, type ForecastCsvOptions } from './write-forecast.js';
import { checkDriverModels } from './drivers.js';
import { runWarnings } from './warnings.js';

/** Options of `forecastFile`. */
export interface ForecastFileOptions {
  input: string;
  horizon: number;
  models: readonly string[];
  levels: readonly number[];
  /** Season lengths overriding the inferred ones. */
  seasonLengths?: number[];
  exog?: readonly string[];
  /** File with the regressors' future values. */
  future?: string;
  strict?: boolean;
  /** Worker threads; default: every core for batches of 50 series or more, else 1. */
  workers?: number;
  /** How to read the input and future files (column mapping, layout, delimiter, date order, encoding). */
  read?: ReadOptions;
  /** Cut forecasts at zero for series never negative (default true). */
  nonNegative?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Reads and forecasts a file. Throws ForesightError for unreadable input and bad arguments (a model given
 * drivers it cannot use among them); problems of single series are recorded in the results instead.
 */
export async function forecastFile(
  options: ForecastFileOptions,
): Promise<{ data: Dataset; results: SeriesForecast[] }> {
  checkDriverModels(options.models, options.exog);
  const data = await readSeriesCsv(options.input, {
    ...options.read,
    seasonLengths: options.seasonLengths,
    strict: options.strict,
  });
  const future = options.future
    ? await readSeriesCsv(options.future, { ...options.read, seasonLengths: options.seasonLengths, strict: true })
    : undefined;
  const workers = options.workers ?? (data.series.length >= 50 ? availableParallelism() : 1);
  const results = await forecastDatasetParallel(data, { ...options, future, workers });
  return { data, results };
}

/** Options of `forecastFileChunks`. */
export interface ChunkedForecastOptions extends ForecastFileOptions {
  /** Least series per chunk (see read-chunks.ts; default 500). */
  chunkSize?: number;
  /**
   * Computes one chunk's forecasts instead of this process' worker threads (the distributed queue of src/queue
   * passes its own); it must return one result per id of the chunk, in order, as `forecastDatasetParallel` does.
   */
  forecastChunk?: (data: Dataset, options: BatchOptions) => Promise<SeriesForecast[]>;
}

/**
 * `forecastFile` by chunks: reads the input by chunks of series (read-chunks.ts), forecasts each chunk and hands
 * it to `onChunk` before reading on, so memory follows the chunk, not the file. Chunks come in input order and
 * together hold every input series once. Batch calibration pools over each chunk (at least `chunkSize` series,
 * or the whole input when it is smaller than 2 x `chunkSize`, which then gets the results of `forecastFile`).
 * Throws ForesightError like `forecastFile`. Resolves with the number of series, the input's name and notes.
 */
export async function forecastFileChunks(
  options: ChunkedForecastOptions,
  onChunk: (chunk: DatasetChunk, results: SeriesForecast[]) => Promise<void> | void,
): Promise<{ file: string; series: number; notes: string[] }> {
  checkDriverModels(options.models, options.exog);
  for (const model of options.models) resolveModel(model); // an unknown model fails before the file is read
  const future = options.future
    ? await readSeriesCsv(options.future, { ...options.read, seasonLengths: options.seasonLengths, strict: true })
    : undefined;
  let pool: ForecastPool | undefined;
  let summary = { file: options.input, series: 0, notes: [] as string[] };
  try {
    const chunks = readSeriesChunks(options.input, {
      ...options.read,
      seasonLengths: options.seasonLengths,
      strict: options.strict,
      chunkSize: options.chunkSize,
    });
    for await (const chunk of chunks) {
      const batch: BatchOptions = {
        models: options.models,
        horizon: options.horizon,
        levels: options.levels,
        exog: options.exog,
        future,
        nonNegative: options.nonNegative,
        onProgress: options.onProgress && ((done) => options.onProgress!(chunk.start + done, chunk.totalSeries)),
      };
      let results: SeriesForecast[];
      if (options.forecastChunk) results = await options.forecastChunk(chunk, batch);
      else {
        const workers = options.workers ?? (chunk.totalSeries >= 50 ? availableParallelism() : 1);
        if (workers > 1 && !pool) pool = new ForecastPool(Math.min(workers, chunk.totalSeries));
        results = await forecastDatasetParallel(chunk, { ...batch, workers, pool });
      }
      if (results.length !== chunk.ids.length || results.some((r, i) => r.id !== chunk.ids[i]))
        throw new ForesightError('internal', `${chunk.file}: chunk ${chunk.index + 1} did not come back whole`);
      summary = { file: chunk.file, series: chunk.totalSeries, notes: chunk.notes ?? [] };
      await onChunk(chunk, results);
    }
  } finally {
    await pool?.close();
  }
  return summary;
}

/** Writes the forecast CSV to a stream, respecting back-pressure. */
export async function writeForecastCsv(
  results: readonly SeriesForecast[],
  models: readonly string[],
  levels: readonly number[],
  out: Writable,
  options: ForecastCsvOptions = {},
): Promise<void> {
  if (!out.write(forecastHeader(levels, options) + '\n')) await once(out, 'drain');
  for (const result of results) {
    if (!out.write(forecastLines(result, models, levels, options))) await once(out, 'drain');
  }
}

/** Writes the forecast CSV to a file (or stdout when path is undefined). */
export async function saveForecastCsv(
  results: readonly SeriesForecast[],
  models: readonly string[],
  levels: readonly number[],
  path?: string,
  options: ForecastCsvOptions = {},
): Promise<void> {
  if (!path) return writeForecastCsv(results, models, levels, process.stdout, options);
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) =>
    out.once('error', (e) =>
      reject(new ForesightError('io_error', `${path}: cannot write (${e.message})`, { file: path })),
    ),
  );
  await Promise.race([writeForecastCsv(results, models, levels, out, options), failed]);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
}

/**
 * The per-series report (`--report`): frequency, season lengths, data notes, warnings (warnings.ts), and per
 * model the form used, parameters, criteria and any fallback with its reason. Every input series appears.
 */
export function buildReport(
  data: Dataset,
  results: readonly SeriesForecast[],
  options: { horizon: number; levels: readonly number[] },
): { [key: string]: JsonValue } {
  return {
    input: data.file,
    horizon: options.horizon,
    levels: [...options.levels],
    seriesCount: results.length,
    invalidCount: results.filter((r) => r.invalid).length,
    readNotes: data.notes ?? [],
    series: results.map((r) => reportEntry(r, options.horizon)),
  };
}

/** One series' entry of the report (`buildReport`). */
export function reportEntry(r: SeriesForecast, horizon: number): { [key: string]: JsonValue } {
  return {
    unique_id: r.id,
    status: r.invalid ? 'invalid' : r.runs.some((x) => x.fallbackReason) ? 'fallback' : 'ok',
    error: r.invalid ? r.invalid.reason : null,
    frequency: r.series?.frequency ?? null,
    seasonLengths: r.series?.seasonLengths ?? null,
    observations: r.series?.y.length ?? 0,
    notes: r.series?.notes ?? [],
    warnings: r.series
      ? r.runs.flatMap((run) => runWarnings(run, r.series!.y.length, horizon, r.series!.filled)).map((w) => ({ ...w }))
      : [],
    models: r.runs.map(describeRun),
  };
}
