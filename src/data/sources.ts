/**
 * Where records come from: a CSV file or stdin (`-`), with its delimiter detected from the header line; an
 * `.xlsx` workbook (read-excel-file); a Parquet file (hyparquet). Every source yields records as arrays of
 * cell texts with the line (CSV) or row (workbook, Parquet) they came from, so one assembler builds series from
 * all of them with the same rules and messages.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { ForesightError } from '../core/errors.js';
import { MAX_COLUMNS, MAX_RECORD_CHARS } from './limits.js';
import { utf16ToUtf8 } from './utf16.js';
import { utf8Guard } from './utf8.js';

/** One record: its cells as text and its 1-based line (CSV) or row (workbook, Parquet; the header is row 1). */
export interface SourceRecord {
  record: string[];
  line: number;
}

/** Records of an input plus what was learnt opening it. */
export interface RecordSource {
  records: AsyncIterable<SourceRecord>;
  /** 'line' for CSV, 'row' for workbooks and Parquet (used in messages: `file.xlsx row 4`). */
  unit: 'line' | 'row';
  /** The delimiter of a CSV input (detected or given). */
  delimiter?: string;
}

/** Options of `openRecords`. */
export interface SourceOptions {
  /** Name used in messages. */
  file: string;
  /** CSV delimiter; detected from the header line when absent. */
  delimiter?: string;
  /** Text encoding of CSV input: 'utf8' (default, validated) or 'latin1'. */
  encoding?: 'utf8' | 'latin1';
  /** Worksheet of an .xlsx file: a 1-based number or a name (default the first). */
  sheet?: string;
  /** Stream read for path '-' (default process.stdin). */
  stdin?: Readable;
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The delimiter of a header line: the most frequent of `,` `;` tab `|` outside quotes (`,` when none occurs).
 *
 * @example
 * detectDelimiter('date;value') // ';'
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Opens an input by its path: `-` is stdin (CSV), `.xlsx` a workbook, `.parquet` / `.pq` a Parquet file, anything
 * else CSV (gzip-compressed or not, see {@link openFileBytes}). Throws ForesightError('io_error') for a missing or
 * unreadable file and ('invalid_input') for a file that is not what its name says; errors met while reading come out of the records' iteration, naming file and
 * line.
 */
export async function openRecords(path: string, options: SourceOptions): Promise<RecordSource> {
  const { file } = options;
  if (path !== '-') {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new ForesightError('io_error', `${file}: not a file`, { file });
    } catch (e) {
      if (e instanceof ForesightError) throw e;
      throw new ForesightError('io_error', `${file}: cannot read (${(e as Error).message})`, { file });
    }
  }
  const ext = path === '-' ? '' : extname(path).toLowerCase();
  if (ext === '.xlsx') return { records: xlsxRecords(path, options), unit: 'row' };
  if (ext === '.parquet' || ext === '.pq') return { records: parquetRecords(path, options), unit: 'row' };
  if (ext === '.xls')
    throw new ForesightError(
      'invalid_input',
      `${file}: the old .xls format is not read; save the sheet as .xlsx or CSV`,
      { file },
    );
  if (path === '-') return csvRecords(options.stdin ?? process.stdin, options);
  return csvRecords(await openFileBytes(path, file), options);
}

/**
 * The bytes of a text file, decompressed on the way when it is gzip (known by its first two bytes, whatever its
 * name: `x.csv.gz`). Damaged or cut-short gzip data ends the stream with ForesightError('invalid_input') naming
 * `file`; read errors pass through as they are.
 */
export async function openFileBytes(path: string, file: string): Promise<Readable> {
  const raw = createReadStream(path);
  if (!(await isGzip(path))) return raw;
  const gunzip = createGunzip();
  const out = new PassThrough();
  raw.on('error', (e) => out.destroy(e));
  gunzip.on('error', (e) =>
    out.destroy(
      new ForesightError('invalid_input', `${file}: the gzip data is damaged or cut short (${e.message})`, { file }),
    ),
  );
  return raw.pipe(gunzip).pipe(out);
}

/** Whether a file starts with the gzip magic bytes 1f 8b. */
async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function csvRecords(stream: Readable, options: SourceOptions): Promise<RecordSource> {
  const { file } = options;
  const encoding = options.encoding ?? 'utf8';
  let bytes: Readable = stream;
  if (encoding === 'utf8') {
    // UTF-16 with a byte-order mark is re-encoded first, so that the UTF-8 check sees UTF-8
    const utf16 = stream.pipe(utf16ToUtf8(file));
    bytes = utf16.pipe(utf8Guard(file));
    utf16.on('error', (e) => bytes.destroy(e));
  }
  stream.on('error', (e) => bytes.destroy(e));
  const iterator = (bytes as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  // peek at the first line to choose the delimiter, then hand every byte to the parser
  const peeked: Buffer[] = [];
  let size = 0;
  let done = false;
  try {
    while (size < 65_536) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      peeked.push(next.value);
      size += next.value.length;
      if (next.value.includes(0x0a)) break;
    }
  } catch (e) {
    throw readError(e, file);
  }
  const head = Buffer.concat(peeked).toString(encoding === 'utf8' ? 'utf8' : 'latin1');
  const delimiter = options.delimiter ?? detectDelimiter(head.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, ''));
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    delimiter,
    encoding: encoding === 'utf8' ? 'utf8' : 'latin1',
    max_record_size: MAX_RECORD_CHARS,
  });
  (async () => {
    try {
      for (const chunk of peeked) if (!parser.write(chunk)) await new Promise((r) => parser.once('drain', r));
      while (!done) {
        const next = await iterator.next();
        if (next.done) break;
        if (!parser.write(next.value)) await new Promise((r) => parser.once('drain', r));
      }
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();
  async function* records(): AsyncGenerator<SourceRecord> {
    let lastLine = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (record.length > MAX_COLUMNS) {
          throw new ForesightError(
            'invalid_input',
            `${file} line ${info.lines}: ${record.length} fields, more than the ${MAX_COLUMNS} allowed`,
            { file, line: info.lines },
          );
        }
        lastLine = info.lines;
        yield { record, line: info.lines };
      }
    } catch (e) {
      if (e instanceof ForesightError) throw e;
      const err = e as Error & { code?: string; lines?: number };
      if (err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'CSV_MAX_RECORD_SIZE') {
        // csv-parse reports where it gave up (the end); the quote opened on the record after the last good one
        const line = lastLine + 1;
        const what =
          err.code === 'CSV_QUOTE_NOT_CLOSED'
            ? 'a quote opened here is never closed'
            : `a record longer than ${MAX_RECORD_CHARS} characters starts here (an unclosed quote, or no line breaks)`;
        throw new ForesightError('invalid_input', `${file} line ${line}: malformed CSV: ${what}`, { file, line });
      }
      throw readError(e, file, err.lines);
    }
  }
  return { records: records(), unit: 'line', delimiter };
}

function readError(e: unknown, file: string, line?: number): ForesightError {
  if (e instanceof ForesightError) return e;
  const err = e as Error & { code?: string };
  if (err.code && /^E[A-Z]+$/.test(err.code))
    return new ForesightError('io_error', `${file}: cannot read (${err.message})`, { file });
  return new ForesightError('invalid_input', `${file}${line ? ` line ${line}` : ''}: malformed CSV (${err.message})`, {
    file,
    line,
  });
}

/** A cell of a workbook or Parquet file as the text the CSV reader would see. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, -14) : iso.slice(0, -5);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return String(value);
  return String(value);
}

async function* xlsxRecords(path: string, options: SourceOptions): AsyncGenerator<SourceRecord> {
  const { readSheet } = await import('read-excel-file/node');
  let rows: unknown[][];
  try {
    const sheet =
      options.sheet === undefined ? undefined : /^\d+$/.test(options.sheet) ? Number(options.sheet) : options.sheet;
    rows = (await readSheet(path, sheet)) as unknown[][];
  } catch (e) {
    throw new ForesightError('invalid_input', `${options.file}: cannot read the workbook (${(e as Error).message})`, {
      file: options.file,
    });
  }
  for (let i = 0; i < rows.length; i++) {
    const record = rows[i].map(cellText);
    if (record.every((c) => c === '')) continue;
    yield { record, line: i + 1 };
  }
}

async function* parquetRecords(path: string, options: SourceOptions): AsyncGenerator<SourceRecord> {
  const { parquetMetadata, parquetSchema, parquetReadObjects } = await import('hyparquet');
  let rows: Record<string, unknown>[];
  let columns: string[];
  try {
    const buffer = await readFile(path);
    const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
    const metadata = parquetMetadata(data);
    columns = parquetSchema(metadata).children.map((c) => c.element.name);
    rows = (await parquetReadObjects({ file: data, metadata })) as Record<string, unknown>[];
  } catch (e) {
    throw new ForesightError(
      'invalid_input',
      `${options.file}: cannot read the Parquet file (${(e as Error).message})`,
      { file: options.file },
    );
  }
  yield { record: columns, line: 1 };
  for (let i = 0; i < rows.length; i++) yield { record: columns.map((c) => cellText(rows[i][c])), line: i + 2 };
}
