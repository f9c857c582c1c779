/**
 * Reading a series file by chunks of series, so that a consumer that forecasts and writes each chunk before
 * asking for the next holds one chunk in memory, not the file.
 *
 * A CSV file is read twice. The first pass (the assembler's scan mode) runs the row checks without keeping
 * values and notes the line of each series' last row; it rejects a malformed file on the same limits as
 * `readSeriesCsv`. The second pass keeps values and hands over the next chunk as soon as the file is past the
 * last row of every series in it. Series may still come in any order: in a file grouped by series (the usual
 * long CSV) a chunk is released after its own rows; in a file sorted by date every series ends near the last
 * line, and the chunks come at the end, as if the file were read whole. Stdin, workbooks and Parquet files are
 * read whole (stdin cannot be read twice; the other two are decoded in memory by their libraries) and then
 * handed over by chunks.
 *
 * Chunks follow the order of first appearance and hold between `chunkSize` and twice that many series (one
 * chunk when the file has fewer than 2 x `chunkSize`), so that every chunk is large enough for the batch
 * calibration that pools across the series of a batch. A series with a single row takes the most common
 * frequency of the series read so far (the file's, in a file of one chunk).
 */
import { extname } from 'node:path';
import { ForesightError } from '../core/errors.js';
import { openAssembler, readSeriesCsv, type ReadOptions } from './read-csv.js';
import type { Dataset } from './series.js';

/** Default series per chunk (see the module comment: chunks hold between this and twice this many). */
export const DEFAULT_CHUNK_SERIES = 500;

/** Options of `readSeriesChunks`. */
export interface ChunkReadOptions extends ReadOptions {
  /** Least series per chunk (default DEFAULT_CHUNK_SERIES). */
  chunkSize?: number;
}

/** One chunk: a `Dataset` of some of the file's series, and where it sits among them. */
export interface DatasetChunk extends Dataset {
  /** 0-based number of the chunk. */
  index: number;
  /** Number of chunks in the file. */
  chunks: number;
  /** Position of the chunk's first series among all the file's series. */
  start: number;
  /** Number of series in the file. */
  totalSeries: number;
}

/**
 * Where the chunks of `count` series begin, plus `count` at the end: floor(count / size) chunks (at least one)
 * of nearly equal size, so each holds between `size` and 2 x `size` - 1 series when count >= size.
 *
 * @example
 * chunkStarts(1200, 500) // [0, 600, 1200]
 * chunkStarts(300, 500)  // [0, 300]
 */
export function chunkStarts(count: number, size: number): number[] {
  if (!Number.isInteger(size) || size < 1)
    throw new ForesightError('invalid_argument', `chunk size ${size} is not a positive integer`, {
      value: String(size),
    });
  const chunks = Math.max(1, Math.floor(count / size));
  return Array.from({ length: chunks + 1 }, (_, c) => Math.floor((c * count) / chunks));
}

/**
 * Reads a series file by chunks (see the module comment). Throws ForesightError like `readSeriesCsv`; a file
 * that changes between the two passes is an 'io_error'.
 *
 * @example
 * for await (const chunk of readSeriesChunks('train.csv', { chunkSize: 200 })) forecastAndWrite(chunk);
 */
export async function* readSeriesChunks(path: string, options: ChunkReadOptions = {}): AsyncGenerator<DatasetChunk> {
  const size = options.chunkSize ?? DEFAULT_CHUNK_SERIES;
  const ext = extname(path).toLowerCase();
  if (path === '-' || ['.xlsx', '.xls', '.parquet', '.pq'].includes(ext)) {
    yield* splitDataset(await readSeriesCsv(path, options), size);
    return;
  }
  // first pass: the series, and the line of each one's last row
  const scan = await openAssembler(path, options, true);
  for await (const { record, line } of scan.records) scan.assembler.add(record, line);
  scan.assembler.end();
  const ids = scan.assembler.ids;
  const lastLine = scan.assembler.lastLine;
  const starts = chunkStarts(ids.length, size);
  const ends: number[] = [];
  for (let c = 0; c + 1 < starts.length; c++) {
    let end = 0;
    for (let i = starts[c]; i < starts[c + 1]; i++) end = Math.max(end, lastLine.get(ids[i])!);
    ends.push(Math.max(end, ends[c - 1] ?? 0));
  }
  lastLine.clear();
  // second pass: values, released chunk by chunk
  const { assembler, records } = await openAssembler(path, options);
  const file = options.displayName ?? path;
  let next = 0;
  const release = (): DatasetChunk => {
    const chunkIds = ids.slice(starts[next], starts[next + 1]);
    const part = assembler.finish(chunkIds);
    const chunk: DatasetChunk = {
      file,
      exogColumns: assembler.exogColumns(),
      ids: chunkIds,
      series: part.series,
      invalid: part.invalid,
      notes: assembler.notes,
      index: next,
      chunks: ends.length,
      start: starts[next],
      totalSeries: ids.length,
    };
    next++;
    return chunk;
  };
  for await (const { record, line } of records) {
    assembler.add(record, line);
    while (next < ends.length && line >= ends[next]) yield release();
  }
  assembler.end();
  if (assembler.ids.length !== ids.length)
    throw new ForesightError('io_error', `${file}: the file changed while it was read`, { file });
  while (next < ends.length) yield release();
}

/** A dataset read whole, handed over by chunks. */
function* splitDataset(data: Dataset, size: number): Generator<DatasetChunk> {
  const starts = chunkStarts(data.ids.length, size);
  const byId = new Map(data.series.map((s) => [s.id, s]));
  const invalidById = new Map(data.invalid.map((s) => [s.id, s]));
  for (let c = 0; c + 1 < starts.length; c++) {
    const ids = data.ids.slice(starts[c], starts[c + 1]);
    yield {
      ...data,
      ids,
      series: ids.flatMap((id) => byId.get(id) ?? []),
      invalid: ids.flatMap((id) => invalidById.get(id) ?? []),
      index: c,
      chunks: starts.length - 1,
      start: starts[c],
      totalSeries: data.ids.length,
    };
  }
}
