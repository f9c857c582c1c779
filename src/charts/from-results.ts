/**
 * The chart inputs of the library's results: a `SeriesForecast` of the batch pipeline gives the fan chart's
 * history, forecast and fused members; a fused fit gives the weights; a backtest's per-series reliability gives
 * the skill charts. Plain functions over plain data, so the reports (Node) and the dashboard (which receives
 * the same records from the HTTP API) can share them.
 */
import type { Series } from '../data/series.js';
import { formatTime } from '../data/time.js';
import { memberForecasts, type EnsembleState } from '../ensemble/fuse.js';
import type { BacktestResult } from '../evaluate/backtest.js';
import type { ModelRun } from '../models/run-model.js';
import type { Fit } from '../models/types.js';
import type { SeriesForecast } from '../pipeline/forecast-batch.js';
import type { ScenarioForecast } from '../pipeline/scenarios.js';
import type { FanChartInput, MemberLine } from './fan-chart.js';
import type { ScenarioChartInput } from './scenario-chart.js';
import type { SkillChartInput } from './skill-chart.js';
import type { SeriesWeights } from './weights-chart.js';

/**
 * A series' observations with their stamps: the input's own `ds` when every grid period was observed, else
 * (gaps were filled) the grid index 1..n, as the backtest writes it; `aligned` says which.
 *
 * @example
 * seriesHistory(series).ds[0] // '2023-03-31' for a quarterly series without gaps
 */
export function seriesHistory(series: Series): { ds: string[]; y: Float64Array; aligned: boolean } {
  const aligned = series.times.length === series.y.length;
  const ds = aligned
    ? Array.from(series.times, (t) => formatTime(t, series.kind))
    : Array.from(series.y, (_, i) => String(i + 1));
  return { ds, y: series.y, aligned };
}

/**
 * The fused state behind a fit: an `ensemble` fit's own, or the one `auto` chose (null for other models and
 * for `auto` on intermittent data).
 */
export function ensembleState(fit: Fit | null): EnsembleState | null {
  if (!fit || typeof fit.state !== 'object' || fit.state === null) return null;
  const state = fit.state as Record<string, unknown>;
  if (Array.isArray(state.members) && Array.isArray(state.weights)) return state as unknown as EnsembleState;
  if (state.path === 'ensemble' && typeof state.fit === 'object') return ensembleState(state.fit as Fit);
  return null;
}

/**
 * The members of a fused run with their weights and point forecasts over the run's horizon (empty for a run
 * that is not fused, fell back, or whose members need future driver values to forecast).
 */
export function memberLines(run: ModelRun): MemberLine[] {
  const state = run.fallbackReason ? null : ensembleState(run.fit);
  if (!state || !run.forecast) return [];
  try {
    const forecasts = memberForecasts(state.members, run.forecast.mean.length, []);
    return state.members.map((m, j) => ({
      name: m.form && m.form !== m.name ? `${m.name} (${m.form})` : m.name,
      weight: state.weights[j],
      mean: forecasts[j].mean,
    }));
  } catch {
    // members with regressors cannot forecast without the future values, which the run does not keep
    return [];
  }
}

/** The fusion weights of a series' fused run (`model`, default the first fused one), or null when none is fused. */
export function seriesWeights(result: SeriesForecast, model?: string): SeriesWeights | null {
  const run = result.runs.find(
    (r) => (model === undefined || r.model === model) && ensembleState(r.fit) && !r.fallbackReason,
  );
  const state = run ? ensembleState(run.fit) : null;
  if (!state) return null;
  return { id: result.id, members: state.members.map((m, j) => ({ name: m.name, weight: state.weights[j] })) };
}

/**
 * The fan chart input of one series and model of a batch forecast (null when the series could not be read or
 * the model gave no forecast). `reliableSteps` comes from a reliability backtest when one was run.
 *
 * @example
 * fanChartInput(results[0], 'ets')?.forecast.levels // [80, 95]
 */
export function fanChartInput(
  result: SeriesForecast,
  model: string,
  reliableSteps?: number | null,
): FanChartInput | null {
  const run = result.runs.find((r) => r.model === model);
  if (!result.series || !run?.forecast) return null;
  const history = seriesHistory(result.series);
  const n = history.y.length;
  const ds = history.aligned ? result.ds : result.ds.map((_, t) => String(n + t + 1));
  return {
    id: result.id,
    model: run.used === run.model ? run.model : `${run.model} (used ${run.used})`,
    history,
    ds,
    forecast: run.forecast,
    members: memberLines(run),
    reliableSteps,
  };
}

/** The skill chart inputs of a backtest run with `reliability`: one per series and model with a horizon. */
export function skillChartInputs(result: BacktestResult): SkillChartInput[] {
  return (result.series ?? []).flatMap((s) =>
    s.reliability.flatMap((r) =>
      r.horizon ? [{ id: s.id, model: r.model, reference: r.reference, horizon: r.horizon }] : [],
    ),
  );
}

/**
 * The scenario chart input of one series and model across the scenarios of a run (`scenarioForecasts`); null
 * when the series is in no scenario or could not be read. Scenarios without a forecast of it are left out.
 *
 * @example
 * scenarioChartInput(scenarios, 'NVDA:net_income', 'arima')?.scenarios.map((s) => s.name) // ['conditional', 'unconditional']
 */
export function scenarioChartInput(
  scenarios: readonly ScenarioForecast[],
  id: string,
  model: string,
): ScenarioChartInput | null {
  const first = scenarios.flatMap((s) => s.results.filter((r) => r.id === id && r.series))[0];
  if (!first?.series) return null;
  const history = seriesHistory(first.series);
  const n = history.y.length;
  const rows = scenarios.flatMap((s) => {
    const r = s.results.find((x) => x.id === id);
    const run = r?.runs.find((x) => x.model === model);
    return run?.forecast ? [{ name: s.name, label: s.label, forecast: run.forecast }] : [];
  });
  if (rows.length === 0) return null;
  return {
    id,
    model,
    history,
    ds: history.aligned ? first.ds : first.ds.map((_, t) => String(n + t + 1)),
    scenarios: rows,
  };
}
