/**
 * Which columns of a header hold what: the series id, the time, the value and extra regressors. Names are
 * given (`--id`, `--time`, `--value`) or detected among the common ones; without an id column the file is one
 * series (its value column) or, with several value-like columns, a wide file with one column per series.
 */
import { ForesightError } from '../core/errors.js';

/** Column options of the reader. */
export interface ColumnOptions {
  /** Column of the series id (default: unique_id, id, series, key, ...). */
  id?: string;
  /** Column of the time stamp (default: ds, date, time, period, ...). */
  time?: string;
  /** Column of the value (default: y, value, target, ...). */
  value?: string;
  /** One column per series after the time column (`--wide`). */
  wide?: boolean;
}

/** How records map to observations. */
export type Layout =
  | { kind: 'long'; id: number; time: number; value: number; exog: number[] }
  | { kind: 'single'; name: string; time: number; value: number; exog: number[] }
  | { kind: 'wide'; time: number; series: number[] };

const ID_NAMES = [
  'unique_id',
  'id',
  'series',
  'series_id',
  'seriesid',
  'key',
  'item_id',
  'item',
  'ticker',
  'symbol',
  'name',
];
const TIME_NAMES = [
  'ds',
  'date',
  'time',
  'timestamp',
  'datetime',
  'date_time',
  'period',
  'month',
  'quarter',
  'week',
  'year',
  'day',
  'index',
  't',
];
const VALUE_NAMES = ['y', 'value', 'values', 'target', 'observation', 'obs', 'observed'];

const normalize = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** R's row names (an empty first header cell) and pandas' index (`Unnamed: 0`) are not data. */
function isRowNames(name: string, index: number): boolean {
  return (name === '' && index === 0) || /^unnamed: ?0$/i.test(name);
}

/**
 * Decides the layout of a header. `fallbackName` names a single series when its value column has a generic
 * name (`value`, `y`). Throws ForesightError('invalid_input') naming the file, line and what is missing, or
 * ('invalid_argument') when a column given by flag is absent.
 *
 * @example
 * detectLayout(['date', 'value'], {}, 'sales', 'f.csv', 1) // { kind: 'single', name: 'sales', time: 0, value: 1, exog: [] }
 */
export function detectLayout(
  header: readonly string[],
  options: ColumnOptions,
  fallbackName: string,
  file: string,
  line: number,
): Layout {
  const names = header.map(normalize);
  const where = `${file} line ${line}`;
  const given = (flag: string, name: string | undefined): number | undefined => {
    if (name === undefined) return undefined;
    const exact = header.indexOf(name);
    const index = exact >= 0 ? exact : names.indexOf(normalize(name));
    if (index < 0)
      throw new ForesightError(
        'invalid_argument',
        `${flag} "${name}" is not a column of ${file} (columns: ${header.join(', ')})`,
        { file, line, value: name },
      );
    return index;
  };
  const find = (candidates: readonly string[], taken: readonly (number | undefined)[]): number | undefined => {
    for (const c of candidates) {
      const i = names.indexOf(c);
      if (i >= 0 && !taken.includes(i)) return i;
    }
    return undefined;
  };
  const ignored = new Set(header.map((h, i) => (isRowNames(h, i) ? i : -1)).filter((i) => i >= 0));
  let time = given('--time', options.time);
  if (options.wide) {
    time ??= find(TIME_NAMES, []) ?? header.findIndex((_, i) => !ignored.has(i));
    const series = header.map((_, i) => i).filter((i) => i !== time && !ignored.has(i));
    if (series.length === 0)
      throw new ForesightError(
        'invalid_input',
        `${where}: a wide file needs a time column and at least one series column (header "${header.join(',')}")`,
        { file, line },
      );
    const empty = series.find((i) => header[i] === '');
    if (empty !== undefined)
      throw new ForesightError(
        'invalid_input',
        `${where}: column ${empty + 1} of a wide file has no name (the name is the series id)`,
        { file, line },
      );
    return { kind: 'wide', time, series };
  }
  let id = given('--id', options.id);
  let value = given('--value', options.value);
  id ??= find(ID_NAMES, [time, value]);
  time ??= find(TIME_NAMES, [id, value]);
  if (time === undefined) {
    throw new ForesightError(
      'invalid_input',
      `${where}: header "${header.join(',')}" lacks a time column (ds, date, time, period, ...; name it with --time)`,
      { file, line, value: header.join(',') },
    );
  }
  value ??= find(VALUE_NAMES, [id, time]);
  const rest = header.map((_, i) => i).filter((i) => i !== id && i !== time && i !== value && !ignored.has(i));
  if (value === undefined) {
    if (id === undefined && rest.length === 1)
      return { kind: 'single', name: header[rest[0]] || fallbackName, time, value: rest[0], exog: [] };
    if (id === undefined && rest.length > 1) return { kind: 'wide', time, series: rest };
    throw new ForesightError(
      'invalid_input',
      `${where}: header "${header.join(',')}" lacks column y (a value column: y, value, target; name it with --value)`,
      { file, line, value: header.join(',') },
    );
  }
  if (id === undefined) {
    const generic = VALUE_NAMES.includes(names[value]);
    return { kind: 'single', name: generic ? fallbackName : header[value], time, value, exog: rest };
  }
  return { kind: 'long', id, time, value, exog: rest };
}

/** A one-line description of a layout for notes: `wide: 3 series (a, b, c)`. */
export function describeLayout(layout: Layout, header: readonly string[]): string {
  if (layout.kind === 'long')
    return `long: id "${header[layout.id]}", time "${header[layout.time]}", value "${header[layout.value]}"`;
  if (layout.kind === 'single')
    return `one series "${layout.name}": time "${header[layout.time]}", value "${header[layout.value]}"`;
  const names = layout.series.map((i) => header[i]);
  return `wide: time "${header[layout.time]}", ${names.length} series (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''})`;
}
