/**
 * Describing intermittent demand: the non-zero demand sizes, the intervals between them, and the
 * Syntetos–Boylan–Croston classification (Syntetos, Boylan & Croston 2005, "On the categorization of demand
 * patterns", JORS 56) that the `auto` path uses to send mostly-zero series to the intermittent models.
 */

/** Demand sizes and the intervals between demands. */
export interface DemandHistory {
  /** The non-zero observations, in time order. */
  sizes: Float64Array;
  /**
   * Periods since the previous demand; the first counts from the start of the series (a demand in the first
   * period has interval 1), as R's `croston` (`diff(c(0, which(x > 0)))`) and statsforecast's `_intervals`.
   */
  intervals: Float64Array;
}

/**
 * Splits a demand series into non-zero sizes and inter-demand intervals (negative values count as demand,
 * which is what statsforecast does; R's croston ignores them — the models here reject them instead).
 *
 * @example
 * demandHistory(Float64Array.of(0, 3, 0, 0, 2)) // sizes [3, 2], intervals [2, 3]
 */
export function demandHistory(y: ArrayLike<number>): DemandHistory {
  const sizes: number[] = [];
  const intervals: number[] = [];
  let previous = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t] !== 0) {
      sizes.push(y[t]);
      intervals.push(t + 1 - previous);
      previous = t + 1;
    }
  }
  return { sizes: Float64Array.from(sizes), intervals: Float64Array.from(intervals) };
}

/**
 * Average inter-demand interval (ADI): series length over the number of non-zero periods (Infinity when
 * there is no demand at all).
 *
 * @example
 * averageDemandInterval(Float64Array.of(0, 3, 0, 0, 2, 0)) // 3
 */
export function averageDemandInterval(y: ArrayLike<number>): number {
  let count = 0;
  for (let t = 0; t < y.length; t++) if (y[t] !== 0) count++;
  return count === 0 ? Infinity : y.length / count;
}

/** Syntetos–Boylan demand class. */
export type DemandClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';

/** ADI cut-off of Syntetos, Boylan & Croston (2005). */
export const ADI_CUTOFF = 1.32;
/** Cut-off on the squared coefficient of variation of the non-zero demand sizes (same paper). */
export const CV2_CUTOFF = 0.49;

/**
 * Syntetos–Boylan–Croston class from ADI and the squared coefficient of variation of non-zero sizes
 * (population variance): smooth (ADI < 1.32, CV² < 0.49), erratic (ADI < 1.32, CV² >= 0.49),
 * intermittent (ADI >= 1.32, CV² < 0.49), lumpy (ADI >= 1.32, CV² >= 0.49). A series with fewer than two
 * demands has CV² = 0.
 *
 * @example
 * classifyDemand(Float64Array.of(0, 0, 5, 0, 0, 5, 0, 0, 5)) // 'intermittent'
 */
export function classifyDemand(y: ArrayLike<number>): DemandClass {
  const { sizes } = demandHistory(y);
  const adi = averageDemandInterval(y);
  let cv2 = 0;
  if (sizes.length >= 2) {
    let mean = 0;
    for (const s of sizes) mean += s;
    mean /= sizes.length;
    let variance = 0;
    for (const s of sizes) variance += (s - mean) ** 2;
    variance /= sizes.length;
    cv2 = mean === 0 ? 0 : variance / (mean * mean);
  }
  if (adi < ADI_CUTOFF) return cv2 < CV2_CUTOFF ? 'smooth' : 'erratic';
  return cv2 < CV2_CUTOFF ? 'intermittent' : 'lumpy';
}

/**
 * The rule the `auto` path uses to treat a series as intermittent demand: every value is non-negative, there
 * are at least two non-zero demands, and the average inter-demand interval is at least 1.32 periods
 * (Syntetos–Boylan–Croston's cut-off, i.e. at least about 24% zeros). Such series go to the intermittent
 * models (SBA is the usual choice for both the intermittent and the lumpy class).
 *
 * @example
 * isIntermittent(Float64Array.of(0, 0, 3, 0, 1, 0, 0, 2)) // true  (ADI 8/3)
 * isIntermittent(Float64Array.of(5, 6, 0, 7, 5, 6)) // false (ADI 1.2)
 */
export function isIntermittent(y: ArrayLike<number>): boolean {
  let count = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t] < 0 || !Number.isFinite(y[t])) return false;
    if (y[t] > 0) count++;
  }
  return count >= 2 && y.length / count >= ADI_CUTOFF;
}
