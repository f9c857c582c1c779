/**
 * Scenario outcomes side by side: on the left the history and each scenario's point forecast and widest
 * interval over time (one colour per scenario); on the right each scenario's outcome at the last step, the
 * point forecast with its interval, so the scenarios compare at a glance (pipeline/scenarios.ts).
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

/** Names of the scenario chart's marks: one path per scenario in `scenario_lines` and `scenario_bands`. */
export const SCENARIO_MARKS = {
  history: 'history',
  bands: 'scenario_bands',
  lines: 'scenario_lines',
  outcome: 'scenario_outcome',
  outcomeRange: 'scenario_outcome_range',
} as const;

/** One series and model under several scenarios (`ScenarioForecast` names and each one's run of the series). */
export interface ScenarioChartInput {
  id: string;
  model: string;
  history: { ds: readonly string[]; y: ArrayLike<number | null> };
  ds: readonly string[];
  scenarios: readonly { name: string; label?: string; forecast: ForecastBands }[];
}

/**
 * The scenarios spec (`hconcat` of the paths over time and the last-step outcomes).
 *
 * @example
 * scenarioChart({ id: 'NVDA', model: 'arima', history, ds, scenarios: [{ name: 'base', forecast }, { name: 'bear', forecast: f2 }] })
 */
export function scenarioChart(
  input: ScenarioChartInput,
  options: ChartSize & { historyLength?: number; title?: string } = {},
): TopLevelSpec {
  const start = options.historyLength ? Math.max(0, input.history.ds.length - options.historyLength) : 0;
  const hds = input.history.ds.slice(start);
  const axis = timeAxis(hds, input.ds);
  const x = timeEncoding(axis);
  const y = { type: 'quantitative' as const, title: input.id, scale: { zero: false } };
  const color = { field: 'scenario', type: 'nominal' as const, title: 'scenario' };
  const outer = (f: ForecastBands) => f.levels.reduce((best, l, i) => (l > f.levels[best] ? i : best), 0);
  const lines = input.scenarios.flatMap((s) =>
    input.ds.flatMap((d, t) => {
      const v = finite(s.forecast.mean[t]);
      return v === null ? [] : [{ ds: timeValue(d, axis), y: v, scenario: s.name }];
    }),
  );
  const bands = input.scenarios.flatMap((s) => {
    if (s.forecast.levels.length === 0) return [];
    const i = outer(s.forecast);
    return input.ds.flatMap((d, t) => {
      const lo = finite(s.forecast.lower[i]?.[t]),
        hi = finite(s.forecast.upper[i]?.[t]);
      return lo === null || hi === null ? [] : [{ ds: timeValue(d, axis), lower: lo, upper: hi, scenario: s.name }];
    });
  });
  const last = input.ds.length - 1;
  const outcomes = input.scenarios.flatMap((s) => {
    const v = finite(s.forecast.mean[last]);
    if (v === null) return [];
    const i = s.forecast.levels.length ? outer(s.forecast) : -1;
    return [
      {
        scenario: s.name,
        label: s.label ?? s.name,
        y: v,
        lower: i >= 0 ? finite(s.forecast.lower[i]?.[last]) : null,
        upper: i >= 0 ? finite(s.forecast.upper[i]?.[last]) : null,
        level: i >= 0 ? s.forecast.levels[i] : null,
      },
    ];
  });
  const history = hds.flatMap((d, i) => {
    const v = finite(input.history.y[start + i]);
    return v === null ? [] : [{ ds: timeValue(d, axis), y: v }];
  });
  const width = options.width ?? DEFAULT_SIZE.width;
  const height = options.height ?? DEFAULT_SIZE.height;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? `${input.id}: ${input.model} under ${input.scenarios.length} scenarios`,
    description: `Forecasts of ${input.id} under each scenario, and each scenario's outcome at step ${last + 1}`,
    hconcat: [
      {
        width: Math.round(width * 0.68),
        height,
        layer: [
          {
            name: SCENARIO_MARKS.bands,
            data: { values: bands },
            mark: { type: 'area', description: 'widest interval', opacity: 0.18 },
            encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color },
          },
          {
            name: SCENARIO_MARKS.history,
            data: { values: history },
            mark: { type: 'line', description: 'history', color: '#333333' },
            encoding: { x, y: { ...y, field: 'y' } },
          },
          {
            name: SCENARIO_MARKS.lines,
            data: { values: lines },
            mark: { type: 'line', description: 'scenario forecast', strokeWidth: 2 },
            encoding: { x, y: { ...y, field: 'y' }, color },
          },
        ],
      },
      {
        width: Math.round(width * 0.32),
        height,
        title: `step ${last + 1}`,
        layer: [
          {
            name: SCENARIO_MARKS.outcomeRange,
            data: { values: outcomes.filter((o) => o.lower !== null && o.upper !== null) },
            mark: { type: 'rule', description: 'widest interval at the last step', strokeWidth: 3, opacity: 0.5 },
            encoding: {
              x: { field: 'scenario', type: 'nominal', title: null, sort: null },
              y: { ...y, field: 'lower' },
              y2: { field: 'upper' },
              color,
            },
          },
          {
            name: SCENARIO_MARKS.outcome,
            data: { values: outcomes },
            mark: { type: 'point', description: 'point forecast at the last step', filled: true, size: 90 },
            encoding: {
              x: { field: 'scenario', type: 'nominal', sort: null },
              y: { ...y, field: 'y' },
              color,
              tooltip: [
                { field: 'label', type: 'nominal' },
                { field: 'y', type: 'quantitative', format: ',.4~g' },
              ],
            },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}
