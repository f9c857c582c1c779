/**
 * Conditional sum of squares of an ARMA model, as R's `ARIMA_CSS` (R's src/library/stats/src/arima.c) computes
 * it for `arima(method = "CSS")` and for the starting values of `method = "CSS-ML"`.
 */

/**
 * Residuals e_t = w_t - Σ phi_i w_{t-i} - Σ theta_j e_{t-j} for t >= ncond (earlier residuals are 0 and MA
 * terms reach back no further than ncond), and their sum of squares. `w` is the differenced series.
 *
 * @example
 * armaCss(Float64Array.of(1, 2, 3), Float64Array.of(0.5), new Float64Array(0), 1).ssq // 1.5^2 + 2^2 = 6.25
 */
export function armaCss(
  w: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
  ncond: number,
  residuals?: Float64Array,
): { ssq: number; nu: number } {
  const n = w.length;
  const p = phi.length;
  const q = theta.length;
  const e = residuals ?? new Float64Array(n);
  let ssq = 0;
  let nu = 0;
  for (let t = 0; t < Math.min(ncond, n); t++) e[t] = 0;
  for (let t = ncond; t < n; t++) {
    let s = w[t];
    for (let j = 0; j < p; j++) s -= phi[j] * w[t - j - 1];
    const back = Math.min(t - ncond, q);
    for (let j = 0; j < back; j++) s -= theta[j] * e[t - j - 1];
    e[t] = s;
    ssq += s * s;
    nu++;
  }
  return { ssq, nu };
}
