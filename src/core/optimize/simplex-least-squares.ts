/**
 * Least squares on the probability simplex: minimize ||E w||^2 over w >= 0, sum w = 1, where the columns of E
 * are the members' validation errors. This is the small quadratic program of optimal forecast combination
 * (Bates & Granger 1969 without the unbiasedness-only constraint; Timmermann 2006, section 2), solved by
 * projected gradient descent with the Euclidean projection onto the simplex (Duchi et al. 2008) and the step
 * 1 / trace(E'E), safe because the trace bounds the largest eigenvalue. Pure and deterministic.
 */
import { ForesightError } from '../errors.js';

/**
 * Euclidean projection of v onto the probability simplex (in place), Duchi et al. (2008), O(k log k).
 *
 * @example
 * projectToSimplex(Float64Array.of(0.6, 0.6)) // Float64Array [0.5, 0.5]
 */
export function projectToSimplex(v: Float64Array): Float64Array {
  const k = v.length;
  const sorted = Float64Array.from(v).sort().reverse();
  let cumulative = 0;
  let theta = 0;
  for (let i = 0; i < k; i++) {
    cumulative += sorted[i];
    const t = (cumulative - 1) / (i + 1);
    if (sorted[i] - t > 0) theta = t;
  }
  for (let i = 0; i < k; i++) v[i] = Math.max(0, v[i] - theta);
  return v;
}

/**
 * Weights on the simplex minimizing the sum of squared combined errors. `errors[j]` holds member j's errors
 * over the same validation points (NaN points are skipped for every member). Throws
 * ForesightError('invalid_argument') when there are no members or the error vectors differ in length.
 *
 * @example
 * // member 0 errs by +1 and member 1 by -1 at every point: equal weights cancel the errors
 * simplexLeastSquares([Float64Array.of(1, 1), Float64Array.of(-1, -1)]) // Float64Array [0.5, 0.5]
 */
export function simplexLeastSquares(
  errors: readonly Float64Array[],
  maxIterations = 500,
  tolerance = 1e-10,
): Float64Array {
  const k = errors.length;
  if (k === 0) throw new ForesightError('invalid_argument', 'simplexLeastSquares: no members');
  const n = errors[0].length;
  if (errors.some((e) => e.length !== n))
    throw new ForesightError('invalid_argument', 'simplexLeastSquares: error vectors differ in length');
  // Q = E'E over the points where every member has a finite error
  const Q = new Float64Array(k * k);
  for (let t = 0; t < n; t++) {
    let ok = true;
    for (let j = 0; j < k && ok; j++) ok = Number.isFinite(errors[j][t]);
    if (!ok) continue;
    for (let i = 0; i < k; i++) for (let j = i; j < k; j++) Q[i * k + j] += errors[i][t] * errors[j][t];
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) Q[i * k + j] = Q[j * k + i];
  // the trace bounds the largest eigenvalue of the positive semi-definite Q: a safe step of 1 / trace
  let trace = 0;
  for (let i = 0; i < k; i++) trace += Q[i * k + i];
  const w = new Float64Array(k).fill(1 / k);
  if (!(trace > 0)) return w;
  const step = 1 / trace;
  const gradient = new Float64Array(k);
  const previous = new Float64Array(k);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    previous.set(w);
    for (let i = 0; i < k; i++) {
      let g = 0;
      for (let j = 0; j < k; j++) g += Q[i * k + j] * w[j];
      gradient[i] = g;
    }
    for (let i = 0; i < k; i++) w[i] -= step * gradient[i];
    projectToSimplex(w);
    let change = 0;
    for (let i = 0; i < k; i++) change = Math.max(change, Math.abs(w[i] - previous[i]));
    if (change < tolerance) break;
  }
  return w;
}
