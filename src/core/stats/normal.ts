/**
 * Standard normal distribution: density, distribution function and quantile function, accurate to about
 * 1e-13 relative in the body and the tails (R's dnorm / pnorm / qnorm with mean 0, sd 1).
 */
import { ForesightError } from '../errors.js';

const SQRT2PI = Math.sqrt(2 * Math.PI);

/**
 * Standard normal density.
 *
 * @example
 * normalDensity(0) // 0.3989422804014327
 */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT2PI;
}

/**
 * Complementary error function erfc(x) = 1 - erf(x). For |x| < 2.5 the positive-term series
 * erf(x) = (2/sqrt(pi)) e^{-x^2} sum 2^n x^{2n+1} / (1*3*...*(2n+1)) (no cancellation); beyond, the continued
 * fraction of erfc evaluated by the modified Lentz method.
 *
 * @example
 * erfc(1) // 0.15729920705028513
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    let term = x;
    let sum = x;
    const x2 = 2 * x * x;
    for (let n = 1; n < 200; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/**
 * Standard normal distribution function P(Z <= x).
 *
 * @example
 * normalCdf(1.959963984540054) // 0.975 (to 1e-15)
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Standard normal quantile: the x with P(Z <= x) = p. Starts from the Abramowitz & Stegun 26.2.23 rational
 * approximation and polishes with Halley steps on `normalCdf`.
 * Throws ForesightError('invalid_argument') for p outside [0, 1]; returns -Infinity / Infinity at 0 / 1.
 *
 * @example
 * normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1))
    throw new ForesightError('invalid_argument', `normalQuantile: p = ${p} is not in [0, 1]`, { value: String(p) });
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  let x =
    t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  x = p < 0.5 ? -x : x;
  for (let i = 0; i < 4; i++) {
    // F(x) - p, computed on the smaller tail for accuracy
    const e = x < 0 ? normalCdf(x) - p : 1 - p - normalCdf(-x);
    const u = e * SQRT2PI * Math.exp(0.5 * x * x);
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
