/**
 * The forecast CSV of the CLI contract: `unique_id,ds,model,yhat` then `lo-L,hi-L` for each level, then `form`
 * (the model form that produced the row: `ets:ANN` when `ets:MNN` was asked on negative data, `naive` after a
 * fallback; the report says why), one row per series x model x step. Values that do not exist (an unreadable
 * series, a missing bound) are empty cells.
 * A series that could not be read has no calendar to continue, so it gets one row per model with empty ds and
 * values: every input series stays in the output.
 */
import type { SeriesForecast } from './forecast-batch.js';

/** Optional columns of the forecast CSV. */
export interface ForecastCsvOptions {
  /**
   * With `forecast --reliability`: the steps reliable per series and model (null: not measured); adds a last
   * column `reliable` with `yes` up to that step, `no` beyond it, empty when not measured.
   */
  reliableSteps?: (id: string, model: string) => number | null;
}

/**
 * Header line (without newline).
 *
 * @example
 * forecastHeader([80, 95]) // 'unique_id,ds,model,yhat,lo-80,hi-80,lo-95,hi-95,form'
 */
export function forecastHeader(levels: readonly number[], options: ForecastCsvOptions = {}): string {
  return [
    'unique_id',
    'ds',
    'model',
    'yhat',
    ...levels.flatMap((l) => [`lo-${l}`, `hi-${l}`]),
    'form',
    ...(options.reliableSteps ? ['reliable'] : []),
  ].join(',');
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
export function forecastLines(
  result: SeriesForecast,
  models: readonly string[],
  levels: readonly number[],
  options: ForecastCsvOptions = {},
): string {
  const id = csvField(result.id);
  let out = '';
  if (result.runs.length === 0) {
    const empty = ','.repeat(levels.length * 2 + 1 + (options.reliableSteps ? 1 : 0));
    for (const model of models) out += `${id},,${csvField(model)},${empty}\n`;
    return out;
  }
  for (const run of result.runs) {
    const model = csvField(run.model);
    const form = run.forecast ? csvField(run.used) : '';
    const k = options.reliableSteps?.(result.id, run.model) ?? null;
    for (let h = 0; h < result.ds.length; h++) {
      const f = run.forecast;
      let line = `${id},${result.ds[h]},${model},${f ? cell(f.mean[h]) : ''}`;
      for (let i = 0; i < levels.length; i++)
        line += `,${f ? cell(f.lower[i][h]) : ''},${f ? cell(f.upper[i][h]) : ''}`;
      line += `,${form}`;
      if (options.reliableSteps) line += `,${k === null ? '' : h < k ? 'yes' : 'no'}`;
      out += line + '\n';
    }
  }
  return out;
}
