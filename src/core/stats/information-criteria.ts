/**
 * The information criteria of a fitted model, written once for every family (ETS, ARIMA, the scaling-law fits):
 *   AIC  = D + 2k,   BIC = D + ln(n)·k,   AICc = AIC + 2k(k + 1) / (n - k - 1),
 * where D = -2 log-likelihood (or the family's deviance that differs from it by a constant), k counts every
 * estimated parameter including the innovation variance, and n the observations the likelihood sums over
 * (after differencing for ARIMA). Hyndman & Khandakar (2008) and R's forecast::Arima / ets use these forms.
 *
 * The rule for n - k - 1 ≤ 0: the small-sample correction is undefined (the model has about as many parameters
 * as observations), so AICc is +Infinity. It is then never below AIC and never chosen by an AICc search; a Fit
 * reports it as null.
 */

/** AIC, AICc and BIC of one fit. */
export interface InformationCriteria {
  aic: number;
  aicc: number;
  bic: number;
}

/**
 * The criteria from the deviance D = -2 log-likelihood, k parameters and n observations (see the module
 * comment, including the rule for n - k - 1 ≤ 0). A non-finite deviance gives non-finite criteria.
 *
 * @example
 * informationCriteria(100, 3, 50) // { aic: 106, aicc: 106.5217... (106 + 24/46), bic: 111.736... (100 + 3 ln 50) }
 * informationCriteria(100, 3, 4).aicc // Infinity (n - k - 1 = 0)
 */
export function informationCriteria(deviance: number, k: number, n: number): InformationCriteria {
  const aic = deviance + 2 * k;
  const bic = deviance + Math.log(n) * k;
  const room = n - k - 1;
  const aicc = room > 0 ? aic + (2 * k * (k + 1)) / room : Infinity;
  return { aic, aicc, bic };
}

/**
 * True when n observations leave room for the small-sample correction of k parameters (n - k - 1 > 0): the
 * rule by which a fixed, over-parameterized model form is refused instead of fitted.
 *
 * @example
 * identifiable(3, 24) // true
 * identifiable(19, 15) // false
 */
export function identifiable(k: number, n: number): boolean {
  return n - k - 1 > 0;
}
