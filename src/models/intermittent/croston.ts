/**
 * Croston's method (Croston 1972) and the Syntetos–Boylan approximation (SBA; Syntetos & Boylan 2005):
 * the non-zero demand sizes z and the intervals between demands p are each smoothed by simple exponential
 * smoothing with weight alpha (0.1) from the simple start, and the forecast per period is z/p — times
 * (1 - alpha/2) for SBA, which removes Croston's bias. Mirrors R forecast's `croston()` (classic) and
 * statsforecast's `CrostonClassic` / `CrostonSBA`.
 */
import { ForesightError } from '../../core/errors.js';
import type { ModelDefinition, ModelSpec, SeriesData } from '../types.js';
import { checkDemand, intermittentFit, type IntermittentFit, intermittentForecast, parseWeight } from './shared.js';

/** Spec of `croston` / `croston:sba`. */
export interface CrostonSpec extends ModelSpec {
  variant: 'classic' | 'sba';
  /** Smoothing weight for sizes and intervals (0.1 as in R and statsforecast). */
  alpha: number;
}

/**
 * Fits Croston's method. The fitted value at t is the forecast made at t-1 (R's `croston()$fitted`):
 * 0 before the first demand, then (debiased) z/p. Throws ForesightError('too_short') for fewer than 2
 * observations and ('invalid_input') for negative or non-finite demand.
 *
 * @example
 * fitCroston(Float64Array.of(0, 2, 0, 0, 4), { variant: 'classic', alpha: 0.1 }).state
 * // { forecast: 2.2 / 2.1 = 1.0476..., alpha: 0.1 }  (z: 2 -> 2.2, p: 2 -> 2.1)
 */
export function fitCroston(y: Float64Array, spec: CrostonSpec): IntermittentFit {
  const name = spec.variant === 'sba' ? 'croston:sba' : 'croston';
  checkDemand(name, y);
  const alpha = spec.alpha;
  const factor = spec.variant === 'sba' ? 1 - alpha / 2 : 1;
  const n = y.length;
  const fitted = new Float64Array(n);
  fitted[0] = NaN;
  let size = NaN;
  let interval = NaN;
  let demands = 0;
  let sinceLast = 0;
  let ratio = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) fitted[t] = ratio;
    sinceLast++;
    if (y[t] > 0) {
      if (demands === 0) {
        size = y[t];
        interval = sinceLast;
      } else {
        size += alpha * (y[t] - size);
        interval += alpha * (sinceLast - interval);
      }
      demands++;
      sinceLast = 0;
      ratio = (factor * size) / interval;
    }
  }
  return intermittentFit(
    name,
    { ...spec },
    y,
    fitted,
    { alpha },
    { forecast: ratio, alpha },
    { demands, size: demands > 0 ? size : 0, interval: demands > 0 ? interval : 0 },
  );
}

function parseCroston(option: string | undefined): CrostonSpec {
  if (option === undefined || option === '' || option === 'classic') return { variant: 'classic', alpha: 0.1 };
  const [variant, weight] = option.split(',');
  if (variant === 'sba')
    return { variant: 'sba', alpha: weight === undefined ? 0.1 : parseWeight('croston:sba', weight) };
  if (variant === 'classic') return { variant: 'classic', alpha: parseWeight('croston', weight) };
  throw new ForesightError('invalid_argument', `croston: unknown option "${option}"; use croston or croston:sba`, {
    value: option,
  });
}

/** `croston` and `croston:sba` in the registry. */
export const CROSTON: ModelDefinition<CrostonSpec, IntermittentFit> = {
  name: 'croston',
  description:
    "Croston's method for intermittent demand (R croston()); croston:sba is the Syntetos–Boylan debiased form.",
  parse: parseCroston,
  minLength: () => 2,
  fit: (series: SeriesData, spec: CrostonSpec) => fitCroston(series.y, spec),
  forecast: intermittentForecast,
};
