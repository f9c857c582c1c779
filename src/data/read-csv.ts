/**
 * The reader of series files: long CSV `unique_id,ds,y[,extra numeric columns...]` and the files analysts
 * actually have: other column names (`date,value`, mapped by `--id`/`--time`/`--value` or detected), one series
 * without an id column, wide files (one column per series), `;`/tab/`|` delimiters (detected), stdin (`-`),
 * `.xlsx` workbooks and Parquet files (see `sources.ts`), and periods written as months, quarters, ISO weeks or
 * decimal years (see `time.ts`).
 *
 * The file is parsed as a stream and every column of every series goes into typed arrays, so a large file
 * costs about 8 bytes per value, not a JavaScript object per row. Series may come in any order and rows within a
 * series may be unsorted. Problems with the file as a whole (missing file, empty file, missing header or
 * columns, malformed CSV, text that is not UTF-8, more than MAX_INVALID_SERIES bad series) throw a
 * ForesightError naming the file and line. Problems with one series (a non-numeric `y`, an unparseable or
 * duplicate `ds`, mixed frequencies, a grid longer than MAX_GRID_LENGTH) mark that series invalid with a message
 * naming file, line and value, and the other series are read normally; with `strict` they throw.
 */
import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import { ForesightError } from '../core/errors.js';
import { describeLayout, detectLayout, type ColumnOptions, type Layout } from './columns.js';
import { GrowableArray } from './growable.js';
import { MAX_GRID_LENGTH, MAX_INVALID_SERIES, MAX_ROWS_WITHOUT_DATA } from './limits.js';
import { fillMissing, type Dataset, type InvalidSeries, type Series } from './series.js';
import { openRecords, type SourceRecord } from './sources.js';
import {
  DEFAULT_SEASONS,
  gridSteps,
  inferFrequency,
  parseDateFormat,
  parseTime,
  formatTime,
  timeProblem,
  yearStart,
  type DateOrder,
  type FrequencyName,
  type TimeKind,
} from './time.js';

/** Options of `readSeriesCsv`. */
export interface ReadOptions extends ColumnOptions {
  /** Season lengths overriding the frequency's default (`--season 24,168`). */
  seasonLengths?: number[];
  /** Throw on the first invalid series instead of recording it. */
  strict?: boolean;
  /** Name used in messages (defaults to the path; `stdin` for `-`). */
  displayName?: string;
  /** CSV delimiter (default: detected from the header line among `,` `;` tab `|`). */
  delimiter?: string;
  /** Order of day, month and year in dates like 01/03/2024: 'DMY', 'MDY', 'YMD' or a text like DD/MM/YYYY. */
  dateFormat?: DateOrder | string;
  /** Text encoding of CSV input: 'utf8' (default; other bytes are an error) or 'latin1'. */
  encoding?: 'utf8' | 'latin1';
  /** Worksheet of an .xlsx file (1-based number or name). */
  sheet?: string;
  /** The stream read for path '-' (default process.stdin). */
  stdin?: Readable;
  /**
   * Records already split into cells, the header first (the HTTP API's inline rows): read instead of a file,
   * with the same rules and messages (record k is line k + 1); `path` then only names the input.
   */
  cells?: Iterable<readonly string[]>;
}

const MISSING = new Set(['', 'na', 'nan', 'null', 'none', 'n/a', '#n/a']);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

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
 * Parses a number cell: returns NaN for a missing marker, null for text that is not a finite decimal number
 * (hexadecimal `0x10`, `Infinity` and overflowing `1e400` are not numbers here). With `decimalComma` (files
 * separated by `;`), `1,5` is 1.5.
 *
 * @example
 * parseNumber('1.5e3') // 1500
 * parseNumber('0x10')  // null
 */
export function parseNumber(text: string, decimalComma = false): number | null {
  const s = text.trim();
  if (MISSING.has(s.toLowerCase())) return NaN;
  let value: number;
  if (DECIMAL.test(s)) value = Number(s);
  else if (decimalComma && DECIMAL_COMMA.test(s)) value = Number(s.replace(',', '.'));
  else return null;
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads a series file (CSV, stdin `-`, .xlsx, Parquet) into series. Throws ForesightError ('io_error' for an
 * unreadable file, 'invalid_input' for an empty file, a bad header or malformed content, 'invalid_argument'
 * for a `--id`/`--time`/`--value` that names no column).
 *
 * @example
 * const data = await readSeriesCsv('examples/industry.csv');
 * data.series[0].frequency // 'quarterly'
 */
export async function readSeriesCsv(path: string, options: ReadOptions = {}): Promise<Dataset> {
  const file = options.displayName ?? (path === '-' ? 'stdin' : path);
  const dateOrder =
    options.dateFormat === undefined
      ? undefined
      : ['DMY', 'MDY', 'YMD'].includes(options.dateFormat)
        ? (options.dateFormat as DateOrder)
        : parseDateFormat(options.dateFormat);
  const source = options.cells
    ? { records: cellRecords(options.cells), unit: 'line' as const, delimiter: undefined }
    : await openRecords(path, {
        file,
        delimiter: options.delimiter,
        encoding: options.encoding,
        sheet: options.sheet,
        stdin: options.stdin,
      });
  const unit = source.unit;
  const decimalComma = source.delimiter === ';';
  const fallbackName = path === '-' ? 'series' : basename(path, extname(path));
  const byId = new Map<string, RawSeries>();
  const ids: string[] = [];
  const notes: string[] = [];
  let header: string[] | null = null;
  let layout: Layout | null = null;
  let exogColumns: string[] = [];
  let exogIndexes: number[] = [];
  let invalidCount = 0;
  let dataRows = 0;
  let observations = 0;
  const firstReasons: string[] = [];
  const fail = (raw: RawSeries, line: number, message: string, value?: string) => {
    if (raw.problem) return;
    raw.problem = { id: raw.id, reason: `${file} ${unit} ${line}: ${message}`, file, line, value };
    if (options.strict) throw new ForesightError('invalid_input', raw.problem.reason, { file, line, value });
    // a set-aside series keeps only its reason: malformed files must not cost memory per row
    raw.times = raw.y = raw.lines = EMPTY;
    raw.exog = [];
    invalidCount++;
    if (firstReasons.length < 3) firstReasons.push(raw.problem.reason);
    if (invalidCount > MAX_INVALID_SERIES) {
      throw new ForesightError(
        'invalid_input',
        `${file}: more than ${MAX_INVALID_SERIES} series could not be read, so the file looks malformed (wrong delimiter or columns?); first problems: ${firstReasons.join('; ')}`,
        { file, line },
      );
    }
  };
  const seriesFor = (id: string): RawSeries => {
    let raw = byId.get(id);
    if (!raw) {
      raw = {
        id,
        kind: null,
        times: new GrowableArray(),
        y: new GrowableArray(),
        lines: new GrowableArray(),
        exog: exogIndexes.map(() => new GrowableArray()),
        problem: null,
      };
      byId.set(id, raw);
      ids.push(id);
    }
    return raw;
  };
  // one observation: its time, value and regressors as text
  const observe = (raw: RawSeries, line: number, dsText: string, yText: string, record: readonly string[]) => {
    if (raw.problem) return;
    let time = parseTime(dsText, { dateOrder });
    if (!time) {
      fail(raw, line, `ds "${dsText}" ${timeProblem(dsText, { dateOrder })}`, dsText);
      return;
    }
    // R writes whole years of a decimal-year series as `1949`: integers among decimal years are their January
    if (time.kind === 'index' && raw.kind === 'decimal-year') {
      const start = yearStart(time.value);
      if (start !== null) time = { kind: 'decimal-year', value: start };
    } else if (time.kind === 'decimal-year' && raw.kind === 'index') {
      let years = true;
      raw.times.mapInPlace((v) => {
        const start = yearStart(v);
        if (start === null) years = false;
        return start ?? v;
      });
      if (years) raw.kind = 'decimal-year';
    }
    if (raw.kind === null) raw.kind = time.kind;
    else if (raw.kind !== time.kind) {
      fail(
        raw,
        line,
        `ds "${dsText}" is ${describeKind(time.kind)} but earlier rows of series "${raw.id}" are ${describeKind(raw.kind)}`,
        dsText,
      );
      return;
    }
    const y = parseNumber(yText, decimalComma);
    if (y === null) {
      fail(raw, line, `y "${yText}" is not a number`, yText);
      return;
    }
    for (let k = 0; k < exogIndexes.length; k++) {
      const text = record[exogIndexes[k]] ?? '';
      if (parseNumber(text, decimalComma) === null) {
        fail(raw, line, `${exogColumns[k]} "${text}" is not a number`, text);
        return;
      }
    }
    for (let k = 0; k < exogIndexes.length; k++)
      raw.exog[k].push(parseNumber(record[exogIndexes[k]] ?? '', decimalComma)!);
    raw.times.push(time.value);
    raw.y.push(y);
    raw.lines.push(line);
    observations++;
  };
  for await (const { record: cells, line } of source.records) {
    if (header === null) {
      header = cells.map((c) => c.trim());
      const duplicate = header.find((c, i) => c !== '' && header!.indexOf(c) !== i);
      if (duplicate)
        throw new ForesightError(
          'invalid_input',
          `${file} ${unit} ${line}: column "${duplicate}" appears twice in the header`,
          { file, line, value: duplicate },
        );
      layout = detectLayout(header, options, fallbackName, file, line);
      if (
        layout.kind !== 'long' ||
        header[layout.id] !== 'unique_id' ||
        header[layout.time] !== 'ds' ||
        header[layout.value] !== 'y'
      ) {
        notes.push(`${file}: read as ${describeLayout(layout, header)}`);
      }
      if (source.delimiter && source.delimiter !== ',' && !options.delimiter)
        notes.push(
          `${file}: delimiter "${source.delimiter === '\t' ? '\\t' : source.delimiter}" detected${decimalComma ? ', decimal commas accepted' : ''}`,
        );
      if (layout.kind !== 'wide') {
        exogIndexes = layout.exog;
        exogColumns = exogIndexes.map((i) => header![i]);
      }
      continue;
    }
    if (++dataRows === MAX_ROWS_WITHOUT_DATA && observations === 0) {
      throw new ForesightError(
        'invalid_input',
        `${file}: the first ${MAX_ROWS_WITHOUT_DATA} rows hold no usable observation, so the file looks malformed; first problems: ${firstReasons.join('; ')}`,
        { file, line },
      );
    }
    // workbooks and Parquet drop trailing empty cells: pad them
    const record =
      unit === 'row' && cells.length < header.length
        ? [...cells, ...new Array<string>(header.length - cells.length).fill('')]
        : cells;
    if (layout!.kind === 'wide') {
      if (record.length > header.length) {
        throw new ForesightError(
          'invalid_input',
          `${file} ${unit} ${line}: ${record.length} fields but the header has ${header.length} (one column per series)`,
          { file, line, value: record.join(',') },
        );
      }
      const dsText = record[layout!.time] ?? '';
      for (const column of layout!.series)
        observe(seriesFor(header[column]), line, dsText, record[column] ?? '', record);
      continue;
    }
    let raw: RawSeries;
    if (layout!.kind === 'long') {
      const id = record[layout!.id] ?? '';
      if (id === '') {
        throw new ForesightError('invalid_input', `${file} ${unit} ${line}: ${header[layout!.id]} is empty`, {
          file,
          line,
          value: '',
        });
      }
      raw = seriesFor(id);
    } else raw = seriesFor(layout!.name);
    if (raw.problem) continue;
    if (record.length !== header.length) {
      fail(
        raw,
        line,
        `expected ${header.length} fields (${header.join(',')}) but found ${record.length}`,
        record.join(','),
      );
      continue;
    }
    observe(raw, line, record[layout!.time], record[layout!.value], record);
  }
  if (header === null)
    throw new ForesightError(
      'invalid_input',
      `${file}: the file is empty (expected a header such as unique_id,ds,y or date,value)`,
      { file, line: 1 },
    );
  if (ids.length === 0)
    throw new ForesightError('invalid_input', `${file}: the file has a header but no data rows`, { file, line: 2 });

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
        fail(
          raw,
          b,
          `duplicate ds "${formatTime(sorted[i], raw.kind!)}" for series "${id}" (also on line ${a})`,
          formatTime(sorted[i], raw.kind!),
        );
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
    const length = badIndex >= 0 ? 0 : 1 + steps.reduce((a, b) => a + b, 0);
    if (length > MAX_GRID_LENGTH) {
      fail(
        raw,
        lines[order[times.length - 1]],
        `series "${raw.id}" spans ${length} ${frequency} periods from ds "${formatTime(times[0], raw.kind!)}" to "${formatTime(times[times.length - 1], raw.kind!)}" with ${times.length} rows; at most ${MAX_GRID_LENGTH} periods are allowed (a mistyped ds?)`,
        formatTime(times[times.length - 1], raw.kind!),
      );
      invalid.push(raw.problem!);
      continue;
    }
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
    const position = new Float64Array(times.length);
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
    if (filledY.dropped > 0)
      notes.push(`${filledY.dropped} leading missing value${filledY.dropped > 1 ? 's' : ''} dropped`);
    if (filledY.filled > 0)
      notes.push(
        `${filledY.filled} missing value${filledY.filled > 1 ? 's' : ''} filled (interior: linear interpolation; trailing: last value)`,
      );
    const exog: Record<string, Float64Array> = {};
    const rowExog: Record<string, Float64Array> = {};
    exogColumns.forEach((name, k) => {
      const column = raw.exog[k].toArray();
      rowExog[name] = Float64Array.from(order, (i) => column[i]);
      const values = onGrid(raw.exog[k].toArray()).subarray(filledY.dropped);
      exog[name] = filledY.values.length === 0 ? new Float64Array(0) : fillRegressor(values);
    });
    const seasonLengths = options.seasonLengths?.length ? [...options.seasonLengths] : [...DEFAULT_SEASONS[frequency]];
    series.push({
      id: raw.id,
      kind: raw.kind!,
      frequency,
      seasonLengths,
      y: filledY.values,
      times,
      exog,
      rowExog,
      filled: filledY.filled,
      notes,
    });
  }
  return { file, exogColumns, ids, series, invalid, notes };
}

/** Regressors follow the missing-value rule too, except that leading gaps take the first observed value (y fixes the start). */
function fillRegressor(values: Float64Array): Float64Array {
  const { values: filled, dropped } = fillMissing(values.slice());
  if (dropped === 0 || filled.length === 0) return filled;
  const out = new Float64Array(values.length).fill(filled[0]);
  out.set(filled, dropped);
  return out;
}

const EMPTY = new GrowableArray(0);

function describeKind(kind: TimeKind): string {
  const names: Record<TimeKind, string> = {
    index: 'integer indexes',
    date: 'dates',
    datetime: 'date-times',
    month: 'months',
    quarter: 'quarters',
    week: 'ISO weeks',
    'decimal-year': 'decimal years',
  };
  return names[kind];
}

function sortOrder(values: Float64Array): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < values.length && sorted; i++) sorted = values[i - 1] <= values[i];
  if (!sorted) order.sort((a, b) => values[a] - values[b]);
  return order;
}

/** Cells as the CSV parser would give them (trimmed, blank records skipped), numbered as lines from 1. */
async function* cellRecords(cells: Iterable<readonly string[]>): AsyncGenerator<SourceRecord> {
  let line = 0;
  for (const record of cells) {
    line++;
    const trimmed = record.map((c) => c.trim());
    if (trimmed.length === 0 || (trimmed.length === 1 && trimmed[0] === '')) continue;
    yield { record: trimmed, line };
  }
}
