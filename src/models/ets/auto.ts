/**
 * Automatic ETS: fit every allowed candidate form and keep the one with the smallest information criterion,
 * as R forecast 8.20's `ets(y)` (Hyndman, Koehler, Snyder & Grose 2002; Hyndman & Khandakar 2008), plus a rule
 * for season lengths above 24 that R does not have.
 */
import { ForesightError, isForesightError } from '../../core/errors.js';
import { m4SeasonalAdjustment } from '../seasonal-adjustment.js';
import type { JsonValue } from '../types.js';
import { fitEts, fitSimpleEts, formName, type EtsCriterion, type EtsFit } from './ets.js';
import { seasonalStrength } from './seasonal-strength.js';

/**
 * Seasonal adjustment of long seasons needs this seasonal strength as well as the M4 autocorrelation test: the
 * test alone fires on most trending series (autocorrelation is high at every lag). On M4 weekly, thresholds
 * from 0.3 to 0.7 all give sMAPE and MASE below R's `ets`; 0.5 is the middle of that range.
 */
export const LONG_SEASON_MIN_STRENGTH = 0.5;

/** Options of {@link autoEts}; every field but `seasonLength` is optional. */
export interface AutoEtsOptions {
  /** Season length m of the data (1 = non-seasonal). */
  seasonLength: number;
  /** Error type to consider: 'Z' (default) tries A and M. */
  error?: 'Z' | 'A' | 'M';
  /** Trend to consider: 'Z' (default) tries N and A. */
  trend?: 'Z' | 'N' | 'A';
  /** Season to consider: 'Z' (default) tries N, A and M. */
  season?: 'Z' | 'N' | 'A' | 'M';
  /** true: only damped trends; false: only undamped; absent: both (R's `damped = NULL`). */
  damped?: boolean;
  /** false: non-seasonal forms only (same as season 'N'). */
  seasonal?: boolean;
  /** Selection criterion, default 'aicc'. */
  ic?: 'aicc' | 'aic' | 'bic';
  /** Estimation criterion, default 'lik'. */
  optCrit?: EtsCriterion;
  /** Only additive forms (R's `additive.only`). */
  additiveOnly?: boolean;
  /** Nelder–Mead evaluations per form, default 2000 (R's `maxit`); the fusion's member uses fewer (ensemble.ts). */
  maxEvaluations?: number;
  /**
   * Season lengths above 24 (R ignores the season there): 'adjust' (default) divides a strictly positive series
   * of at least 3 seasons that passes the 90% autocorrelation test at lag m and has seasonal strength >=
   * LONG_SEASON_MIN_STRENGTH by its classical multiplicative seasonal indices, fits a non-seasonal ETS and
   * multiplies forecasts back (the M4 benchmarks' adjustment); 'ignore' does what R does.
   */
  longSeason?: 'adjust' | 'ignore';
}

/** One candidate tried. */
interface Candidate {
  form: string;
  ic: number | null;
  error?: string;
}

/**
 * Automatic ETS selection like R's `ets(y, model = "ZZZ")`: candidates are every error (A, M) × trend (N, A,
 * Ad) × season (N, A, M) allowed by the options, without the forbidden forms (additive error with
 * multiplicative season; multiplicative trend is never used), multiplicative error or season only for strictly
 * positive data, seasonal forms only when 2 <= m <= 24 and n > m; a candidate whose parameters and states do
 * not leave two degrees of freedom is skipped. The smallest AICc (or `ic`) wins.
 *
 * Degenerate series, by rule (never throws for finite data of length >= 1):
 * - constant series: simple exponential smoothing with alpha 0.99999 from the first value (R's rule);
 * - n <= 6, or no candidate could be fitted: simple exponential smoothing from the first value with alpha by
 *   least squares (where R uses HoltWinters);
 * - m > 24: see `longSeason`.
 * The chosen rule and every candidate's criterion are recorded in `details`.
 * Throws ForesightError('invalid_input') for non-finite data or an empty series, ('invalid_argument') for bad options.
 *
 * @example
 * autoEts(Float64Array.from({ length: 60 }, (_, t) => 100 + t + 5 * Math.sin(t)), { seasonLength: 1 }).model // e.g. 'ets:AAN'
 */
export function autoEts(y: Float64Array, options: AutoEtsOptions): EtsFit {
  const n = y.length;
  if (n === 0) throw new ForesightError('invalid_input', 'ETS: the series is empty');
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(y[t]))
      throw new ForesightError('invalid_input', `ETS: y[${t}] = ${y[t]} is not a finite number`);
  }
  const m = Math.round(options.seasonLength);
  if (!(m >= 1))
    throw new ForesightError(
      'invalid_argument',
      `ETS: season length ${options.seasonLength} is not a positive integer`,
    );
  const errorOpt = options.error ?? 'Z';
  const trendOpt = options.trend ?? 'Z';
  let seasonOpt = options.seasonal === false ? 'N' : (options.season ?? 'Z');
  const ic = options.ic ?? 'aicc';

  let constant = true;
  for (let t = 1; t < n && constant; t++) if (y[t] !== y[0]) constant = false;
  if (constant)
    return withDetails(fitSimpleEts(y, 0.99999), {
      rule: 'constant series: simple exponential smoothing, alpha 0.99999',
    });
  if (n <= 6)
    return withDetails(fitSimpleEts(y, null), {
      rule: `only ${n} observations: simple exponential smoothing from the first value`,
    });

  let series = y;
  let future: number[] | null = null;
  let inSample: Float64Array | null = null;
  let rule = 'automatic selection';
  if (m > 24 && seasonOpt !== 'N') {
    if (options.longSeason === 'ignore') {
      rule = `season length ${m} > 24: season ignored (as R)`;
    } else {
      const adjustment = m4SeasonalAdjustment(y, m);
      const strength = adjustment.inSample ? seasonalStrength(y, m) : 0;
      if (adjustment.inSample && strength >= LONG_SEASON_MIN_STRENGTH) {
        series = adjustment.adjusted;
        future = adjustment.future;
        inSample = adjustment.inSample;
        rule = `season length ${m} > 24: ${adjustment.reason} (seasonal strength ${strength.toFixed(2)}); non-seasonal ETS on the adjusted series`;
      } else {
        const why = adjustment.inSample
          ? `seasonal strength ${strength.toFixed(2)} < ${LONG_SEASON_MIN_STRENGTH}`
          : adjustment.reason;
        rule = `season length ${m} > 24: ${why}; season ignored`;
      }
    }
    seasonOpt = 'N';
  }
  if (m === 1 || n <= m) seasonOpt = seasonOpt === 'Z' ? 'N' : seasonOpt;
  if (m === 1 && (seasonOpt === 'A' || seasonOpt === 'M')) {
    throw new ForesightError(
      'invalid_argument',
      `ETS: season ${seasonOpt} requested for non-seasonal data (season length 1)`,
    );
  }
  let positive = true;
  for (let t = 0; t < n; t++) if (!(series[t] > 0)) positive = false;

  const errors: ('A' | 'M')[] = errorOpt === 'Z' ? ['A', 'M'] : [errorOpt];
  const trends: ('N' | 'A')[] = trendOpt === 'Z' ? ['N', 'A'] : [trendOpt];
  const seasons: ('N' | 'A' | 'M')[] = seasonOpt === 'Z' ? ['N', 'A', 'M'] : [seasonOpt as 'N' | 'A' | 'M'];
  const dampings = options.damped === undefined ? [true, false] : [options.damped];
  const candidates: Candidate[] = [];
  let best: EtsFit | null = null;
  let bestIc = Infinity;
  for (const error of errors) {
    for (const trend of trends) {
      for (const season of seasons) {
        for (const damped of dampings) {
          if (trend === 'N' && damped) continue;
          if (error === 'A' && season === 'M') continue;
          if (options.additiveOnly && (error === 'M' || season === 'M')) continue;
          if (!positive && (error === 'M' || season === 'M')) continue;
          const form = formName({ error, trend, damped, season });
          try {
            const fit = fitEts(series, {
              error,
              trend,
              damped,
              season,
              seasonLength: m,
              optCrit: options.optCrit,
              maxEvaluations: options.maxEvaluations,
            });
            const value = ic === 'aicc' ? fit.aicc : ic === 'aic' ? fit.aic : fit.bic;
            candidates.push({ form, ic: value });
            if (value !== null && value < bestIc) {
              bestIc = value;
              best = fit;
            }
          } catch (e) {
            if (!isForesightError(e) || e.code === 'invalid_argument') throw e;
            candidates.push({ form, ic: null, error: e.message });
          }
        }
      }
    }
  }
  const tried = candidates.map((c) => ({ form: c.form, [ic]: c.ic, ...(c.error ? { error: c.error } : {}) }));
  if (!best) {
    return withDetails(fitSimpleEts(y, null), {
      rule: 'no candidate form could be fitted: simple exponential smoothing',
      candidates: tried,
    });
  }
  if (future && inSample) {
    const state = best.state;
    state.future = future;
    const fitted = best.fitted.map((f, t) => f * inSample![t]);
    best = { ...best, fitted, residuals: fitted.map((f, t) => y[t] - f) };
  }
  return withDetails(
    { ...best, spec: { ...best.spec, seasonLength: m, automatic: true } },
    { rule, ic, candidates: tried },
  );
}

function withDetails(fit: EtsFit, extra: { [key: string]: JsonValue }): EtsFit {
  return { ...fit, details: { ...(fit.details ?? {}), ...extra } };
}
