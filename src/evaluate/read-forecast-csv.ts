/**
 * Reads a forecast CSV of the CLI contract (`unique_id,ds,model,yhat[,lo-L,hi-L...]`), for `evaluate`.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { ForesightError } from '../core/errors.js';
import { parseNumber } from '../data/read-csv.js';
import { parseTime } from '../data/time.js';
import { utf8Guard } from '../data/utf8.js';

/** Forecast values of one model for one series, keyed by time value. */
export interface ForecastTable {
  /** Interval levels found in the header. */
  levels: number[];
  /** model -> unique_id -> time value -> [yhat, lo-l1, hi-l1, lo-l2, hi-l2, ..., line of the row in the file] */
  values: Map<string, Map<string, Map<number, Float64Array>>>;
}

/**
 * Reads a forecast file. Throws ForesightError('invalid_input') naming file, line and value for a bad header,
 * an unparseable ds, a `yhat` or bound that is missing or not a finite number (a forecast that cannot be
 * scored must not be scored in part), a lower bound above its upper bound, or a row given twice; and
 * ('io_error') for an unreadable file. Rows with an empty `ds` (series the forecaster could not read) are
 * skipped: those series count as missing.
 */
export async function readForecastCsv(path: string): Promise<ForecastTable> {
  const values: ForecastTable['values'] = new Map();
  let levels: number[] = [];
  let columns: number[] = [];
  let header: string[] | null = null;
  // bytes that are not UTF-8 would merge ids silently: the guard stops at the first one, naming its line
  const guard = createReadStream(path)
    .on('error', (e) => guard.destroy(e))
    .pipe(utf8Guard(path));
  const parser = guard.pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  );
  guard.on('error', (e) => parser.destroy(e));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (!header) {
        header = record;
        const required = ['unique_id', 'ds', 'model', 'yhat'];
        const missing = required.filter((c) => !header!.includes(c));
        if (missing.length)
          throw new ForesightError(
            'invalid_input',
            `${path} line ${line}: forecast header lacks ${missing.join(', ')} (expected unique_id,ds,model,yhat[,lo-80,hi-80,...])`,
            { file: path, line, value: record.join(',') },
          );
        levels = header
          .filter((c) => /^lo-\d+(\.\d+)?$/.test(c))
          .map((c) => Number(c.slice(3)))
          .filter((l) => header!.includes(`hi-${l}`));
        columns = [
          header.indexOf('yhat'),
          ...levels.flatMap((l) => [header!.indexOf(`lo-${l}`), header!.indexOf(`hi-${l}`)]),
        ];
        continue;
      }
      const [id, dsText, model] = [
        record[header.indexOf('unique_id')],
        record[header.indexOf('ds')],
        record[header.indexOf('model')],
      ];
      if (dsText === '' || dsText === undefined) continue; // a series that could not be read upstream
      const time = parseTime(dsText);
      if (!time)
        throw new ForesightError(
          'invalid_input',
          `${path} line ${line}: ds "${dsText}" is not an integer or ISO date`,
          { file: path, line, value: dsText },
        );
      const row = new Float64Array(columns.length + 1);
      columns.forEach((c, k) => {
        const text = record[c] ?? '';
        const v = parseNumber(text);
        if (v === null || Number.isNaN(v)) {
          throw new ForesightError(
            'invalid_input',
            `${path} line ${line}: ${header![c]} "${text}" is ${v === null ? 'not a finite number' : 'missing'}; every forecast value and bound must be a number to be scored`,
            { file: path, line, value: text },
          );
        }
        row[k] = v;
      });
      levels.forEach((level, k) => {
        if (row[1 + 2 * k] > row[2 + 2 * k]) {
          throw new ForesightError(
            'invalid_input',
            `${path} line ${line}: lo-${level} ${row[1 + 2 * k]} is above hi-${level} ${row[2 + 2 * k]}`,
            { file: path, line, value: String(row[1 + 2 * k]) },
          );
        }
      });
      row[columns.length] = line;
      let byModel = values.get(model);
      if (!byModel) values.set(model, (byModel = new Map()));
      let bySeries = byModel.get(id);
      if (!bySeries) byModel.set(id, (bySeries = new Map()));
      const earlier = bySeries.get(time.value);
      if (earlier)
        throw new ForesightError(
          'invalid_input',
          `${path} line ${line}: a second row for model "${model}", series "${id}", ds "${dsText}" (first on line ${earlier[columns.length]})`,
          { file: path, line, value: dsText },
        );
      bySeries.set(time.value, row);
    }
  } catch (e) {
    if (e instanceof ForesightError) throw e;
    const err = e as Error & { lines?: number; code?: string };
    if (err.code === 'ENOENT' || err.code === 'EACCES')
      throw new ForesightError('io_error', `${path}: cannot read (${err.message})`, { file: path, cause: e });
    throw new ForesightError(
      'invalid_input',
      `${path}${err.lines ? ` line ${err.lines}` : ''}: malformed CSV (${err.message})`,
      { file: path, line: err.lines, cause: e },
    );
  }
  if (!header) throw new ForesightError('invalid_input', `${path}: the file is empty`, { file: path, line: 1 });
  return { levels, values };
}
