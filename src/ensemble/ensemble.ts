/**
 * `ensemble`: parallel and serial fusion of member models with out-of-sample weights and calibrated intervals.
 *
 * Fitting one series:
 * 1. every member is fitted to the whole series (automatic members choose their form here); with the default
 *    members, a series with several season lengths also gets MSTL (see MULTI_SEASON_MEMBER);
 * 2. validation: W rolling windows (default 3) at the end of the series (each `horizon` steps, the last ending at the last
 *    observation); each member's chosen form is refitted on the data before the window and forecasts it —
 *    refitting the chosen form, not re-running the search, keeps validation cheap (the form was chosen on the
 *    whole series, a small optimism accepted for speed);
 * 3. parallel fusion: weights on the simplex minimizing the squared validation errors (`optimized`), shrunk
 *    by lambda = N / (N + N0) (N the validation points, N0 = 5 per member) toward the Bates–Granger weights
 *    proportional to 1 / validation MSE; or a fixed rule (`mean`, `median`, `trimmed`);
 *    or weights from the series' features by the model trained on M4 data (`features`, FFORMA-style, see
 *    feature-weights.ts; they do not depend on the validation windows);
 * 4. serial fusion: a bias correction by horizon step (the mean validation error of the combined forecast),
 *    kept only when it lowers the error of each window predicted from the other windows (leave-one-window-out);
 * 5. probabilistic fusion: member intervals are combined bound by bound (quantile averaging), then calibrated
 *    by split-conformal multipliers from the validation windows (see conformal.ts); sample paths pool the
 *    members' paths by weight and put them on the calibrated distribution (see paths.ts).
 * Without enough history for a validation window, the members get equal weights and intervals stay as combined.
 */
import { ForesightError } from '../core/errors.js';
import { simplexLeastSquares } from '../core/optimize/simplex-least-squares.js';
import { resolveModel, type ResolvedModel } from '../models/registry.js';
import { runModel } from '../models/run-model.js';
import { closedFormFit } from '../models/baseline/shared.js';
import type { Forecast, FutureData, ModelDefinition, SeriesData } from '../models/types.js';
import { combineForecasts, type CombinationRule } from './combine.js';
import { impliedSe } from './conformal.js';
import { checkMembers, memberFeatureWeights, SHIPPED_FEATURE_WEIGHTS } from './feature-weights.js';
import { seriesFeatures } from './features.js';
import { simulateEnsemble } from './paths.js';
import { CALIBRATION_LEVEL, fuseForecasts, memberForecasts, type EnsembleFit, type EnsembleSpec, type EnsembleState, type Fusion, type MemberState } from './fuse.js';

export { fuseForecasts, memberForecasts, type EnsembleFit, type EnsembleSpec, type EnsembleState, type Fusion, type MemberState } from './fuse.js';


/**
 * Default members: automatic ETS, automatic ARIMA, the Theta family, the M4 damped trend and the seasonal naive
 * (which carries strong multi-day patterns of hourly data that the others smooth away; on M4 weekly it still
 * lowers the ensemble's OWA from 0.861 to 0.822 because the weights decide how much it counts).
 */
export const DEFAULT_MEMBERS: readonly string[] = ['ets', 'arima', 'theta', 'damped', 'snaive'];
/**
 * The member added for series with several seasons: MSTL with ETS on the adjusted series, the only default
 * model that sees more than one cycle. On M4 hourly with seasons 24 and 168 it lowers the ensemble's OWA on
 * the pseudo-test inside the training data from 0.610 to 0.478 (bench/ensemble-study.ts); with one season it
 * adds nothing the others lack (weekly OWA 0.812 against 0.811 without it), so it is left out there.
 */
export const MULTI_SEASON_MEMBER = 'mstl';
const RULES: readonly CombinationRule[] = ['optimized', 'features', 'mean', 'median', 'trimmed'];

/**
 * Parses `ensemble[:rule][/member+member+...]`, e.g. `ensemble:median/ets+theta:dotm`. Members must be model
 * families (an ensemble does not contain an ensemble). With the `features` rule the members
 * must be members of the shipped feature-weight model (any subset of them). Throws ForesightError('invalid_argument').
 *
 * @example
 * parseEnsemble('mean/ets+theta').members // ['ets', 'theta']
 */
export function parseEnsemble(option: string | undefined, available: (name: string) => boolean = () => true): EnsembleSpec {
  const [rulePart, memberPart] = (option ?? '').split('/', 2);
  const combination = (rulePart || 'optimized') as CombinationRule;
  if (!RULES.includes(combination)) {
    throw new ForesightError('invalid_argument', `ensemble rule "${rulePart}" is not one of ${RULES.join(', ')}`, { value: rulePart });
  }
  const members = memberPart ? memberPart.split('+').map((s) => s.trim()).filter(Boolean) : DEFAULT_MEMBERS.filter(available);
  if (members.length === 0) throw new ForesightError('invalid_argument', `ensemble "${option}" has no members`);
  for (const m of members) {
    const base = m.split(':')[0];
    if (base === 'ensemble' || base === 'auto') throw new ForesightError('invalid_argument', `ensemble member "${m}" is itself a combination`, { value: m });
    resolveModel(m); // throws unknown_model / invalid_argument for a bad member
  }
  if (combination === 'features') checkMembers(SHIPPED_FEATURE_WEIGHTS, members);
  const multiSeason = !memberPart && combination !== 'features' && available(MULTI_SEASON_MEMBER);
  return { members, combination, windows: 3, horizon: null, conformal: true, serial: true, multiSeason };
}

/**
 * The members fitted to one series: the spec's, plus {@link MULTI_SEASON_MEMBER} when the spec allows it and
 * the series has two or more distinct season lengths.
 *
 * @example
 * seriesMembers(parseEnsemble(undefined), { y, seasonLength: 24, seasonLengths: [24, 168] }) // [...DEFAULT_MEMBERS, 'mstl']
 */
export function seriesMembers(spec: EnsembleSpec, series: SeriesData): string[] {
  const seasons = new Set(series.seasonLengths ?? [series.seasonLength]);
  const add = spec.multiSeason === true && seasons.size >= 2 && !spec.members.includes(MULTI_SEASON_MEMBER);
  return add ? [...spec.members, MULTI_SEASON_MEMBER] : [...spec.members];
}



function validationHorizon(spec: EnsembleSpec, m: number): number {
  return spec.horizon ?? (m > 1 ? 2 * m : 8);
}

/** Members fitted to the whole series and their forecasts of the validation windows (steps 1 and 2). */
export interface MemberValidation {
  members: MemberState[];
  /** Steps per validation window. */
  horizon: number;
  /** errors[j]: member j's validation errors, window after window (oldest first), `horizon` per window. */
  errors: number[][];
  /** Per window (oldest first): the actual values and each member's forecast with a 95% interval. */
  windows: { actual: Float64Array; forecasts: Forecast[] }[];
}

/**
 * Steps 1 and 2 of the module comment: fits every member to the whole series, then refits each member's
 * chosen form before each of the last `spec.windows` windows that leave enough history, and forecasts the
 * window. Exported for the ensemble study (bench/ensemble-study.ts), which evaluates combination rules on it.
 */
export function memberValidation(series: SeriesData, spec: EnsembleSpec): MemberValidation {
  const y = series.y;
  const m = series.seasonLength;
  const vh = validationHorizon(spec, m);
  const names = seriesMembers(spec, series);
  const resolved = names.map((name) => resolveModel(name));
  // 1. full fits (the forecast of one step is a cheap way to run the fallback rule)
  const full = resolved.map((r) => runModel(series, r, 1, []));
  const members: MemberState[] = full.map((run, j) => ({ name: names[j], form: run.fit?.model ?? run.used, fit: run.fit, fallbackReason: run.fallbackReason }));
  const forms: ResolvedModel[] = members.map((mem, j) => refitForm(mem, resolved[j]));

  // 2. validation windows
  const errors: number[][] = members.map(() => []);
  const windows: { actual: Float64Array; forecasts: Forecast[] }[] = [];
  const shortest = Math.max(...forms.map((f) => f.definition.minLength(f.spec, m)), 2 * Math.max(1, m), 8);
  for (let w = spec.windows; w >= 1; w--) {
    const origin = y.length - w * vh;
    if (origin < shortest) continue;
    const train: SeriesData = { ...series, y: y.subarray(0, origin), exog: sliceExog(series.exog, 0, origin) };
    const actual = y.subarray(origin, origin + vh);
    const future = series.exog ? { exog: sliceExog(series.exog, origin, origin + vh) } : undefined;
    const forecasts = forms.map((form) => runModel(train, form, vh, [CALIBRATION_LEVEL], future).forecast!);
    forecasts.forEach((f, j) => {
      for (let t = 0; t < vh; t++) errors[j].push(actual[t] - f.mean[t]);
    });
    windows.push({ actual, forecasts });
  }
  return { members, horizon: vh, errors, windows };
}


/**
 * Steps 3 to 5 of the module comment on the members' validation forecasts: weights, the serial bias correction
 * and the conformity scores. Scores are cross-fitted: each window is scored with weights and bias learned from
 * the other windows, so that they measure the out-of-sample error of the whole procedure.
 */
export function fuseValidation(validation: MemberValidation, spec: EnsembleSpec, y: Float64Array, m: number): Fusion {
  const { errors, windows, horizon: vh } = validation;
  const names = validation.members.map((mem) => mem.name);
  const weights = spec.combination === 'features' ? featureBasedWeights(names, y, m) : combinationWeights(errors, spec.combination);
  const combined = windows.map((wf) => ({ actual: wf.actual, forecast: combineForecasts(wf.forecasts, spec.combination, weights) }));
  const bias = spec.serial ? acceptedBias(combined, vh) : null;
  const scores: number[][] = [];
  windows.forEach((wf, w) => {
    const windowScores: number[] = [];
    const others = windows.length > 1;
    const otherErrors = errors.map((e) => e.filter((_, i) => Math.floor(i / vh) !== w));
    const crossWeights = others && spec.combination !== 'features' ? combinationWeights(otherErrors, spec.combination) : weights;
    const forecast = combineForecasts(wf.forecasts, spec.combination, crossWeights);
    for (let t = 0; t < vh; t++) {
      let shift = 0;
      if (bias && others) {
        for (let v = 0; v < combined.length; v++) if (v !== w) shift += (combined[v].actual[t] - combined[v].forecast.mean[t]) / (combined.length - 1);
      }
      const se = impliedSe(forecast.lower[0][t], forecast.upper[0][t], CALIBRATION_LEVEL);
      const e = wf.actual[t] - (forecast.mean[t] + shift);
      if (se > 0 && Number.isFinite(e)) windowScores.push(Math.abs(e) / se);
    }
    if (windowScores.length) scores.push(windowScores);
  });
  return { weights, bias, scores };
}

/** Fits the ensemble to one series (see the module comment). */
export function fitEnsemble(series: SeriesData, spec: EnsembleSpec): EnsembleFit {
  const y = series.y;
  const validation = memberValidation(series, spec);
  const { members, errors, horizon: vh, windows: windowForecasts } = validation;
  const { weights, bias, scores } = fuseValidation(validation, spec, y, series.seasonLength);

  const fitted = y.length ? Array.from(y, (_, t) => {
    let s = 0, total = 0;
    members.forEach((mem, j) => {
      const v = mem.fit?.fitted[t];
      if (v !== undefined && Number.isFinite(v)) {
        s += weights[j] * v;
        total += weights[j];
      }
    });
    return total > 0 ? s / total : NaN;
  }) : [];
  const validationMae = errors.map((e) => (e.length ? e.reduce((a, b) => a + Math.abs(b), 0) / e.length : null));
  const state: EnsembleState = { members, weights: Array.from(weights), scores, bias };
  const params = Object.fromEntries(members.map((mem, j) => [`weight.${mem.name}`, weights[j]]));
  const record = closedFormFit(`ensemble:${spec.combination}/${members.map((mem) => mem.name).join('+')}`, y, Float64Array.from(fitted), NaN, params, state, spec);
  return {
    ...record,
    details: {
      members: members.map((mem, j) => ({ name: mem.name, form: mem.form, weight: weights[j], validationMae: validationMae[j], fallbackReason: mem.fallbackReason })),
      validationWindows: windowForecasts.length,
      validationHorizon: vh,
      serialCorrection: bias !== null,
      conformalScores: scores.reduce((n, w) => n + w.length, 0),
    },
  };
}

/**
 * Combination weights from validation errors: for `optimized`, the simplex least-squares weights shrunk by
 * lambda = N / (N + 5k) toward the inverse-MSE weights; equal weights for the fixed rules or without errors.
 */
function combinationWeights(errors: readonly number[][], rule: CombinationRule): Float64Array {
  const k = errors.length;
  const equal = new Float64Array(k).fill(1 / k);
  const points = errors[0]?.length ?? 0;
  if (rule !== 'optimized' || points === 0) return equal;
  const optimal = simplexLeastSquares(errors.map((e) => Float64Array.from(e)));
  const target = inverseMseWeights(errors);
  const lambda = points / (points + 5 * k);
  return equal.map((_, j) => lambda * optimal[j] + (1 - lambda) * target[j]);
}

/**
 * Weights of the shipped feature model for the series' features; equal weights when the features are undefined
 * (fewer than 4 observations or missing values), so that the rule degrades to the member mean.
 */
function featureBasedWeights(members: readonly string[], y: Float64Array, m: number): Float64Array {
  let features: Float64Array;
  try {
    features = seriesFeatures(y, m);
  } catch (e) {
    if (e instanceof ForesightError && (e.code === 'too_short' || e.code === 'invalid_input')) return new Float64Array(members.length).fill(1 / members.length);
    throw e;
  }
  return memberFeatureWeights(SHIPPED_FEATURE_WEIGHTS, members, features);
}

/**
 * Bates–Granger weights proportional to 1 / MSE: the shrinkage target, so that with few validation points the
 * weights lean toward the members that did well rather than toward a plain mean that a poor member can spoil.
 */
function inverseMseWeights(errors: readonly number[][]): Float64Array {
  const inverse = Float64Array.from(errors, (e) => {
    const mse = e.reduce((s, x) => s + x * x, 0) / e.length;
    return mse > 0 ? 1 / mse : 1e300;
  });
  const total = inverse.reduce((a, b) => a + b, 0);
  return inverse.map((v) => v / total);
}

/** The registry form to refit in validation windows: the member's chosen form when it names one. */
function refitForm(member: MemberState, requested: ResolvedModel): ResolvedModel {
  if (member.fit && member.fit.model !== requested.name && member.fit.model.includes(':')) {
    try {
      return resolveModel(member.fit.model);
    } catch {
      return requested;
    }
  }
  return requested;
}

function sliceExog(exog: SeriesData['exog'], from: number, to: number): Record<string, Float64Array> | undefined {
  if (!exog) return undefined;
  return Object.fromEntries(Object.entries(exog).map(([k, v]) => [k, v.subarray(from, to)]));
}

/**
 * Bias by step from the windows' combined errors, accepted only when, predicting each window's errors by the
 * mean of the other windows, the absolute error falls.
 */
function acceptedBias(combined: { actual: Float64Array; forecast: Forecast }[], vh: number): number[] | null {
  const W = combined.length;
  if (W < 2) return null;
  const errors = combined.map(({ actual, forecast }) => Array.from({ length: vh }, (_, t) => actual[t] - forecast.mean[t]));
  let before = 0, after = 0;
  for (let w = 0; w < W; w++) {
    for (let t = 0; t < vh; t++) {
      let others = 0;
      for (let v = 0; v < W; v++) if (v !== w) others += errors[v][t];
      const correction = others / (W - 1);
      before += Math.abs(errors[w][t]);
      after += Math.abs(errors[w][t] - correction);
    }
  }
  if (!(after < before)) return null;
  return Array.from({ length: vh }, (_, t) => errors.reduce((s, e) => s + e[t], 0) / W);
}

/** Forecast of a fitted ensemble. */
export function forecastEnsemble(fit: EnsembleFit, horizon: number, levels: readonly number[], future?: FutureData): Forecast {
  const state = fit.state;
  const withCalibration = levels.includes(CALIBRATION_LEVEL) ? [...levels] : [...levels, CALIBRATION_LEVEL];
  return fuseForecasts(memberForecasts(state.members, horizon, withCalibration, future), levels, fit.spec as EnsembleSpec, state);
}



/** The `ensemble` registry definition. */
export const ENSEMBLE_MODEL: ModelDefinition<EnsembleSpec, EnsembleFit> = {
  name: 'ensemble',
  description: 'Fusion: members (default ets, arima, theta, damped, snaive, and mstl when the series has several seasons) with optimized out-of-sample weights, bias correction and conformal intervals; ensemble:median/ets+theta, ensemble:features (weights from series features, trained on M4) etc.',
  parse: (option) => parseEnsemble(option, isRegistered),
  minLength: (spec, m) => Math.max(...spec.members.map((name) => {
    const r = resolveModel(name);
    return r.definition.minLength(r.spec, m);
  })),
  withHorizon: (spec, horizon) => (spec.horizon === null ? { ...spec, horizon } : spec),
  fit: fitEnsemble,
  forecast: forecastEnsemble,
  simulate: simulateEnsemble,
};

function isRegistered(name: string): boolean {
  try {
    resolveModel(name);
    return true;
  } catch {
    return false;
  }
}
