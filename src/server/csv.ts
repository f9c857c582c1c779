/**
 * CSV downloads of stored forecasts, in the CLI's forecast format, with formula-like text cells neutralized:
 * a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so a spreadsheet shows
 * it as text instead of evaluating it (OWASP's advice on CSV injection). Numbers stay numbers.
 */
import type { SeriesForecast } from '../pipeline/forecast-batch.js';
import { forecastHeader, forecastLines } from '../pipeline/write-forecast.js';

/**
 * A text cell made safe for spreadsheets.
 *
 * @example
 * neutralizeCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 * neutralizeCell('-1.5') // '-1.5'
 */
export function neutralizeCell(text: string): string {
  if (!/^[=+\-@\t\r]/.test(text)) return text;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return text;
  return `'${text}`;
}

/** The whole CSV document of a run's forecasts. */
export function forecastCsv(
  results: readonly SeriesForecast[],
  models: readonly string[],
  levels: readonly number[],
): string {
  let out = forecastHeader(levels) + '\n';
  for (const r of results) {
    const safe: SeriesForecast = {
      ...r,
      id: neutralizeCell(r.id),
      ds: r.ds.map(neutralizeCell),
      runs: r.runs.map((run) => ({ ...run, model: neutralizeCell(run.model) })),
    };
    out += forecastLines(safe, models.map(neutralizeCell), levels);
  }
  return out;
}
