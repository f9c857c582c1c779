/**
 * Forecasts with drivers under several futures, side by side:
 * - named scenarios (`--scenario base=f1.csv --scenario bull=f2.csv`): each file gives the drivers' future
 *   values; the forecast is conditional on them (the driver's future treated as known);
 * - without any future, the drivers are forecast by Foresight (`driverModel`, default `auto`) and two forecasts
 *   are made: `conditional`, on the drivers' point forecasts, and `unconditional`, which propagates the drivers'
 *   uncertainty: for each of `paths` simulated driver paths, one sample path of the series given that driver
 *   path; the mean and quantiles of these paths are the forecast and its intervals. Drivers are simulated
 *   independently of one another (their cross-correlation is not modelled).
 */
import { ForesightError } from '../core/errors.js';
import { checkRegressors } from '../data/regressors.js';
import { createRng } from '../core/random.js';
import type { Dataset } from '../data/series.js';
import { continueTime, formatTime } from '../data/time.js';
import { resolveModel } from '../ensemble/registry.js';
import { samplePaths } from '../evaluate/event-probability.js';
import { checkSimulationSize, seriesSeed } from '../evaluate/probabilities.js';
import { runModel, type ModelRun } from '../models/run-model.js';
import type { Forecast, FutureData } from '../models/types.js';
import { readSeriesCsv } from '../data/read-csv.js';
import { checkDriverModels } from './drivers.js';
import { forecastDataset, toSeriesData, type SeriesForecast } from './forecast-batch.js';
import { csvField } from './write-forecast.js';
import { buildReport } from './run-forecast.js';
import type { JsonValue } from '../models/types.js';

/** One scenario's forecasts. */
export interface ScenarioForecast {
  /** Scenario name (`base`, `bull`, or `conditional` / `unconditional` when drivers are forecast). */
  name: string;
  /** What the scenario means, for the report and the summary. */
  label: string;
  results: SeriesForecast[];
}

/** Options of `scenarioForecasts`. */
export interface ScenarioOptions {
  models: readonly string[];
  horizon: number;
  levels: readonly number[];
  /** Driver columns (at least one). */
  exog: readonly string[];
  /** Named driver futures; empty: the drivers are forecast and simulated. */
  scenarios: readonly { name: string; future: Dataset }[];
  /** Model forecasting the drivers when no future is given (default `auto`). */
  driverModel?: string;
  /** Driver paths for the unconditional forecast (default 1000) and their seed (default 1). */
  paths?: number;
  seed?: number;
}

/**
 * Forecasts every series under each scenario (see the module comment). Every input series appears in every
 * scenario. Throws ForesightError('invalid_argument') for a model that cannot use drivers, duplicate scenario
 * names, a scenario file missing a series, a driver or a step (naming the file, series, column and ds), or no
 * driver given.
 *
 * @example
 * scenarioForecasts(data, { models: ['arima'], horizon: 4, levels: [80], exog: ['revenue'], scenarios: [] }).map((s) => s.name) // ['conditional', 'unconditional']
 */
export function scenarioForecasts(data: Dataset, options: ScenarioOptions): ScenarioForecast[] {
  if (options.exog.length === 0) throw new ForesightError('invalid_argument', 'scenarios need drivers: give --exog');
  checkRegressors(data, options.exog);
  checkDriverModels(options.models, options.exog);
  const batch = { models: options.models, horizon: options.horizon, levels: options.levels, exog: options.exog };
  if (options.scenarios.length > 0) {
    const seen = new Set<string>();
    for (const s of options.scenarios) {
      if (seen.has(s.name))
        throw new ForesightError('invalid_argument', `scenario "${s.name}" is given twice`, { value: s.name });
      seen.add(s.name);
    }
    return options.scenarios.map((s) => ({
      name: s.name,
      label: `drivers' future from ${s.future.file}`,
      results: forecastDataset(data, { ...batch, future: s.future }),
    }));
  }
  return driverScenarios(data, options);
}

function driverScenarios(data: Dataset, options: ScenarioOptions): ScenarioForecast[] {
  const h = options.horizon;
  const count = options.paths ?? 1000;
  if (!(Number.isInteger(count) && count >= 1))
    throw new ForesightError('invalid_argument', `paths ${count} is not a positive integer`, { value: String(count) });
  checkSimulationSize(count, [], h);
  const driver = resolveModel(options.driverModel ?? 'auto');
  const resolved = options.models.map((m) => resolveModel(m));
  const conditional: SeriesForecast[] = [];
  const unconditional: SeriesForecast[] = [];
  const byId = new Map(data.series.map((s) => [s.id, s]));
  const invalid = new Map(data.invalid.map((s) => [s.id, s]));
  for (const id of data.ids) {
    const series = byId.get(id);
    if (!series) {
      const empty = { id, ds: [], runs: [], invalid: invalid.get(id) ?? null, series: null };
      conditional.push(empty);
      unconditional.push(empty);
      continue;
    }
    const rng = createRng(seriesSeed(options.seed ?? 1, id));
    const m = series.seasonLengths[0];
    // each driver: its forecast (the conditional future) and its sample paths
    const driverMeans: Record<string, Float64Array> = {};
    const driverPaths: Record<string, Float64Array[]> = {};
    for (const column of options.exog) {
      const x = series.exog[column];
      const run = runModel({ y: x, seasonLength: m, seasonLengths: series.seasonLengths }, driver, h, [95]);
      if (!run.forecast)
        throw new ForesightError(
          'invalid_input',
          `series "${id}": driver "${column}" cannot be forecast: ${run.fallbackReason}`,
          { value: id },
        );
      driverMeans[column] = run.forecast.mean;
      driverPaths[column] = samplePaths(
        driver.definition,
        run.fallbackReason ? null : run.fit,
        run.forecast,
        h,
        count,
        rng,
      );
    }
    const ds = continueTime(series.times, series.frequency, h).map((t) => formatTime(t, series.kind));
    const input = toSeriesData(series, options.exog);
    const condRuns: ModelRun[] = [];
    const uncRuns: ModelRun[] = [];
    for (const model of resolved) {
      const run = runModel(input, model, h, withLevel95(options.levels), { exog: driverMeans });
      condRuns.push({ ...run, forecast: run.forecast ? pickLevels(run.forecast, options.levels) : null });
      if (!run.forecast) {
        uncRuns.push(run);
        continue;
      }
      const fit = run.fallbackReason ? null : run.fit;
      const paths: Float64Array[] = [];
      for (let i = 0; i < count; i++) {
        const future: FutureData = { exog: Object.fromEntries(options.exog.map((c) => [c, driverPaths[c][i]])) };
        const fc = fit ? model.definition.forecast(fit, h, [95], future) : run.forecast;
        paths.push(samplePaths(model.definition, fit, fc, h, 1, rng, future)[0]);
      }
      uncRuns.push({ ...run, forecast: pathForecast(paths, options.levels) });
    }
    conditional.push({ id, ds, runs: condRuns, invalid: null, series });
    unconditional.push({ id, ds, runs: uncRuns, invalid: null, series });
  }
  const what = `${options.exog.join(', ')} forecast by ${driver.name}`;
  return [
    {
      name: 'conditional',
      label: `conditional on the drivers' point forecasts (${what}), their uncertainty ignored`,
      results: conditional,
    },
    {
      name: 'unconditional',
      label: `unconditional: ${count} simulated driver paths (${what}) propagated into the forecast`,
      results: unconditional,
    },
  ];
}

function withLevel95(levels: readonly number[]): number[] {
  return levels.includes(95) ? [...levels] : [...levels, 95];
}

function pickLevels(f: Forecast, levels: readonly number[]): Forecast {
  return {
    mean: f.mean,
    levels: [...levels],
    lower: levels.map((l) => f.lower[f.levels.indexOf(l)]),
    upper: levels.map((l) => f.upper[f.levels.indexOf(l)]),
  };
}

/**
 * Forecast from sample paths: the mean path and, per level L, the (100 - L)/2 and (100 + L)/2 percentiles at each
 * step (type-7 quantiles, as R's default).
 *
 * @example
 * pathForecast([Float64Array.of(1), Float64Array.of(3)], [50]).mean[0] // 2
 */
export function pathForecast(paths: readonly Float64Array[], levels: readonly number[]): Forecast {
  const h = paths[0]?.length ?? 0;
  const n = paths.length;
  const mean = new Float64Array(h);
  const lower = levels.map(() => new Float64Array(h));
  const upper = levels.map(() => new Float64Array(h));
  const column = new Float64Array(n);
  for (let t = 0; t < h; t++) {
    for (let i = 0; i < n; i++) column[i] = paths[i][t];
    column.sort();
    mean[t] = column.reduce((a, b) => a + b, 0) / n;
    levels.forEach((l, j) => {
      lower[j][t] = quantile(column, (100 - l) / 200);
      upper[j][t] = quantile(column, (100 + l) / 200);
    });
  }
  return { mean, levels: [...levels], lower, upper };
}

function quantile(sorted: Float64Array, p: number): number {
  const x = (sorted.length - 1) * p;
  const i = Math.floor(x);
  return i + 1 < sorted.length ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/** Options of `forecastScenariosFile`. */
export interface ScenarioFileOptions extends Omit<ScenarioOptions, 'scenarios'> {
  input: string;
  /** `name=file` pairs, as given to `--scenario`. */
  scenarios: readonly string[];
  seasonLengths?: number[];
  strict?: boolean;
}

/**
 * Reads the input and each scenario file (strictly: a bad value names its file and line) and runs
 * `scenarioForecasts`. Throws ForesightError('invalid_argument') for a `--scenario` that is not `name=file`.
 */
export async function forecastScenariosFile(
  options: ScenarioFileOptions,
): Promise<{ data: Dataset; scenarios: ScenarioForecast[] }> {
  const data = await readSeriesCsv(options.input, { seasonLengths: options.seasonLengths, strict: options.strict });
  const scenarios: { name: string; future: Dataset }[] = [];
  for (const text of options.scenarios) {
    const eq = text.indexOf('=');
    const name = eq > 0 ? text.slice(0, eq).trim() : '';
    const file = eq > 0 ? text.slice(eq + 1).trim() : '';
    if (!/^[\w.-]+$/.test(name) || file === '')
      throw new ForesightError(
        'invalid_argument',
        `--scenario "${text}" is not NAME=FILE (NAME of letters, digits, _ . -)`,
        { value: text },
      );
    scenarios.push({ name, future: await readSeriesCsv(file, { seasonLengths: options.seasonLengths, strict: true }) });
  }
  return { data, scenarios: scenarioForecasts(data, { ...options, scenarios }) };
}

/**
 * The scenario forecast CSV: `unique_id,ds,scenario,model,yhat` then `lo-L,hi-L` per level, scenario after
 * scenario; unreadable series get one empty row per scenario and model.
 *
 * @example
 * scenarioCsv(scenarios, ['arima'], [80]).split('\n')[0] // 'unique_id,ds,scenario,model,yhat,lo-80,hi-80'
 */
export function scenarioCsv(
  scenarios: readonly ScenarioForecast[],
  models: readonly string[],
  levels: readonly number[],
): string {
  const cell = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? String(v) : '');
  let out =
    ['unique_id', 'ds', 'scenario', 'model', 'yhat', ...levels.flatMap((l) => [`lo-${l}`, `hi-${l}`])].join(',') + '\n';
  for (const s of scenarios) {
    for (const r of s.results) {
      const id = csvField(r.id);
      if (r.runs.length === 0) {
        for (const m of models) out += `${id},,${s.name},${csvField(m)},${','.repeat(2 * levels.length)}\n`;
        continue;
      }
      for (const run of r.runs) {
        const f = run.forecast;
        for (let t = 0; t < r.ds.length; t++) {
          out +=
            [
              id,
              r.ds[t],
              s.name,
              csvField(run.model),
              cell(f?.mean[t]),
              ...levels.flatMap((_, i) => [cell(f?.lower[i][t]), cell(f?.upper[i][t])]),
            ].join(',') + '\n';
        }
      }
    }
  }
  return out;
}

/** The report of a scenario run: per scenario its name, what it means, and the per-series report of `buildReport`. */
export function scenarioReport(
  data: Dataset,
  scenarios: readonly ScenarioForecast[],
  options: { horizon: number; levels: readonly number[] },
): { [key: string]: JsonValue } {
  return {
    scenarios: scenarios.map((s) => ({ name: s.name, label: s.label, report: buildReport(data, s.results, options) })),
  };
}
