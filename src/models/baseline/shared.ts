/**
 * Pieces shared by the baseline models: option checking and the fit record of a model without likelihood.
 */
import { ForesightError } from '../../core/errors.js';
import type { Fit, ModelSpec } from '../types.js';

/** Rejects an option for models that take none (`naive:3` is a mistake, not a variant). */
export function noOption(model: string, option: string | undefined): ModelSpec {
  if (option !== undefined && option !== '') {
    throw new ForesightError('invalid_argument', `model "${model}" takes no option, but got "${model}:${option}"`, {
      value: option,
    });
  }
  return {};
}

/** Throws ForesightError('too_short') when y has fewer than `needed` observations. */
export function requireLength(model: string, y: ArrayLike<number>, needed: number): void {
  if (y.length < needed) {
    throw new ForesightError(
      'too_short',
      `${model} needs at least ${needed} observations but the series has ${y.length}`,
    );
  }
}

/**
 * Builds the plain-data Fit of a model without a likelihood of its own (closed-form rules, combinations):
 * residuals are y - fitted, the information criteria are null.
 */
export function closedFormFit<State>(
  model: string,
  y: ArrayLike<number>,
  fitted: Float64Array,
  sigma2: number,
  params: Record<string, number>,
  state: State,
  spec: ModelSpec = {},
): Fit<State> {
  const residuals = new Array<number>(y.length);
  for (let t = 0; t < y.length; t++) residuals[t] = y[t] - fitted[t];
  return {
    model,
    spec,
    nobs: y.length,
    params,
    state,
    fitted: Array.from(fitted),
    residuals,
    sigma2,
    loglik: null,
    aic: null,
    aicc: null,
    bic: null,
  };
}

/** Mean of the squares of the finite values (NaN when there are none). */
export function meanSquare(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      sum += v * v;
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}
