/**
 * Sample paths of a fitted ETS model (R forecast's `simulate.ets` with `future = TRUE`).
 */
import { ForesightError } from '../../core/errors.js';
import type { Rng } from '../../core/random.js';
import { kernelModel, type EtsFit } from './ets.js';
import { simulatePath } from './kernel.js';

/**
 * `count` future sample paths of length `horizon` from the end of the fit: innovations drawn N(0, sigma2) from
 * the seeded `rng` (relative innovations clipped at -1 for multiplicative error, as R does), states updated
 * with each simulated value. Paths of a seasonally adjusted fit are multiplied by its seasonal indices.
 * Throws ForesightError('invalid_argument') for a non-ETS fit or non-positive horizon/count.
 *
 * @example
 * simulateEts(fit, 12, 1000, createRng(1)) // 1000 Float64Arrays of length 12
 */
export function simulateEts(fit: EtsFit, horizon: number, count: number, rng: Rng): Float64Array[] {
  if (!(Number.isInteger(horizon) && horizon >= 1))
    throw new ForesightError('invalid_argument', `ETS simulate: horizon ${horizon} is not a positive integer`);
  if (!(Number.isInteger(count) && count >= 1))
    throw new ForesightError('invalid_argument', `ETS simulate: path count ${count} is not a positive integer`);
  const model = kernelModel(fit);
  const state = fit.state;
  const sd = Math.sqrt(Math.max(0, fit.sigma2));
  const innovations = new Float64Array(horizon);
  const ring = new Float64Array(Math.max(1, model.m));
  const future = state.future;
  const paths: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < horizon; i++) innovations[i] = sd * rng.normal();
    const path = simulatePath(model, state.last, innovations, ring, new Float64Array(horizon));
    if (future && future.length > 0) for (let i = 0; i < horizon; i++) path[i] *= future[i % future.length];
    paths.push(path);
  }
  return paths;
}
