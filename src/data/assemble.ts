/**
 * The assembler behind the series readers: it takes the records of a source one at a time (the header first),
 * files each row under its series in typed arrays, and turns the series asked for into model-ready `Series`
 * (sorted, checked for duplicates and mixed frequencies, put on their grid, gaps filled) or `InvalidSeries`.
 * `readSeriesCsv` asks for every series at the end; `readSeriesChunks` asks for a chunk of them as soon as the
 * file is past their last row, and the assembler then forgets them, so memory follows the chunk, not the file.
 *
 * In `scan` mode the assembler runs the same row checks but keeps no values: it records, per series, the line of
 * its last row (the first pass of `readSeriesChunks`), and rejects a malformed file on the same limits.
 */
import { ForesightError } from '../core/errors.js';
import { describeLayout, detectLayout, type Layout } from './columns.js';
import { GrowableArray } from './growable.js';
import { MAX_GRID_LENGTH, MAX_INVALID_SERIES, MAX_ROWS_WITHOUT_DATA } from './limits.js';
import { fillMissing, type InvalidSeries, type Series } from './series.js';
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
import type { ReadOptions } from './read-csv.js';

const MISSING = new Set(['', 'na', 'nan', 'null', 'none', 'n/a', '#n/a']);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

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

/** Longest value quoted whole in a message; longer ones are cut, with their length said. */
const QUOTE_LIMIT = 60;

/**
 * A field's text as a message quotes it: whole up to 60 characters, else its start and its length (a
 * 100,000-digit field must not become a 100 KB error line).
 *
 * @example
 * quoteValue('12x') // '"12x"'
 */
export function quoteValue(text: string): string {
  return text.length <= QUOTE_LIMIT ? `"${text}"` : `"${text.slice(0, QUOTE_LIMIT)}…" (${text.length} characters)`;
}

/** Why a value field is not a usable number: out of the double range, or not a number at all. */
function numberProblem(column: string, text: string): string {
  const s = text.trim();
  const overflow = DECIMAL.test(s) && !Number.isFinite(Number(s));
  return `${column} ${quoteValue(text)} ${overflow ? 'is beyond the range of a double (about ±1.8e308)' : 'is not a number'}`;
}

interface RawSeries {
  id: string;
  kind: TimeKind | null;
  times: GrowableArray;
  y: GrowableArray;
  lines: GrowableArray;
  exog: GrowableArray[];
  problem: InvalidSeries | null;
}

/** What the assembler needs to know about its source. */
export interface AssemblerSource {
  /** Name used in messages. */
  file: string;
  unit: 'line' | 'row';
  /** The CSV delimiter, when the source is CSV. */
  delimiter?: string;
  /** The series name of a one-series file without an id column. */
  fallbackName: string;
}

/** An assembler (see the module comment); `createAssembler` makes one. */
export interface Assembler {
  /** Takes the next record (the first is the header). Throws ForesightError for whole-file problems. */
  add(cells: readonly string[], line: number): void;
  /** Throws ForesightError when the source held no header or no data row. */
  end(): void;
  /** The series `ids` finished (each becomes a `Series` or an `InvalidSeries`, in the order given) and forgotten. */
  finish(ids: readonly string[]): { series: Series[]; invalid: InvalidSeries[] };
  /** Every id in order of first appearance. */
  readonly ids: string[];
  /** In scan mode: the line of each series' last row. */
  readonly lastLine: Map<string, number>;
  /** The layout once the header is read (null before). */
  layout(): Layout | null;
  /** Names of the extra numeric columns, in file order. */
  exogColumns(): string[];
  /** How the file was read when it was not plain `unique_id,ds,y` CSV (layout, delimiter). */
  readonly notes: string[];
}

/** An assembler over one source; `scan` keeps no values (see the module comment). */
export function createAssembler(source: AssemblerSource, options: ReadOptions, scan = false): Assembler {
  const { file, unit } = source;
  const dateOrder =
    options.dateFormat === undefined
      ? undefined
      : ['DMY', 'MDY', 'YMD'].includes(options.dateFormat)
        ? (options.dateFormat as DateOrder)
        : parseDateFormat(options.dateFormat);
  const decimalComma = source.delimiter === ';';
  const byId = new Map<string, RawSeries>();
  const ids: string[] = [];
  const lastLine = new Map<string, number>();
  const notes: string[] = [];
  const frequencyVotes = new Map<FrequencyName, number>();
  let header: string[] | null = null;
  const repeatedHeaders: number[] = [];
  let repeatedNote = -1;
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
  const seriesFor = (id: string, line: number): RawSeries => {
    let raw = byId.get(id);
    if (!raw) {
      raw = {
        id,
        kind: null,
        times: scan ? EMPTY : new GrowableArray(),
        y: scan ? EMPTY : new GrowableArray(),
        lines: scan ? EMPTY : new GrowableArray(),
        exog: scan ? [] : exogIndexes.map(() => new GrowableArray()),
        problem: null,
      };
      byId.set(id, raw);
      ids.push(id);
    }
    if (scan) lastLine.set(id, line);
    return raw;
  };
  // one observation: its time, value and regressors as text
  const observe = (raw: RawSeries, line: number, dsText: string, yText: string, record: readonly string[]) => {
    if (raw.problem) return;
    let time = parseTime(dsText, { dateOrder });
    if (!time) {
      fail(raw, line, `ds ${quoteValue(dsText)} ${timeProblem(dsText, { dateOrder })}`, dsText.slice(0, QUOTE_LIMIT));
      return;
    }
    // R writes whole years of a decimal-year series as `1949`: integers among decimal years are their January
    if (time.kind === 'index' && raw.kind === 'decimal-year') {
      const start = yearStart(time.value);
      if (start !== null) time = { kind: 'decimal-year', value: start };
    } else if (time.kind === 'decimal-year' && raw.kind === 'index') {
      // the scan keeps no times, so it cannot tell; it takes the reading that sets nothing aside
      let years = true;
      raw.times.mapInPlace((v) => {
        const start = yearStart(v);
        if (start === null) years = false;
        return start ?? v;
      });
      if (years || scan) raw.kind = 'decimal-year';
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
      fail(raw, line, numberProblem('y', yText), yText.slice(0, QUOTE_LIMIT));
      return;
    }
    for (let k = 0; k < exogIndexes.length; k++) {
      const text = record[exogIndexes[k]] ?? '';
      if (parseNumber(text, decimalComma) === null) {
        fail(raw, line, numberProblem(exogColumns[k], text), text.slice(0, QUOTE_LIMIT));
        return;
      }
    }
    observations++;
    if (scan) return;
    for (let k = 0; k < exogIndexes.length; k++)
      raw.exog[k].push(parseNumber(record[exogIndexes[k]] ?? '', decimalComma)!);
    raw.times.push(time.value);
    raw.y.push(y);
    raw.lines.push(line);
  };

  const add = (cells: readonly string[], line: number): void => {
    if (header === null) {
      header = cells.map((c) => c.trim());
      const duplicate = header.find((c, i) => c !== '' && header!.indexOf(c) !== i);
      if (duplicate)
        throw new ForesightError(
          'invalid_input',
          `${file} ${unit} ${line}: column "${duplicate}" appears twice in the header`,
          { file, line, value: duplicate },
        );
      layout = detectLayout(header, options, source.fallbackName, file, line);
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
      return;
    }
    // files joined with `cat` repeat the header: such a row is not a series named after the id column
    if (cells.length === header.length && cells.every((c, i) => c.trim() === header![i])) {
      repeatedHeaders.push(line);
      const shown = repeatedHeaders.slice(0, 5).join(', ') + (repeatedHeaders.length > 5 ? ', ...' : '');
      const note = `${file}: the header is repeated on ${unit}${repeatedHeaders.length > 1 ? 's' : ''} ${shown} (files joined together?); ${repeatedHeaders.length > 1 ? `those ${repeatedHeaders.length} rows are` : 'that row is'} skipped`;
      if (repeatedNote < 0) repeatedNote = notes.push(note) - 1;
      else notes[repeatedNote] = note;
      return;
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
    const at = layout!;
    if (at.kind === 'wide') {
      if (record.length > header.length) {
        throw new ForesightError(
          'invalid_input',
          `${file} ${unit} ${line}: ${record.length} fields but the header has ${header.length} (one column per series)`,
          { file, line, value: record.join(',') },
        );
      }
      const dsText = record[at.time] ?? '';
      for (const column of at.series)
        observe(seriesFor(header[column], line), line, dsText, record[column] ?? '', record);
      return;
    }
    let raw: RawSeries;
    if (at.kind === 'long') {
      const id = record[at.id] ?? '';
      if (id === '') {
        throw new ForesightError('invalid_input', `${file} ${unit} ${line}: ${header[at.id]} is empty`, {
          file,
          line,
          value: '',
        });
      }
      raw = seriesFor(id, line);
    } else raw = seriesFor(at.name, line);
    if (raw.problem) return;
    if (record.length !== header.length) {
      fail(
        raw,
        line,
        `expected ${header.length} fields (${header.join(',')}) but found ${record.length}`,
        record.join(','),
      );
      return;
    }
    observe(raw, line, record[at.time], record[at.value], record);
  };

  const end = (): void => {
    if (header === null)
      throw new ForesightError(
        'invalid_input',
        `${file}: the file is empty (expected a header such as unique_id,ds,y or date,value)`,
        { file, line: 1 },
      );
    if (ids.length === 0)
      throw new ForesightError('invalid_input', `${file}: the file has a header but no data rows`, { file, line: 2 });
  };

  const finish = (wanted: readonly string[]): { series: Series[]; invalid: InvalidSeries[] } => {
    const series: Series[] = [];
    const invalid: InvalidSeries[] = [];
    const pending: { raw: RawSeries; order: Int32Array; times: Float64Array }[] = [];
    for (const id of wanted) {
      const raw = byId.get(id);
      // only a file rewritten between the two passes of readSeriesChunks gets here
      if (!raw)
        throw new ForesightError('io_error', `${file}: series "${id}" vanished: the file changed while it was read`, {
          file,
        });
      byId.delete(id);
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
    // a series with a single row takes the most common frequency of the series finished so far (the whole file's
    // when it is read at once)
    let commonFrequency: FrequencyName = 'index';
    let votes = -1;
    for (const [frequency, count] of frequencyVotes) if (count > votes) [commonFrequency, votes] = [frequency, count];
    for (const { raw, order, times } of pending) {
      const done = onGrid(raw, order, times, commonFrequency);
      if ('reason' in done) invalid.push(done);
      else series.push(done);
    }
    return { series, invalid };
  };

  // a series on its frequency's grid, or its problem
  const onGrid = (
    raw: RawSeries,
    order: Int32Array,
    times: Float64Array,
    commonFrequency: FrequencyName,
  ): Series | InvalidSeries => {
    const lines = raw.lines.toArray();
    const inferred = inferFrequency(times, raw.kind!);
    if (inferred === null && frequencyVotes.size === 0) {
      // one dated row and no other series to borrow a frequency from: the future dates cannot be told
      const value = formatTime(times[0], raw.kind!);
      fail(
        raw,
        lines[order[0]],
        `series "${raw.id}" has a single row (ds "${value}"): its frequency cannot be told from one date, and no other series of the file has two rows to take it from`,
        value,
      );
      return raw.problem!;
    }
    const frequency = inferred ?? commonFrequency;
    const { steps, badIndex } = gridSteps(times, frequency);
    const length = badIndex >= 0 ? 0 : 1 + steps.reduce((a, b) => a + b, 0);
    if (length > MAX_GRID_LENGTH) {
      fail(
        raw,
        lines[order[times.length - 1]],
        `series "${raw.id}" spans ${length} ${frequency} periods from ds "${formatTime(times[0], raw.kind!)}" to "${formatTime(times[times.length - 1], raw.kind!)}" with ${times.length} rows; at most ${MAX_GRID_LENGTH} periods are allowed (a mistyped ds?)`,
        formatTime(times[times.length - 1], raw.kind!),
      );
      return raw.problem!;
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
      return raw.problem!;
    }
    const position = new Float64Array(times.length);
    for (let i = 1; i < times.length; i++) position[i] = position[i - 1] + steps[i - 1];
    const placed = (column: Float64Array) => {
      const out = new Float64Array(length).fill(NaN);
      for (let i = 0; i < order.length; i++) out[position[i]] = column[order[i]];
      return out;
    };
    const rawY = placed(raw.y.toArray());
    const gaps = length - times.length;
    const filledY = fillMissing(rawY);
    const seriesNotes: string[] = [];
    if (gaps > 0) seriesNotes.push(`${gaps} missing period${gaps > 1 ? 's' : ''} in the ${frequency} grid`);
    if (filledY.dropped > 0)
      seriesNotes.push(`${filledY.dropped} leading missing value${filledY.dropped > 1 ? 's' : ''} dropped`);
    if (filledY.filled > 0)
      seriesNotes.push(
        `${filledY.filled} missing value${filledY.filled > 1 ? 's' : ''} filled (interior: linear interpolation; trailing: last value)`,
      );
    const exog: Record<string, Float64Array> = {};
    const rowExog: Record<string, Float64Array> = {};
    exogColumns.forEach((name, k) => {
      const column = raw.exog[k].toArray();
      rowExog[name] = Float64Array.from(order, (i) => column[i]);
      const values = placed(raw.exog[k].toArray()).subarray(filledY.dropped);
      exog[name] = filledY.values.length === 0 ? new Float64Array(0) : fillRegressor(values);
    });
    const seasonLengths = options.seasonLengths?.length ? [...options.seasonLengths] : [...DEFAULT_SEASONS[frequency]];
    return {
      id: raw.id,
      kind: raw.kind!,
      frequency,
      seasonLengths,
      y: filledY.values,
      times,
      exog,
      rowExog,
      filled: filledY.filled,
      notes: seriesNotes,
    };
  };

  return {
    add,
    end,
    finish,
    ids,
    lastLine,
    notes,
    layout: () => layout,
    exogColumns: () => exogColumns,
  };
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
