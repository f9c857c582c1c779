/**
 * Text tables of accuracy summaries, shared by `evaluate`, `backtest` and the benchmark.
 */
import { compact, fmt, formatTable } from './format.js';
import type { AccuracySummary } from '../evaluate/accuracy.js';

/**
 * One row per model: cases, MAE, RMSE, sMAPE, MASE, OWA, then coverage and scaled pinball per level.
 */
export function accuracyTable(models: readonly AccuracySummary[]): string {
  const levels = [...new Set(models.flatMap((m) => m.intervals.map((i) => i.level)))].sort((a, b) => a - b);
  const header = [
    'model',
    'cases',
    'MAE',
    'RMSE',
    'sMAPE',
    'MASE',
    'OWA',
    ...levels.flatMap((l) => [`cover-${l}`, `pinball-${l}`]),
  ];
  const rows = models.map((m) => [
    m.model,
    String(m.cases),
    amount(m.mae),
    amount(m.rmse),
    fmt(m.smape),
    fmt(m.mase),
    fmt(m.owa),
    ...levels.flatMap((l) => {
      const i = m.intervals.find((x) => x.level === l);
      return i ? [`${fmt(i.coverage, 3)}%`, fmt(i.scaledPinball)] : ['-', '-'];
    }),
  ]);
  return formatTable(header, rows);
}

/**
 * sMAPE and MASE per horizon step, one row per step, two columns per model.
 */
export function byStepTable(models: readonly AccuracySummary[]): string {
  const steps = Math.max(0, ...models.map((m) => m.byStep.length));
  const header = ['h', ...models.flatMap((m) => [`${m.model} sMAPE`, `${m.model} MASE`])];
  const rows: string[][] = [];
  for (let h = 0; h < steps; h++)
    rows.push([String(h + 1), ...models.flatMap((m) => [fmt(m.byStep[h]?.smape), fmt(m.byStep[h]?.mase)])]);
  return formatTable(header, rows);
}

/** Scale-dependent errors: compact units (4.64B) for large amounts, significant digits otherwise. */
function amount(value: number): string {
  return Math.abs(value) >= 1e5 ? compact(value) : fmt(value);
}
