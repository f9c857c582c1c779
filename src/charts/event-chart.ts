/**
 * An event probability: the forecast distribution of the event's statistic (the value at a step, a maximum,
 * a sum, a growth) over the sample paths as a histogram, the threshold(s) as rules, the bins where the event
 * happens coloured, and the probability in the title. The probability is the one computed from the paths
 * (evaluate/event-probability.ts), not re-derived from the bins.
 */
import { DEFAULT_SIZE, percent, VEGA_LITE_SCHEMA, type ChartSize, type TopLevelSpec } from './spec.js';

/** Names of the event chart's marks: one rect per non-empty bin in `distribution`, one rule per threshold. */
export const EVENT_MARKS = { distribution: 'distribution', threshold: 'threshold' } as const;

/** What the event chart draws; `eventChartInput` (event-input.ts) makes it from sample paths and a parsed event. */
export interface EventChartInput {
  id: string;
  /** The event as written, e.g. `y[1] > 90B`. */
  event: string;
  /** The statistic the event compares, e.g. `y[1]` or `growth(4) (%)`. */
  statistic: string;
  /** The statistic on each sample path (non-finite values are left out). */
  values: ArrayLike<number>;
  /** The comparison and its threshold values (two for `between`: lower, upper). */
  op: '>' | '<' | '>=' | '<=' | 'between';
  thresholds: readonly number[];
  /** P(event) and its Monte Carlo standard error, from the paths. */
  probability: number;
  standardError: number;
}

/** Options of {@link eventChart}. */
export interface EventChartOptions extends ChartSize {
  /** Histogram bins (default 30) over the central 99% of the values (the tails go into the edge bins). */
  bins?: number;
  title?: string;
}

function inEvent(op: EventChartInput['op'], thresholds: readonly number[], v: number): boolean {
  const [a, b] = thresholds;
  switch (op) {
    case '>':
      return v > a;
    case '<':
      return v < a;
    case '>=':
      return v >= a;
    case '<=':
      return v <= a;
    case 'between':
      return v >= a && v <= b;
  }
}

/**
 * The histogram of `values` in `bins` equal bins between the 0.5% and 99.5% quantiles (widened to include the
 * thresholds), values outside counted in the edge bins; each bin with its share of the paths and whether its
 * centre lies in the event. Empty input gives no bins.
 *
 * @example
 * eventHistogram(Float64Array.of(0, 1, 2, 3), 2, '>', [1.5]).map((b) => b.count) // [2, 2]
 */
export function eventHistogram(
  values: ArrayLike<number>,
  bins: number,
  op: EventChartInput['op'],
  thresholds: readonly number[],
): { start: number; end: number; count: number; share: number; inEvent: boolean }[] {
  const sorted = Float64Array.from(values).filter((v) => Number.isFinite(v));
  sorted.sort();
  const n = sorted.length;
  if (n === 0) return [];
  const q = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.round(p * (n - 1))))];
  let lo = Math.min(q(0.005), ...thresholds.filter(Number.isFinite));
  let hi = Math.max(q(0.995), ...thresholds.filter(Number.isFinite));
  if (!(hi > lo)) {
    const pad = Math.abs(lo) * 0.01 || 1;
    lo -= pad;
    hi += pad;
  }
  const width = (hi - lo) / bins;
  const counts = new Float64Array(bins);
  for (let i = 0; i < n; i++) counts[Math.min(bins - 1, Math.max(0, Math.floor((sorted[i] - lo) / width)))]++;
  return Array.from(counts, (count, k) => {
    const start = lo + k * width,
      end = lo + (k + 1) * width;
    return { start, end, count, share: count / n, inEvent: inEvent(op, thresholds, (start + end) / 2) };
  });
}

/**
 * The event-probability spec: bins with at least one path as `distribution` rects, one `threshold` rule per
 * threshold, the probability and its standard error in the title.
 *
 * @example
 * eventChart(input).title // 'NVDA: P(y[1] > 90B) = 63.2% (± 0.5)'
 */
export function eventChart(input: EventChartInput, options: EventChartOptions = {}): TopLevelSpec {
  const bars = eventHistogram(input.values, options.bins ?? 30, input.op, input.thresholds)
    .filter((b) => b.count > 0)
    .map((b) => ({ ...b, side: b.inEvent ? 'event happens' : 'event does not happen' }));
  const se = Number.isFinite(input.standardError) ? ` (± ${(100 * input.standardError).toFixed(1)})` : '';
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? `${input.id}: P(${input.event}) = ${percent(input.probability)}${se}`,
    description: `Distribution of ${input.statistic} over ${input.values.length} sample paths with the event's threshold`,
    width: options.width ?? DEFAULT_SIZE.width,
    height: options.height ?? DEFAULT_SIZE.height,
    layer: [
      {
        name: EVENT_MARKS.distribution,
        data: { values: bars },
        mark: { type: 'rect', description: 'share of paths' },
        encoding: {
          x: { field: 'start', type: 'quantitative', title: input.statistic, scale: { zero: false } },
          x2: { field: 'end' },
          y: { field: 'share', type: 'quantitative', title: 'share of paths', axis: { format: '%' } },
          y2: { datum: 0 },
          color: {
            field: 'side',
            type: 'nominal',
            title: null,
            scale: { domain: ['event happens', 'event does not happen'], range: ['#e45756', '#bab0ac'] },
          },
        },
      },
      {
        name: EVENT_MARKS.threshold,
        data: { values: input.thresholds.filter(Number.isFinite).map((t) => ({ threshold: t })) },
        mark: { type: 'rule', description: 'threshold', color: '#222222', strokeWidth: 2 },
        encoding: { x: { field: 'threshold', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}
