/**
 * Event probabilities of one series or of a whole dataset: fit the model, draw seeded sample paths and count
 * the events on them (event-probability.ts). Plain data in and out, so the CLI (`foresight probability`) and
 * the HTTP API call the same functions.
 */
import { ForesightError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { MAX_HORIZON, MAX_PATH_VALUES, MAX_PATHS } from '../data/limits.js';
import type { Dataset } from '../data/series.js';
import { resolveModel } from '../ensemble/registry.js';
import { calibrateBatch } from '../ensemble/calibrate-batch.js';
import { boundPaths } from '../models/bounds.js';
import { runModel, type ModelRun } from '../models/run-model.js';
import type { Forecast, FutureData } from '../models/types.js';
import { eventProbability, samplePaths, type EventProbability } from './event-probability.js';
import { eventHorizon, parseEvent, type EventRow, type ForecastEvent } from './events.js';

/** Default number of sample paths: a Monte Carlo standard error of at most 0.005. */
export const DEFAULT_PATHS = 10000;

/** What `seriesEventProbabilities` needs: plain data. */
export interface ProbabilityRequest {
  /** Observations in time order. */
  values: ArrayLike<number>;
  /** Primary season length (default 1) and all season lengths for multi-seasonal models. */
  seasonLength?: number;
  seasonLengths?: readonly number[];
  /** Registry name of the model (default `auto`). */
  model?: string;
  /** Events, as text in the event syntax (events.ts) or parsed. */
  events: readonly (string | ForecastEvent)[];
  /**
   * Steps to simulate for every event. Default: each event is simulated for its own last step (one fit, paths
   * drawn afresh per distinct step), so that an event's probability does not depend on the other events asked.
   */
  horizon?: number;
  /** Sample paths (default 10000). */
  paths?: number;
  /** Seed of the path generator (default 1). */
  seed?: number;
  /** Regressors aligned with `values`, and their future values (at least `horizon` long). */
  exog?: Readonly<Record<string, Float64Array>>;
  future?: FutureData;
  /**
   * The model already fitted to these values (by `datasetEventProbabilities`, after calibrating the batch);
   * when absent the model is fitted here.
   */
  run?: ModelRun;
  /** Cut sample paths at zero when the series has never been negative (default true; models/bounds.ts). */
  nonNegative?: boolean;
  /** Also return the sample paths of the furthest horizon simulated (for a chart of the distribution). */
  keepPaths?: boolean;
}

/** Event probabilities of one series. */
export interface SeriesProbabilities {
  /** The model as requested, the model that forecast (differs after a fallback) and why. */
  model: string;
  used: string;
  fallbackReason: string | null;
  /** The furthest step simulated. */
  horizon: number;
  /** The last observation (what `last` and growth refer to). */
  last: number;
  paths: number;
  /** Per event, with the horizon its paths were simulated for. */
  events: (EventProbability & { horizon: number })[];
  /** With `keepPaths`: the sample paths of the furthest horizon (path[t] is step t + 1). */
  samplePaths?: Float64Array[];
}

/**
 * Fits `request.model` to the values (with the fallback rule of `runModel`), draws `paths` seeded sample paths
 * and returns each event's probability with its Monte Carlo standard error. Throws ForesightError
 * ('invalid_argument') for an unparseable event, a bad paths count or horizon, an event beyond the horizon, or
 * ('invalid_input') for a series without observations or without intervals (a single observation).
 *
 * @example
 * seriesEventProbabilities({ values: [1, 2, 3, 4, 5, 6, 7, 8], model: 'drift', events: ['y[1] > 8.5'], paths: 4000 }).events[0].probability // about 0.33
 */
export function seriesEventProbabilities(request: ProbabilityRequest): SeriesProbabilities {
  const events = request.events.map((e, i) => (typeof e === 'string' ? parseEvent(e, `event ${i + 1}`) : e));
  if (events.length === 0) throw new ForesightError('invalid_argument', 'no event given');
  const count = request.paths ?? DEFAULT_PATHS;
  checkSimulationSize(count, events, request.horizon);
  if (request.horizon !== undefined && !(Number.isInteger(request.horizon) && request.horizon >= 1))
    throw new ForesightError('invalid_argument', `horizon ${request.horizon} is not a positive integer`, {
      value: String(request.horizon),
    });
  if (!(Number.isInteger(count) && count >= 1))
    throw new ForesightError('invalid_argument', `paths ${count} is not a positive integer`, { value: String(count) });
  const beyond = request.horizon === undefined ? undefined : events.find((e) => eventHorizon(e) > request.horizon!);
  if (beyond)
    throw new ForesightError(
      'invalid_argument',
      `event "${beyond.text}" looks at step ${eventHorizon(beyond)}, beyond the horizon ${request.horizon}`,
      { value: beyond.text },
    );
  const y = Float64Array.from(request.values);
  if (y.length === 0) throw new ForesightError('invalid_input', 'the series has no observed values');
  const m = request.seasonLength ?? request.seasonLengths?.[0] ?? 1;
  const resolved = resolveModel(request.model ?? 'auto');
  const last = y[y.length - 1];
  const horizons =
    request.horizon !== undefined ? [request.horizon] : [...new Set(events.map(eventHorizon))].sort((a, b) => a - b);
  const out: SeriesProbabilities['events'] = new Array(events.length);
  // one fit (no model's fit depends on the horizon); its forecast and fresh paths for each distinct step
  const run =
    request.run ??
    runModel(
      { y, seasonLength: m, seasonLengths: request.seasonLengths, exog: request.exog },
      resolved,
      horizons[horizons.length - 1],
      [95],
      request.future,
    );
  if (!run.forecast) throw new ForesightError('invalid_input', `no forecast: ${run.fallbackReason}`);
  const first = { used: run.used, fallbackReason: run.fallbackReason };
  let kept: Float64Array[] | undefined;
  for (const horizon of horizons) {
    const forecast =
      run.fit && !run.fallbackReason
        ? resolveModel(run.fit.model).definition.forecast(run.fit, horizon, [95], request.future)
        : truncated(run.forecast, horizon);
    let paths: Float64Array[];
    try {
      paths = samplePaths(
        resolved.definition,
        run.fallbackReason ? null : run.fit,
        forecast,
        horizon,
        count,
        createRng(request.seed ?? 1),
        request.future,
      );
    } catch (e) {
      if (e instanceof ForesightError && e.code === 'invalid_input')
        throw new ForesightError(
          'invalid_input',
          `${e.message}${run.fallbackReason ? ` (${run.fallbackReason})` : ''}`,
        );
      throw e;
    }
    if (request.nonNegative !== false) boundPaths(paths, y);
    events.forEach((e, i) => {
      if (request.horizon !== undefined || eventHorizon(e) === horizon)
        out[i] = { ...eventProbability(e, paths, last), horizon };
    });
    if (request.keepPaths) kept = paths;
  }
  return {
    model: resolved.name,
    used: first.used,
    fallbackReason: first.fallbackReason,
    horizon: horizons[horizons.length - 1],
    last,
    paths: count,
    events: out,
    ...(kept ? { samplePaths: kept } : {}),
  };
}

/** The first `horizon` steps of a forecast at the 95% level. */
function truncated(f: Forecast, horizon: number): Forecast {
  const i = f.levels.indexOf(95);
  return {
    mean: f.mean.slice(0, horizon),
    levels: [95],
    lower: [f.lower[i].slice(0, horizon)],
    upper: [f.upper[i].slice(0, horizon)],
  };
}

/** Probabilities of one series of a dataset, or why there are none. */
export interface DatasetProbabilityRow {
  id: string;
  result: SeriesProbabilities | null;
  /** Why the series has no probabilities (unreadable, no observation, no intervals). */
  reason: string | null;
}

/**
 * Refuses, before any fit, a simulation too large to hold: a horizon (given, or the furthest step an event
 * looks at) above MAX_HORIZON, more than MAX_PATHS paths, or more than MAX_PATH_VALUES simulated values per
 * series. Throws ForesightError('invalid_argument') naming the event or the count; bad values (not positive
 * integers) are left to the callers' own checks.
 *
 * @example
 * checkSimulationSize(10000, [parseEvent('y[99999] > 1')]) // throws: event "y[99999] > 1" looks at step 99999, above the limit of 10000 steps
 */
export function checkSimulationSize(paths: number, events: readonly ForecastEvent[], horizon?: number): void {
  const furthest = events.reduce((max, e) => (eventHorizon(e) > max.step ? { step: eventHorizon(e), event: e } : max), {
    step: 0,
    event: null as ForecastEvent | null,
  });
  if (horizon !== undefined && horizon > MAX_HORIZON)
    throw new ForesightError('invalid_argument', `horizon ${horizon} is above the limit of ${MAX_HORIZON} steps`, {
      value: String(horizon),
    });
  if (horizon === undefined && furthest.event && furthest.step > MAX_HORIZON)
    throw new ForesightError(
      'invalid_argument',
      `event "${furthest.event.text}" looks at step ${furthest.step}, above the limit of ${MAX_HORIZON} steps`,
      { value: furthest.event.text },
    );
  if (paths > MAX_PATHS)
    throw new ForesightError('invalid_argument', `paths ${paths} is above the limit of ${MAX_PATHS}`, {
      value: String(paths),
    });
  const steps = horizon ?? furthest.step;
  if (paths * steps > MAX_PATH_VALUES)
    throw new ForesightError(
      'invalid_argument',
      `${paths} paths of ${steps} steps are ${paths * steps} simulated values, above the limit of ${MAX_PATH_VALUES} per series; ask for fewer paths or a shorter horizon`,
      { value: String(paths) },
    );
}

/** Options of `datasetEventProbabilities`. */
export interface DatasetProbabilityOptions {
  model?: string;
  /** Events with the series they apply to (null: every series). */
  events: readonly EventRow[];
  horizon?: number;
  paths?: number;
  seed?: number;
  /** Cut sample paths at zero for series never negative (default true). */
  nonNegative?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Event probabilities for every series of a dataset, in input order; every series appears (an unreadable or
 * degenerate one with its reason). Each series' generator is seeded from `seed` and its id, so a series gets the
 * same paths whatever else is in the file. Throws ForesightError('invalid_input') when an event names a series
 * that is not in the data, and the errors of `seriesEventProbabilities` for bad arguments.
 *
 * @example
 * datasetEventProbabilities(data, { events: [{ seriesId: null, event: parseEvent('growth(1) > 0') }] }).length === data.ids.length // true
 */
export function datasetEventProbabilities(data: Dataset, options: DatasetProbabilityOptions): DatasetProbabilityRow[] {
  checkSimulationSize(
    options.paths ?? DEFAULT_PATHS,
    options.events.map((r) => r.event),
    options.horizon,
  );
  const ids = new Set(data.ids);
  const unknown = options.events.find((r) => r.seriesId !== null && !ids.has(r.seriesId));
  if (unknown)
    throw new ForesightError(
      'invalid_input',
      `${unknown.where ? `${unknown.where}: ` : ''}event "${unknown.event.text}" names series "${unknown.seriesId}", which is not in ${data.file}`,
      { file: data.file, value: unknown.seriesId! },
    );
  const byId = new Map(data.series.map((s) => [s.id, s]));
  const invalid = new Map(data.invalid.map((s) => [s.id, s.reason]));
  const eventsOf = (id: string) =>
    options.events.filter((r) => r.seriesId === null || r.seriesId === id).map((r) => r.event);
  // every series fitted first, so that the fused model's intervals (and so its paths) are calibrated across the
  // batch as a forecast of the same file would be (calibrate-batch.ts)
  const runs = new Map<string, ModelRun>();
  const horizonOk = options.horizon === undefined || (Number.isInteger(options.horizon) && options.horizon >= 1);
  if (horizonOk) {
    const resolved = resolveModel(options.model ?? 'auto');
    const items: { run: ModelRun; group: string }[] = [];
    for (const series of data.series) {
      const events = eventsOf(series.id);
      if (events.length === 0 || series.y.length === 0) continue;
      const horizon = options.horizon ?? Math.max(...events.map(eventHorizon));
      const run = runModel(
        { y: series.y, seasonLength: series.seasonLengths[0], seasonLengths: series.seasonLengths },
        resolved,
        horizon,
        [95],
      );
      runs.set(series.id, run);
      items.push({ run, group: series.seasonLengths.join(',') });
    }
    calibrateBatch(items, Math.max(1, ...items.map((x) => x.run.forecast?.mean.length ?? 1)), [95]);
  }
  return data.ids.map((id, i) => {
    const events = eventsOf(id);
    const series = byId.get(id);
    let row: DatasetProbabilityRow;
    if (!series) row = { id, result: null, reason: invalid.get(id) ?? 'unreadable' };
    else if (events.length === 0) row = { id, result: null, reason: 'no event applies to this series' };
    else {
      try {
        const result = seriesEventProbabilities({
          values: series.y,
          seasonLength: series.seasonLengths[0],
          seasonLengths: series.seasonLengths,
          model: options.model,
          events,
          horizon: options.horizon,
          paths: options.paths,
          seed: seriesSeed(options.seed ?? 1, id),
          run: runs.get(id),
          nonNegative: options.nonNegative,
        });
        row = { id, result, reason: null };
      } catch (e) {
        if (!(e instanceof ForesightError && e.code === 'invalid_input')) throw e;
        row = { id, result: null, reason: e.message };
      }
    }
    options.onProgress?.(i + 1, data.ids.length);
    return row;
  });
}

/** A 32-bit seed from the run's seed and a series id (FNV-1a), so paths do not depend on the file's order. */
export function seriesSeed(seed: number, id: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
