/**
 * Streaming reader for the long CSV format `unique_id,ds,y[,extra numeric columns...]`.
 *
 * The file is parsed as a stream (csv-parse) and every column of every series goes into typed arrays, so a
 * large file costs about 8 bytes per value, not a JavaScript object per row. Series may come in any order and
 * rows within a series may be unsorted. Problems with the file as a whole (missing file, empty file, missing
 * header or columns, malformed CSV) throw a ForesightError naming the file and line. Problems with one series
 * (a non-numeric `y`, an unparseable or duplicate `ds`, mixed frequencies) mark that series invalid with a
 * message naming file, line and value, and the other series are read normally; with `strict` they throw.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { ForesightError } from '../core/errors.js';
import { GrowableArray } from './growable.js';
import { fillMissing, type Dataset, type InvalidSeries, type Series } from './series.js';
import { DEFAULT_SEASONS, gridSteps, inferFrequency, parseTime, formatTime, type FrequencyName, type TimeKind } from './time.js';

/** Options of `readSeriesCsv`. */
export interface ReadOptions {
  /** Season lengths overriding the frequency's default (`--season 24,168`). */
  seasonLengths?: number[];
  /** Throw on the first invalid series instead of recording it. */
  strict?: boolean;
  /** Name used in messages (defaults to the path). */
  displayName?: string;
}

const MISSING = new Set(['', 'na', 'nan', 'null', 'none']);

interface RawSeries {
  id: string;
  kind: TimeKind | null;
  times: GrowableArray;
  y: GrowableArray;
  lines: GrowableArray;
  exog: GrowableArray[];
  problem: InvalidSeries | null;
}

/**
 * Parses a number cell: returns NaN for a missing marker, null for text that is not a number.
 *
 * @example
 * parseNumber('1.5e3') // 1500
 */
export function parseNumber(text: string): number | null {
  const s = text.trim();
  if (MISSING.has(s.toLowerCase())) return NaN;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads a long CSV file into series. Throws ForesightError ('io_error' for an unreadable file,
 * 'invalid_input' for an empty file, a bad header or malformed CSV).
 *
 * @example
 * const data = await readSeriesCsv('examples/industry.csv');
 * data.series[0].frequency // 'quarterly'
 */
export async function readSeriesCsv(path: string, options: ReadOptions = {}): Promise<Dataset> {
  const file = options.displayName ?? path;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ForesightError('io_error', `${file}: not a file`, { file });
  } catch (e) {
    if (e instanceof ForesightError) throw e;
    throw new ForesightError('io_error', `${file}: cannot read (${(e as Error).message})`, { file });
  }
  const parser = createReadStream(path).pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  );
  const byId = new Map<string, RawSeries>();
  const ids: string[] = [];
  let header: string[] | null = null;
  let exogColumns: string[] = [];
  let idColumn = 0, dsColumn = 0, yColumn = 0;
  let exogIndexes: number[] = [];
  const fail = (raw: RawSeries, line: number, message: string, value?: string) => {
    if (raw.problem) return;
    raw.problem = { id: raw.id, reason: `${file} line ${line}: ${message}`, file, line, value };
    if (options.strict) throw new ForesightError('invalid_input', raw.problem.reason, { file, line, value });
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (header === null) {
        header = record.map((c) => c.trim());
        const missing = ['unique_id', 'ds', 'y'].filter((c) => !header!.includes(c));
        if (missing.length > 0) {
          throw new ForesightError(
            'invalid_input',
            `${file} line ${line}: header "${record.join(',')}" lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected unique_id,ds,y[,extra numeric columns])`,
            { file, line, value: record.join(',') },
          );
        }
        const duplicate = header.find((c, i) => header!.indexOf(c) !== i);
        if (duplicate) throw new ForesightError('invalid_input', `${file} line ${line}: column "${duplicate}" appears twice in the header`, { file, line, value: duplicate });
        idColumn = header.indexOf('unique_id');
        dsColumn = header.indexOf('ds');
        yColumn = header.indexOf('y');
        exogIndexes = header.map((_, i) => i).filter((i) => i !== idColumn && i !== dsColumn && i !== yColumn);
        exogColumns = exogIndexes.map((i) => header![i]);
        continue;
      }
      const id = record[idColumn] ?? '';
      if (id === '') {
        throw new ForesightError('invalid_input', `${file} line ${line}: unique_id is empty`, { file, line, value: '' });
      }
      let raw = byId.get(id);
      if (!raw) {
        raw = { id, kind: null, times: new GrowableArray(), y: new GrowableArray(), lines: new GrowableArray(), exog: exogIndexes.map(() => new GrowableArray()), problem: null };
        byId.set(id, raw);
        ids.push(id);
      }
      if (raw.problem) continue;
      if (record.length !== header.length) {
        fail(raw, line, `expected ${header.length} fields (${header.join(',')}) but found ${record.length}`, record.join(','));
        continue;
      }
      const dsText = record[dsColumn];
      const time = parseTime(dsText);
      if (!time) {
        fail(raw, line, `ds "${dsText}" is not an integer index, an ISO date (YYYY-MM-DD) or an ISO date-time`, dsText);
        continue;
      }
      if (raw.kind === null) raw.kind = time.kind;
      else if (raw.kind !== time.kind) {
        fail(raw, line, `ds "${dsText}" is ${describeKind(time.kind)} but earlier rows of series "${id}" are ${describeKind(raw.kind)}`, dsText);
        continue;
      }
      const yText = record[yColumn];
      const y = parseNumber(yText);
      if (y === null) {
        fail(raw, line, `y "${yText}" is not a number`, yText);
        continue;
      }
      let exogOk = true;
      for (let k = 0; k < exogIndexes.length && exogOk; k++) {
        const text = record[exogIndexes[k]];
        const value = parseNumber(text);
        if (value === null) {
          fail(raw, line, `${exogColumns[k]} "${text}" is not a number`, text);
          exogOk = false;
        } else raw.exog[k].push(value);
      }
      if (!exogOk) continue;
      raw.times.push(time.value);
      raw.y.push(y);
      raw.lines.push(line);
    }
  } catch (e) {
    if (e instanceof ForesightError) throw e;
    const err = e as Error & { lines?: number; code?: string };
    throw new ForesightError('invalid_input', `${file}${err.lines ? ` line ${err.lines}` : ''}: malformed CSV (${err.message})`, { file, line: err.lines });
  }
  if (header === null) throw new ForesightError('invalid_input', `${file}: the file is empty (expected a header unique_id,ds,y)`, { file, line: 1 });
  if (ids.length === 0) throw new ForesightError('invalid_input', `${file}: the file has a header but no data rows`, { file, line: 2 });

  const series: Series[] = [];
  const invalid: InvalidSeries[] = [];
  const pending: { raw: RawSeries; order: Int32Array; times: Float64Array }[] = [];
  const frequencyVotes = new Map<FrequencyName, number>();
  for (const id of ids) {
    const raw = byId.get(id)!;
    if (raw.problem) {
      invalid.push(raw.problem);
      continue;
    }
    const times = raw.times.toArray();
    const order = sortOrder(times);
    const sorted = Float64Array.from(order, (i) => times[i]);
    const lines = raw.lines.toArray();
    let problem = false;
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i] === sorted[i - 1]) {
        const [a, b] = [lines[order[i - 1]], lines[order[i]]].sort((p, q) => p - q);
        fail(raw, b, `duplicate ds "${formatTime(sorted[i], raw.kind!)}" for series "${id}" (also on line ${a})`, formatTime(sorted[i], raw.kind!));
        problem = true;
        break;
      }
    }
    if (!problem) {
      try {
        const frequency = inferFrequency(sorted, raw.kind!);
        if (frequency) frequencyVotes.set(frequency, (frequencyVotes.get(frequency) ?? 0) + 1);
      } catch (e) {
        fail(raw, lines[order[0]], `series "${id}": ${(e as Error).message}`, formatTime(sorted[0], raw.kind!));
        problem = true;
      }
    }
    if (problem) invalid.push(raw.problem!);
    else pending.push({ raw, order, times: sorted });
  }
  // a series with a single row takes the file's most common frequency
  let commonFrequency: FrequencyName = 'index';
  let votes = -1;
  for (const [frequency, count] of frequencyVotes) if (count > votes) [commonFrequency, votes] = [frequency, count];

  for (const { raw, order, times } of pending) {
    const lines = raw.lines.toArray();
    const frequency = inferFrequency(times, raw.kind!) ?? (raw.kind === 'index' ? 'index' : commonFrequency);
    const { steps, badIndex } = gridSteps(times, frequency);
    if (badIndex >= 0) {
      const value = formatTime(times[badIndex], raw.kind!);
      const previous = badIndex > 0 ? formatTime(times[badIndex - 1], raw.kind!) : '';
      fail(
        raw,
        lines[order[badIndex]],
        `ds "${value}" does not fit the ${frequency} frequency of series "${raw.id}"${previous ? ` (previous ds "${previous}")` : ''}: mixed frequencies`,
        value,
      );
      invalid.push(raw.problem!);
      continue;
    }
    const length = 1 + steps.reduce((a, b) => a + b, 0);
    const position = new Int32Array(times.length);
    for (let i = 1; i < times.length; i++) position[i] = position[i - 1] + steps[i - 1];
    const onGrid = (column: Float64Array) => {
      const out = new Float64Array(length).fill(NaN);
      for (let i = 0; i < order.length; i++) out[position[i]] = column[order[i]];
      return out;
    };
    const rawY = onGrid(raw.y.toArray());
    const gaps = length - times.length;
    const filledY = fillMissing(rawY);
    const notes: string[] = [];
    if (gaps > 0) notes.push(`${gaps} missing period${gaps > 1 ? 's' : ''} in the ${frequency} grid`);
    if (filledY.dropped > 0) notes.push(`${filledY.dropped} leading missing value${filledY.dropped > 1 ? 's' : ''} dropped`);
    if (filledY.filled > 0) notes.push(`${filledY.filled} missing value${filledY.filled > 1 ? 's' : ''} filled (interior: linear interpolation; trailing: last value)`);
    const exog: Record<string, Float64Array> = {};
    const rowExog: Record<string, Float64Array> = {};
    exogColumns.forEach((name, k) => {
      const column = raw.exog[k].toArray();
      rowExog[name] = Float64Array.from(order, (i) => column[i]);
      const values = onGrid(raw.exog[k].toArray()).subarray(filledY.dropped);
      exog[name] = filledY.values.length === 0 ? new Float64Array(0) : fillRegressor(values);
    });
    const seasonLengths = options.seasonLengths?.length ? [...options.seasonLengths] : [...DEFAULT_SEASONS[frequency]];
    series.push({ id: raw.id, kind: raw.kind!, frequency, seasonLengths, y: filledY.values, times, exog, rowExog, filled: filledY.filled, notes });
  }
  return { file, exogColumns, ids, series, invalid };
}

/** Regressors follow the missing-value rule too, except that leading gaps take the first observed value (y fixes the start). */
function fillRegressor(values: Float64Array): Float64Array {
  const { values: filled, dropped } = fillMissing(values.slice());
  if (dropped === 0 || filled.length === 0) return filled;
  const out = new Float64Array(values.length).fill(filled[0]);
  out.set(filled, dropped);
  return out;
}

function describeKind(kind: TimeKind): string {
  return kind === 'index' ? 'integer indexes' : kind === 'date' ? 'dates' : 'date-times';
}

function sortOrder(values: Float64Array): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < values.length && sorted; i++) sorted = values[i - 1] <= values[i];
  if (!sorted) order.sort((a, b) => values[a] - values[b]);
  return order;
}
