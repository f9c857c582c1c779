/**
 * The forecast CSV of the CLI contract: `unique_id,ds,model,yhat` then `lo-L,hi-L` for each level, then `form`
 * (the model form that produced the row: `ets:ANN` when `ets:MNN` was asked on negative data, `naive` after a
 * fallback; the report says why), one row per series x model x step. Values that do not exist (an unreadable
 * series, a missing bound) are empty cells.
 * A series that could not be read has no calendar to continue, so it gets one row per model with empty ds and
 * values: every input series stays in the output.
 */
import type { SeriesForecast } from './forecast-batch.js';

/**
 * Header line (without newline).
 *
 * @example
 * forecastHeader([80, 95]) // 'unique_id,ds,model,yhat,lo-80,hi-80,lo-95,hi-95,form'
 */
export function forecastHeader(levels: readonly number[]): string {
  return ['unique_id', 'ds', 'model', 'yhat', ...levels.flatMap((l) => [`lo-${l}`, `hi-${l}`]), 'form'].join(',');
}

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cell(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/**
 * The CSV lines (each ending in a newline) of one series' forecasts.
 */
export function forecastLines(result: SeriesForecast, models: readonly string[], levels: readonly number[]): string {
  const id = csvField(result.id);
  let out = '';
  if (result.runs.length === 0) {
    const empty = ','.repeat(levels.length * 2);
    for (const model of models) out += `${id},,${csvField(model)},${empty},\n`;
    return out;
  }
  for (const run of result.runs) {
    const model = csvField(run.model);
    const form = run.forecast ? csvField(run.used) : '';
    for (let h = 0; h < result.ds.length; h++) {
      const f = run.forecast;
      let line = `${id},${result.ds[h]},${model},${f ? cell(f.mean[h]) : ''}`;
      for (let i = 0; i < levels.length; i++) line += `,${f ? cell(f.lower[i][h]) : ''},${f ? cell(f.upper[i][h]) : ''}`;
      out += `${line},${form}\n`;
    }
  }
  return out;
}
