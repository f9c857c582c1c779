/**
 * The event syntax of `foresight probability` and of scored backtest events: a statistic of the future path,
 * compared with thresholds. Steps count from 1 (the first forecast step); `last` is the last observed value.
 *
 *   y[3] > 90B              the value at step 3 is above 90e9          (also <, >=, <=)
 *   80B <= y[3] <= 90B      the value at step 3 lies between the bounds (inclusive)
 *   max(y[1..8]) > 100      the path crosses above 100 at some step within 8
 *   min(y[1..8]) < 0        the path crosses below 0 at some step within 8
 *   sum(y[1..4]) > 300B     the total over steps 1 to 4 is above 300e9
 *   growth(4) > 10%         growth from the last observation to step 4 above 10% ((y[4] - last) / |last|)
 *   y[1] > last             the next value beats the last one (for a positive last value, growth(1) > 0)
 *
 * Numbers take an optional suffix k, M, B (or G) or T (1e3, 1e6, 1e9, 1e12); growth thresholds are percentages
 * (the % sign is optional). A range `y[1..8]` may omit its start: `y[..8]` (from step 1).
 */
import { parse } from 'csv-parse/sync';
import { ForesightError } from '../core/errors.js';

/** What an event measures on a path of future values. */
export type EventStatistic =
  | { type: 'value'; step: number }
  | { type: 'max' | 'min' | 'sum'; from: number; to: number }
  | { type: 'growth'; step: number };

/** A threshold: a number, or a multiple of the last observed value (`last` is `{ last: 1 }`). */
export type Threshold = number | { last: number };

/** A parsed event: `statistic` compared with one threshold (`op`) or lying within `[lower, upper]`. */
export type ForecastEvent =
  | { text: string; statistic: EventStatistic; op: '>' | '<' | '>=' | '<='; threshold: Threshold }
  | { text: string; statistic: EventStatistic; op: 'between'; lower: Threshold; upper: Threshold };

const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12 };
const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const THRESHOLD = new RegExp(String.raw`^(?:(${NUMBER})([kKMBGT])?(%)?|(?:(${NUMBER})\s*\*\s*)?last)$`);
const STAT = [
  { re: /^y\[(\d+)\]$/, make: (m: RegExpMatchArray): EventStatistic => ({ type: 'value', step: Number(m[1]) }) },
  {
    re: /^(max|min|sum)\(\s*y\[(\d*)\s*\.\.\s*(\d+)\]\s*\)$/,
    make: (m: RegExpMatchArray): EventStatistic => ({
      type: m[1] as 'max' | 'min' | 'sum',
      from: m[2] === '' ? 1 : Number(m[2]),
      to: Number(m[3]),
    }),
  },
  {
    re: /^growth\(\s*(\d+)\s*\)$/,
    make: (m: RegExpMatchArray): EventStatistic => ({ type: 'growth', step: Number(m[1]) }),
  },
];

/**
 * Parses one event (syntax in the module comment). `where` names the source for errors (`--event`, or
 * `events.csv line 3`). Throws ForesightError('invalid_argument') naming the source and the text at fault:
 * an unknown form, a threshold that is not a number, a step below 1 or a range that runs backwards.
 *
 * @example
 * parseEvent('growth(4) > 10%').threshold // 10
 * parseEvent('80B <= y[2] <= 90B') // { op: 'between', lower: 8e10, upper: 9e10, statistic: { type: 'value', step: 2 }, ... }
 */
export function parseEvent(text: string, where = 'event'): ForecastEvent {
  const source = text.trim();
  const fail = (why: string, value = source): never => {
    throw new ForesightError('invalid_argument', `${where}: event "${source}": ${why}`, { value });
  };
  const parts = source.split(/\s*(<=|>=|<|>)\s*/);
  // parts: [a, op, b] or [a, op, b, op, c]
  if (parts.length !== 3 && parts.length !== 5) {
    fail(
      'expected "STATISTIC > NUMBER" or "NUMBER <= STATISTIC <= NUMBER" (statistics: y[h], max(y[1..H]), min(y[1..H]), sum(y[1..H]), growth(k))',
    );
  }
  if (parts.length === 3) {
    const statistic = parseStatistic(parts[0], fail);
    const op = parts[1] as '>' | '<' | '>=' | '<=';
    return { text: source, statistic, op, threshold: parseThreshold(parts[2], statistic, fail) };
  }
  const [lo, op1, mid, op2, hi] = parts;
  if (!(op1.startsWith('<') && op2.startsWith('<')))
    fail('a range must read "LOWER <= STATISTIC <= UPPER"', `${op1} ${op2}`);
  const statistic = parseStatistic(mid, fail);
  const lower = parseThreshold(lo, statistic, fail);
  const upper = parseThreshold(hi, statistic, fail);
  if (typeof lower === 'number' && typeof upper === 'number' && lower > upper)
    fail(`lower bound ${lower} is above upper bound ${upper}`, lo);
  return { text: source, statistic, op: 'between', lower, upper };
}

function parseStatistic(text: string, fail: (why: string, value?: string) => never): EventStatistic {
  const t = text.trim();
  for (const { re, make } of STAT) {
    const m = t.match(re);
    if (!m) continue;
    const s = make(m);
    const steps = s.type === 'value' || s.type === 'growth' ? [s.step] : [s.from, s.to];
    if (steps.some((k) => !(Number.isInteger(k) && k >= 1)))
      fail(`step "${steps.find((k) => !(k >= 1))}" is not a positive whole number`, t);
    if ((s.type === 'max' || s.type === 'min' || s.type === 'sum') && s.from > s.to)
      fail(`range ${s.from}..${s.to} runs backwards`, t);
    return s;
  }
  return fail(`"${t}" is not a statistic (y[h], max(y[1..H]), min(y[1..H]), sum(y[1..H]), growth(k))`, t);
}

function parseThreshold(
  text: string,
  statistic: EventStatistic,
  fail: (why: string, value?: string) => never,
): Threshold {
  const t = text.trim();
  const m = t.match(THRESHOLD);
  if (!m) return fail(`threshold "${t}" is not a number (suffixes k, M, B, T; or "last")`, t);
  if (m[1] === undefined) {
    if (statistic.type === 'growth') fail('a growth threshold is a percentage, not "last"', t);
    return { last: m[4] === undefined ? 1 : Number(m[4]) };
  }
  if (m[3] && statistic.type !== 'growth') fail(`"%" only applies to growth(k) thresholds`, t);
  const value = Number(m[1]) * (m[2] ? SUFFIX[m[2]] : 1);
  if (!Number.isFinite(value)) fail(`threshold "${t}" is not a finite number`, t);
  return value;
}

/** The last step an event looks at (the horizon it needs). */
export function eventHorizon(event: ForecastEvent): number {
  const s = event.statistic;
  return s.type === 'value' || s.type === 'growth' ? s.step : s.to;
}

/** A threshold's value for a series whose last observation is `last`. */
export function thresholdValue(threshold: Threshold, last: number): number {
  return typeof threshold === 'number' ? threshold : threshold.last * last;
}

/**
 * The event's statistic on one path (`path[0]` is step 1): the value, the maximum, minimum or sum over the
 * range, or the growth in percent from `last`. NaN when the path is too short or growth has a zero base.
 *
 * @example
 * eventStatistic(parseEvent('growth(2) > 0'), Float64Array.of(110, 121), 100) // 21
 */
export function eventStatistic(event: ForecastEvent, path: ArrayLike<number>, last: number): number {
  const s = event.statistic;
  if (s.type === 'value') return s.step <= path.length ? path[s.step - 1] : NaN;
  if (s.type === 'growth')
    return s.step <= path.length && last !== 0 ? (100 * (path[s.step - 1] - last)) / Math.abs(last) : NaN;
  if (s.to > path.length) return NaN;
  let acc = s.type === 'max' ? -Infinity : s.type === 'min' ? Infinity : 0;
  for (let t = s.from - 1; t < s.to; t++) {
    const v = path[t];
    acc = s.type === 'max' ? Math.max(acc, v) : s.type === 'min' ? Math.min(acc, v) : acc + v;
  }
  return acc;
}

/**
 * Whether the event happens on `path` (`path[0]` is step 1) for a series whose last observation is `last`;
 * null when it is undefined there (path too short, non-finite values, growth from zero).
 *
 * @example
 * eventOccurs(parseEvent('max(y[1..3]) > 5'), Float64Array.of(1, 6, 2), 0) // true
 */
export function eventOccurs(event: ForecastEvent, path: ArrayLike<number>, last: number): boolean | null {
  const v = eventStatistic(event, path, last);
  if (!Number.isFinite(v)) return null;
  if (event.op === 'between') return v >= thresholdValue(event.lower, last) && v <= thresholdValue(event.upper, last);
  const x = thresholdValue(event.threshold, last);
  switch (event.op) {
    case '>':
      return v > x;
    case '<':
      return v < x;
    case '>=':
      return v >= x;
    case '<=':
      return v <= x;
  }
}

/** One row of an events file: the event and the series it applies to (null: every series). */
export interface EventRow {
  seriesId: string | null;
  event: ForecastEvent;
  /** Where the row was read (`events.csv line 3`), for messages about it; absent for events given inline. */
  where?: string;
}

/**
 * Parses an events CSV: a header with an `event` column and optionally `unique_id` (empty or `*` means every
 * series); one event per line (read with csv-parse; fields holding commas may be double-quoted). Throws ForesightError
 * ('invalid_input') naming the file and line for a missing column or a bad event.
 *
 * @example
 * parseEventsCsv('unique_id,event\nNVDA:revenue,y[1] > 90B\n,growth(1) > 0\n', 'events.csv').length // 2
 */
export function parseEventsCsv(text: string, file: string): EventRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (e) {
    throw new ForesightError('invalid_input', `${file}: malformed CSV (${(e as Error).message})`, { file });
  }
  const header = records[0]?.record ?? [];
  const eventCol = header.indexOf('event');
  const idCol = header.indexOf('unique_id');
  if (eventCol < 0)
    throw new ForesightError('invalid_input', `${file} line 1: header "${header.join(',')}" has no "event" column`, {
      file,
      line: 1,
      value: header.join(','),
    });
  const rows: EventRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const where = `${file} line ${line}`;
    const text = record[eventCol] ?? '';
    if (text === '')
      throw new ForesightError('invalid_input', `${where}: no event`, { file, line, value: record.join(',') });
    let event: ForecastEvent;
    try {
      event = parseEvent(text, where);
    } catch (e) {
      if (e instanceof ForesightError)
        throw new ForesightError('invalid_input', e.message, { file, line, value: e.value });
      throw e;
    }
    const id = idCol >= 0 ? (record[idCol] ?? '') : '';
    rows.push({ seriesId: id === '' || id === '*' ? null : id, event, where });
  }
  return rows;
}
