/**
 * `ensemble`: parallel and serial fusion of member models with out-of-sample weights and calibrated intervals.
 *
 * Fitting one series:
 * 1. every member is fitted to the whole series (automatic members choose their form here); with the default
 *    members, a series with several season lengths also gets MSTL (see MULTI_SEASON_MEMBER);
 * 2. validation: W rolling windows (default 3) at the end of the series (each `horizon` steps, the last ending at the last
 *    observation); before each window every member is fitted to the data before it and forecasts the window.
 *    Where the windows span a large share of the series (`reselects`), the ARIMA member re-runs its order search
 *    there, since an order chosen on the whole series has seen the windows it is judged on; elsewhere, and for
 *    the other members, the chosen form is refitted, which is cheaper and, with the windows a small share of a
 *    long series, as honest;
 * 3. parallel fusion: weights on the simplex minimizing the squared validation errors (`optimized`), shrunk
 *    by lambda = N / (N + N0) (N the validation points, N0 = 5 per member) toward the Bates–Granger weights
 *    proportional to 1 / validation MSE; or a fixed rule (`mean`, `median`, `trimmed`);
 *    or weights from the series' features by the model trained on M4 data (`features`, FFORMA-style, see
 *    feature-weights.ts; they do not depend on the validation windows);
 * 4. serial fusion: a bias correction by horizon step (the mean validation error of the combined forecast),
 *    kept only when it lowers the error of each window predicted from the other windows (leave-one-window-out;
 *    off by default); across a batch, a trend correction of the weighted rules, fitted and accepted on the
 *    batch's validation errors (momentum.ts, applied by calibrate-batch.ts);
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
import { combineForecasts, isWeightedRule, type CombinationRule } from './combine.js';
import {
  CALIBRATION_LEVEL,
  fuseForecasts,
  fusedCentre,
  memberForecasts,
  type EnsembleFit,
  type EnsembleSpec,
  type EnsembleState,
  type Fusion,
  type MemberState,
  RESELECT_SHARE,
} from './fuse.js';

export {
  fuseForecasts,
  fusedCentre,
  memberForecasts,
  type EnsembleFit,
  type EnsembleSpec,
  type EnsembleState,
  type Fusion,
  type MemberState,
} from './fuse.js';
import { checkMembers, memberFeatureWeights, SHIPPED_FEATURE_WEIGHTS } from './feature-weights.js';
import { seriesFeatures } from './features.js';
import { simulateEnsemble } from './paths.js';
import { parseModelName } from '../models/model-name.js';
import { R_MAX_EVALUATIONS } from '../models/ets/ets.js';
import { predictedChange } from './momentum.js';

/**
 * Default members: automatic ETS, automatic ARIMA, the Theta family, the M4 damped trend and the seasonal naive
 * (which carries strong multi-day patterns of hourly data that the others smooth away). For non-seasonal series
 * (m = 1) the seasonal naive is only the naive, and the random walk with drift takes its place (see
 * NON_SEASONAL_MEMBER).
 */
export const DEFAULT_MEMBERS: readonly string[] = ['ets', 'arima', 'theta', 'damped', 'snaive'];
/**
 * The member added for series with several seasons: MSTL with ETS on the adjusted series, the only default
 * model that sees more than one cycle. On M4 hourly with seasons 24 and 168 it lowers the ensemble's OWA on
 * the pseudo-test inside the training data from 0.610 to 0.478 (bench/ensemble-study.ts); with one season it
 * adds nothing the others lack (weekly OWA 0.812 against 0.811 without it), so it is left out there.
 */
export const MULTI_SEASON_MEMBER = 'mstl';
/**
 * For non-seasonal series (m = 1, typically yearly), the default member that replaces `snaive`: the random walk
 * with drift, the benchmark that extends the average past growth, which yearly business and macro series have
 * and which the smoothing members damp away. On M1 yearly it is the most accurate single member (sMAPE 16.66
 * against 17.26 for ARIMA) and the fused forecast gains 3.7% sMAPE from it (16.49 against 17.12 with `snaive`,
 * bench/fusion-study.ts); on seasonal data it ignores the season and stays out.
 */
export const NON_SEASONAL_MEMBER = 'drift';
/**
 * The default weight rule: Bates–Granger weights proportional to 1 / validation MSE. Chosen on the five
 * development collections together (bench/fusion-study.ts): it is the most accurate or within 0.6% sMAPE of
 * the best rule tried on each (simplex-optimized weights, forecast pooling, the plain mean and median), where the
 * optimized weights overfit the few validation points of short series (M1 monthly 14.56 against 14.31) and the
 * plain mean cannot drop a member that failed (M4 weekly 7.41 against 6.77).
 */
export const DEFAULT_RULE: CombinationRule = 'inverse';
const RULES: readonly CombinationRule[] = ['optimized', 'inverse', 'pool', 'features', 'mean', 'median', 'trimmed'];

/**
 * Parses `ensemble[:rule][/member+member+...]`, e.g. `ensemble:median/ets+theta:dotm`. Members must be model
 * families (an ensemble does not contain an ensemble). With the `features` rule the members
 * must be members of the shipped feature-weight model (any subset of them). Throws ForesightError('invalid_argument').
 *
 * @example
 * parseEnsemble('mean/ets+theta').members // ['ets', 'theta']
 */
export function parseEnsemble(
  option: string | undefined,
  available: (name: string) => boolean = () => true,
): EnsembleSpec {
  const [rulePart, memberPart] = (option ?? '').split('/', 2);
  const combination = (rulePart || DEFAULT_RULE) as CombinationRule;
  if (!RULES.includes(combination)) {
    throw new ForesightError('invalid_argument', `ensemble rule "${rulePart}" is not one of ${RULES.join(', ')}`, {
      value: rulePart,
    });
  }
  const members = memberPart
    ? memberPart
        .split('+')
        .map((s) => s.trim())
        .filter(Boolean)
    : DEFAULT_MEMBERS.filter(available);
  if (members.length === 0) throw new ForesightError('invalid_argument', `ensemble "${option}" has no members`);
  for (const m of members) {
    const base = parseModelName(m).family;
    if (base === 'ensemble' || base === 'auto')
      throw new ForesightError('invalid_argument', `ensemble member "${m}" is itself a combination`, { value: m });
    resolveModel(m); // throws unknown_model / invalid_argument for a bad member
  }
  if (combination === 'features') checkMembers(SHIPPED_FEATURE_WEIGHTS, members);
  const multiSeason = !memberPart && combination !== 'features' && available(MULTI_SEASON_MEMBER);
  return {
    members,
    combination,
    windows: 3,
    horizon: null,
    conformal: true,
    serial: false,
    pooling: 'linear',
    multiSeason,
    nonSeasonal: !memberPart && combination !== 'features',
    reselect: null,
  };
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
  const swap = spec.nonSeasonal === true && series.seasonLength <= 1 && !spec.members.includes(NON_SEASONAL_MEMBER);
  const members = swap
    ? spec.members.map((name) => (name === 'snaive' ? NON_SEASONAL_MEMBER : name))
    : [...spec.members];
  return add ? [...members, MULTI_SEASON_MEMBER] : members;
}

/**
 * Steps per validation window for season length m: the forecast horizon of the M competitions for the
 * frequency that has that season (yearly 6, quarterly 8, monthly 18, weekly 13, daily 14, hourly 48), else
 * 2m within [8, 48]. Fixed by the frequency, not by the horizon asked for, so that the forecast of a given
 * period does not move with how far ahead the user looks. `spec.horizon` overrides.
 *
 * @example
 * validationHorizon(parseEnsemble(undefined), 12) // 18
 */
export function validationHorizon(spec: EnsembleSpec, m: number): number {
  if (spec.horizon !== null && spec.horizon !== undefined) return spec.horizon;
  const table: Record<number, number> = { 1: 6, 4: 8, 12: 18, 52: 13, 7: 14, 5: 10, 24: 48 };
  return table[m] ?? Math.min(48, Math.max(8, 2 * m));
}

/**
 * Forecast origins of the validation windows (oldest first) for a series of n observations: `windows`
 * origins spaced by the validation horizon vh when the history allows it, else closer together (spacing
 * floor(available / windows), at least 1), so that short series still get windows; a window then holds the
 * steps up to the end of the series (fewer than vh when it starts less than vh before the end). No origin leaves
 * fewer observations than the members need, 8, or two seasons (m + 2 for seasons above 24, where the seasonal
 * members ignore or adjust the season).
 *
 * @example
 * validationOrigins(100, 18, 3, 1, 12) // [46, 64, 82]
 * validationOrigins(14, 6, 3, 1, 1) // [8, 10, 12]: windows of 6, 4 and 2 steps
 */
export function validationOrigins(n: number, vh: number, windows: number, minLength: number, m: number): number[] {
  const least = Math.max(minLength, 8, m <= 24 ? 2 * Math.max(1, m) : m + 2);
  const available = n - least;
  if (available < 1 || windows < 1) return [];
  const spacing = available >= windows * vh ? vh : Math.max(1, Math.floor(available / windows));
  const origins: number[] = [];
  for (let k = windows; k >= 1; k--) {
    const origin = n - k * spacing;
    if (origin >= least) origins.push(origin);
  }
  return origins;
}

/** Members fitted to the whole series and their forecasts of the validation windows (steps 1 and 2). */
export interface MemberValidation {
  members: MemberState[];
  /** Steps per validation window. */
  horizon: number;
  /** Forecast origins of the windows (observations before each window), oldest first. */
  origins: number[];
  /** errors[j]: member j's validation errors, window after window (oldest first). */
  errors: number[][];
  /** Per window (oldest first): the actual values and each member's forecast with a 95% interval. */
  windows: ValidationWindow[];
  /** Whether the ARIMA member re-ran its order search in the windows (see `reselects`); absent: refitted. */
  reselected?: boolean;
}

/** One validation window: its origin, the actual values after it (at most the validation horizon) and forecasts. */
export interface ValidationWindow {
  origin: number;
  actual: Float64Array;
  forecasts: Forecast[];
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
  const resolved = names.map((name) => memberModel(name));
  // 1. full fits (the forecast of one step is a cheap way to run the fallback rule)
  const full = resolved.map((r) => runModel(series, r, 1, []));
  const members: MemberState[] = full.map((run, j) => ({
    name: names[j],
    form: run.fit?.model ?? run.used,
    fit: run.fit,
    fallbackReason: run.fallbackReason,
  }));
  const refits: ResolvedModel[] = members.map((mem, j) => refitForm(mem, resolved[j]));

  // 2. validation windows
  const errors: number[][] = members.map(() => []);
  const windows: ValidationWindow[] = [];
  const least = Math.max(...refits.map((f) => f.definition.minLength(f.spec, m)));
  const origins = validationOrigins(y.length, vh, spec.windows, least, m);
  const reselect = origins.length > 0 && reselects(spec, y.length, origins[0]);
  const forms = (reselect ? members.map((mem, j) => selectionForm(mem, resolved[j], refits[j])) : refits).map(
    windowForm,
  );
  for (const origin of origins) {
    const steps = Math.min(vh, y.length - origin);
    const train: SeriesData = { ...series, y: y.subarray(0, origin), exog: sliceExog(series.exog, 0, origin) };
    const actual = y.subarray(origin, origin + steps);
    const future = series.exog ? { exog: sliceExog(series.exog, origin, origin + steps) } : undefined;
    const forecasts = forms.map((form) => runModel(train, form, steps, [CALIBRATION_LEVEL], future).forecast!);
    forecasts.forEach((f, j) => {
      for (let t = 0; t < steps; t++) errors[j].push(actual[t] - f.mean[t]);
    });
    windows.push({ origin, actual, forecasts });
  }
  return { members, horizon: vh, origins: windows.map((w) => w.origin), errors, windows, reselected: reselect };
}

/**
 * The form a member fits in the validation windows: ARIMA keeps its conditional-sum-of-squares estimates there
 * (`exactRefit: false`: no exact-likelihood refit, whether it refits its order or re-runs its search), since a
 * window fit only forecasts the window. Measured with the product bench on the five development collections,
 * against the exact refits: sMAPE / MASE / cover 80 / cover 95 / MSIS on M1 yearly 16.59 / 3.413 / 74.8 / 91.2 /
 * 36.74 (was 16.56 / 3.414 / 74.4 / 90.9 / 37.02), quarterly 15.80 / 1.578 / 78.9 / 93.2 / 13.50 (15.82 / 1.579 /
 * 78.2 / 93.2 / 13.55), monthly 14.34 / 1.031 / 82.0 / 96.4 / 8.04 (14.37 / 1.033 / 81.5 / 96.3 / 8.02), M4 weekly
 * 6.773 / 2.048 / 82.0 / 95.7 / 16.74 (6.773 / 2.048 / 81.9 / 95.6 / 16.73), M4 hourly MASE 0.8759, 81.1 / 96.4,
 * 6.06 (0.8763, 81.1 / 96.4, 6.06), at about a fifth less time per fused series (README, Speed).
 */
function windowForm(form: ResolvedModel): ResolvedModel {
  return form.definition.name === 'arima' ? { ...form, spec: { ...form.spec, exactRefit: false } } : form;
}

/**
 * Whether the ARIMA member re-runs its order search in the validation windows (`spec.reselect`; by default when the
 * windows, from the first origin to the end, span at least {@link RESELECT_SHARE} of the n observations).
 *
 * @example
 * reselects(parseEnsemble(undefined), 30, 12) // true: the windows are 60% of the series
 */
export function reselects(spec: EnsembleSpec, n: number, firstOrigin: number): boolean {
  if (spec.reselect !== null && spec.reselect !== undefined) return spec.reselect;
  return windowShare(n, firstOrigin) >= RESELECT_SHARE;
}

/** Share of n observations that the validation windows span, from the first origin to the end (0 when n = 0). */
function windowShare(n: number, firstOrigin: number): number {
  return n > 0 ? (n - firstOrigin) / n : 0;
}

/**
 * The model a member runs in a window when it re-selects: the ARIMA member re-runs its order search (its
 * requested model, `arima:approx`); every other member refits its chosen form. Measured on M1 yearly,
 * quarterly and monthly one member at a time, re-running ARIMA's search (orders, differencing, drift: by far the
 * largest space searched) is what moves the intervals toward nominal, while re-running ETS's choice of form or
 * Theta's variant gained nothing consistent and ETS's doubled the fused cost on M1 monthly (README, "Validation that re-selects").
 */
function selectionForm(member: MemberState, requested: ResolvedModel, refit: ResolvedModel): ResolvedModel {
  if (!member.fit || member.fallbackReason !== null) return refit;
  return requested.definition.name === 'arima' ? requested : refit;
}

/**
 * Steps 3 to 5 of the module comment on the members' validation forecasts: weights, the serial bias correction
 * and the conformity scores. Scores are cross-fitted: each window is scored with weights and bias learned from
 * the other windows, so that they measure the out-of-sample error of the whole procedure.
 */
export function fuseValidation(validation: MemberValidation, spec: EnsembleSpec, y: Float64Array, m: number): Fusion {
  const { windows } = validation;
  const names = validation.members.map((mem) => mem.name);
  const errorsOf = (picked: readonly ValidationWindow[]): number[][] =>
    names.map((_, j) => picked.flatMap((w) => Array.from(w.actual, (a, t) => a - w.forecasts[j].mean[t])));
  const weights =
    spec.combination === 'features'
      ? featureBasedWeights(names, y, m)
      : combinationWeights(validation.errors, spec.combination);
  const combined = windows.map((w) => ({
    actual: w.actual,
    forecast: combineForecasts(w.forecasts, spec.combination, weights),
  }));
  const bias = spec.serial ? acceptedBias(combined) : null;
  const scores: (number | null)[][] = [];
  const signed: (number | null)[][] = [];
  const change: (number | null)[][] = [];
  const windowErrors: { origin: number; error: (number | null)[]; se: (number | null)[] }[] = [];
  windows.forEach((wf, w) => {
    const windowScores: (number | null)[] = [];
    const error: (number | null)[] = [];
    const ses: (number | null)[] = [];
    const others = windows.filter((_, v) => v !== w);
    const crossWeights =
      others.length > 0 && spec.combination !== 'features'
        ? combinationWeights(errorsOf(others), spec.combination)
        : weights;
    const crossBias = bias && others.length > 0 ? stepBias(combined.filter((_, v) => v !== w)) : null;
    const { mean, se } = fusedCentre(wf.forecasts, spec, { weights: crossWeights, bias: crossBias });
    const predicted = predictedChange(mean.subarray(0, wf.actual.length), se, y[wf.origin - 1]);
    for (let t = 0; t < wf.actual.length; t++) {
      const e = wf.actual[t] - mean[t];
      windowScores.push(se[t] > 0 && Number.isFinite(e) ? Math.abs(e) / se[t] : null);
      error.push(Number.isFinite(e) ? e : null);
      ses.push(se[t] > 0 ? se[t] : null);
    }
    if (windowScores.some((x) => x !== null)) {
      scores.push(windowScores);
      signed.push(windowScores.map((x, t) => (x === null ? null : Math.sign(error[t]!) * x)));
      change.push(predicted);
      windowErrors.push({ origin: wf.origin, error, se: ses });
    }
  });
  return { weights, bias, scores, signed, change, errors: windowErrors };
}

/** Fits the ensemble to one series (see the module comment). */
export function fitEnsemble(series: SeriesData, spec: EnsembleSpec): EnsembleFit {
  const y = series.y;
  const validation = memberValidation(series, spec);
  const { members, errors, horizon: vh, windows: windowForecasts } = validation;
  const { weights, bias, scores, signed, change } = fuseValidation(validation, spec, y, series.seasonLength);

  const fitted = y.length
    ? Array.from(y, (_, t) => {
        let s = 0,
          total = 0;
        members.forEach((mem, j) => {
          const v = mem.fit?.fitted[t];
          if (v !== undefined && Number.isFinite(v)) {
            s += weights[j] * v;
            total += weights[j];
          }
        });
        return total > 0 ? s / total : NaN;
      })
    : [];
  const validationMae = errors.map((e) => (e.length ? e.reduce((a, b) => a + Math.abs(b), 0) / e.length : null));
  const scoreCount = scores.reduce((n, w) => n + w.filter((x) => x !== null).length, 0);
  const state: EnsembleState = {
    members,
    weights: Array.from(weights),
    scores,
    signed,
    change,
    // the last value anchors the batch's trend correction; a series ending in a gap has none
    ...(Number.isFinite(y[y.length - 1]) ? { last: y[y.length - 1] } : {}),
    bias,
  };
  const memberFits = memberEstimation(members);
  const params = Object.fromEntries(members.map((mem, j) => [`weight.${mem.name}`, weights[j]]));
  const record = closedFormFit(
    `ensemble:${spec.combination}/${members.map((mem) => mem.name).join('+')}`,
    y,
    Float64Array.from(fitted),
    NaN,
    params,
    state,
    spec,
  );
  return {
    ...record,
    details: {
      members: members.map((mem, j) => ({
        name: mem.name,
        form: mem.form,
        weight: weights[j],
        validationMae: validationMae[j],
        fallbackReason: mem.fallbackReason,
      })),
      validationWindows: windowForecasts.length,
      validationHorizon: vh,
      validationFits:
        windowForecasts.length === 0
          ? 'none'
          : validation.reselected
            ? `the ARIMA member re-ran its order search before each window, the others refitted their forms (the windows span ${Math.round(100 * windowShare(y.length, validation.origins[0]))}% of the series)`
            : 'each member refitted the form it chose on the whole series before each window',
      ...(memberFits ? { memberFits } : {}),
      serialCorrection: bias !== null,
      conformalScores: scoreCount,
      rule: ruleChoice(spec, windowForecasts.length, errors),
      calibration: spec.conformal
        ? scoreCount > 0
          ? `this series' own ${scoreCount} validation scores (a batch forecast pools them across series)`
          : 'none: no validation window, the members combined intervals'
        : 'none: conformal calibration off',
    },
  };
}

/**
 * How the members whose estimation differs from their standalone models' were fitted, in words (`--report`): the
 * ARIMA member's CSS estimates and the ETS member's Nelder–Mead budget (see `memberModel`); null when none differs.
 */
function memberEstimation(members: readonly MemberState[]): string | null {
  const notes = members.flatMap((mem) => {
    const spec = memberModel(mem.name).spec;
    if (spec.exactRefit === false)
      return [`${mem.name}: the conditional-sum-of-squares estimates of its search, no exact-likelihood refit`];
    if (typeof spec.maxEvaluations === 'number')
      return [
        `${mem.name}: at most ${spec.maxEvaluations} Nelder–Mead evaluations per form (the standalone model: ${R_MAX_EVALUATIONS})`,
      ];
    return [];
  });
  return notes.length > 0 ? notes.join('; ') : null;
}

/** What the fusion rule did with this series, in words (`--report`). */
function ruleChoice(spec: EnsembleSpec, windows: number, errors: readonly number[][]): string {
  const n = Math.max(0, ...errors.map((e) => e.length));
  const evidence = `${windows} validation window${windows === 1 ? '' : 's'}, ${n} errors per member`;
  switch (spec.combination) {
    case 'mean':
    case 'median':
    case 'trimmed':
      return `${spec.combination} of the members (a fixed rule; ${evidence} used for the intervals only)`;
    case 'features':
      return "weights of the shipped feature model for this series' features";
    default:
      return n === 0
        ? `${spec.combination}: equal weights, the history being too short for a validation window`
        : `${spec.combination} weights from ${evidence}`;
  }
}

/**
 * Combination weights from validation errors: for `optimized`, the simplex least-squares weights shrunk by
 * lambda = N / (N + 5k) toward the inverse-MSE weights; equal weights for the fixed rules or without errors.
 */
function combinationWeights(errors: readonly number[][], rule: CombinationRule): Float64Array {
  const k = errors.length;
  const equal = new Float64Array(k).fill(1 / k);
  const points = errors[0]?.length ?? 0;
  if (points === 0 || !isWeightedRule(rule)) return equal;
  if (rule === 'inverse') return inverseMseWeights(errors);
  if (rule === 'pool') return pooledWeights(errors);
  const optimal = simplexLeastSquares(errors.map((e) => Float64Array.from(e)));
  const target = inverseMseWeights(errors);
  const lambda = points / (points + 5 * k);
  return equal.map((_, j) => lambda * optimal[j] + (1 - lambda) * target[j]);
}

/**
 * Forecast pooling by rank (in the spirit of Kourentzes, Barrow & Petropoulos 2019 and of trimmed means):
 * equal weights on the best ceil(2k/3) of the k members by validation MSE, zero on the rest, so that a member
 * that failed on the validation windows is left out while the combination keeps the robustness of a plain mean.
 */
function pooledWeights(errors: readonly number[][]): Float64Array {
  const mse = errors.map((e) => {
    const v = e.reduce((s, x) => s + x * x, 0) / e.length;
    return Number.isFinite(v) ? v : Infinity;
  });
  const keep = Math.ceil((2 * mse.length) / 3);
  const order = mse.map((_, j) => j).sort((a, b) => mse[a] - mse[b] || a - b);
  const out = new Float64Array(mse.length);
  for (const j of order.slice(0, keep)) out[j] = 1 / keep;
  return out;
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
    if (e instanceof ForesightError && (e.code === 'too_short' || e.code === 'invalid_input'))
      return new Float64Array(members.length).fill(1 / members.length);
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

/**
 * Nelder–Mead evaluations per form in the automatic ETS member's search: optim's own default for Nelder–Mead, where
 * R's `ets` (and the standalone `ets`, which follows R) passes 2000. The forms that use more are the
 * multiplicative-error seasonal ones (MNM, MAM, MAdM), whose flat likelihoods mostly run to the cap without
 * converging; what the member's fit is worth to the fusion is judged afterwards on the validation windows. Measured
 * with the product bench (`npm run bench -- <set> --models ensemble`, every series), 2000 -> 500 evaluations (the
 * ARIMA member already by CSS), sMAPE / MASE / cover 80 / 95 / MSIS: M1 yearly 16.55 / 3.409 -> 3.410 / 74.7 / 90.9 ->
 * 74.8 / 90.9 / 36.86 both; quarterly 15.75 -> 15.64 / 1.577 -> 1.574 / 78.9 / 93.2 -> 78.0 / 93.1 / 13.58 -> 13.62;
 * monthly 14.37 / 1.032 both / 81.6 / 96.3 -> 81.3 / 96.3 / 8.05 -> 8.06; M4 weekly 6.779 -> 6.778 / 2.045 ->
 * 2.046 / 81.5 / 95.5 both / 16.59 -> 16.58; M4 hourly MASE 0.8740 -> 0.8747, 80.8 / 96.4 -> 80.8 / 96.5, MSIS
 * 6.05 -> 6.03. The member's search costs a third of what it did
 * (38 -> 12 ms per series on the speed bench's 200 M1 monthly series). Restricting the member to additive errors
 * instead (`ets:AZZ`, 11 ms) was measured and not kept: it drops the multiplicative seasons, and M1 monthly's sMAPE
 * went from 14.37 to 14.45 and M1 yearly's MSIS from 36.86 to 38.39.
 */
export const MEMBER_ETS_EVALUATIONS = 500;

/**
 * The model fitted for a member name: the registry's, except that the automatic ARIMA member (`arima`) scores
 * its search's candidates by conditional sum of squares and refits only the best by exact likelihood (R's
 * `approximation = TRUE`, `arima:approx`), which the standalone `arima` does only for more than 150
 * observations or seasons above 12. In a fusion the full exact-likelihood search cost two thirds of the time
 * and bought nothing: on the first 200 M1 monthly series the approximate search is about 10x faster and as
 * accurate alone (sMAPE 19.36 / MASE 1.197 against 19.65 / 1.201); see the README's Benchmarks for the fused
 * forecast on the five development collections. The member keeps its name and its chosen form.
 * Nor is the best refitted by exact likelihood any more (`exactRefit: false`, as in the validation windows, see
 * `windowForm`): the member keeps the CSS estimates of its search. The windows judge the member by CSS fits, and
 * its weight and the calibration of the fused intervals come from those windows, so the forecast they are applied
 * to is now made by the same estimator they measured. The exact refit of the whole series was about 18 ms of the
 * fused default's 105 ms per series on the speed bench's 200 M1 monthly series. Measured with the product bench
 * (`npm run bench -- <set> --models ensemble`, every series), exact refit -> CSS, sMAPE / MASE / cover 80 / 95 /
 * MSIS: M1 yearly 16.59 -> 16.55 / 3.413 -> 3.409 / 74.8 / 91.2 -> 74.7 / 90.9 / 36.74 -> 36.86; quarterly 15.80 ->
 * 15.75 / 1.578 -> 1.577 / 78.9 / 93.2 both / 13.50 -> 13.58; monthly 14.34 -> 14.37 / 1.031 -> 1.032 / 82.0 / 96.4
 * -> 81.6 / 96.3 / 8.04 -> 8.05; M4 weekly 6.773 -> 6.779 / 2.048 -> 2.045 / 82.0 / 95.7 -> 81.5 / 95.5 / 16.74 ->
 * 16.59; M4 hourly MASE 0.8759 -> 0.8740, 81.1 / 96.4 -> 80.8 / 96.4, MSIS 6.06 -> 6.05: points within 0.3% and
 * MSIS within 1%, in both directions.
 *
 * @example
 * memberModel('arima').spec // { order: null, seasonal: [0, 0, 0], exhaustive: false, approximation: true, exactRefit: false }
 */
export function memberModel(name: string): ResolvedModel {
  if (name === 'arima') {
    const approx = resolveModel('arima:approx');
    return { ...approx, name, spec: { ...approx.spec, exactRefit: false } };
  }
  if (name === 'ets') {
    const ets = resolveModel('ets');
    return { ...ets, spec: { ...ets.spec, maxEvaluations: MEMBER_ETS_EVALUATIONS } };
  }
  return resolveModel(name);
}

/** The registry form to refit in validation windows: the member's chosen form when it names one. */
function refitForm(member: MemberState, requested: ResolvedModel): ResolvedModel {
  if (member.fit && member.fit.model !== requested.name && member.fit.model.includes(':')) {
    try {
      const form = resolveModel(member.fit.model);
      // validation only forecasts: a fixed ARIMA order is refitted without its standard errors (the numerical
      // Hessian took about a fifth of each refit; forecasts are the same)
      if (form.definition.name === 'arima' && form.spec.order)
        return { ...form, spec: { ...form.spec, standardErrors: false } };
      // the ETS member refits its form with the budget of its search (MEMBER_ETS_EVALUATIONS)
      if (form.definition.name === 'ets' && typeof requested.spec.maxEvaluations === 'number')
        return { ...form, spec: { ...form.spec, maxEvaluations: requested.spec.maxEvaluations } };
      return form;
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
 * Bias by step: the mean combined error at each step over the windows that reach it (steps beyond the last
 * one reached keep its value; NaN-free: steps no window reaches get 0).
 */
function stepBias(combined: readonly { actual: Float64Array; forecast: Forecast }[]): number[] {
  const steps = Math.max(0, ...combined.map((c) => c.actual.length));
  return Array.from({ length: steps }, (_, t) => {
    let sum = 0,
      count = 0;
    for (const { actual, forecast } of combined) {
      if (t < actual.length) {
        sum += actual[t] - forecast.mean[t];
        count++;
      }
    }
    return count ? sum / count : 0;
  });
}

/**
 * Bias by step from the windows' combined errors, accepted only when, predicting each window's errors by the
 * mean of the other windows' errors at the same step, the absolute error falls.
 */
function acceptedBias(combined: readonly { actual: Float64Array; forecast: Forecast }[]): number[] | null {
  const W = combined.length;
  if (W < 2) return null;
  let before = 0,
    after = 0;
  combined.forEach(({ actual, forecast }, w) => {
    const others = stepBias(combined.filter((_, v) => v !== w));
    for (let t = 0; t < actual.length; t++) {
      const e = actual[t] - forecast.mean[t];
      const reached = combined.some((c, v) => v !== w && t < c.actual.length);
      before += Math.abs(e);
      after += Math.abs(e - (reached ? others[t] : 0));
    }
  });
  if (!(after < before)) return null;
  return stepBias(combined);
}

/** Forecast of a fitted ensemble. */
export function forecastEnsemble(
  fit: EnsembleFit,
  horizon: number,
  levels: readonly number[],
  future?: FutureData,
): Forecast {
  const state = fit.state;
  const withCalibration = levels.includes(CALIBRATION_LEVEL) ? [...levels] : [...levels, CALIBRATION_LEVEL];
  return fuseForecasts(
    memberForecasts(state.members, horizon, withCalibration, future),
    levels,
    fit.spec as EnsembleSpec,
    state,
  );
}

/** The `ensemble` registry definition. */
export const ENSEMBLE_MODEL: ModelDefinition<EnsembleSpec, EnsembleFit> = {
  name: 'ensemble',
  description:
    'Fusion: members (default ets, arima, theta, damped, snaive (drift when m = 1), and mstl when the series has several seasons) weighted by 1 / validation MSE, intervals from their linear pool calibrated on the validation errors; ensemble:median/ets+theta, ensemble:optimized, ensemble:features (weights from series features, trained on M4) etc.',
  parse: (option) => parseEnsemble(option, isRegistered),
  minLength: (spec, m) =>
    Math.max(
      ...spec.members.map((name) => {
        const r = resolveModel(name);
        return r.definition.minLength(r.spec, m);
      }),
    ),
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
