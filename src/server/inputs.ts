/**
 * Request data to the library's `Dataset`: inline long-format rows are handed to the reader as records (no
 * text, no file); streamed CSV uploads are written to a private temporary folder under names the server makes up (no
 * path from a request reaches the file system). Both are read by the same reader as the CLI, so the API accepts
 * and rejects exactly what `foresight forecast` does.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { readSeriesCsv } from '../data/read-csv.js';
import type { Dataset } from '../data/series.js';

/** Thrown when an upload passes its size limit (mapped to 413). */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the upload is larger than the limit of ${limit} bytes`);
    this.name = 'TooLargeError';
  }
}

/** One row of the long format as JSON: id, time, value and any driver columns. */
export type InlineRow = { unique_id: string; ds: string | number; y?: number | null } & {
  [column: string]: string | number | null | undefined;
};

const FIXED = new Set(['unique_id', 'ds', 'y']);

/**
 * Inline rows as the reader's records: the header `unique_id,ds,y` and the extra fields' columns in order of
 * first appearance, then one record per row (a missing or null value is an empty cell).
 *
 * @example
 * rowCells([{ unique_id: 'a', ds: 1, y: 2, price: 3 }]) // [['unique_id', 'ds', 'y', 'price'], ['a', '1', '2', '3']]
 */
export function rowCells(rows: readonly InlineRow[]): string[][] {
  const extra: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const key in r)
      if (!FIXED.has(key) && !seen.has(key)) {
        seen.add(key);
        extra.push(key);
      }
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const out: string[][] = [['unique_id', 'ds', 'y', ...extra]];
  for (const r of rows) {
    const record = [r.unique_id, String(r.ds), cell(r.y)];
    for (const k of extra) record.push(cell(r[k]));
    out.push(record);
  }
  return out;
}

/** A private temporary folder for request data; `close()` removes it. */
export class Scratch {
  private constructor(readonly dir: string) {}

  /** Creates the folder. */
  static async create(): Promise<Scratch> {
    return new Scratch(await mkdtemp(join(tmpdir(), 'foresight-server-')));
  }

  private file(): string {
    return join(this.dir, `${randomUUID()}.csv`);
  }

  /**
   * Reads inline rows `{unique_id, ds, y, ...driver columns}` as the CSV reader reads a file (`displayName` in
   * messages; row k is line k + 2). Extra numeric fields become columns in order of first appearance (a row
   * without one leaves it empty); `y` may be missing or null (the rows of drivers' future values). Throws the reader's ForesightError for whole-input problems.
   */
  async readRows(
    rows: readonly InlineRow[],
    options: { displayName: string; seasonLengths?: number[]; strict?: boolean },
  ): Promise<Dataset> {
    return readSeriesCsv('-', {
      cells: rowCells(rows),
      displayName: options.displayName,
      seasonLengths: options.seasonLengths,
      strict: options.strict,
    });
  }

  /** Reads CSV text as the reader reads a file (`displayName` in messages), strictly when asked. */
  async readText(
    text: string,
    options: { displayName: string; seasonLengths?: number[]; strict?: boolean },
  ): Promise<Dataset> {
    const path = this.file();
    await writeFile(path, text);
    try {
      return await readSeriesCsv(path, {
        displayName: options.displayName,
        seasonLengths: options.seasonLengths,
        strict: options.strict,
      });
    } finally {
      await rm(path, { force: true });
    }
  }

  /**
   * Streams an upload to a temporary file, stopping with TooLargeError past `limit` bytes, then reads it.
   * Returns the dataset and the upload's size.
   */
  async readUpload(
    body: ReadableStream<Uint8Array> | null,
    options: { displayName: string; limit: number },
  ): Promise<{ data: Dataset; bytes: number }> {
    const path = this.file();
    const out = createWriteStream(path);
    let bytes = 0;
    try {
      if (body) {
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.byteLength;
          if (bytes > options.limit) throw new TooLargeError(options.limit);
          if (!out.write(chunk)) await once(out, 'drain');
        }
      }
      out.end();
      await once(out, 'finish');
      return { data: await readSeriesCsv(path, { displayName: options.displayName }), bytes };
    } finally {
      out.destroy();
      await rm(path, { force: true });
    }
  }

  /** Removes the folder. */
  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
