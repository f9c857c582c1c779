/**
 * Parsing of CLI option values into typed arguments, with errors that name the flag and the value.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { ForesightError } from '../core/errors.js';
import type { ReadOptions } from '../data/read-csv.js';
import { parseDateFormat } from '../data/time.js';
import { splitModelList } from '../ensemble/registry.js';
import { TRANSFORMS, transformedName, type TransformName } from '../ensemble/transformed.js';

/**
 * A comma list of names: 'a, b,c' -> ['a', 'b', 'c'].
 *
 * @example
 * parseList('ets, naive2', '--model') // ['ets', 'naive2']
 */
export function parseList(value: unknown, flag: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = argumentText(value, flag)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0)
    throw new ForesightError('invalid_argument', `${flag} "${value}" lists nothing`, { value: String(value) });
  return items;
}

/**
 * A positive integer written in decimal digits (`1e9`, `0x10` and `8.0` are refused: a typo should not become
 * a number), at most `max`. Throws ForesightError('invalid_argument') naming the flag; a missing value says
 * the flag is required.
 *
 * @example
 * parsePositiveInt('8', '--horizon') // 8
 */
export function parsePositiveInt(value: unknown, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  once(value, flag);
  if (value === undefined || value === null || value === '' || value === true)
    throw new ForesightError('invalid_argument', `${flag} is required (a positive integer)`);
  const text = argumentText(value, flag).trim();
  const n = Number(text);
  if (!/^\+?\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw new ForesightError('invalid_argument', `${flag} "${text}" is not a positive integer`, { value: text });
  }
  if (n > max)
    throw new ForesightError('invalid_argument', `${flag} ${n} is above the limit of ${max}`, { value: text });
  return n;
}

/**
 * The text given on the command line for `flag` (its last occurrence, `--flag v` or `--flag=v`), or undefined.
 * The argument parser turns `0x10` into 16 and `1e9` into 1000000000 before the command sees them; checks
 * read the text itself so that such values are refused by name.
 */
export function rawArgument(flag: string, argv: readonly string[] = process.argv): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag && i + 1 < argv.length) found = argv[i + 1];
    else if (argv[i].startsWith(flag + '=')) found = argv[i].slice(flag.length + 1);
  }
  return found;
}

/**
 * Refuses a single-valued flag given more than once (the parser collects `--input a.csv --input b.csv` into a
 * list, which would otherwise be read as the file "a.csv,b.csv"). Throws ForesightError('invalid_argument').
 */
function once(value: unknown, flag: string): void {
  if (Array.isArray(value))
    throw new ForesightError(
      'invalid_argument',
      `${flag} is given ${value.length} times (${value.join(', ')}); give it once`,
      { value: value.join(',') },
    );
}

/**
 * The text of an option value: the argument parser has turned `1e6` into 1000000 and `0x10` into 16, so a
 * number is looked up as it was typed (a default, absent from the command line, is its own text).
 */
function argumentText(value: unknown, flag: string): string {
  return typeof value === 'number' ? (rawArgument(flag) ?? String(value)) : String(value);
}

/**
 * A comma list of positive integers (season lengths): '24,168' -> [24, 168].
 *
 * @example
 * parseIntList('24,168', '--season') // [24, 168]
 */
export function parseIntList(value: unknown, flag: string): number[] {
  return parseList(value, flag).map((v) => parsePositiveInt(v, flag));
}

/**
 * Interval levels in percent, each strictly between 0 and 100: '80,95' -> [80, 95]. Levels given as fractions
 * (every one below 1: '0.8,0.95') are read as 80 and 95, and `onNote` is told so; a list mixing both is
 * refused as ambiguous.
 *
 * @example
 * parseLevels('80,95')   // [80, 95]
 * parseLevels('0.95')    // [95], with a note
 */
export function parseLevels(value: unknown, flag = '--level', onNote?: (note: string) => void): number[] {
  const items = parseList(value, flag);
  const numbers = items.map((v) => {
    const level = /^\s*[+]?(\d+\.?\d*|\.\d+)\s*$/.test(v) ? Number(v) : NaN;
    if (!(level > 0 && level < 100))
      throw new ForesightError('invalid_argument', `${flag} "${v}" is not a percentage strictly between 0 and 100`, {
        value: v,
      });
    return level;
  });
  const twice = numbers.find((l, i) => numbers.indexOf(l) !== i);
  if (twice !== undefined)
    throw new ForesightError('invalid_argument', `${flag} "${items.join(',')}" gives ${twice} twice`, {
      value: items.join(','),
    });
  const fractions = numbers.filter((l) => l < 1).length;
  if (fractions === 0) return numbers;
  if (fractions < numbers.length) {
    throw new ForesightError(
      'invalid_argument',
      `${flag} "${items.join(',')}" mixes fractions and percentages; give percentages such as 80,95`,
      { value: items.join(',') },
    );
  }
  const percent = numbers.map((l) => Number((l * 100).toPrecision(12)));
  onNote?.(`${flag} ${items.join(',')} read as fractions: ${percent.join(', ')}% intervals`);
  return percent;
}

/** Most worker threads `--workers` may ask for: four per core (more only adds memory and switching). */
export function maxWorkers(): number {
  return Math.max(4, 4 * availableParallelism());
}

/**
 * The input options shared by `forecast`, `backtest` and `evaluate` (column mapping, layout, delimiter, date
 * order, encoding, sheet), as the reader's options. Throws ForesightError('invalid_argument') for a bad value.
 *
 * @example
 * readOptions({ delimiter: 'tab', dateFormat: 'DD/MM/YYYY' }) // { delimiter: '\t', dateFormat: 'DMY', ... }
 */
export function readOptions(options: Record<string, unknown>): ReadOptions {
  const text = (flag: string, v: unknown): string | undefined => {
    if (v === undefined) return undefined;
    once(v, flag);
    if (v === true || v === '') throw new ForesightError('invalid_argument', `${flag} needs a value`);
    return String(v);
  };
  const delimiterText = text('--delimiter', options.delimiter);
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|', space: ' ' };
  const delimiter = delimiterText === undefined ? undefined : (named[delimiterText] ?? delimiterText);
  if (delimiter !== undefined && delimiter.length !== 1)
    throw new ForesightError(
      'invalid_argument',
      `--delimiter "${delimiterText}" is not one character (or tab, comma, semicolon, pipe)`,
      { value: delimiterText },
    );
  const encoding = text('--encoding', options.encoding)?.toLowerCase().replace(/[-_]/g, '');
  if (encoding !== undefined && !['utf8', 'latin1', 'iso88591'].includes(encoding)) {
    throw new ForesightError('invalid_argument', `--encoding "${options.encoding}" is not utf8 or latin1`, {
      value: String(options.encoding),
    });
  }
  const dateFormat = text('--date-format', options.dateFormat);
  return {
    id: text('--id', options.id),
    time: text('--time', options.time),
    value: text('--value', options.value),
    wide: Boolean(options.wide),
    delimiter,
    dateFormat: dateFormat === undefined ? undefined : parseDateFormat(dateFormat),
    encoding: encoding === undefined ? undefined : encoding === 'utf8' ? 'utf8' : 'latin1',
    sheet: text('--sheet', options.sheet),
  };
}

/** Registers the input options of `readOptions` on a command. */
export function withInputOptions<T extends { option: (name: string, description: string) => T }>(command: T): T {
  return command
    .option('--id <column>', 'Column of the series id (default: unique_id, id, series, key, ...; none: one series)')
    .option('--time <column>', 'Column of the time stamp (default: ds, date, time, period, ...)')
    .option('--value <column>', 'Column of the value (default: y, value, target, ...)')
    .option('--wide', 'One column per series after the time column')
    .option('--delimiter <char>', 'CSV delimiter (default: detected among , ; tab |)')
    .option('--date-format <order>', 'Order of dates like 01/03/2024: DD/MM/YYYY, MM/DD/YYYY or YYYY/MM/DD')
    .option('--encoding <name>', 'Text encoding of CSV input: utf8 (default) or latin1')
    .option('--sheet <name>', 'Worksheet of an .xlsx input (number or name; default the first)');
}

/** A required option: throws ForesightError('invalid_argument') when absent. */
export function required(value: unknown, flag: string): string {
  once(value, flag);
  if (value === undefined || value === null || value === '' || value === true) {
    throw new ForesightError('invalid_argument', `${flag} is required`);
  }
  return String(value);
}

/** Bounds a number flag must respect (all optional): `above` and `below` are strict, `atLeast` and `atMost` not. */
export interface NumberRule {
  above?: number;
  atLeast?: number;
  below?: number;
  atMost?: number;
  integer?: boolean;
}

function describe(rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.integer) parts.push('a whole number');
  else parts.push('a number');
  if (rule.above !== undefined) parts.push(`above ${rule.above}`);
  if (rule.atLeast !== undefined) parts.push(`at least ${rule.atLeast}`);
  if (rule.below !== undefined) parts.push(`below ${rule.below}`);
  if (rule.atMost !== undefined) parts.push(`at most ${rule.atMost}`);
  return parts.join(' ');
}

/**
 * A finite number within `rule`, or `fallback` when the flag is absent (required when no fallback is given).
 * Throws ForesightError('invalid_argument') naming the flag, the value and the rule (a usage error, exit 2).
 *
 * @example
 * parseNumber('1e18', '--unit', { above: 0 }) // 1e18
 * parseNumber(undefined, '--bootstrap', { atLeast: 0, integer: true }, 200) // 200
 * parseNumber('-5', '--bootstrap', { atLeast: 0, integer: true }) // throws: --bootstrap "-5" is not a whole number at least 0
 */
export function parseNumber(value: unknown, flag: string, rule: NumberRule = {}, fallback?: number): number {
  once(value, flag);
  if (value === undefined || value === null || value === '' || value === true) {
    if (fallback !== undefined) return fallback;
    throw new ForesightError('invalid_argument', `${flag} needs ${describe(rule)}`);
  }
  const text = argumentText(value, flag).trim();
  const v = text === '' ? NaN : Number(text);
  const ok =
    Number.isFinite(v) &&
    (!rule.integer || Number.isInteger(v)) &&
    (rule.above === undefined || v > rule.above) &&
    (rule.atLeast === undefined || v >= rule.atLeast) &&
    (rule.below === undefined || v < rule.below) &&
    (rule.atMost === undefined || v <= rule.atMost);
  if (!ok) throw new ForesightError('invalid_argument', `${flag} "${text}" is not ${describe(rule)}`, { value: text });
  return v;
}

/**
 * One interval level in percent (strictly between 0 and 100), or `fallback` when absent. Throws
 * ForesightError('invalid_argument') for a list or a bad value.
 *
 * @example
 * parseLevel('90', '--level', 95) // 90
 */
export function parseLevel(value: unknown, flag: string, fallback: number): number {
  if (value === undefined || value === null || value === '' || value === true) return fallback;
  const levels = parseLevels(value, flag);
  if (levels.length !== 1)
    throw new ForesightError(
      'invalid_argument',
      `${flag} "${value}" gives ${levels.length} levels; this command takes one`,
      { value: String(value) },
    );
  return levels[0];
}

/** Adds `--transform`, `--biasadj` and `--allow-negative` to a command that takes `--model`. */
export function withTransformOptions<C extends { option: (name: string, description: string, config?: object) => C }>(
  command: C,
): C {
  return command
    .option(
      '--transform <kind>',
      'Box-Cox transform before fitting: none, log, boxcox (Guerrero lambda), auto (Guerrero lambda in [0, 1] for positive series)',
      { default: 'none' },
    )
    .option('--biasadj', 'With --transform: forecast the back-transformed mean instead of the median')
    .option('--allow-negative', 'Keep negative forecasts and bounds for series that have never been negative');
}

/**
 * The registry names of `--model` under `--transform`/`--biasadj` (ensemble/transformed.ts). Throws
 * ForesightError('invalid_argument') for an unknown transform, naming the value.
 *
 * @example
 * modelNames({ model: 'ets,theta', transform: 'log' }) // ['boxcox:0/ets', 'boxcox:0/theta']
 */
export function modelNames(options: { model?: unknown; transform?: unknown; biasadj?: unknown }): string[] {
  const transform = String(options.transform ?? 'none');
  if (!(TRANSFORMS as readonly string[]).includes(transform))
    throw new ForesightError('invalid_argument', `--transform "${transform}" is not one of ${TRANSFORMS.join(', ')}`, {
      value: transform,
    });
  if (options.biasadj && transform === 'none')
    throw new ForesightError('invalid_argument', '--biasadj needs --transform log, boxcox or auto');
  const names = splitModelList(String(options.model)).map((m) =>
    transformedName(m, transform as TransformName, Boolean(options.biasadj)),
  );
  const twice = names.find((m, i) => names.indexOf(m) !== i);
  if (twice !== undefined)
    throw new ForesightError('invalid_argument', `--model "${String(options.model)}" names ${twice} twice`, {
      value: String(options.model),
    });
  return names;
}

/** The identity of an existing file (device and inode, so that links and `./x` name the same file), or null. */
function fileIdentity(path: string): string | null {
  try {
    const info = statSync(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return null;
  }
}

/**
 * Refuses, before any work, an output that would overwrite an input (the output is opened before the input is
 * read, so `--output data.csv --input data.csv` would truncate the data) or two outputs naming the same file.
 * `inputs` and `outputs` map each flag to its path (absent or `-` entries are skipped). Throws
 * ForesightError('invalid_argument') naming both flags and the file.
 *
 * @example
 * checkOutputs({ '--input': 'x.csv' }, { '--output': './x.csv' }) // throws: --output "./x.csv" is the same file as --input "x.csv"; ...
 */
export function checkOutputs(inputs: Record<string, unknown>, outputs: Record<string, unknown>): void {
  const named = (paths: Record<string, unknown>) =>
    Object.entries(paths).flatMap(([flag, value]) =>
      (Array.isArray(value) ? value : [value])
        .filter((v): v is string => typeof v === 'string' && v !== '' && v !== '-')
        .map((path) => ({ flag, path, key: fileIdentity(path) ?? `path:${resolve(path)}` })),
    );
  const seen = named(inputs);
  for (const out of named(outputs)) {
    const same = seen.find((s) => s.key === out.key);
    if (same) {
      const what = Object.prototype.hasOwnProperty.call(inputs, same.flag)
        ? 'it would be overwritten'
        : 'one would overwrite the other';
      throw new ForesightError(
        'invalid_argument',
        `${out.flag} "${out.path}" is the same file as ${same.flag} "${same.path}"; ${what}: write to another file`,
        { value: out.path },
      );
    }
    seen.push(out);
  }
}

/**
 * Refuses, before any work, an output path that cannot be written: its folder is missing or not writable, or
 * the path is a folder. Throws ForesightError('io_error') naming the flag and the path (exit 1, as the write
 * error would be).
 */
export function checkWritable(path: string, flag: string): void {
  let info: ReturnType<typeof statSync> | null = null;
  try {
    info = statSync(path);
  } catch {
    // absent: its folder must exist and be writable
  }
  const fail = (why: string) => {
    throw new ForesightError('io_error', `${path}: cannot write (${flag}: ${why})`, { file: path });
  };
  if (info?.isDirectory()) fail('it is a folder');
  try {
    accessSync(info ? path : dirname(resolve(path)), constants.W_OK);
  } catch (e) {
    fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? `folder ${dirname(path)} does not exist` : 'not writable');
  }
}
