/**
 * The reliability horizon: how far ahead a model's forecasts of a series are worth more than a naive guess.
 * From rolling-origin backtests, the skill ratio at step h is the model's mean absolute error over the origins
 * divided by the naive (or seasonal naive) reference's on the same origins (relative MAE, below 1 = better);
 * its confidence band comes from a paired bootstrap over origins (percentile interval, seeded; circular blocks of
 * consecutive origins when their forecast windows overlap, Politis & Romano 1992). "Reliable up to step k": k is
 * the last step whose band lies below 1 (0 when none does); beyond k the model is not significantly better than
 * the naive guess.
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
  /** The last step whose band lies below 1 (0: none). */
  reliableSteps: number;
  /** Every step whose band lies below 1 (steps before k may be missing when skill grows with the horizon). */
  skilfulSteps: number[];
}

/** Options of `reliabilityHorizon`. */
export interface ReliabilityOptions {
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
  /** Band level in percent (default 90). */
  level?: number;
  /**
   * Length of the blocks of consecutive origins resampled together (default 1: origins independent). Origins
   * closer than the horizon share actual values, so the backtest uses ceil(horizon / step).
   */
  block?: number;
}

/** One sentence that says what the reliability horizon means, for reports. */
export const RELIABILITY_EXPLANATION =
  'A step is reliable when, over rolling-origin backtests, the model\'s mean absolute error there is significantly below the naive reference\'s (the bootstrap band of their ratio lies below 1); "reliable up to step k" means k is the last such step, and beyond it the forecast is not demonstrably better than a naive guess.';

/**
 * Skill ratio by step with a paired bootstrap band and the reliable steps. `modelErrors[o][h]` and
 * `referenceErrors[o][h]` are the forecast errors (actual - forecast) of origin o at step h + 1; NaN entries are
 * left out. Throws ForesightError('invalid_argument') when the two tables differ in shape or are empty.
 *
 * @example
 * reliabilityHorizon([[1, 2], [1, 2], [1, 2]], [[4, 2], [5, 2], [3, 2]], createRng(1)).reliableSteps // 1 (step 2: ratio 1)
 */
export function reliabilityHorizon(
  modelErrors: readonly ArrayLike<number>[],
  referenceErrors: readonly ArrayLike<number>[],
  rng: Rng,
  options: ReliabilityOptions = {},
): ReliabilityHorizon {
  const n = modelErrors.length;
  if (n === 0 || referenceErrors.length !== n)
    throw new ForesightError(
      'invalid_argument',
      `reliabilityHorizon: ${n} model origins and ${referenceErrors.length} reference origins`,
    );
  const H = modelErrors[0].length;
  if (modelErrors.some((e) => e.length !== H) || referenceErrors.some((e) => e.length !== H))
    throw new ForesightError('invalid_argument', 'reliabilityHorizon: every origin needs the same number of steps');
  const B = options.resamples ?? 1000;
  const level = options.level ?? 90;
  const ratioOf = (origins: ArrayLike<number>, t: number): number => {
    let a = 0,
      b = 0;
    for (let i = 0; i < origins.length; i++) {
      const o = origins[i];
      const x = modelErrors[o][t],
        r = referenceErrors[o][t];
      if (!Number.isFinite(x) || !Number.isFinite(r)) continue;
      a += Math.abs(x);
      b += Math.abs(r);
    }
    return b > 0 ? a / b : NaN;
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const samples: Float64Array[] = Array.from({ length: H }, () => new Float64Array(B));
  const L = Math.max(1, Math.min(n, Math.floor(options.block ?? 1)));
  const pick = new Int32Array(n);
  for (let k = 0; k < B; k++) {
    for (let i = 0; i < n; i += L) {
      const start = rng.int(n);
      for (let j = 0; j < L && i + j < n; j++) pick[i + j] = (start + j) % n;
    }
    for (let t = 0; t < H; t++) samples[t][k] = ratioOf(pick, t);
  }
  const alpha = (100 - level) / 200;
  const byStep: StepSkill[] = [];
  for (let t = 0; t < H; t++) {
    const finite = Array.from(samples[t])
      .filter((v) => Number.isFinite(v))
      .sort((a, b) => a - b);
    const ratio = ratioOf(all, t);
    // a resample whose reference made no error has no ratio: counted as not skilful (upper end at infinity)
    const missing = B - finite.length;
    const q = (p: number) => {
      const idx = Math.floor(p * (B - 1));
      return idx < finite.length ? finite[idx] : Infinity;
    };
    byStep.push({
      step: t + 1,
      ratio,
      lower: finite.length ? q(alpha) : NaN,
      upper: missing === B ? NaN : q(1 - alpha),
    });
  }
  const skilfulSteps = byStep.filter((b) => b.upper < 1).map((b) => b.step);
  return {
    origins: n,
    level,
    byStep,
    reliableSteps: skilfulSteps.length ? skilfulSteps[skilfulSteps.length - 1] : 0,
    skilfulSteps,
  };
}
