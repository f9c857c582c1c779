/** The event options shared by `probability` and `backtest`: `--event EXPR` (repeatable) and `--events FILE`. */
import { readFile } from 'node:fs/promises';
import { ForesightError } from '../core/errors.js';
import { parseEvent, parseEventsCsv, type EventRow } from '../evaluate/events.js';

/**
 * The events of `--event` (each for every series) and of the `--events` CSV file, in that order. Throws
 * ForesightError('invalid_argument') for a bad `--event`, ('invalid_input') naming file and line for a bad
 * file row, ('io_error') for an unreadable file.
 */
export async function eventOptions(event: unknown, file: unknown): Promise<EventRow[]> {
  const given = event === undefined ? [] : (Array.isArray(event) ? event : [event]).map(String);
  const rows: EventRow[] = given.map((text) => ({ seriesId: null, event: parseEvent(text, '--event') }));
  if (file !== undefined && file !== true) {
    const path = String(file);
    const text = await readFile(path, 'utf8').catch((e: Error) => {
      throw new ForesightError('io_error', `${path}: cannot read (${e.message})`, { file: path });
    });
    rows.push(...parseEventsCsv(text, path));
  }
  return rows;
}
