/**
 * Combination rules for member forecasts: weighted mean (equal or optimized weights), median and trimmed
 * mean of the point forecasts; intervals combine the same way bound by bound (quantile averaging, Lichtendahl,
 * Grushka-Cockayne & Winkler 2013).
 */
import { ForesightError } from '../core/errors.js';
import type { Forecast } from '../models/types.js';

/**
 * How member forecasts are combined: a weighted mean with weights from the validation windows (`optimized`,
 * `inverse`, `pool`) or from the series' features (`features`, see feature-weights.ts), or a fixed rule.
 */
export type CombinationRule = 'optimized' | 'inverse' | 'pool' | 'features' | 'mean' | 'median' | 'trimmed';

/** True for the rules that combine by given weights. */
export function isWeightedRule(rule: CombinationRule): boolean {
  return rule === 'optimized' || rule === 'inverse' || rule === 'pool' || rule === 'features';
}

/**
 * Combines forecasts that share horizon and levels. `weights` (on the simplex) is used by 'optimized' and 'features';
 * 'trimmed' drops the highest and lowest value at each point when there are at least 4 members.
 * Throws ForesightError('invalid_argument') when there is nothing to combine or the shapes differ.
 *
 * @example
 * const a = { mean: Float64Array.of(1), levels: [], lower: [], upper: [] };
 * const b = { mean: Float64Array.of(3), levels: [], lower: [], upper: [] };
 * combineForecasts([a, b], 'mean').mean[0] // 2
 */
export function combineForecasts(
  forecasts: readonly Forecast[],
  rule: CombinationRule,
  weights?: ArrayLike<number>,
): Forecast {
  const k = forecasts.length;
  if (k === 0) throw new ForesightError('invalid_argument', 'nothing to combine');
  const h = forecasts[0].mean.length;
  const levels = forecasts[0].levels;
  if (forecasts.some((f) => f.mean.length !== h || f.levels.length !== levels.length)) {
    throw new ForesightError('invalid_argument', 'member forecasts differ in horizon or levels');
  }
  if (isWeightedRule(rule) && (!weights || weights.length !== k)) {
    throw new ForesightError('invalid_argument', `${rule} combination needs ${k} weights`);
  }
  const values = new Float64Array(k);
  const combine = (pick: (f: Forecast) => Float64Array): Float64Array => {
    const out = new Float64Array(h);
    for (let t = 0; t < h; t++) {
      for (let j = 0; j < k; j++) values[j] = pick(forecasts[j])[t];
      out[t] = combineValues(values, rule, weights);
    }
    return out;
  };
  return {
    mean: combine((f) => f.mean),
    levels: [...levels],
    lower: levels.map((_, i) => combine((f) => f.lower[i])),
    upper: levels.map((_, i) => combine((f) => f.upper[i])),
  };
}

/** One combined value; non-finite member values are left out (their weight is spread over the rest). */
function combineValues(values: Float64Array, rule: CombinationRule, weights?: ArrayLike<number>): number {
  if (isWeightedRule(rule) || rule === 'mean') {
    let sum = 0,
      total = 0;
    for (let j = 0; j < values.length; j++) {
      if (!Number.isFinite(values[j])) continue;
      const w = rule === 'mean' ? 1 : weights![j];
      sum += w * values[j];
      total += w;
    }
    return total > 0 ? sum / total : NaN;
  }
  const finite = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  if (rule === 'median') {
    const mid = finite.length >> 1;
    return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
  }
  const kept = finite.length >= 4 ? finite.slice(1, -1) : finite;
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}
