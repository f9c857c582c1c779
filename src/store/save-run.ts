/**
 * `forecast --save`: a finished CLI forecast stored as a run, in one transaction (the run and its forecasts
 * appear together or not at all).
 */
import type { SeriesForecast } from '../pipeline/forecast-batch.js';
import { Store } from './store.js';

/**
 * Stores the results of `foresight forecast` as a succeeded run and returns its id; the run is dated from
 * `startedAt`, when the command began, so its timings say how long the forecast took. Throws
 * ForesightError('io_error') when the database cannot be opened.
 *
 * @example
 * saveForecastRun('/tmp/f.db', results, { input: 'x.csv', horizon: 4, models: ['ets'], levels: [80], season: null }, started) // 'run id'
 */
export function saveForecastRun(
  dbPath: string,
  results: readonly SeriesForecast[],
  spec: { input: string; horizon: number; models: string[]; levels: number[]; season: string | null },
  startedAt: Date,
): string {
  const store = Store.open(dbPath);
  try {
    const run = store.createRun({
      kind: 'forecast',
      spec,
      total: results.length,
      source: 'cli',
      status: 'running',
      startedAt: startedAt.toISOString(),
    });
    store.completeForecastRun(run.id, results, spec.models, spec.levels);
    return run.id;
  } finally {
    store.close();
  }
}
