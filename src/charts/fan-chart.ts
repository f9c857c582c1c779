/**
 * The fan chart of one series and model: the history as a line, the point forecast as a line, one area per
 * interval level (the widest drawn first, under the narrower), the fused members' point forecasts as thin
 * lines, and a rule at the last reliable step when the reliability horizon is known (R's `autoplot.forecast`,
 * fable's `autoplot` with `level = c(80, 95)`).
 *
 * Marks have stable names (the SVG groups carry the class `<name>_marks`), so reports, tests and browser tests
 * find them: {@link FAN_MARKS}. Each line's path has one vertex per finite value; each area's path two.
 */
import {
  DEFAULT_SIZE,
  finite,
  timeAxis,
  timeEncoding,
  timeValue,
  VEGA_LITE_SCHEMA,
  type ChartSize,
  type ForecastBands,
  type TopLevelSpec,
} from './spec.js';

/** Names of the fan chart's marks. `bandOuter` is the widest interval, `bandInner` the narrowest. */
export const FAN_MARKS = {
  history: 'history',
  forecast: 'forecast',
  bandOuter: 'band_outer',
  bandInner: 'band_inner',
  members: 'members',
  reliable: 'reliable',
} as const;

/** A fused member's point forecast, with its weight when the rule has one. */
export interface MemberLine {
  name: string;
  weight?: number | null;
  mean: ArrayLike<number | null>;
}

/** What the fan chart draws. `forecast` is a library `Forecast` (or the API's JSON via `forecastBands`). */
export interface FanChartInput {
  id: string;
  model: string;
  /** Observed values and their stamps (same length). */
  history: { ds: readonly string[]; y: ArrayLike<number | null> };
  /** Forecast stamps, one per step. */
  ds: readonly string[];
  forecast: ForecastBands;
  members?: readonly MemberLine[];
  /** Last reliable step (0: none; null/undefined: not measured): a rule is drawn after it. */
  reliableSteps?: number | null;
}

/** Options of {@link fanChart}. */
export interface FanChartOptions extends ChartSize {
  /** Show only the last N observations (default: all). */
  historyLength?: number;
  /** Draw the members' lines (default true when members are given). */
  members?: boolean;
  title?: string;
}

/**
 * The fan chart spec. Non-finite values are left out. Levels: the widest level is `band_outer`, the narrowest
 * `band_inner`, levels between them `band_<level>`; a forecast with one level has only `band_outer`.
 *
 * @example
 * const spec = fanChart({ id: 'a', model: 'naive', history: { ds: ['1', '2'], y: [1, 2] }, ds: ['3'], forecast });
 * spec.layer.map((l) => l.name) // ['band_outer', 'band_inner', 'history', 'forecast'] for levels [80, 95]
 */
export function fanChart(input: FanChartInput, options: FanChartOptions = {}): TopLevelSpec {
  const start = options.historyLength ? Math.max(0, input.history.ds.length - options.historyLength) : 0;
  const hds = input.history.ds.slice(start);
  const axis = timeAxis(hds, input.ds);
  const x = timeEncoding(axis);
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    title: input.id,
    scale: { zero: false },
    axis: { format: '~s' },
  };
  const history = hds.flatMap((d, i) => {
    const v = finite(input.history.y[start + i]);
    return v === null ? [] : [{ ds: timeValue(d, axis), y: v }];
  });
  const f = input.forecast;
  const steps = input.ds.length;
  const forecast = input.ds.flatMap((d, t) => {
    const v = finite(f.mean[t]);
    return v === null ? [] : [{ ds: timeValue(d, axis), y: v, step: t + 1 }];
  });
  const order = f.levels.map((level, i) => ({ level, i })).sort((a, b) => b.level - a.level);
  const bandName = (k: number, level: number) =>
    k === 0 ? FAN_MARKS.bandOuter : k === order.length - 1 ? FAN_MARKS.bandInner : `band_${level}`;
  const bands = order.map(({ level, i }, k) => ({
    name: bandName(k, level),
    data: {
      values: input.ds.flatMap((d, t) => {
        const lo = finite(f.lower[i]?.[t]),
          hi = finite(f.upper[i]?.[t]);
        return lo === null || hi === null ? [] : [{ ds: timeValue(d, axis), lower: lo, upper: hi, level }];
      }),
    },
    mark: {
      type: 'area' as const,
      description: `${level}% interval`,
      opacity: 0.18 + (0.3 * k) / Math.max(1, order.length - 1),
      color: '#4c78a8',
    },
    encoding: {
      x,
      y: { ...y, field: 'lower' },
      y2: { field: 'upper' },
    },
  }));
  const layer: object[] = [
    ...bands,
    {
      name: FAN_MARKS.history,
      data: { values: history },
      mark: { type: 'line', description: 'history', color: '#333333', strokeWidth: 1.5 },
      encoding: { x, y },
    },
  ];
  const members = (options.members ?? true) ? (input.members ?? []) : [];
  const memberRows = members.flatMap((m) =>
    input.ds.flatMap((d, t) => {
      const v = finite(m.mean[t]);
      const label = m.weight === null || m.weight === undefined ? m.name : `${m.name} (${m.weight.toFixed(2)})`;
      return v === null ? [] : [{ ds: timeValue(d, axis), y: v, member: label }];
    }),
  );
  if (memberRows.length > 0) {
    layer.push({
      name: FAN_MARKS.members,
      data: { values: memberRows },
      mark: { type: 'line', description: 'member forecasts', strokeWidth: 1, strokeDash: [3, 2], opacity: 0.8 },
      encoding: {
        x,
        y,
        color: { field: 'member', type: 'nominal', title: 'member (weight)', legend: { labelLimit: 320 } },
      },
    });
  }
  layer.push({
    name: FAN_MARKS.forecast,
    data: { values: forecast },
    mark: { type: 'line', description: 'point forecast', color: '#1f4e8c', strokeWidth: 2 },
    encoding: { x, y },
  });
  const k = input.reliableSteps;
  if (typeof k === 'number' && k < steps) {
    // the rule sits at the last reliable step (at the forecast origin when none is reliable)
    const at = k > 0 ? input.ds[k - 1] : input.history.ds[input.history.ds.length - 1];
    if (at !== undefined) {
      layer.push({
        name: FAN_MARKS.reliable,
        data: { values: [{ ds: timeValue(at, axis), label: `reliable up to step ${k}` }] },
        mark: { type: 'rule', description: `reliable up to step ${k}`, color: '#b8860b', strokeDash: [6, 3] },
        encoding: { x },
      });
    }
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? `${input.id}: ${input.model}, ${steps}-step forecast`,
    description: `Fan chart of ${input.id} (${input.model}): history, point forecast and ${f.levels.join('/')}% intervals`,
    width: options.width ?? DEFAULT_SIZE.width,
    height: options.height ?? DEFAULT_SIZE.height,
    layer,
  } as TopLevelSpec;
}
