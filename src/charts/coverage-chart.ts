/**
 * Backtest coverage: for each model and interval level, the share of actual values that fell inside the
 * interval (empirical) against the level asked (nominal), with the diagonal where the two agree.
 */
import type { AccuracySummary } from '../evaluate/accuracy.js';
import { DEFAULT_SIZE, finite, VEGA_LITE_SCHEMA, type ChartSize, type TopLevelSpec } from './spec.js';

/** Names of the coverage chart's marks: one symbol per model and level in `coverage`. */
export const COVERAGE_MARKS = { nominal: 'nominal', coverage: 'coverage' } as const;

/**
 * Empirical vs nominal coverage (both in percent) per model and level.
 *
 * @example
 * coverageChart(backtest.models) // one point per model and level, on the diagonal when calibrated
 */
export function coverageChart(
  models: readonly AccuracySummary[],
  options: ChartSize & { title?: string } = {},
): TopLevelSpec {
  const rows = models.flatMap((m) =>
    m.intervals.flatMap((i) => {
      const c = finite(i.coverage);
      return c === null ? [] : [{ model: m.model, nominal: i.level, empirical: c }];
    }),
  );
  const levels = rows.map((r) => r.nominal);
  const lo = Math.max(0, Math.min(50, ...levels, ...rows.map((r) => r.empirical)) - 5);
  const scale = { domain: [lo, 100] };
  const size = options.height ?? DEFAULT_SIZE.height;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? 'Interval coverage: empirical vs nominal',
    description: 'Share of backtest actuals inside each interval level, by model; the diagonal is perfect calibration',
    width: options.width ?? size,
    height: size,
    layer: [
      {
        name: COVERAGE_MARKS.nominal,
        data: {
          values: [
            { nominal: lo, empirical: lo },
            { nominal: 100, empirical: 100 },
          ],
        },
        mark: { type: 'line', description: 'nominal coverage', color: '#888888', strokeDash: [4, 3] },
        encoding: {
          x: { field: 'nominal', type: 'quantitative', title: 'nominal level (%)', scale },
          y: { field: 'empirical', type: 'quantitative', title: 'empirical coverage (%)', scale },
        },
      },
      {
        name: COVERAGE_MARKS.coverage,
        data: { values: rows },
        mark: { type: 'point', description: 'empirical coverage', filled: true, size: 80 },
        encoding: {
          x: { field: 'nominal', type: 'quantitative', scale },
          y: { field: 'empirical', type: 'quantitative', scale },
          color: { field: 'model', type: 'nominal' },
          shape: { field: 'model', type: 'nominal' },
        },
      },
    ],
  } as TopLevelSpec;
}
