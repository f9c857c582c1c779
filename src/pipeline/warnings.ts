/**
 * Warnings that say why a forecast deserves less trust than its intervals suggest, per series and model:
 * - `too_many_drivers`: fewer than 10 observations per estimated coefficient of a model that uses drivers;
 * - `short_history`: fewer observations than twice the horizon;
 * - `mostly_filled`: more than half of the series' values were missing or absent from its grid and were filled
 *   by the missing-value rule (dates 1, 2, 5, 7, 100 on a step-1 index are 5 values and 95 filled ones);
 * - `fallback`: the model could not be used and a fallback forecast was given;
 * - `members_fallen_back`: more than half of a fused forecast's members fell back to naive;
 * - `break`: the errors of the last validation window (of a fused forecast; else the last horizon of one-step
 *   residuals, relative to the fitted level when it is positive) are far beyond the earlier ones, at least 3 times
 *   their mean size: the series may have changed
 *   regime (as AI capex did in 2023-25), and intervals learned from the past understate the risk.
 * Structured, so that the CLI prints them on stderr, the report lists them and the summary flags them.
 */
import type { ModelRun } from '../models/run-model.js';
import type { Fit, JsonValue } from '../models/types.js';
import type { SeriesForecast } from './forecast-batch.js';

/** One warning about one series and model. */
export interface ForecastWarning {
  code: 'too_many_drivers' | 'short_history' | 'mostly_filled' | 'fallback' | 'members_fallen_back' | 'break';
  model: string;
  message: string;
}

/** Observations per estimated coefficient below which drivers are too many. */
export const OBSERVATIONS_PER_COEFFICIENT = 10;
/** Ratio of the last window's mean error size to the earlier windows' above which a break is flagged. */
export const BREAK_RATIO = 3;

/**
 * The warnings of one model run on a series of `n` values (`filled` of them filled in by the missing-value rule)
 * forecast `horizon` steps.
 *
 * @example
 * runWarnings(run, 2, 4).map((w) => w.code) // ['short_history', 'fallback']
 */
export function runWarnings(run: ModelRun, n: number, horizon: number, filled = 0): ForecastWarning[] {
  const out: ForecastWarning[] = [];
  const model = run.model;
  if (n < 2 * horizon)
    out.push({
      code: 'short_history',
      model,
      message: `${n} observations for a ${horizon}-step horizon (fewer than twice the horizon): the forecast extrapolates far beyond what the history shows`,
    });
  if (filled * 2 > n)
    out.push({
      code: 'mostly_filled',
      model,
      message: `${filled} of the ${n} values were missing or absent from the series' grid and were filled in (unevenly spaced dates?): the forecast rests mostly on interpolated values`,
    });
  if (run.fallbackReason)
    out.push({ code: 'fallback', model, message: `${model} fell back to ${run.used}: ${run.fallbackReason}` });
  const fit = run.fallbackReason ? null : run.fit;
  if (!fit) return out;
  for (const driverFit of driverFits(fit)) {
    const k = Object.keys(driverFit.params).length;
    if (k > 0 && driverFit.nobs / k < OBSERVATIONS_PER_COEFFICIENT) {
      out.push({
        code: 'too_many_drivers',
        model,
        message: `${driverFit.model} estimates ${k} coefficients from ${driverFit.nobs} observations (${(driverFit.nobs / k).toFixed(1)} per coefficient, fewer than ${OBSERVATIONS_PER_COEFFICIENT}): too many drivers for the history`,
      });
    }
  }
  const members = fit.details?.members;
  if (Array.isArray(members) && members.length > 0) {
    const fallen = members.filter((m) => isRecord(m) && typeof m.fallbackReason === 'string');
    if (fallen.length * 2 > members.length) {
      const names = fallen.map((m) => (isRecord(m) ? String(m.name) : '?')).join(', ');
      out.push({
        code: 'members_fallen_back',
        model,
        message: `${fallen.length} of ${members.length} members fell back to naive (${names}): the fused forecast is mostly a naive one`,
      });
    }
  }
  const ratio = breakRatio(fit, horizon);
  if (ratio !== null && ratio.value >= BREAK_RATIO) {
    out.push({
      code: 'break',
      model,
      message: `the last ${ratio.source} are ${ratio.value.toFixed(1)} times the size of the earlier ones: a possible break, the intervals learned from the past may be too narrow`,
    });
  }
  return out;
}

/**
 * Warnings of every series and model of a batch, in input order (unreadable series have none here; they are
 * reported as invalid).
 */
export function batchWarnings(
  results: readonly SeriesForecast[],
  horizon: number,
): { id: string; warnings: ForecastWarning[] }[] {
  return results.map((r) => ({
    id: r.id,
    warnings: r.series ? r.runs.flatMap((run) => runWarnings(run, r.series!.y.length, horizon, r.series!.filled)) : [],
  }));
}

/** Fits inside `fit` that use drivers (ARIMA with regressors), looking into fused (`members`) and `auto` fits. */
function driverFits(fit: Fit): Fit[] {
  const state = fit.state;
  if (!isRecord(state)) return [];
  if (Array.isArray(state.xregNames) && state.xregNames.length > 0) return [fit];
  if (isRecord(state.fit)) return driverFits(state.fit as unknown as Fit);
  if (Array.isArray(state.members))
    return state.members.flatMap((m) => (isRecord(m) && isRecord(m.fit) ? driverFits(m.fit as unknown as Fit) : []));
  return [];
}

/**
 * Mean error size of the last validation window over that of the earlier ones (fused fits keep per-window
 * conformity scores |e| / se); for other fits, the last `horizon` one-step residuals against the earlier ones.
 * Null when there is nothing to compare.
 */
function breakRatio(fit: Fit, horizon: number): { value: number; source: string } | null {
  const state = fit.state;
  const inner = isRecord(state) && isRecord(state.fit) ? (state.fit as unknown as Fit) : fit;
  const innerState = inner.state;
  if (isRecord(innerState) && Array.isArray(innerState.scores)) {
    // scores are by step, null where a step was not scored
    const windows = (innerState.scores as JsonValue[])
      .map((w) => (Array.isArray(w) ? w.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)) : []))
      .filter((w) => w.length > 0);
    if (windows.length < 2) return null;
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const earlier = mean(windows.slice(0, -1).flat());
    const last = mean(windows[windows.length - 1]);
    return earlier > 0 ? { value: last / earlier, source: "validation window's errors" } : null;
  }
  // relative to the fitted level when it is positive throughout, so that a series that grew is not a break
  const positive = inner.fitted.every((f) => !Number.isFinite(f) || f > 0);
  const abs = inner.residuals
    .map((r, t) => (positive ? Math.abs(r) / inner.fitted[t] : Math.abs(r)))
    .filter((r) => Number.isFinite(r));
  if (abs.length < 3 * horizon) return null;
  const earlier = abs.slice(0, -horizon).reduce((a, b) => a + b, 0) / (abs.length - horizon);
  const last = abs.slice(-horizon).reduce((a, b) => a + b, 0) / horizon;
  return earlier > 0
    ? { value: last / earlier, source: `${horizon} one-step residuals${positive ? ' (relative to the level)' : ''}` }
    : null;
}

function isRecord(v: unknown): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
