/**
 * What every chart builder of src/charts shares: the Vega-Lite spec type, the schema it targets, the default
 * size, and the rules that turn library values into chart rows (finite numbers only; `ds` as dates or as an
 * integer index). Nothing here imports Node modules: the browser bundle of the dashboard imports the builders.
 */
import type { TopLevelSpec } from 'vega-lite';

export type { TopLevelSpec };

/** The Vega-Lite schema the specs are written for (read by vega-embed to pick the compiler; never fetched). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Size of a chart's plotting area in pixels, unless the options say otherwise. */
export interface ChartSize {
  width?: number;
  height?: number;
}

/** Default plotting area. */
export const DEFAULT_SIZE = { width: 560, height: 240 } as const;

/** A point forecast with central intervals: a library `Forecast`, or the same arrays read from JSON (nulls for gaps). */
export interface ForecastBands {
  mean: ArrayLike<number | null>;
  /** Interval levels in percent; `lower[i]`, `upper[i]` belong to `levels[i]`. */
  levels: readonly number[];
  lower: readonly ArrayLike<number | null>[];
  upper: readonly ArrayLike<number | null>[];
}

/**
 * The bands of a forecast given as the HTTP API writes it (`mean` and `intervals: [{ level, lower, upper }]`).
 *
 * @example
 * forecastBands([1, 2], [{ level: 80, lower: [0, 1], upper: [2, 3] }]).levels // [80]
 */
export function forecastBands(
  mean: ArrayLike<number | null>,
  intervals: readonly { level: number; lower: ArrayLike<number | null>; upper: ArrayLike<number | null> }[],
): ForecastBands {
  return {
    mean,
    levels: intervals.map((i) => i.level),
    lower: intervals.map((i) => i.lower),
    upper: intervals.map((i) => i.upper),
  };
}

/** A number when `v` is a finite number, else null (NaN, infinities and nulls are left out of charts). */
export function finite(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const INTEGER = /^[-+]?\d+$/;

/** How a list of `ds` stamps is drawn: integer stamps on a linear axis, dates and date-times on a UTC time axis. */
export type TimeAxis = 'index' | 'date';

/**
 * `index` when every stamp is an integer, else `date`.
 *
 * @example
 * timeAxis(['1', '2']) // 'index'
 * timeAxis(['2024-03-31']) // 'date'
 */
export function timeAxis(...lists: readonly (readonly string[])[]): TimeAxis {
  return lists.every((ds) => ds.every((d) => INTEGER.test(d))) ? 'index' : 'date';
}

/** A stamp as a chart value: a number on an index axis, the ISO text on a date axis. */
export function timeValue(ds: string, axis: TimeAxis): number | string {
  return axis === 'index' ? Number(ds) : ds;
}

/** The x encoding of a time axis. */
export function timeEncoding(axis: TimeAxis, title = 'ds') {
  return axis === 'index'
    ? { field: 'ds', type: 'quantitative' as const, title, scale: { zero: false } }
    : { field: 'ds', type: 'temporal' as const, title, scale: { type: 'utc' as const } };
}

/** Percent with one decimal: 0.6321 -> "63.2%". */
export function percent(p: number): string {
  return Number.isFinite(p) ? `${(100 * p).toFixed(1)}%` : 'n/a';
}
