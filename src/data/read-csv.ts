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
import { createAssembler } from './assemble.js';
import type { ColumnOptions } from './columns.js';
import type { Dataset } from './series.js';
import { openRecords, type SourceRecord } from './sources.js';
import type { DateOrder } from './time.js';

export { parseNumber } from './assemble.js';

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
  const { assembler, records } = await openAssembler(path, options);
  for await (const { record, line } of records) assembler.add(record, line);
  assembler.end();
  const { series, invalid } = assembler.finish(assembler.ids);
  return {
    file: fileName(path, options),
    exogColumns: assembler.exogColumns(),
    ids: assembler.ids,
    series,
    invalid,
    notes: assembler.notes,
  };
}

/** The name of an input in messages. */
function fileName(path: string, options: ReadOptions): string {
  return options.displayName ?? (path === '-' ? 'stdin' : path);
}

/** Opens an input and an assembler over its records (`scan`: see assemble.ts). */
export async function openAssembler(path: string, options: ReadOptions, scan = false) {
  const file = fileName(path, options);
  const source = options.cells
    ? { records: cellRecords(options.cells), unit: 'line' as const, delimiter: undefined }
    : await openRecords(path, {
        file,
        delimiter: options.delimiter,
        encoding: options.encoding,
        sheet: options.sheet,
        stdin: options.stdin,
      });
  const assembler = createAssembler(
    {
      file,
      unit: source.unit,
      delimiter: source.delimiter,
      // an upload is read from a temporary file: its series are named after the name it was given
      fallbackName: seriesNameOfFile(options.displayName ?? (path === '-' ? 'series' : path)),
    },
    options,
    scan,
  );
  return { assembler, records: source.records, unit: source.unit };
}

/**
 * The name a lone series takes from its file: the base name without its extension, and without `.gz` first, so
 * that `months.csv.gz` names its series `months` as `months.csv` does.
 *
 * @example
 * seriesNameOfFile('data/months.csv.gz') // 'months'
 */
export function seriesNameOfFile(path: string): string {
  const name = basename(path);
  const unpacked = name.toLowerCase().endsWith('.gz') && name.length > 3 ? name.slice(0, -3) : name;
  return basename(unpacked, extname(unpacked));
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
