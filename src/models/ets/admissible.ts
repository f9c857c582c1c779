/**
 * Parameter regions of ETS models as R forecast's `ets` enforces them: the "usual" bounds (0 < β <= α < 1,
 * γ <= 1 - α, φ in [0.8, 0.98] by default) and the "admissible" (forecastability) region of Hyndman, Akram &
 * Archibald (2008), "The admissible parameter space for exponential smoothing models", AISM 60(2).
 */

/** Which smoothing parameters are free (optimized) or fixed by the caller; R's optX / givenX flags. */
export interface ParameterFlags {
  optAlpha: boolean;
  optBeta: boolean;
  optGamma: boolean;
  optPhi: boolean;
  givenBeta: boolean;
  givenGamma: boolean;
}

/** Sizes beyond which the Schur–Cohn recursion rescales its coefficients (see {@link rootsInUnitDisk}). */
const RESCALE_ABOVE = 2 ** 200;
const RESCALE_BELOW = 2 ** -200;

/**
 * True when every root of the polynomial Σ a_k z^k (coefficients lowest degree first, a_n != 0) has modulus
 * at most 1 + 1e-10 (R's test on `polyroot`), decided without root finding by the Schur–Cohn recursion on the
 * polynomial rescaled by z -> (1 + 1e-10) z. `scratch` must hold 2·coefficients.length numbers.
 *
 * @example
 * rootsInUnitDisk(Float64Array.of(0.25, 0, 1), new Float64Array(6)) // true: roots ±0.5i
 * rootsInUnitDisk(Float64Array.of(-4, 0, 1), new Float64Array(6)) // false: roots ±2
 */
export function rootsInUnitDisk(coefficients: ArrayLike<number>, scratch: Float64Array): boolean {
  return schurCohn(coefficients, 0, coefficients.length, scratch, 0);
}

/**
 * {@link rootsInUnitDisk} on coefficients[from .. from + count) with the two rows of the recursion at
 * work[at ..], addressed by offsets rather than subarray views so that the ETS objective, which runs this on
 * every evaluation, allocates nothing.
 */
function schurCohn(
  coefficients: ArrayLike<number>,
  from: number,
  count: number,
  work: Float64Array,
  at: number,
): boolean {
  let n = count - 1;
  const scale = 1 + 1e-10;
  let a = at;
  let b = at + n + 1;
  let power = 1;
  for (let k = 0; k <= n; k++) {
    work[a + k] = coefficients[from + k] * power;
    power *= scale;
  }
  while (n > 0) {
    const an = work[a + n];
    const a0 = work[a];
    if (!(Math.abs(a0) < Math.abs(an))) return false;
    // By Rouché, (a_n p(z) - a_0 p*(z)) / z has all its roots inside the disk iff p has
    let top = 0;
    for (let k = 0; k < n; k++) {
      const v = an * work[a + k + 1] - a0 * work[a + n - k - 1];
      work[b + k] = v;
      const size = Math.abs(v);
      if (size > top) top = size;
    }
    n--;
    // Rescale so that repeated products (each level squares the magnitudes) cannot overflow or underflow: by an
    // exact power of two, and only when the size has left [2^-200, 2^200], so that no level rounds or divides.
    // The test is invariant to the scale. The factor is built from exact powers of two (no pow or log2: this
    // runs on every evaluation of the ETS objective) and brings the size into [1, 2^200].
    if (top > 0 && (top > RESCALE_ABOVE || top < RESCALE_BELOW)) {
      let factor = 1;
      while (top > RESCALE_ABOVE) {
        top *= RESCALE_BELOW;
        factor *= RESCALE_BELOW;
      }
      while (top < 1) {
        top *= RESCALE_ABOVE;
        factor *= RESCALE_ABOVE;
      }
      for (let k = 0; k <= n; k++) work[b + k] *= factor;
    }
    const t = a;
    a = b;
    b = t;
  }
  return true;
}

/**
 * R's `admissible` check of the forecastability region for (α, β, γ, φ) with season length m, using the
 * flags to know which parameters are in the model (as forecast's C++ target function does).
 * `scratch` must hold 3m + 6 numbers.
 *
 * @example
 * isAdmissible(0.5, 0, 0, 1, 1, { optAlpha: true, optBeta: false, optGamma: false, optPhi: false, givenBeta: false, givenGamma: false }, new Float64Array(9)) // true
 */
export function isAdmissible(
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  m: number,
  flags: ParameterFlags,
  scratch: Float64Array,
): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!flags.optGamma && !flags.givenGamma) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (flags.optBeta || flags.givenBeta) {
      if (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha)) return false;
    }
    return true;
  }
  if (m <= 1) return true;
  const b = flags.optBeta || flags.givenBeta ? beta : 0;
  const d = 1 - 1 / phi - alpha;
  if (gamma < (d > 0 ? d : 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (b < -(1 - phi) * (gamma / m + alpha)) return false;
  // characteristic polynomial, lowest degree first (R's P)
  scratch[0] = phi * (1 - alpha - gamma);
  scratch[1] = alpha + b - alpha * phi + gamma - 1;
  for (let k = 2; k < m; k++) scratch[k] = alpha + b - alpha * phi;
  scratch[m] = alpha + b - phi;
  scratch[m + 1] = 1;
  if (b === 0 && phi === 1) {
    // Without trend (or with β = 0) and without damping, P(1) = mα(1-φ) + mβ + γ(1-φ) is exactly 0: the unit root
    // is structural, so the tolerance 1e-10 only decides against rounding. R decides it on the rounding noise of
    // `polyroot` (which for small α and γ, roots clustered at 1, reaches 1e-10 either way); the recursion loses
    // as many digits there. Divide the root out exactly (synthetic division from the top, stable for the
    // largest root) and test the quotient: the answer R's test means, and R's on every case it resolves.
    for (let k = m; k >= 1; k--) scratch[k] += scratch[k + 1];
    return schurCohn(scratch, 1, m + 1, scratch, m + 2);
  }
  return schurCohn(scratch, 0, m + 2, scratch, m + 2);
}

/** Lower and upper bounds for (α, β, γ, φ), R's `lower` / `upper` vectors. */
export interface Bounds {
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * R's "usual" bounds check for the free parameters: α in [l1, u1], β in [l2, min(α, u2)], γ in [l3, min(1-α, u3)],
 * φ in [l4, u4].
 *
 * @example
 * withinUsualBounds(0.5, 0.6, 0, 1, { lower: Float64Array.of(1e-4, 1e-4, 1e-4, 0.8), upper: Float64Array.of(0.9999, 0.9999, 0.9999, 0.98) },
 *   { optAlpha: true, optBeta: true, optGamma: false, optPhi: false, givenBeta: false, givenGamma: false }) // false: β > α
 */
export function withinUsualBounds(
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  bounds: Bounds,
  flags: ParameterFlags,
): boolean {
  const { lower, upper } = bounds;
  if (flags.optAlpha && (alpha < lower[0] || alpha > upper[0])) return false;
  if (flags.optBeta && (beta < lower[1] || beta > alpha || beta > upper[1])) return false;
  if (flags.optPhi && (phi < lower[3] || phi > upper[3])) return false;
  if (flags.optGamma && (gamma < lower[2] || gamma > 1 - alpha || gamma > upper[2])) return false;
  return true;
}
