/**
 * Batch calibration of the fused forecast's intervals: the cross-fitted validation scores of every series of a
 * batch fitted with `ensemble` or `auto` are pooled by horizon step (`pooledCalibration`), the pooled
 * calibration is written into each fit's state, and the forecast is made again from the fit (member forecasts
 * only: nothing is refitted). The point forecasts change only where the batch accepts a trend correction
 * (momentum.ts: weighted rules, on the evidence of the batch's validation windows); the intervals and the sample
 * paths of a fit then follow the batch's calibration; the paths' median, too, follows the batch: it sits where the batch's signed
 * validation errors have theirs (paths.ts). Why: on the five development collections the pooled rule (newer windows
 * weighing more, `WINDOW_RECENCY`) covers 71.9 / 88.4 (M1 yearly), 78.0 / 92.6 (quarterly), 81.3 / 96.0
 * (monthly), 81.8 / 95.6 (M4 weekly) and 85.4 / 97.9 (hourly, first 100 series) at 80 / 95%, against
 * 54.1 / 75.9, 62.5 / 86.1, 72.9 / 90.9, 82.6 / 96.4 and 81.2 / 96.7 for each series calibrated on its own
 * scores, with a lower MSIS on the four first (39.7 against 51.6 on yearly) and about the same on hourly (6.10
 * against 6.07), whose long series have enough scores of their own (bench/fusion-study.ts, which replays both;
 * its dumps refit each member's chosen form in the windows: since the ARIMA member re-runs its search there on
 * short series, the product bench gives 74.4 / 90.9, 78.2 / 93.2 and 81.5 / 96.3 on the three M1 sets).
 */
import { isWeightedRule } from './combine.js';
import { pooledCalibration } from './conformal.js';
import type { EnsembleSpec, EnsembleState } from './fuse.js';
import { clipChange, fitMomentum, type MomentumFit } from './momentum.js';
import { resolveModel } from './registry.js';
import { forecastFinite, type ModelRun } from '../models/run-model.js';
import type { Fit, FutureData } from '../models/types.js';

/** The fit of `ensemble` inside a fit of `ensemble`, of `auto` that took the ensemble path, or of a Box-Cox wrapper, else null. */
function ensembleFit(fit: Fit | null): Fit | null {
  if (!fit || typeof fit.state !== 'object' || fit.state === null) return null;
  const state = fit.state as { path?: string; fit?: Fit; members?: unknown; scores?: unknown };
  if (fit.model === 'auto') return state.path === 'ensemble' && state.fit ? ensembleFit(state.fit) : null;
  // a fit on the Box-Cox scale (transformed.ts): its model's scores are on that scale, and so is the calibration
  if (fit.model.startsWith('boxcox:')) return state.fit ? ensembleFit(state.fit) : null;
  return fit.model.startsWith('ensemble') && Array.isArray(state.members) && Array.isArray(state.scores) ? fit : null;
}

/** The ensemble state inside a fit (see {@link ensembleFit}), else null. */
function ensembleState(fit: Fit | null): EnsembleState | null {
  return (ensembleFit(fit)?.state as EnsembleState | undefined) ?? null;
}

/**
 * Calibrates the fused runs of one model across a batch (see the module comment) and replaces their forecasts.
 * Runs are pooled within their `group` (callers pass the season lengths, so that yearly and monthly series of
 * one file are calibrated apart; one group when absent). Runs of other models, fallbacks and groups with fewer
 * than `minScores` validation scores in all are left as they are, and so is a run whose forecast the pooled
 * calibration would make non-finite (its details say so). Returns the number of runs recalibrated.
 *
 * @example
 * calibrateBatch(results.map((r) => ({ run: r.runs[0], group: '12' })), 8, [80, 95]) // 617 on M1 monthly
 */
export function calibrateBatch(
  items: readonly { run: ModelRun; future?: FutureData; group?: string }[],
  horizon: number,
  levels: readonly number[],
  minScores = 50,
): number {
  const groups = new Map<string, { run: ModelRun; future?: FutureData }[]>();
  for (const item of items) {
    const { run } = item;
    if (run.fallbackReason !== null || run.forecast === null || ensembleState(run.fit) === null) continue;
    const key = item.group ?? '';
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  let calibrated = 0;
  for (const fused of groups.values()) {
    if (fused.length < 2) continue;
    const inner = fused.map(({ run }) => ensembleFit(run.fit)!);
    const states = inner.map((fit) => fit.state as EnsembleState);
    const signed = states.every((state) => Array.isArray(state.signed));
    const trend = signed ? batchMomentum(inner) : null;
    const b = trend?.accepted ? trend.slope : 0;
    // the intervals are calibrated on the corrected forecast's errors, each window corrected by the slope fitted
    // without it (the cross-fitted errors of the whole procedure)
    const corrected = states.map((state) =>
      signed ? (b ? correctedScores(state.signed!, state.change!, trend!.crossFitted) : state.signed!) : state.scores,
    );
    const calibration = pooledCalibration(corrected, minScores, 'series', undefined, signed);
    if (!calibration) continue;
    if (b) calibration.momentum = b;
    const centre = calibration.centre ?? [];
    const [low, high] = [Math.min(...centre), Math.max(...centre)].map(fmtShift);
    const span = centre.length
      ? `; sample paths' median at ${low === high ? low : `${low} to ${high}`} spreads from the point forecast, the batch's median validation error`
      : '';
    const pooledSaid = `pooled across the ${fused.length} series of the batch by step (${calibration.scores} validation scores)`;
    const said = pooledSaid + span + (trend ? `; ${momentumSaid(trend)}` : '');
    for (const item of fused) {
      const fit = item.run.fit!;
      const state = ensembleState(fit)!;
      const own = { calibration: state.calibration, details: fit.details };
      state.calibration = calibration;
      fit.details = { ...(fit.details ?? {}), calibration: said };
      const forecast = resolveModel(fit.model).definition.forecast(fit, horizon, levels, item.future);
      if (forecastFinite(forecast)) {
        item.run.forecast = forecast;
        calibrated++;
        continue;
      }
      // the batch's scale overflows this series' bounds (a log-scale fit at a long horizon: exp of a bound above
      // 709); its own calibration gave finite ones, as runModel checked, so it keeps them and the report says why
      state.calibration = own.calibration;
      fit.details = {
        ...(own.details ?? {}),
        calibration: `${String(own.details?.calibration ?? "this series' own validation scores")}; not ${pooledSaid}, which made its interval bounds overflow`,
      };
    }
  }
  return calibrated;
}

/**
 * The batch's trend correction (momentum.ts) when every ensemble fit of the group keeps its validation windows'
 * predicted changes and uses a weighted rule (named rules give what they name); null otherwise. A fit without a
 * finite last value (a series ending in a gap) gives its evidence and keeps its forecast (fuse.ts, applyMomentum).
 */
function batchMomentum(fits: readonly Fit[]): MomentumFit | null {
  const states = fits.map((fit) => fit.state as EnsembleState);
  const eligible = fits.every(
    (fit, i) => Array.isArray(states[i].change) && isWeightedRule((fit.spec as EnsembleSpec).combination),
  );
  if (!eligible) return null;
  return fitMomentum(states.map((state) => ({ signed: state.signed!, change: state.change! })));
}

/** Signed scores less the trend correction's share of the predicted change, s - b · clip(d). */
function correctedScores(
  signed: readonly (readonly (number | null)[])[],
  change: readonly (readonly (number | null)[])[],
  slopes: readonly number[],
): (number | null)[][] {
  return signed.map((scores, w) =>
    scores.map((s, t) => {
      const b = slopes[Math.min(slopes.length - 1, signed.length - 1 - w)];
      const d = change[w]?.[t];
      return s === null ? null : d === null || d === undefined || !Number.isFinite(d) ? s : s - b * clipChange(d);
    }),
  );
}

/** The trend correction's outcome in words (`--report`). */
function momentumSaid(trend: MomentumFit): string {
  const evidence = `cross-fitted validation error ${trend.before.toFixed(3)} → ${trend.after.toFixed(3)} spreads, t = ${trend.t.toFixed(1)} over ${trend.series} series`;
  return trend.accepted
    ? `trend correction: the forecast moves by ${trend.slope.toFixed(3)} of its predicted change from the last value (${evidence})`
    : `no trend correction (b = ${trend.fitted.toFixed(3)} refused: ${evidence})`;
}

/** A shift in spreads with its sign, two decimals. */
function fmtShift(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
}
