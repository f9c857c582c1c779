/**
 * Backtest accuracy by horizon step: the mean absolute scaled error (MASE) at each step, one line per model,
 * from `AccuracySummary.byStep` (evaluate/accuracy.ts).
 */
import type { AccuracySummary } from '../evaluate/accuracy.js';
import { DEFAULT_SIZE, finite, VEGA_LITE_SCHEMA, type ChartSize, type TopLevelSpec } from './spec.js';

/** Names of the accuracy chart's marks: one path per model in `mase_by_step`. */
export const ACCURACY_MARKS = { mase: 'mase_by_step' } as const;

/**
 * MASE by step, one line per model (steps with a non-finite MASE are left out).
 *
 * @example
 * accuracyByStepChart(backtest.models).layer[0].name // 'mase_by_step'
 */
export function accuracyByStepChart(
  models: readonly AccuracySummary[],
  options: ChartSize & { title?: string } = {},
): TopLevelSpec {
  const rows = models.flatMap((m) =>
    m.byStep.flatMap((s, t) => {
      const v = finite(s.mase);
      return v === null ? [] : [{ model: m.model, step: t + 1, mase: v }];
    }),
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? 'Backtest MASE by forecast step',
    description: 'Mean absolute scaled error at each step of the rolling-origin backtest, by model',
    width: options.width ?? DEFAULT_SIZE.width,
    height: options.height ?? DEFAULT_SIZE.height,
    layer: [
      {
        name: ACCURACY_MARKS.mase,
        data: { values: rows },
        mark: { type: 'line', description: 'MASE by step', point: true },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: 'forecast step', axis: { tickMinStep: 1 } },
          y: { field: 'mase', type: 'quantitative', title: 'MASE' },
          color: { field: 'model', type: 'nominal' },
        },
      },
    ],
  } as TopLevelSpec;
}
