/**
 * Reading the scaling CSV files (training runs, Epoch AI's notable models, hardware prices) into the plain
 * columns the pure scaling code works on. The only file in src/scaling that does I/O.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ForesightError, isForesightError } from '../core/errors.js';
import { runsFromRows, type ColumnMapping, type ScalingRuns } from './columns.js';

/** A parsed CSV: header, rows of strings and the 1-based source line of each row. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
  lines: number[];
}

/**
 * Runs `work` on data read from `file`; too little usable data for a fit (ForesightError 'too_short', thrown by
 * the fitting function that found it, e.g. "fitChinchilla: 4 runs; ...") is rethrown naming the file instead,
 * with `qualifier` after the name (e.g. " (after --exclude 2)") and `value` as the offending value.
 *
 * @example
 * namingFile('runs.csv', () => fitChinchilla(runs)) // throws "runs.csv: 4 runs; the five-parameter law needs at least 6"
 */
export function namingFile<T>(file: string, work: () => T, qualifier = '', value?: string): T {
  try {
    return work();
  } catch (e) {
    if (!isForesightError(e, 'too_short')) throw e;
    throw new ForesightError('too_short', `${file}${qualifier}: ${e.message.replace(/^[A-Za-z]+: /, '')}`, {
      file,
      value,
    });
  }
}

/**
 * Reads a CSV with a header row (a leading byte-order mark is dropped; quoted fields may hold commas).
 * Throws ForesightError('io_error') when the file cannot be read, ('invalid_input') naming file and line on
 * malformed CSV or an empty file.
 *
 * @example
 * readCsv('examples/scaling/chinchilla_runs.csv').rows.length // 245
 */
export function readCsv(file: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ForesightError('io_error', `${file}: cannot read (${(e as Error).message})`, { file, cause: e });
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ForesightError(
      'invalid_input',
      `${file}${line ? ` line ${line}` : ''}: malformed CSV (${(e as Error).message})`,
      { file, line, cause: e },
    );
  }
  if (records.length === 0)
    throw new ForesightError('invalid_input', `${file}: empty file, expected a header row`, { file });
  const header = records[0].record.map((h) => h.trim());
  return {
    file,
    header,
    rows: records.slice(1).map((r) => r.record),
    lines: records.slice(1).map((r) => r.info.lines),
  };
}

/**
 * Loads training runs (N, D, C, L) from a CSV with the given column mapping (see {@link runsFromRows}).
 * Throws as {@link readCsv} and {@link runsFromRows}.
 *
 * @example
 * loadRuns('examples/scaling/chinchilla_runs.csv', { parameters: 'Model Size', compute: 'Training FLOP' }).loss.length // 245
 */
export function loadRuns(file: string, mapping: ColumnMapping = {}): ScalingRuns {
  const t = readCsv(file);
  return runsFromRows(t.header, t.rows, t.lines, mapping, file);
}

/** The columns of Epoch AI's notable-models table that scaling uses; NaN where unknown. */
export interface NotableModels {
  model: string[];
  /** Publication date as a decimal year (2020-07-02 is 2020.5). */
  year: Float64Array;
  parameters: Float64Array;
  trainingFlop: Float64Array;
  trainingHours: Float64Array;
  hardware: string[];
  /** Number of chips (hardware_quantity). */
  chips: Float64Array;
  /** Model FLOPs utilisation as a fraction. */
  mfu: Float64Array;
  costUsd2023: Float64Array;
  powerW: Float64Array;
  line: number[];
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/**
 * `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) as a decimal year at the middle of that day; NaN when not a date.
 *
 * @example
 * decimalYear('2020-01-01') // 2020 + 0.5 / 366
 */
export function decimalYear(text: string): number {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(text.trim());
  if (!m) return NaN;
  const y = Number(m[1]),
    mo = m[2] ? Number(m[2]) : 1,
    d = m[3] ? Number(m[3]) : 1;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = leap ? 366 : 365;
  const doy = DAYS_BEFORE_MONTH[mo - 1] + (leap && mo > 2 ? 1 : 0) + d - 1;
  return y + (doy + 0.5) / days;
}

function column(t: CsvTable, name: string): number {
  const i = t.header.indexOf(name);
  if (i < 0)
    throw new ForesightError(
      'invalid_input',
      `${t.file}: column "${name}" not found; columns are ${t.header.join(', ')}`,
      { file: t.file, line: 1, value: name },
    );
  return i;
}

function optionalNumber(t: CsvTable, r: number, col: number): number {
  const text = (t.rows[r][col] ?? '').trim();
  if (text === '') return NaN;
  const v = Number(text.replace(/^\$/, '').replace(/,/g, ''));
  if (!Number.isFinite(v)) {
    throw new ForesightError(
      'invalid_input',
      `${t.file} line ${t.lines[r]}: ${t.header[col]} "${text}" is not a number`,
      { file: t.file, line: t.lines[r], value: text },
    );
  }
  return v;
}

/**
 * Loads Epoch AI's notable-models table (examples/scaling/notable_models.csv layout). Empty cells become NaN;
 * an MFU above 1 is read as a percentage (one record gives 72.0 for 72 %).
 * Throws ForesightError('invalid_input') naming file, line, column and value for a non-numeric cell or a bad date.
 *
 * @example
 * loadNotableModels('examples/scaling/notable_models.csv').model.length // 1892
 */
export function loadNotableModels(file: string): NotableModels {
  const t = readCsv(file);
  const c = {
    model: column(t, 'model'),
    date: column(t, 'date'),
    parameters: column(t, 'parameters'),
    flop: column(t, 'training_flop'),
    hours: column(t, 'training_hours'),
    hardware: column(t, 'hardware'),
    chips: column(t, 'hardware_quantity'),
    mfu: column(t, 'mfu'),
    cost: column(t, 'cost_usd_2023'),
    power: column(t, 'power_w'),
  };
  const n = t.rows.length;
  const out: NotableModels = {
    model: [],
    year: new Float64Array(n),
    parameters: new Float64Array(n),
    trainingFlop: new Float64Array(n),
    trainingHours: new Float64Array(n),
    hardware: [],
    chips: new Float64Array(n),
    mfu: new Float64Array(n),
    costUsd2023: new Float64Array(n),
    powerW: new Float64Array(n),
    line: [...t.lines],
  };
  for (let r = 0; r < n; r++) {
    const row = t.rows[r];
    out.model.push((row[c.model] ?? '').trim());
    out.hardware.push((row[c.hardware] ?? '').trim());
    const dateText = (row[c.date] ?? '').trim();
    out.year[r] = dateText === '' ? NaN : decimalYear(dateText);
    if (dateText !== '' && Number.isNaN(out.year[r])) {
      throw new ForesightError('invalid_input', `${file} line ${t.lines[r]}: date "${dateText}" is not YYYY-MM-DD`, {
        file,
        line: t.lines[r],
        value: dateText,
      });
    }
    out.parameters[r] = optionalNumber(t, r, c.parameters);
    out.trainingFlop[r] = optionalNumber(t, r, c.flop);
    out.trainingHours[r] = optionalNumber(t, r, c.hours);
    out.chips[r] = optionalNumber(t, r, c.chips);
    const mfu = optionalNumber(t, r, c.mfu);
    out.mfu[r] = mfu > 1 ? mfu / 100 : mfu;
    out.costUsd2023[r] = optionalNumber(t, r, c.cost);
    out.powerW[r] = optionalNumber(t, r, c.power);
  }
  return out;
}

/** Cloud prices per chip-hour from Epoch AI's hardware-prices table; NaN where not given. */
export interface HardwarePrices {
  hardware: string[];
  year: Float64Array;
  onDemand: Float64Array;
  oneYear: Float64Array;
  threeYear: Float64Array;
  purchase: Float64Array;
  line: number[];
}

/**
 * Loads examples/scaling/hw_prices.csv (first header carries a byte-order mark, which is dropped).
 * Throws as {@link loadNotableModels}.
 *
 * @example
 * loadHardwarePrices('examples/scaling/hw_prices.csv').hardware.length // 591 (605 lines; some notes span lines)
 */
export function loadHardwarePrices(file: string): HardwarePrices {
  const t = readCsv(file);
  const c = {
    hardware: column(t, 'Hardware model'),
    date: column(t, 'Price date'),
    onDemand: column(t, 'Price per chip-hour (on-demand)'),
    oneYear: column(t, 'Price per chip-hour (1-year CUD)'),
    threeYear: column(t, 'Price per chip-hour (3-year CUD)'),
    purchase: column(t, 'Price (hardware purchase)'),
  };
  const n = t.rows.length;
  const out: HardwarePrices = {
    hardware: [],
    year: new Float64Array(n),
    onDemand: new Float64Array(n),
    oneYear: new Float64Array(n),
    threeYear: new Float64Array(n),
    purchase: new Float64Array(n),
    line: [...t.lines],
  };
  const money = (r: number, col: number): number => {
    const text = (t.rows[r][col] ?? '').trim().replace(/^\$/, '').replace(/,/g, '');
    if (text === '') return NaN;
    const v = Number(text);
    if (!Number.isFinite(v))
      throw new ForesightError(
        'invalid_input',
        `${file} line ${t.lines[r]}: ${t.header[col]} "${text}" is not a number`,
        { file, line: t.lines[r], value: text },
      );
    return v;
  };
  for (let r = 0; r < n; r++) {
    out.hardware.push((t.rows[r][c.hardware] ?? '').trim());
    out.year[r] = decimalYear(t.rows[r][c.date] ?? '');
    out.onDemand[r] = money(r, c.onDemand);
    out.oneYear[r] = money(r, c.oneYear);
    out.threeYear[r] = money(r, c.threeYear);
    out.purchase[r] = money(r, c.purchase);
  }
  return out;
}
