/**
 * Text table of event probabilities (`foresight probability`).
 */
import { compact, fmt, formatTable } from './format.js';
import type { DatasetProbabilityRow } from '../evaluate/probabilities.js';

/**
 * One row per series and event: the probability in percent, its Monte Carlo standard error in points, the model
 * used and the last observation; series without probabilities get one row with their reason.
 *
 * @example
 * probabilityTable(rows) // 'unique_id     event        P      ±MC  ...'
 */
export function probabilityTable(rows: readonly DatasetProbabilityRow[]): string {
  const header = ['unique_id', 'event', 'P', 'MC se (pts)', 'last', 'model', 'note'];
  const body: string[][] = [];
  for (const row of rows) {
    if (!row.result) {
      body.push([row.id, '', '', '', '', '', `no probabilities: ${row.reason}`]);
      continue;
    }
    const r = row.result;
    const used = r.used === r.model ? r.model : `${r.model} -> ${r.used}`;
    for (const e of r.events) {
      body.push([
        row.id,
        e.event,
        Number.isFinite(e.probability) ? `${(100 * e.probability).toFixed(1)}%` : '-',
        Number.isFinite(e.standardError) ? fmt(100 * e.standardError, 2) : '-',
        compact(r.last),
        used,
        r.fallbackReason
          ? `fallback: ${r.fallbackReason}`
          : e.paths < r.paths
            ? `defined on ${e.paths} of ${r.paths} paths`
            : '',
      ]);
    }
  }
  return formatTable(header, body);
}
