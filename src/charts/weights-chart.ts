/**
 * Fusion weights per series: one horizontal stacked bar per series, split by member (the weights of a fused
 * forecast sum to 1; `EnsembleState.weights` in member order).
 */
import { DEFAULT_SIZE, finite, VEGA_LITE_SCHEMA, type ChartSize, type TopLevelSpec } from './spec.js';

/** Names of the weights chart's marks: one rect per series and member with a positive weight in `weights`. */
export const WEIGHTS_MARKS = { weights: 'weights' } as const;

/** The members and weights of one series' fused forecast. */
export interface SeriesWeights {
  id: string;
  members: readonly { name: string; weight: number }[];
}

/**
 * The weights spec (members with a zero or non-finite weight are left out).
 *
 * @example
 * weightsChart([{ id: 'a', members: [{ name: 'ets', weight: 0.7 }, { name: 'theta', weight: 0.3 }] }]) // one bar of two parts
 */
export function weightsChart(
  series: readonly SeriesWeights[],
  options: ChartSize & { title?: string } = {},
): TopLevelSpec {
  const rows = series.flatMap((s) =>
    s.members.flatMap((m) => {
      const w = finite(m.weight);
      return w === null || w <= 0 ? [] : [{ id: s.id, member: m.name, weight: w }];
    }),
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? 'Fusion weights by series',
    description: 'Weight of each member in the fused forecast of each series',
    width: options.width ?? DEFAULT_SIZE.width,
    height: options.height ?? Math.max(60, 22 * series.length),
    layer: [
      {
        name: WEIGHTS_MARKS.weights,
        data: { values: rows },
        mark: { type: 'bar', description: 'member weight' },
        encoding: {
          y: { field: 'id', type: 'nominal', title: 'series', sort: null },
          x: { field: 'weight', type: 'quantitative', title: 'weight', stack: 'zero', scale: { domain: [0, 1] } },
          color: { field: 'member', type: 'nominal' },
          tooltip: [
            { field: 'id', type: 'nominal' },
            { field: 'member', type: 'nominal' },
            { field: 'weight', type: 'quantitative', format: '.3f' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}
