/**
 * The reliability horizon: how far ahead a model's forecasts of a series are worth more than a naive guess.
 * From rolling-origin backtests, the skill ratio at step h is the model's mean absolute error over the origins
 * divided by the naive (or seasonal naive) reference's on the same origins (relative MAE, below 1 = better);
 * its confidence band comes from a paired bootstrap over origins (percentile interval, seeded). "Reliable up to
 * step k" means the upper end of the band is below 1 at every step from 1 to k (k = 0: not at step 1).
 */
import { ForesightError } from '../core/errors.js';
import type { Rng } from '../core/random.js';

/** The skill ratio at one horizon step with its bootstrap band. */
export interface StepSkill {
  step: number;
  /** Model MAE / reference MAE over the origins (NaN when the reference made no error). */
  ratio: number;
  lower: number;
  upper: number;
}

/** Reliability horizon of one series and model. */
export interface ReliabilityHorizon {
  /** Origins the ratios are computed from. */
  origins: number;
  /** Central level of the band in percent. */
  level: number;
  byStep: StepSkill[];
  /** The last step k such that every step 1..k has its band below 1. */
  reliableSteps: number;
}

/** Options of `reliabilityHorizon`. */
export interface ReliabilityOptions {
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
  /** Band level in percent (default 90). */
  level?: number;
}

/** One sentence that says what the reliability horizon means, for reports. */
export const RELIABILITY_EXPLANATION =
  'A step is reliable when, over rolling-origin backtests, the model\'s mean absolute error there is significantly below the naive reference\'s (the upper end of the bootstrap band of their ratio is below 1); "reliable up to step k" means steps 1 to k all are.';

/**
 * Skill ratio by step with a paired bootstrap band and the reliable steps. `modelErrors[o][h]` and
 * `referenceErrors[o][h]` are the forecast errors (actual - forecast) of origin o at step h + 1; NaN entries are
 * left out. Throws ForesightError('invalid_argument') when the two tables differ in shape or are empty.
 *
 * @example
 * reliabilityHorizon([[1, 2], [1, 2], [1, 2]], [[4, 2], [5, 2], [3, 2]], createRng(1)).reliableSteps // 1
 */
export function reliabilityHorizon(modelErrors: readonly ArrayLike<number>[], referenceErrors: readonly ArrayLike<number>[], rng: Rng, options: ReliabilityOptions = {}): ReliabilityHorizon {
  const n = modelErrors.length;
  if (n === 0 || referenceErrors.length !== n) throw new ForesightError('invalid_argument', `reliabilityHorizon: ${n} model origins and ${referenceErrors.length} reference origins`);
  const H = modelErrors[0].length;
  if (modelErrors.some((e) => e.length !== H) || referenceErrors.some((e) => e.length !== H)) throw new ForesightError('invalid_argument', 'reliabilityHorizon: every origin needs the same number of steps');
  const B = options.resamples ?? 1000;
  const level = options.level ?? 90;
  const ratioOf = (origins: ArrayLike<number>, t: number): number => {
    let a = 0, b = 0;
    for (let i = 0; i < origins.length; i++) {
      const o = origins[i];
      const x = modelErrors[o][t], r = referenceErrors[o][t];
      if (!Number.isFinite(x) || !Number.isFinite(r)) continue;
      a += Math.abs(x);
      b += Math.abs(r);
    }
    return b > 0 ? a / b : NaN;
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const samples: Float64Array[] = Array.from({ length: H }, () => new Float64Array(B));
  const pick = new Int32Array(n);
  for (let k = 0; k < B; k++) {
    for (let i = 0; i < n; i++) pick[i] = rng.int(n);
    for (let t = 0; t < H; t++) samples[t][k] = ratioOf(pick, t);
  }
  const alpha = (100 - level) / 200;
  const byStep: StepSkill[] = [];
  for (let t = 0; t < H; t++) {
    const finite = Array.from(samples[t]).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    const ratio = ratioOf(all, t);
    // a resample whose reference made no error has no ratio: counted as not skilful (upper end at infinity)
    const missing = B - finite.length;
    const q = (p: number) => {
      const idx = Math.floor(p * (B - 1));
      return idx < finite.length ? finite[idx] : Infinity;
    };
    byStep.push({ step: t + 1, ratio, lower: finite.length ? q(alpha) : NaN, upper: missing === B ? NaN : q(1 - alpha) });
  }
  let reliableSteps = 0;
  while (reliableSteps < H && byStep[reliableSteps].upper < 1) reliableSteps++;
  return { origins: n, level, byStep, reliableSteps };
}
