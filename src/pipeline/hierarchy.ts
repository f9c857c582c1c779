/**
 * Coherent forecasts for grouped series, the library function behind `foresight forecast --keys ...
 * --reconcile METHOD` (and for the HTTP API): forecast every series of the structure with a registry model,
 * reconcile the forecasts, make coherent intervals from reconciled sample paths, and score, per level, what the
 * reconciliation changed on validation windows at the end of the data.
 *
 * Intervals: each series' base forecast distribution is taken as normal with the spread of its 80/95% interval
 * (or its model's sample paths), the draws of all series are tied together by the empirical copula of the
 * in-sample residuals (the ranks of one residual vector drawn per path, Ben Taieb et al. 2017), and every path
 * goes through the same reconciliation (Panagiotelis et al. 2023): the reconciled paths are coherent, so their
 * quantiles give intervals and event probabilities that respect the structure.
 */
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { ForesightError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { normalQuantile } from '../core/stats/normal.js';
import { MAX_PATH_VALUES } from '../data/limits.js';
import type { Dataset } from '../data/series.js';
import { continueTime, formatTime } from '../data/time.js';
import { maseScale } from '../evaluate/metrics/mase.js';
import type { JsonValue } from '../models/types.js';
import type { ModelRun } from '../models/run-model.js';
import { describeRun } from '../models/run-model.js';
import type { ResidualMatrix } from '../reconcile/covariance.js';
import {
  needsResiduals,
  parseReconcileMethod,
  reconcile,
  type ReconcileMethod,
  type ReconcileResult,
} from '../reconcile/reconcile.js';
import { reconcilePaths } from '../reconcile/sample-paths.js';
import { forecastDatasetParallel } from './forecast-batch.js';
import { readGroupedCsv, type GroupedData, type GroupedInputOptions } from './grouped-input.js';

/** Options of `forecastHierarchy`. */
export interface HierarchyOptions {
  /** Registry model for the base forecasts (default `ets`). */
  model?: string;
  horizon: number;
  /** Interval levels in percent. */
  levels: readonly number[];
  /** Reconciliation method (`mint_shrink`, `middle_out:state`, `ols:nonnegative`, ...). */
  method: string | ReconcileMethod;
  /** Validation windows of `horizon` steps at the end of the data for the accuracy report (default 2; 0 skips). */
  validationWindows?: number;
  /**
   * What the weight matrix of wls_var / mint_* is estimated from: `residuals` (default, one-step in-sample
   * residuals) or `validation` (the multi-step errors of 2 validation windows before the forecast origin,
   * `validationErrors`; costs two more fits of every series, four more with the validation report).
   */
  weights?: 'residuals' | 'validation';
  /** Reconciled sample paths for the intervals (default 1000; 0 gives no intervals). */
  paths?: number;
  seed?: number;
  /** Season length of the MASE scale (default the data's primary season). */
  maseSeason?: number;
  /** Worker threads; default: every core for 50 series or more, else 1. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Per-level accuracy before and after reconciliation on the validation windows. */
export interface LevelAccuracy {
  level: string;
  series: number;
  rmseBase: number;
  rmseReconciled: number;
  maseBase: number;
  maseReconciled: number;
}

/** Result of `forecastHierarchy`. */
export interface HierarchyForecast {
  ids: string[];
  /** Level name of each series. */
  levelNames: string[];
  /** Forecast time stamps. */
  ds: string[];
  horizon: number;
  levels: number[];
  model: string;
  method: string;
  /** What the weights were estimated from. */
  weights: 'residuals' | 'validation';
  /** n x horizon, row-major: base and reconciled means. */
  base: Float64Array;
  reconciled: Float64Array;
  /** Per interval level, n x horizon bounds from the reconciled paths (empty without paths). */
  lower: Float64Array[];
  upper: Float64Array[];
  runs: ModelRun[];
  coherenceBefore: number;
  coherenceAfter: number;
  lambda?: number;
  /** Per level, on the validation windows (empty when skipped or the data are too short). */
  validation: LevelAccuracy[];
  validationWindows: number;
  notes: string[];
}

/** Base forecasts of every series of a grouped dataset with their residuals. */
export interface BaseForecasts {
  runs: ModelRun[];
  /** n x horizon means. */
  mean: Float64Array;
  /** One-step in-sample residuals of all series over the last common T periods. */
  residuals: ResidualMatrix;
}

/**
 * Keeps the first `length` periods of every series (for holdouts and validation windows). Throws
 * ForesightError('too_short') when `length` < 1.
 */
export function truncateGrouped(grouped: GroupedData, length: number): GroupedData {
  if (!(length >= 1)) throw new ForesightError('too_short', `cannot keep ${length} periods`);
  const series = grouped.dataset.series.map((s) => ({
    ...s,
    y: s.y.slice(0, length),
    times: s.times.slice(0, Math.max(1, s.times.length - (s.y.length - length))),
  }));
  const dataset: Dataset = { ...grouped.dataset, series };
  return { ...grouped, dataset };
}

/**
 * Fits `model` to every series and forecasts `horizon` steps; residuals are the fits' one-step in-sample
 * errors (a fallback's own), over the periods where every series has one. Throws ForesightError
 * ('unknown_model') for a bad model name.
 */
export async function baseForecasts(
  grouped: GroupedData,
  model: string,
  horizon: number,
  levels: readonly number[],
  workers = 1,
  onProgress?: (done: number, total: number) => void,
): Promise<BaseForecasts> {
  const results = await forecastDatasetParallel(grouped.dataset, {
    models: [model],
    horizon,
    levels,
    workers,
    onProgress,
  });
  const n = results.length;
  const runs = results.map((r) => r.runs[0]);
  const mean = new Float64Array(n * horizon);
  runs.forEach((run, i) => {
    if (!run.forecast)
      throw new ForesightError('invalid_input', `series "${results[i].id}" has no forecast (${run.fallbackReason})`, {
        value: results[i].id,
      });
    mean.set(run.forecast.mean.subarray(0, horizon), i * horizon);
  });
  for (const [i, v] of grouped.fixed) mean.fill(v, i * horizon, (i + 1) * horizon);
  // residuals aligned at the end; a series without a fit (single value) contributes zeros
  const lengths = runs.map((r, i) => (r.fit ? r.fit.residuals.length : grouped.dataset.series[i].y.length));
  const total = Math.min(...lengths);
  let start = 0;
  // drop leading periods where any residual is undefined
  for (; start < total; start++) {
    if (runs.every((r, i) => !r.fit || Number.isFinite(r.fit.residuals[lengths[i] - total + start]))) break;
  }
  const T = total - start;
  const values = new Float64Array(T * n);
  runs.forEach((r, i) => {
    if (!r.fit) return;
    for (let t = 0; t < T; t++) {
      const v = r.fit.residuals[lengths[i] - T + t];
      values[t * n + i] = Number.isFinite(v) ? v : 0;
    }
  });
  return { runs, mean, residuals: { n, T, values } };
}

/** Base forecasts from the first `cut` periods, shared through `cache` (keyed by cut) when given. */
function cachedBase(
  grouped: GroupedData,
  cut: number,
  model: string,
  horizon: number,
  workers: number,
  cache?: Map<number, Promise<BaseForecasts>>,
): Promise<BaseForecasts> {
  const hit = cache?.get(cut);
  if (hit) return hit;
  const made = baseForecasts(truncateGrouped(grouped, cut), model, horizon, [], workers);
  cache?.set(cut, made);
  return made;
}

/**
 * Multi-step forecast errors on `windows` validation windows of `horizon` steps at the end of the data: the
 * model is refitted before each window and forecasts it; every step of every window is one row of the
 * returned error matrix (T = windows x horizon). As weights of wls_var / mint_shrink they describe the errors
 * the reconciled forecasts will actually have (h-step, out of sample), which one-step in-sample residuals
 * understate where aggregates drift or shift level. Throws ForesightError('too_short') when no window fits.
 */
export async function validationErrors(
  grouped: GroupedData,
  model: string,
  horizon: number,
  windows: number,
  workers = 1,
  cache?: Map<number, Promise<BaseForecasts>>,
): Promise<ResidualMatrix> {
  const n = grouped.hierarchy.ids.length;
  const length = grouped.dataset.series[0].y.length;
  const rows: Float64Array[] = [];
  for (let w = windows; w >= 1; w--) {
    const cut = length - w * horizon;
    if (cut < 2 * Math.max(grouped.dataset.series[0].seasonLengths[0], 1) + 2) continue;
    const base = await cachedBase(grouped, cut, model, horizon, workers, cache);
    for (let s = 0; s < horizon; s++) {
      const row = new Float64Array(n);
      grouped.dataset.series.forEach((series, i) => (row[i] = series.y[cut + s] - base.mean[i * horizon + s]));
      rows.push(row);
    }
  }
  if (rows.length === 0)
    throw new ForesightError('too_short', `${length} periods leave no validation window of ${horizon} steps`);
  const values = new Float64Array(rows.length * n);
  rows.forEach((r, t) => values.set(r, t * n));
  return { n, T: rows.length, values };
}

/** Reconciles base forecasts of a grouped dataset (known totals kept exact). */
export function reconcileGrouped(
  grouped: GroupedData,
  base: BaseForecasts,
  horizon: number,
  method: ReconcileMethod,
): ReconcileResult {
  return reconcile(grouped.hierarchy, base.mean, horizon, method, {
    residuals: needsResiduals(method) ? base.residuals : undefined,
    exact: [...grouped.fixed.keys()],
  });
}

/**
 * RMSE and MASE per level and overall (the mean over series of each series' score, as hierarchicalforecast's
 * `evaluate`), for forecasts `forecast` (n x h) of `actual` (n x h) with MASE scales from `train`.
 */
export function levelAccuracy(
  grouped: GroupedData,
  actual: Float64Array,
  forecast: Float64Array,
  horizon: number,
  scales: Float64Array,
  levelsToScore?: readonly number[],
): { level: string; series: number; rmse: number; mase: number }[] {
  const h = grouped.hierarchy;
  const n = h.ids.length;
  const perSeries = Array.from({ length: n }, (_, i) => {
    let se = 0,
      ae = 0;
    for (let s = 0; s < horizon; s++) {
      const e = actual[i * horizon + s] - forecast[i * horizon + s];
      se += e * e;
      ae += Math.abs(e);
    }
    return { rmse: Math.sqrt(se / horizon), mase: ae / horizon / scales[i] };
  });
  const chosen = levelsToScore ?? h.levels.map((_, l) => l);
  const rows = chosen.map((l) => {
    const members = perSeries.filter((_, i) => h.level[i] === l);
    return {
      level: h.levels[l].name,
      series: members.length,
      rmse: mean(members.map((x) => x.rmse)),
      mase: mean(members.map((x) => x.mase).filter(Number.isFinite)),
    };
  });
  const all = perSeries.filter((_, i) => chosen.includes(h.level[i]));
  rows.push({
    level: 'overall',
    series: all.length,
    rmse: mean(all.map((x) => x.rmse)),
    mase: mean(all.map((x) => x.mase).filter(Number.isFinite)),
  });
  return rows;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** Normal base paths (from the 95% or widest interval) tied by residual ranks, then reconciled; returns bounds. */
function coherentIntervals(
  grouped: GroupedData,
  base: BaseForecasts,
  horizon: number,
  levels: readonly number[],
  method: ReconcileMethod,
  count: number,
  seed: number,
): { lower: Float64Array[]; upper: Float64Array[] } {
  const h = grouped.hierarchy;
  const n = h.ids.length;
  const sd = new Float64Array(n * horizon);
  base.runs.forEach((run, i) => {
    const f = run.forecast!;
    const k = f.levels.length ? f.levels.indexOf(Math.max(...f.levels)) : -1;
    const z = k >= 0 ? normalQuantile(0.5 + f.levels[k] / 200) : 1;
    for (let s = 0; s < horizon; s++) {
      const width = k >= 0 ? f.upper[k][s] - f.lower[k][s] : NaN;
      sd[i * horizon + s] = Number.isFinite(width) && width > 0 ? width / (2 * z) : 0;
    }
  });
  for (const i of grouped.fixed.keys()) sd.fill(0, i * horizon, (i + 1) * horizon);
  const rng = createRng(seed);
  const paths: Float64Array[] = [];
  for (let p = 0; p < count; p++) {
    const path = new Float64Array(n * horizon);
    for (let i = 0; i < path.length; i++) path[i] = base.mean[i] + sd[i] * rng.normal();
    paths.push(path);
  }
  const reconciled = reconcilePaths(h, paths, horizon, method, {
    residuals: base.residuals,
    rng,
    exact: [...grouped.fixed.keys()],
    weightsResiduals: needsResiduals(method) ? base.residuals : undefined,
  });
  return quantileBounds(reconciled, n * horizon, levels);
}

function quantileBounds(
  paths: readonly Float64Array[],
  size: number,
  levels: readonly number[],
): { lower: Float64Array[]; upper: Float64Array[] } {
  const lower = levels.map(() => new Float64Array(size));
  const upper = levels.map(() => new Float64Array(size));
  const column = new Float64Array(paths.length);
  for (let i = 0; i < size; i++) {
    for (let p = 0; p < paths.length; p++) column[p] = paths[p][i];
    column.sort();
    levels.forEach((level, k) => {
      lower[k][i] = quantile(column, 0.5 - level / 200);
      upper[k][i] = quantile(column, 0.5 + level / 200);
    });
  }
  return { lower, upper };
}

function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at),
    hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * Forecasts and reconciles every series of a grouped dataset. Throws ForesightError ('invalid_argument' for a
 * bad method, horizon or level, 'unknown_model', and what the reconciliation throws).
 *
 * @example
 * const grouped = await readGroupedCsv('tourism.csv', { keys: ['state', 'region', 'purpose'] });
 * const f = await forecastHierarchy(grouped, { horizon: 8, levels: [80, 95], method: 'mint_shrink' });
 * f.coherenceAfter < 1e-6 // true
 */
export async function forecastHierarchy(grouped: GroupedData, options: HierarchyOptions): Promise<HierarchyForecast> {
  const method = typeof options.method === 'string' ? parseReconcileMethod(options.method) : options.method;
  const model = options.model ?? 'ets';
  const horizon = options.horizon;
  if (!Number.isInteger(horizon) || horizon < 1)
    throw new ForesightError('invalid_argument', `horizon ${horizon} is not a positive integer`, {
      value: String(horizon),
    });
  const h = grouped.hierarchy;
  const n = h.ids.length;
  // the coherent intervals hold every path of every series and step in memory: refused before any work when
  // that is beyond the limit of simulated values (18 series x 10,000 steps x 1000 paths would be 1.4 GB a copy)
  const pathCount = options.paths ?? 1000;
  if (pathCount > 0 && options.levels.length && n * horizon * pathCount > MAX_PATH_VALUES)
    throw new ForesightError(
      'invalid_argument',
      `coherent intervals of ${n} series x ${horizon} steps x ${pathCount} paths are ${n * horizon * pathCount} simulated values, above the limit of ${MAX_PATH_VALUES}; shorten the horizon`,
      { value: String(horizon) },
    );
  // as forecastFile: every core for batches of 50 series or more
  const workers = options.workers ?? (n >= 50 ? availableParallelism() : 1);
  const cache = new Map<number, Promise<BaseForecasts>>();
  const weighted = async (g: GroupedData, b: BaseForecasts): Promise<BaseForecasts> =>
    options.weights === 'validation' && needsResiduals(method)
      ? { ...b, residuals: await validationErrors(g, model, horizon, 2, workers, cache) }
      : b;
  const base = await weighted(
    grouped,
    await baseForecasts(grouped, model, horizon, options.levels, workers, options.onProgress),
  );
  const result = reconcileGrouped(grouped, base, horizon, method);
  const notes = [...grouped.notes];
  if (needsResiduals(method)) {
    // a series whose residuals are all zero (constant, or a single value) is weighed as known (covariance.ts)
    const { n: count, T, values } = base.residuals;
    const errorFree = grouped.dataset.ids.filter((_, i) => {
      for (let t = 0; t < T; t++) if (values[t * count + i] !== 0) return false;
      return !grouped.fixed.has(i);
    });
    if (errorFree.length)
      notes.push(
        `${errorFree.length} series without in-sample error (${errorFree
          .slice(0, 5)
          .map((id) => `"${id}"`)
          .join(
            ', ',
          )}${errorFree.length > 5 ? ', ...' : ''}) weighed as known by ${result.method}: they keep their base forecasts`,
      );
  }
  const count = options.paths ?? 1000;
  const { lower, upper } =
    count > 0 && options.levels.length
      ? coherentIntervals(grouped, base, horizon, options.levels, method, count, options.seed ?? 1)
      : { lower: [], upper: [] };
  const first = grouped.dataset.series[0];
  const ds = continueTime(first.times, first.frequency, horizon).map((t) => formatTime(t, first.kind));
  // validation windows: refit before each window, reconcile, score per level
  const windows = options.validationWindows ?? 2;
  const length = first.y.length;
  const season = options.maseSeason ?? first.seasonLengths[0];
  const validation: LevelAccuracy[] = [];
  let used = 0;
  const sums = new Map<string, { series: number; rb: number; rr: number; mb: number; mr: number }>();
  for (let w = windows; w >= 1; w--) {
    const cut = length - w * horizon;
    if (cut < 2 * Math.max(season, 1) + 2) continue;
    const train = truncateGrouped(grouped, cut);
    const vb = await weighted(train, await cachedBase(grouped, cut, model, horizon, workers, cache));
    const vr = reconcileGrouped(train, vb, horizon, method);
    const actual = new Float64Array(n * horizon);
    const scales = new Float64Array(n);
    grouped.dataset.series.forEach((s, i) => {
      actual.set(s.y.subarray(cut, cut + horizon), i * horizon);
      scales[i] = maseScale(s.y.subarray(0, cut), season);
    });
    const before = levelAccuracy(grouped, actual, vb.mean, horizon, scales);
    const after = levelAccuracy(grouped, actual, vr.values, horizon, scales);
    before.forEach((b, k) => {
      const acc = sums.get(b.level) ?? { series: b.series, rb: 0, rr: 0, mb: 0, mr: 0 };
      acc.rb += b.rmse;
      acc.rr += after[k].rmse;
      acc.mb += b.mase;
      acc.mr += after[k].mase;
      sums.set(b.level, acc);
    });
    used++;
  }
  for (const [level, a] of sums)
    validation.push({
      level,
      series: a.series,
      rmseBase: a.rb / used,
      rmseReconciled: a.rr / used,
      maseBase: a.mb / used,
      maseReconciled: a.mr / used,
    });
  return {
    ids: [...h.ids],
    levelNames: Array.from(h.level, (l) => h.levels[l].name),
    ds,
    horizon,
    levels: [...options.levels],
    model,
    method: result.method,
    weights: options.weights ?? 'residuals',
    base: base.mean,
    reconciled: result.values,
    lower,
    upper,
    runs: base.runs,
    coherenceBefore: result.coherenceBefore,
    coherenceAfter: result.coherenceAfter,
    ...(result.lambda !== undefined ? { lambda: result.lambda } : {}),
    validation,
    validationWindows: used,
    notes,
  };
}

/** CSV header of reconciled output: `unique_id,level,ds,model,yhat,base` then `lo-L,hi-L`. */
export function hierarchyHeader(levels: readonly number[]): string {
  return ['unique_id', 'level', 'ds', 'model', 'yhat', 'base', ...levels.flatMap((l) => [`lo-${l}`, `hi-${l}`])].join(
    ',',
  );
}

function csv(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV lines of a hierarchy forecast, one per series x step (each ending in a newline). */
export function hierarchyLines(f: HierarchyForecast): string {
  let out = '';
  const label = csv(`${f.model}/${f.method}`);
  f.ids.forEach((id, i) => {
    for (let s = 0; s < f.horizon; s++) {
      const at = i * f.horizon + s;
      let line = `${csv(id)},${csv(f.levelNames[i])},${f.ds[s]},${label},${f.reconciled[at]},${f.base[at]}`;
      for (let k = 0; k < f.lower.length; k++) line += `,${f.lower[k][at]},${f.upper[k][at]}`;
      out += line + '\n';
    }
  });
  return out;
}

/** The `--report` JSON of a hierarchy forecast. */
export function hierarchyReport(f: HierarchyForecast, input: string): { [key: string]: JsonValue } {
  return {
    input,
    horizon: f.horizon,
    levels: f.levels,
    model: f.model,
    method: f.method,
    weights: f.weights,
    ...(f.lambda !== undefined ? { shrinkageIntensity: f.lambda } : {}),
    seriesCount: f.ids.length,
    coherenceError: { before: f.coherenceBefore, after: f.coherenceAfter },
    validationWindows: f.validationWindows,
    validation: f.validation.map((v) => ({
      ...v,
      rmseChangePercent: 100 * (v.rmseReconciled / v.rmseBase - 1),
      maseChangePercent: 100 * (v.maseReconciled / v.maseBase - 1),
    })) as unknown as JsonValue,
    notes: f.notes,
    series: f.ids.map((id, i) => ({ unique_id: id, level: f.levelNames[i], ...describeRun(f.runs[i]) })),
  };
}

/** Options of `forecastHierarchyFile`: the grouped input options plus the forecast options. */
export type HierarchyFileOptions = GroupedInputOptions & HierarchyOptions & { input: string };

/**
 * Reads a grouped long CSV (`readGroupedCsv`) and forecasts it (`forecastHierarchy`): the function behind
 * `foresight forecast --keys ... --reconcile METHOD`, and the one an HTTP route calls.
 */
export async function forecastHierarchyFile(options: HierarchyFileOptions): Promise<HierarchyForecast> {
  const grouped = await readGroupedCsv(options.input, options);
  return forecastHierarchy(grouped, options);
}

/** Writes the hierarchy forecast CSV to a file, or stdout when `path` is undefined. */
export async function saveHierarchyCsv(f: HierarchyForecast, path?: string): Promise<void> {
  const text = hierarchyHeader(f.levels) + '\n' + hierarchyLines(f);
  if (!path) {
    if (!process.stdout.write(text)) await once(process.stdout, 'drain');
    return;
  }
  await writeFile(path, text).catch((e: Error) => {
    throw new ForesightError('io_error', `${path}: cannot write (${e.message})`, { file: path });
  });
}
