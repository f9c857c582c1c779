/**
 * The streaming run behind `foresight forecast`: read by chunks, forecast, and append each chunk to the forecast
 * CSV and the JSON report before reading on (run-forecast.ts `forecastFileChunks`), keeping only counts and the
 * first few problems for the summary. Peak memory follows the chunk size, not the number of series.
 */
import type { JsonValue } from '../models/types.js';
import { forecastFileChunks, reportEntry, type ChunkedForecastOptions } from './run-forecast.js';
import { openTextSink } from './text-sink.js';
import { batchWarnings } from './warnings.js';
import { forecastHeader, forecastLines } from './write-forecast.js';

/** Series set aside, fallbacks and warnings listed in a summary; the rest are counted (all are in the report). */
export const LISTED_PROBLEMS = { skipped: 20, fallbacks: 5, warnings: 200 } as const;

/** What a streaming run did: counts, and the first problems of each kind (LISTED_PROBLEMS). */
export interface ForecastRunSummary {
  file: string;
  /** How the input was read (layout, delimiter), for the CLI's notes. */
  notes: string[];
  seriesCount: number;
  invalidCount: number;
  /** The first series set aside, with their reasons. */
  skipped: { id: string; reason: string }[];
  fallbackCount: number;
  /** The first fallbacks as `id model -> used: reason`. */
  fallbacks: string[];
  warningCount: number;
  /** The first warnings other than fallbacks. */
  warnings: { id: string; model: string; message: string }[];
}

/**
 * Forecasts `options.input` by chunks and writes the forecast CSV (`output`, stdout when undefined; the same
 * rows as `saveForecastCsv`) and, with `report`, the JSON report (the fields of `buildReport`, with
 * `seriesCount` and `invalidCount` after the series). Throws ForesightError like `forecastFile`, and
 * ('io_error') for an output that cannot be written.
 *
 * @example
 * const summary = await forecastFileToFiles({ input: 'train.csv', models: ['naive'], horizon: 4, levels: [80], output: 'f.csv' });
 * summary.seriesCount // every input series
 */
export async function forecastFileToFiles(
  options: ChunkedForecastOptions & { output?: string; report?: string },
): Promise<ForecastRunSummary> {
  const csv = await openTextSink(options.output);
  const report = options.report === undefined ? null : await openTextSink(options.report);
  const summary: ForecastRunSummary = {
    file: options.input,
    notes: [],
    seriesCount: 0,
    invalidCount: 0,
    skipped: [],
    fallbackCount: 0,
    fallbacks: [],
    warningCount: 0,
    warnings: [],
  };
  let entries = 0;
  // the header goes out with the first rows, so a run that fails before them (an unknown model, a missing or
  // malformed input) writes nothing and leaves an existing --output file as it was
  let header = false;
  const writeHeader = async () => {
    if (!header) await csv.write(forecastHeader(options.levels) + '\n');
    header = true;
  };
  try {
    const read = await forecastFileChunks(options, async (chunk, results) => {
      await writeHeader();
      if (report && chunk.index === 0) {
        const head: { [key: string]: JsonValue } = {
          input: chunk.file,
          horizon: options.horizon,
          levels: [...options.levels],
          readNotes: chunk.notes ?? [],
        };
        await report.write(JSON.stringify(head, null, 2).slice(0, -2) + ',\n  "series": [');
      }
      let text = '';
      for (const r of results) text += forecastLines(r, options.models, options.levels);
      await csv.write(text);
      if (report) {
        const parts = results.map(
          (r) => (entries++ > 0 ? ',' : '') + '\n' + indent(JSON.stringify(reportEntry(r, options.horizon), null, 2)),
        );
        await report.write(parts.join(''));
      }
      for (const r of results) {
        summary.seriesCount++;
        if (r.invalid) {
          summary.invalidCount++;
          if (summary.skipped.length < LISTED_PROBLEMS.skipped)
            summary.skipped.push({ id: r.id, reason: r.invalid.reason });
        }
        for (const x of r.runs) {
          if (!x.fallbackReason) continue;
          summary.fallbackCount++;
          if (summary.fallbacks.length < LISTED_PROBLEMS.fallbacks)
            summary.fallbacks.push(`${r.id} ${x.model} -> ${x.used}: ${x.fallbackReason}`);
        }
      }
      for (const { id, warnings } of batchWarnings(results, options.horizon))
        for (const w of warnings) {
          if (w.code === 'fallback') continue;
          summary.warningCount++;
          if (summary.warnings.length < LISTED_PROBLEMS.warnings)
            summary.warnings.push({ id, model: w.model, message: w.message });
        }
    });
    await writeHeader();
    summary.file = read.file;
    summary.notes = read.notes;
    if (report)
      await report.write(
        `\n  ],\n  "seriesCount": ${summary.seriesCount},\n  "invalidCount": ${summary.invalidCount}\n}`,
      );
  } catch (e) {
    await Promise.allSettled([csv.end(), report?.end()]);
    throw e;
  }
  await csv.end();
  await report?.end();
  return summary;
}

/** A report entry indented to sit in the report's `series` array. */
function indent(json: string): string {
  return json.replace(/^/gm, '    ');
}
