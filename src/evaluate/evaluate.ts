/**
 * `foresight evaluate`: scores a forecast file against held-out values, per model, the M4 way (MAE, RMSE,
 * sMAPE, MASE, OWA against naive2, interval coverage and scaled pinball loss).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ForesightError } from '../core/errors.js';
import { readSeriesCsv, type ReadOptions } from '../data/read-csv.js';
import type { Series } from '../data/series.js';
import { formatTime } from '../data/time.js';
import { resolveModel } from '../ensemble/registry.js';
import { runModel } from '../models/run-model.js';
import { AccuracyAccumulator, maseScale, type AccuracySummary } from './accuracy.js';
import { readForecastCsv } from './read-forecast-csv.js';

/** Options of `evaluateFiles`. */
export interface EvaluateOptions {
  train: string;
  test: string;
  forecast: string;
  /** Season length for the MASE scale and for naive2; default: `mase_m` / `season` of a meta.json beside the train file, else the frequency's. */
  season?: number;
  /** How to read the train and test files (column mapping, layout, delimiter, date order, encoding). */
  read?: ReadOptions;
}

/** Result of `evaluateFiles`. */
export interface EvaluateResult {
  models: AccuracySummary[];
  /** Test series without a forecast, per model. */
  missing: Record<string, string[]>;
  /** Season length used for the MASE scale. */
  maseSeason: number | null;
  /** Where naive2's scores (for OWA) came from. */
  naive2Source: 'forecast file' | 'computed from the training data';
}

interface Meta {
  season?: number;
  mase_m?: number;
}

async function readMeta(train: string): Promise<Meta> {
  try {
    return JSON.parse(await readFile(join(dirname(train), 'meta.json'), 'utf8')) as Meta;
  } catch {
    return {};
  }
}

/**
 * Scores every model of the forecast file on every test series.
 * Throws ForesightError('invalid_input') for unreadable or malformed files, a test series that cannot be read
 * or has gaps, a forecast row dated outside its series' test period, and a forecast that lacks some step of
 * the test period (metrics over part of the period would not be comparable). A test series without any
 * forecast rows is listed in `missing`; a forecast file without rows, or without a row for any test series,
 * is an error (nothing would be scored).
 */
export async function evaluateFiles(options: EvaluateOptions): Promise<EvaluateResult> {
  const meta = await readMeta(options.train);
  const [train, test, table] = await Promise.all([
    readSeriesCsv(options.train, options.read),
    readSeriesCsv(options.test, options.read),
    readForecastCsv(options.forecast),
  ]);
  const trainById = new Map<string, Series>(train.series.map((s) => [s.id, s]));
  const maseSeasonOf = (s: Series) => options.season ?? meta.mase_m ?? s.seasonLengths[0];
  const naive2SeasonOf = (s: Series) => options.season ?? meta.season ?? s.seasonLengths[0];
  const models = [...table.values.keys()];
  const accumulators = new Map(models.map((m) => [m, new AccuracyAccumulator(m, table.levels)]));
  const naive2Computed = new AccuracyAccumulator('naive2', []);
  const missing: Record<string, string[]> = Object.fromEntries(models.map((m) => [m, []]));
  const naive2 = resolveModel('naive2');
  if (test.invalid.length > 0) {
    const bad = test.invalid[0];
    throw new ForesightError(
      'invalid_input',
      `${options.test}: series "${bad.id}" could not be read (${bad.reason}); the test data must be complete`,
      { file: options.test, line: bad.line, value: bad.id },
    );
  }
  const testTimes = new Map(test.series.map((t) => [t.id, new Set(t.times)]));
  for (const [model, bySeries] of table.values) {
    for (const [id, rows] of bySeries) {
      const times = testTimes.get(id);
      if (!times) continue;
      for (const [time, row] of rows) {
        if (!times.has(time)) {
          const t = test.series.find((s) => s.id === id)!;
          const line = row[row.length - 1];
          throw new ForesightError(
            'invalid_input',
            `${options.forecast} line ${line}: model "${model}" forecasts series "${id}" at ${formatTime(time, t.kind)}, outside its test period ${formatTime(t.times[0], t.kind)} to ${formatTime(t.times[t.times.length - 1], t.kind)}`,
            { file: options.forecast, line, value: formatTime(time, t.kind) },
          );
        }
      }
    }
  }
  for (const t of test.series) {
    const history = trainById.get(t.id);
    if (!history)
      throw new ForesightError('invalid_input', `${options.test}: series "${t.id}" is not in ${options.train}`, {
        file: options.test,
        value: t.id,
      });
    if (t.y.length !== t.times.length)
      throw new ForesightError(
        'invalid_input',
        `${options.test}: series "${t.id}" has gaps; score complete test periods`,
        { file: options.test, value: t.id },
      );
    const scale = maseScale(history.y, maseSeasonOf(history));
    for (const model of models) {
      const rows = table.values.get(model)!.get(t.id);
      if (!rows) {
        missing[model].push(t.id);
        continue;
      }
      const h = t.y.length;
      const mean = new Float64Array(h).fill(NaN);
      const lower = table.levels.map(() => new Float64Array(h).fill(NaN));
      const upper = table.levels.map(() => new Float64Array(h).fill(NaN));
      for (let i = 0; i < h; i++) {
        const row = rows.get(t.times[i]);
        if (!row) {
          throw new ForesightError(
            'invalid_input',
            `${options.forecast}: model "${model}" has no forecast for series "${t.id}" at ${formatTime(t.times[i], t.kind)} (step ${i + 1} of the test period)`,
            { file: options.forecast, value: formatTime(t.times[i], t.kind) },
          );
        }
        mean[i] = row[0];
        table.levels.forEach((_, k) => {
          lower[k][i] = row[1 + 2 * k];
          upper[k][i] = row[2 + 2 * k];
        });
      }
      accumulators.get(model)!.add({ actual: t.y, mean, lower, upper, scale });
    }
    if (!table.values.has('naive2')) {
      const run = runModel({ y: history.y, seasonLength: naive2SeasonOf(history) }, naive2, t.y.length, []);
      if (run.forecast) naive2Computed.add({ actual: t.y, mean: run.forecast.mean, scale });
    }
  }
  // a table of zero cases is not an evaluation: say so instead of printing dashes with exit status 0
  if (models.length === 0)
    throw new ForesightError('invalid_input', `${options.forecast}: no forecast rows to score`, {
      file: options.forecast,
    });
  if (test.series.length > 0 && models.every((m) => missing[m].length === test.series.length))
    throw new ForesightError(
      'invalid_input',
      `${options.forecast}: none of the ${test.series.length} series of ${options.test} has a forecast (first: "${test.series[0].id}"; the forecast has ${[
        ...new Set([...table.values.values()].flatMap((b) => [...b.keys()])),
      ]
        .slice(0, 3)
        .map((id) => `"${id}"`)
        .join(', ')}); nothing to score`,
      { file: options.forecast, value: test.series[0].id },
    );
  const reference = table.values.has('naive2') ? accumulators.get('naive2')!.summary() : naive2Computed.summary();
  return {
    models: models.map((m) => accumulators.get(m)!.summary(reference)),
    missing,
    maseSeason: test.series.length ? maseSeasonOf(trainById.get(test.series[0].id)!) : null,
    naive2Source: table.values.has('naive2') ? 'forecast file' : 'computed from the training data',
  };
}
