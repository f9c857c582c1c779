/**
 * Cluster utilisation against chips: the observed (chips, MFU) pairs, the fitted curve
 * u(n) = u0 / (1 + lambda·(n - 1)) (scaling/cluster.ts), the throughput knee (the chip count beyond which a
 * doubling adds less than the fraction of throughput) with its bootstrap interval, and, when given, the cost
 * knee (the cluster size at the spend beyond which a doubling lowers the loss by less than the threshold,
 * scaling/cost.ts). Chips on a log axis.
 */
import type { Estimate } from '../scaling/bootstrap.js';
import { utilisation, type UtilisationCurve } from '../scaling/cluster.js';
import type { CostKnee } from '../scaling/cost.js';
import { DEFAULT_SIZE, VEGA_LITE_SCHEMA, type ChartSize, type TopLevelSpec } from './spec.js';

/** Names of the utilisation chart's marks. */
export const UTILISATION_MARKS = {
  observed: 'observed',
  curve: 'utilisation_curve',
  kneeRange: 'knee_range',
  knee: 'knee',
  costKnee: 'cost_knee',
} as const;

/** What the utilisation chart draws (`clusterKnee`'s fit and knee, and the data it was fitted to). */
export interface UtilisationChartInput {
  chips: ArrayLike<number>;
  mfu: ArrayLike<number>;
  curve: UtilisationCurve;
  /** The throughput knee in chips, with its interval, and the fraction it is defined by. */
  knee?: Estimate;
  fraction?: number;
  /** The spend knee: its chip count is that of the step at `kneeUsd`. */
  costKnee?: CostKnee;
}

/** The chip count of the cost knee's spend (null when there is no knee or it has no chip count). */
export function costKneeChips(knee: CostKnee): number | null {
  if (knee.kneeUsd === null) return null;
  const step = knee.steps.find((s) => s.usd === knee.kneeUsd);
  return step && Number.isFinite(step.chips) ? step.chips : null;
}

/**
 * The utilisation spec: one symbol per observed pair in `observed`, one path in `utilisation_curve`, rules
 * `knee` and `cost_knee`.
 *
 * @example
 * utilisationChart({ chips, mfu, curve: k.fit.curve, knee: k.knee, fraction: 0.5 })
 */
export function utilisationChart(
  input: UtilisationChartInput,
  options: ChartSize & { title?: string } = {},
): TopLevelSpec {
  const observed = Array.from(input.chips, (n, i) => ({ chips: n, mfu: input.mfu[i] })).filter(
    (p) => Number.isFinite(p.chips) && Number.isFinite(p.mfu) && p.chips >= 1 && p.mfu > 0,
  );
  const kneeChips = input.knee && Number.isFinite(input.knee.estimate) ? input.knee.estimate : null;
  const costChips = input.costKnee ? costKneeChips(input.costKnee) : null;
  const top = Math.max(1e5, ...observed.map((p) => p.chips * 4), (kneeChips ?? 0) * 4, (costChips ?? 0) * 4);
  const curve = Array.from({ length: 60 }, (_, i) => {
    const n = top ** (i / 59);
    return { chips: n, mfu: utilisation(input.curve, n) };
  });
  const x = { field: 'chips', type: 'quantitative' as const, title: 'chips', scale: { type: 'log' as const } };
  const y = { field: 'mfu', type: 'quantitative' as const, title: 'model FLOPs utilisation', axis: { format: '%' } };
  const layer: object[] = [];
  if (input.knee && Number.isFinite(input.knee.lower) && Number.isFinite(input.knee.upper) && input.knee.lower >= 1) {
    layer.push({
      name: UTILISATION_MARKS.kneeRange,
      data: { values: [{ lower: input.knee.lower, upper: Math.min(input.knee.upper, top) }] },
      mark: { type: 'rect', description: 'knee interval', color: '#f2cf5b', opacity: 0.3 },
      encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
    });
  }
  layer.push(
    {
      name: UTILISATION_MARKS.observed,
      data: { values: observed },
      mark: { type: 'point', description: 'observed run', filled: true, color: '#555555', size: 30 },
      encoding: { x, y },
    },
    {
      name: UTILISATION_MARKS.curve,
      data: { values: curve },
      mark: { type: 'line', description: 'fitted utilisation', color: '#1f4e8c', strokeWidth: 2 },
      encoding: { x, y },
    },
  );
  const fraction = input.fraction === undefined ? '' : ` (a doubling adds < ${Math.round(input.fraction * 100)}%)`;
  if (kneeChips !== null) {
    layer.push({
      name: UTILISATION_MARKS.knee,
      data: { values: [{ chips: kneeChips, label: `throughput knee${fraction}` }] },
      mark: { type: 'rule', description: `throughput knee${fraction}`, color: '#b8860b', strokeWidth: 2 },
      encoding: { x },
    });
  }
  if (costChips !== null) {
    layer.push({
      name: UTILISATION_MARKS.costKnee,
      data: { values: [{ chips: costChips }] },
      mark: { type: 'rule', description: 'cost knee', color: '#e45756', strokeDash: [6, 3], strokeWidth: 2 },
      encoding: { x },
    });
  }
  const parts = [
    kneeChips !== null ? `throughput knee ≈ ${Math.round(kneeChips).toLocaleString('en-US')} chips` : null,
    costChips !== null ? `cost knee ≈ ${Math.round(costChips).toLocaleString('en-US')} chips` : null,
  ].filter(Boolean);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? `Utilisation vs chips${parts.length ? ': ' + parts.join(', ') : ''}`,
    description: `Model FLOPs utilisation against cluster size: ${observed.length} observed runs and the fitted curve`,
    width: options.width ?? DEFAULT_SIZE.width,
    height: options.height ?? DEFAULT_SIZE.height,
    layer,
  } as TopLevelSpec;
}
