/**
 * The observed values of a stored series, as the dashboard draws them (sparklines, the history of a fan chart):
 * one `(ds, y)` pair per observed row, `ds` formatted as the forecasts format theirs. Values the missing-value
 * rule filled on the grid are left out, so a chart shows what the file held.
 */
import type { Series } from '../data/series.js';
import { formatTime, gridSteps } from '../data/time.js';

/** One series' observed history. */
export interface SeriesHistory {
  unique_id: string;
  frequency: string;
  ds: string[];
  y: (number | null)[];
  /** Driver columns as read, one value per observed row. */
  exog: Record<string, (number | null)[]>;
}

/**
 * Pairs each observed time with its value on the grid (`y` holds the grid, `times` the observed rows).
 *
 * @example
 * seriesHistory(series).ds.length // series.times.length
 */
export function seriesHistory(series: Series): SeriesHistory {
  const { times, y } = series;
  const positions: number[] = [0];
  if (times.length !== y.length) {
    const { steps } = gridSteps(times, series.frequency);
    for (const step of steps) positions.push(positions[positions.length - 1] + step);
  } else {
    for (let i = 1; i < times.length; i++) positions.push(i);
  }
  const ds: string[] = [];
  const values: (number | null)[] = [];
  for (let i = 0; i < times.length && i < positions.length; i++) {
    const v = y[positions[i]];
    ds.push(formatTime(times[i], series.kind));
    values.push(Number.isFinite(v) ? v : null);
  }
  const exog = Object.fromEntries(
    Object.entries(series.rowExog).map(([column, v]) => [
      column,
      Array.from(v.subarray(0, ds.length), (x) => (Number.isFinite(x) ? x : null)),
    ]),
  );
  return { unique_id: series.id, frequency: series.frequency, ds, y: values, exog };
}
