/**
 * Overall weighted average of the M4 competition: the mean of the method's sMAPE and MASE, each relative to
 * the Naive 2 benchmark's on the same series set.
 *
 * @example
 * owa(9, 2, 10, 2.5) // 0.85
 */
export function owa(smapeValue: number, maseValue: number, naive2Smape: number, naive2Mase: number): number {
  return (smapeValue / naive2Smape + maseValue / naive2Mase) / 2;
}
