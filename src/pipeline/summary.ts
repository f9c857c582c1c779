/**
 * A readable summary of forecasts for the terminal: per series, the last observation and the next steps with
 * their intervals, in compact units, and the series' warnings (warnings.ts).
 */
import { formatTime } from '../data/time.js';
import type { SeriesForecast } from './forecast-batch.js';
import { compact, formatTable } from './format.js';
import { runWarnings } from './warnings.js';

/**
 * Text summary of batch results (one block per series and model).
 */
export function forecastSummary(results: readonly SeriesForecast[]): string {
  const blocks: string[] = [];
  for (const r of results) {
    if (!r.series) {
      blocks.push(`${r.id}: not forecast: ${r.invalid?.reason ?? 'unreadable'}`);
      continue;
    }
    const s = r.series;
    const last = s.y[s.y.length - 1];
    const lastDs = formatTime(s.times[s.times.length - 1], s.kind);
    for (const run of r.runs) {
      const f = run.forecast;
      const chosen = typeof run.fit?.details?.chosen === 'string' ? run.fit.details.chosen : run.used;
      const title = `${r.id}  (${s.frequency}, ${s.y.length} observations, last ${lastDs}: ${compact(last)})  model ${run.model}${chosen !== run.model ? ` -> ${chosen}` : ''}`;
      if (!f) {
        blocks.push(`${title}\n  no forecast: ${run.fallbackReason}`);
        continue;
      }
      const header = ['ds', 'forecast', ...f.levels.map((l) => `${l}% interval`)];
      const rows = r.ds.map((ds, h) => [
        ds,
        compact(f.mean[h]),
        ...f.levels.map((_, i) => `${compact(f.lower[i][h])} .. ${compact(f.upper[i][h])}`),
      ]);
      const warnings = runWarnings(run, s.y.length, r.ds.length, s.filled).filter((w) => w.code !== 'fallback');
      const note =
        (run.fallbackReason ? `\n  fallback: ${run.fallbackReason}` : '') +
        warnings.map((w) => `\n  warning (${w.code}): ${w.message}`).join('');
      blocks.push(`${title}${note}\n${indent(formatTable(header, rows))}`);
    }
  }
  return blocks.join('\n\n') + '\n';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => '  ' + l)
    .join('\n');
}
