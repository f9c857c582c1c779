/**
 * The series representation shared by the CLI, the pipeline and the store, and the rules that turn raw rows
 * into a model-ready series.
 *
 * Missing values and gaps (the documented rule): a `y` that is empty, `NA`, `NaN` or `null` is missing, and so
 * is every period absent from the frequency's grid (a gap). Leading missing periods are dropped; interior
 * ones are filled by linear interpolation between the neighbouring observations; trailing ones are filled with
 * the last observation. The count of filled values is recorded per series. A series with no observed value at
 * all is kept (it appears in every output) but not fitted.
 */
import type { FrequencyName, TimeKind } from './time.js';

/** A series ready for models. */
export interface Series {
  id: string;
  kind: TimeKind;
  frequency: FrequencyName;
  /** Season lengths in force (from --season or the frequency's default); the first is the primary one. */
  seasonLengths: number[];
  /** Observations on the regular grid, gaps and missing values filled by the rule above. */
  y: Float64Array;
  /** Time values of the observed rows (sorted), used to continue the calendar. */
  times: Float64Array;
  /** Exogenous columns on the same grid as `y`. */
  exog: Record<string, Float64Array>;
  /** Exogenous columns as read, one value per observed row, aligned with `times` (used for future values). */
  rowExog: Record<string, Float64Array>;
  /** Number of values filled by the missing-value rule (in `y`). */
  filled: number;
  /** Notes about the data (gaps filled, leading values dropped, ...), for the report. */
  notes: string[];
}

/** A series that could not be read: it still appears in every output, with its reason. */
export interface InvalidSeries {
  id: string;
  /** The error message, naming file, line and value. */
  reason: string;
  file: string;
  line: number;
  value?: string;
}

/** Everything read from one long CSV file. */
export interface Dataset {
  file: string;
  /** Names of the extra numeric columns, in file order. */
  exogColumns: string[];
  /** Every unique_id in order of first appearance: each is in `series` or in `invalid`. */
  ids: string[];
  series: Series[];
  invalid: InvalidSeries[];
  /** How the file was read when it was not plain `unique_id,ds,y` CSV (layout, delimiter), for the CLI's notes. */
  notes?: string[];
}

/**
 * Fills missing values (NaN) by the documented rule; returns the filled copy, the number of leading values
 * dropped and the number filled. All-missing input gives an empty array.
 *
 * @example
 * fillMissing(Float64Array.of(NaN, 1, NaN, 3, NaN)) // { values: [1, 2, 3, 3], dropped: 1, filled: 2 }
 */
export function fillMissing(values: Float64Array): { values: Float64Array; dropped: number; filled: number } {
  let start = 0;
  while (start < values.length && Number.isNaN(values[start])) start++;
  if (start === values.length) return { values: new Float64Array(0), dropped: start, filled: 0 };
  const out = values.slice(start);
  let filled = 0;
  let previous = 0; // index of the last observed value
  for (let t = 1; t < out.length; t++) {
    if (!Number.isNaN(out[t])) {
      const gap = t - previous;
      for (let k = 1; k < gap; k++) out[previous + k] = out[previous] + ((out[t] - out[previous]) * k) / gap;
      filled += gap - 1;
      previous = t;
    }
  }
  for (let t = previous + 1; t < out.length; t++) {
    out[t] = out[previous];
    filled++;
  }
  return { values: out, dropped: start, filled };
}
