/**
 * Reading grouped series for reconciliation: a long CSV whose bottom series are named by key columns
 * (`--keys state,region,purpose`) or by `unique_id` with parent links (`--hierarchy parents.csv`), or shares
 * under a known total (`--total 100`). Builds the aggregation structure and every series of it on one time
 * grid, ready for the batch forecaster. Any problem (a key missing on a row, a value that is not a number, a
 * duplicate period, a given aggregate that does not equal the sum of its parts, a cycle in the links) is an
 * error naming the file, line and value: one bad bottom series would make every aggregate above it wrong, so
 * nothing is set aside silently.
 */
import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { ForesightError } from '../core/errors.js';
import { parseNumber } from '../data/read-csv.js';
import { openFileBytes } from '../data/sources.js';
import { fillMissing, type Dataset, type Series } from '../data/series.js';
import { DEFAULT_SEASONS, formatTime, gridSteps, inferFrequency, parseTime, type TimeKind } from '../data/time.js';
import {
  buildHierarchy,
  parseHierarchySpec,
  structureFromParents,
  type Hierarchy,
  type ParentLink,
} from '../reconcile/structure.js';

/** Options of `readGroupedCsv`. */
export interface GroupedInputOptions {
  /** Key columns naming the bottom series (key mode). */
  keys?: readonly string[];
  /**
   * A spec (`state/region * purpose`) for key mode; a CSV file of parent links `unique_id,parent`; or `ids`
   * (`ids:SEP`) when the ids name their parents (`total/cloud/MSFT` adds into `total/cloud`, separator `/`).
   */
  hierarchy?: string;
  /** Known total of all series (shares: 100); the remainder becomes a series `other` when the parts fall short. */
  total?: number;
  /** Time column (default `ds`, else the one non-key column whose values are times). */
  time?: string;
  /** Value column (default `y`, else the remaining non-key column). */
  value?: string;
  /** Season lengths overriding the frequency's default. */
  seasonLengths?: number[];
  /** Relative tolerance when checking given aggregates against their parts (default 1e-6). */
  tolerance?: number;
}

/** Grouped series ready for forecasting and reconciliation. */
export interface GroupedData {
  hierarchy: Hierarchy;
  /** Every series of the structure, in the structure's order (`dataset.ids === hierarchy.ids`). */
  dataset: Dataset;
  /** Known future value of series (the fixed total of shares), by series index. */
  fixed: Map<number, number>;
  /** Notes for the report (remainder series added, periods filled). */
  notes: string[];
}

interface Group {
  id: string;
  keys: string[];
  times: number[];
  values: number[];
  lines: number[];
}

const QUARTER = /^(\d{4})\s*-?\s*Q([1-4])$/i;

/**
 * Parses a time stamp: what `parseTime` reads, plus quarters written `1998 Q1` or `1998-Q1` (the quarter's
 * last day, as quarter-end ISO dates elsewhere in Foresight).
 *
 * @example
 * formatTime(parseGroupedTime('1998 Q1')!.value, 'date') // '1998-03-31'
 */
export function parseGroupedTime(text: string): { kind: TimeKind; value: number } | null {
  const q = QUARTER.exec(text.trim());
  if (q) return { kind: 'date', value: Date.UTC(+q[1], 3 * +q[2], 0) };
  return parseTime(text);
}

async function checkFile(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ForesightError('io_error', `${path}: not a file`, { file: path });
  } catch (e) {
    if (e instanceof ForesightError) throw e;
    throw new ForesightError('io_error', `${path}: cannot read (${(e as Error).message})`, { file: path });
  }
}

/** Reads rows into groups named by key columns (or unique_id). */
async function readGroups(
  path: string,
  options: GroupedInputOptions,
): Promise<{ groups: Group[]; kind: TimeKind; keys: string[] }> {
  await checkFile(path);
  const file = path;
  // gzip-compressed or plain, as the series reader takes it; a damaged stream ends the parse with its error
  const bytes = await openFileBytes(path, file);
  const parser = bytes.pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  );
  bytes.on('error', (e) => parser.destroy(e));
  let header: string[] | null = null;
  let keyIdx: number[] = [],
    timeIdx = -1,
    valueIdx = -1;
  let keys: string[] = [];
  let kind: TimeKind | null = null;
  const byId = new Map<string, Group>();
  const groups: Group[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (!header) {
        header = record.map((c) => c.trim());
        keys = options.keys?.length ? [...options.keys] : ['unique_id'];
        for (const k of keys)
          if (!header.includes(k))
            throw new ForesightError(
              'invalid_input',
              `${file} line ${line}: key column "${k}" is not in the header "${record.join(',')}"`,
              { file, line, value: k },
            );
        keyIdx = keys.map((k) => header!.indexOf(k));
        const rest = header.map((_, i) => i).filter((i) => !keyIdx.includes(i));
        const pick = (name: string | undefined, fallback: string, what: string) => {
          if (name) {
            const i = header!.indexOf(name);
            if (i < 0)
              throw new ForesightError(
                'invalid_input',
                `${file} line ${line}: ${what} column "${name}" is not in the header "${record.join(',')}"`,
                { file, line, value: name },
              );
            return i;
          }
          return header!.indexOf(fallback);
        };
        timeIdx = pick(options.time, 'ds', 'time');
        valueIdx = pick(options.value, 'y', 'value');
        for (const [i, what] of [
          [timeIdx, 'time'],
          [valueIdx, 'value'],
        ] as const)
          if (i >= 0 && keyIdx.includes(i))
            throw new ForesightError(
              'invalid_argument',
              `--keys names "${header[i]}", the ${what} column of ${file}; the keys are the columns that name the series (give the ${what} with --${what})`,
              { value: header[i] },
            );
        if (timeIdx < 0 || valueIdx < 0) {
          const others = rest.filter((i) => i !== timeIdx && i !== valueIdx);
          if (timeIdx < 0 && valueIdx < 0 && others.length === 2) {
            // decided on the first data row: the column that parses as a time is the time
            timeIdx = -2;
            valueIdx = -2;
          } else if (timeIdx < 0 && others.length === 1) timeIdx = others[0];
          else if (valueIdx < 0 && others.length === 1) valueIdx = others[0];
          else {
            throw new ForesightError(
              'invalid_input',
              `${file} line ${line}: cannot tell the time and value columns apart in "${record.join(',')}" (name them ds and y, or pass --time and --value)`,
              { file, line, value: record.join(',') },
            );
          }
        }
        continue;
      }
      if (timeIdx === -2) {
        const others = header.map((_, i) => i).filter((i) => !keyIdx.includes(i));
        const isTime = others.map(
          (i) => parseGroupedTime(record[i] ?? '') !== null && parseNumber(record[i] ?? '') === null,
        );
        if (isTime.filter(Boolean).length !== 1) {
          throw new ForesightError(
            'invalid_input',
            `${file} line ${line}: cannot tell the time and value columns apart in "${record.join(',')}" (pass --time and --value)`,
            { file, line, value: record.join(',') },
          );
        }
        timeIdx = others[isTime.indexOf(true)];
        valueIdx = others[isTime.indexOf(false)];
      }
      if (record.length !== header.length)
        throw new ForesightError(
          'invalid_input',
          `${file} line ${line}: expected ${header.length} fields (${header.join(',')}) but found ${record.length}`,
          { file, line, value: record.join(',') },
        );
      const keyValues = keyIdx.map((i) => record[i]);
      keyValues.forEach((v, k) => {
        if (v === '')
          throw new ForesightError(
            'invalid_input',
            `${file} line ${line}: key "${keys[k]}" is missing (empty) in "${record.join(',')}"`,
            { file, line, value: record.join(',') },
          );
      });
      const timeText = record[timeIdx];
      const time = parseGroupedTime(timeText);
      if (!time)
        throw new ForesightError(
          'invalid_input',
          `${file} line ${line}: ${header[timeIdx]} "${timeText}" is not a time (integer index, ISO date, date-time or "1998 Q1")`,
          { file, line, value: timeText },
        );
      if (kind === null) kind = time.kind;
      else if (kind !== time.kind)
        throw new ForesightError(
          'invalid_input',
          `${file} line ${line}: ${header[timeIdx]} "${timeText}" is written differently from the earlier rows`,
          { file, line, value: timeText },
        );
      const valueText = record[valueIdx];
      const value = parseNumber(valueText);
      if (value === null)
        throw new ForesightError(
          'invalid_input',
          `${file} line ${line}: ${header[valueIdx]} "${valueText}" is not a number`,
          { file, line, value: valueText },
        );
      const id = keyValues.join('\u0000');
      let group = byId.get(id);
      if (!group) {
        group = { id: keyValues.join('/'), keys: keyValues, times: [], values: [], lines: [] };
        byId.set(id, group);
        groups.push(group);
      }
      group.times.push(time.value);
      group.values.push(value);
      group.lines.push(line);
    }
  } catch (e) {
    if (e instanceof ForesightError) throw e;
    const err = e as Error & { lines?: number };
    throw new ForesightError(
      'invalid_input',
      `${file}${err.lines ? ` line ${err.lines}` : ''}: malformed CSV (${err.message})`,
      { file, line: err.lines },
    );
  }
  if (!header) throw new ForesightError('invalid_input', `${file}: the file is empty`, { file, line: 1 });
  if (groups.length === 0)
    throw new ForesightError('invalid_input', `${file}: the file has a header but no data rows`, { file, line: 2 });
  return { groups, kind: kind!, keys };
}

/** Matches the input's series to a parent-link structure: every series known, every leaf present; inner series present are `given`. */
function matchGroups(
  hierarchy: Hierarchy,
  groups: Group[],
  path: string,
  structureFile: string,
  given: Map<string, Group>,
): { bottomGroups: Group[] } {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const known = new Set(hierarchy.ids);
  for (const g of groups) {
    if (!known.has(g.id))
      throw new ForesightError(
        'invalid_input',
        `${path} line ${g.lines[0]}: series "${g.id}" is not in the hierarchy ${structureFile}`,
        { file: path, line: g.lines[0], value: g.id },
      );
  }
  const bottomGroups = hierarchy.ids.slice(hierarchy.aggregateCount).map((id) => {
    const g = byId.get(id);
    if (!g)
      throw new ForesightError('invalid_input', `${structureFile}: bottom series "${id}" has no rows in ${path}`, {
        file: structureFile,
        value: id,
      });
    return g;
  });
  for (const id of hierarchy.ids.slice(0, hierarchy.aggregateCount)) if (byId.has(id)) given.set(id, byId.get(id)!);
  return { bottomGroups };
}

/**
 * Reads parent links from a CSV with columns unique_id (or child) and parent, as a CSV: quoted cells (a
 * spreadsheet's export), a byte-order mark and CRLF lines are read as the data file's reader reads them.
 */
async function readParentLinks(path: string): Promise<ParentLink[]> {
  await checkFile(path);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsvSync(await readFile(path, 'utf8'), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new ForesightError(
      'invalid_input',
      `${path}${err.lines ? ` line ${err.lines}` : ''}: malformed CSV (${err.message})`,
      { file: path, line: err.lines },
    );
  }
  if (records.length === 0)
    throw new ForesightError('invalid_input', `${path}: the file is empty (expected a header unique_id,parent)`, {
      file: path,
      line: 1,
    });
  const header = records[0].record;
  const childIdx = header.includes('unique_id') ? header.indexOf('unique_id') : header.indexOf('child');
  const parentIdx = header.indexOf('parent');
  if (childIdx < 0 || parentIdx < 0)
    throw new ForesightError(
      'invalid_input',
      `${path} line ${records[0].info.lines}: header "${header.join(',')}" needs columns unique_id (or child) and parent`,
      { file: path, line: records[0].info.lines, value: header.join(',') },
    );
  return records.slice(1).map(({ record: cells, info }) => {
    const line = info.lines;
    if (!cells[childIdx] || !cells[parentIdx])
      throw new ForesightError(
        'invalid_input',
        `${path} line ${line}: "${cells.join(',')}" lacks a child or a parent`,
        {
          file: path,
          line,
          value: cells.join(','),
        },
      );
    return { child: cells[childIdx], parent: cells[parentIdx], line };
  });
}

/**
 * Reads a grouped long CSV, builds the structure and every series. Throws ForesightError ('io_error',
 * 'invalid_input' naming file, line and value, 'invalid_argument' for conflicting options).
 *
 * @example
 * const g = await readGroupedCsv('tourism.csv', { keys: ['state', 'region', 'purpose'] });
 * g.hierarchy.ids.length // 425
 */
export async function readGroupedCsv(path: string, options: GroupedInputOptions): Promise<GroupedData> {
  const keyMode = (options.keys?.length ?? 0) > 0;
  const linksFile = options.hierarchy !== undefined && !keyMode ? options.hierarchy : undefined;
  if (!keyMode && linksFile === undefined && options.total === undefined) {
    throw new ForesightError(
      'invalid_argument',
      'grouped series need --keys, --hierarchy FILE (parent links) or --total',
    );
  }
  const { groups, kind } = await readGroups(path, options);
  const notes: string[] = [];
  const fixed = new Map<number, number>();
  // the common grid
  const allTimes = [...new Set(groups.flatMap((g) => g.times))].sort((a, b) => a - b);
  const frequency = inferFrequency(allTimes, kind) ?? (kind === 'index' ? 'index' : 'monthly');
  const { steps, badIndex } = gridSteps(allTimes, frequency);
  if (badIndex >= 0) {
    const g = groups.find((x) => x.times.includes(allTimes[badIndex]))!;
    const line = g.lines[g.times.indexOf(allTimes[badIndex])];
    throw new ForesightError(
      'invalid_input',
      `${path} line ${line}: time "${formatTime(allTimes[badIndex], kind)}" does not fit the ${frequency} grid of the file`,
      { file: path, line, value: formatTime(allTimes[badIndex], kind) },
    );
  }
  const length = 1 + steps.reduce((a, b) => a + b, 0);
  const position = new Map<number, number>();
  let at = 0;
  allTimes.forEach((t, i) => {
    if (i > 0) at += steps[i - 1];
    position.set(t, at);
  });
  const onGrid = (g: Group): Float64Array => {
    const out = new Float64Array(length).fill(NaN);
    g.times.forEach((t, i) => {
      const p = position.get(t)!;
      if (!Number.isNaN(out[p])) {
        throw new ForesightError(
          'invalid_input',
          `${path} line ${g.lines[i]}: duplicate time "${formatTime(t, kind)}" for series "${g.id}" (also on line ${g.lines[g.times.indexOf(t)]})`,
          { file: path, line: g.lines[i], value: formatTime(t, kind) },
        );
      }
      out[p] = g.values[i];
    });
    return out;
  };
  let hierarchy: Hierarchy;
  let bottomGroups: Group[];
  const given = new Map<string, Group>();
  if (keyMode) {
    const spec = options.hierarchy ? parseHierarchySpec(options.hierarchy) : undefined;
    hierarchy = buildHierarchy(
      options.keys!,
      groups.map((g) => g.keys),
      spec,
      groups.map((g) => ({ file: path, line: g.lines[0] })),
    );
    bottomGroups = groups;
  } else if (linksFile === 'ids:') {
    throw new ForesightError('invalid_argument', '--hierarchy "ids:" gives no separator; use ids (for /) or ids:SEP', {
      value: linksFile,
    });
  } else if (linksFile !== undefined && /^ids(:.+)?$/.test(linksFile)) {
    // ids name their parents: "total/cloud/MSFT" adds into "total/cloud", which adds into "total"
    const separator = linksFile.length > 3 ? linksFile.slice(4) : '/';
    const links = new Map<string, ParentLink>();
    for (const g of groups) {
      const parts = g.id.split(separator);
      // an empty level ("cap/chip//NVDA", a leading or trailing separator) would make a parent of no name
      if (parts.length > 1 && parts.some((p) => p.trim() === ''))
        throw new ForesightError(
          'invalid_input',
          `${path} line ${g.lines[0]}: series id "${g.id}" has an empty level between its "${separator}" separators`,
          { file: path, line: g.lines[0], value: g.id },
        );
      for (let k = parts.length - 1; k >= 1; k--) {
        const child = parts.slice(0, k + 1).join(separator);
        if (!links.has(child)) links.set(child, { child, parent: parts.slice(0, k).join(separator), line: g.lines[0] });
      }
    }
    hierarchy = structureFromParents([...links.values()], path);
    ({ bottomGroups } = matchGroups(hierarchy, groups, path, path, given));
  } else if (linksFile !== undefined) {
    if (/[*]/.test(linksFile) || (linksFile.includes('/') && !linksFile.toLowerCase().endsWith('.csv'))) {
      try {
        await stat(linksFile);
      } catch {
        throw new ForesightError(
          'invalid_argument',
          `--hierarchy "${linksFile}" looks like a spec of key columns; give the keys with --keys, or a CSV file of parent links`,
          { value: linksFile },
        );
      }
    }
    hierarchy = structureFromParents(await readParentLinks(linksFile), linksFile);
    ({ bottomGroups } = matchGroups(hierarchy, groups, path, linksFile, given));
  } else {
    bottomGroups = groups;
    hierarchy = structureFromParents(
      groups.map((g) => ({ child: g.id, parent: 'total', line: g.lines[0] })),
      path,
    );
  }
  const seasonLengths = options.seasonLengths?.length ? [...options.seasonLengths] : [...DEFAULT_SEASONS[frequency]];
  const bottomValues = bottomGroups.map((g) => {
    const raw = onGrid(g);
    // before its first observation a bottom series counts as zero (it did not exist yet)
    let first = 0;
    while (first < length && Number.isNaN(raw[first])) first++;
    const filled = fillMissing(raw);
    const out = new Float64Array(length);
    out.set(filled.values, first);
    const parts = [
      ...(first > 0 ? [`${first} leading period${first === 1 ? '' : 's'} before its first value counted as 0`] : []),
      ...(filled.filled > 0
        ? [
            `${filled.filled} missing value${filled.filled === 1 ? '' : 's'} filled (interior: linear interpolation; trailing: last value)`,
          ]
        : []),
    ];
    if (parts.length) notes.push(`series "${g.id}": ${parts.join(', ')}`);
    return out;
  });
  if (options.total !== undefined) {
    if (!Number.isFinite(options.total))
      throw new ForesightError('invalid_argument', `--total ${options.total} is not a number`, {
        value: String(options.total),
      });
    if (hierarchy.aggregateCount === 0)
      throw new ForesightError('invalid_argument', '--total needs at least one aggregate');
    // shares of a known total: the part not covered by the series becomes "other"
    const remainder = new Float64Array(length);
    let worst = 0;
    for (let t = 0; t < length; t++) {
      let s = 0;
      for (const v of bottomValues) s += v[t];
      remainder[t] = options.total - s;
      worst = Math.max(worst, Math.abs(remainder[t]));
    }
    if (worst > 1e-9 * Math.abs(options.total)) {
      if (keyMode || linksFile !== undefined)
        throw new ForesightError(
          'invalid_input',
          `${path}: the bottom series do not add up to the total ${options.total} (off by up to ${worst.toPrecision(4)}); add the remainder as a series, or use --total without --keys/--hierarchy`,
          { file: path, value: String(worst) },
        );
      if (hierarchy.ids.includes('other'))
        throw new ForesightError(
          'invalid_input',
          `${path}: the series do not add up to ${options.total} and a series "other" already exists`,
          { file: path, value: 'other' },
        );
      bottomGroups = [...bottomGroups, { id: 'other', keys: ['other'], times: [], values: [], lines: [] }];
      bottomValues.push(remainder);
      hierarchy = structureFromParents(
        bottomGroups.map((g) => ({ child: g.id, parent: 'total' })),
        path,
      );
      notes.push(`series "other" added: ${options.total} minus the sum of the series (up to ${worst.toPrecision(4)})`);
    }
    fixed.set(0, options.total);
  }
  const na = hierarchy.aggregateCount,
    m = hierarchy.bottomCount;
  const values: Float64Array[] = Array.from({ length: na }, () => new Float64Array(length));
  for (let j = 0; j < m; j++) {
    for (let p = hierarchy.aggregatesStart[j]; p < hierarchy.aggregatesStart[j + 1]; p++) {
      const a = values[hierarchy.aggregatesIndex[p]];
      for (let t = 0; t < length; t++) a[t] += bottomValues[j][t];
    }
  }
  const tolerance = options.tolerance ?? 1e-6;
  for (const [id, g] of given) {
    const sums = values[hierarchy.ids.indexOf(id)];
    g.times.forEach((t, i) => {
      const s = sums[position.get(t)!];
      if (Math.abs(g.values[i] - s) > tolerance * Math.max(Math.abs(s), Math.abs(g.values[i]), 1e-12)) {
        throw new ForesightError(
          'invalid_input',
          `${path} line ${g.lines[i]}: aggregate "${id}" at ${formatTime(t, kind)} is ${g.values[i]} but its parts sum to ${Number(s.toPrecision(12))}`,
          { file: path, line: g.lines[i], value: String(g.values[i]) },
        );
      }
    });
  }
  if (given.size)
    notes.push(`${given.size} given aggregate${given.size === 1 ? '' : 's'} checked against the sums of their parts`);
  const series: Series[] = hierarchy.ids.map((id, i) => ({
    id,
    kind,
    frequency,
    seasonLengths,
    y: i < na ? values[i] : bottomValues[i - na],
    times: Float64Array.from(allTimes),
    exog: {},
    rowExog: {},
    filled: 0,
    notes: [],
  }));
  return {
    hierarchy,
    dataset: { file: path, exogColumns: [], ids: [...hierarchy.ids], series, invalid: [] },
    fixed,
    notes,
  };
}
