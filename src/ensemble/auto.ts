/**
 * `auto`, the default model: intermittent demand (the `isIntermittent` rule: non-negative, average
 * inter-demand interval of at least 1.32) goes to Croston–SBA; every other series to the default `ensemble`.
 * The path taken is recorded in the fit's details.
 */
import { ForesightError } from '../core/errors.js';
import type { Rng } from '../core/random.js';
import { isIntermittent } from '../models/intermittent/demand.js';
import { resolveModel } from '../models/registry.js';
import type { Fit, Forecast, FutureData, JsonValue, ModelDefinition, ModelSpec, SeriesData } from '../models/types.js';
import { ENSEMBLE_MODEL, type EnsembleSpec } from './ensemble.js';

/** Spec of `auto`. */
export interface AutoSpec extends ModelSpec {
  ensemble: EnsembleSpec;
  intermittent: string;
}

interface AutoState {
  path: 'ensemble' | 'intermittent';
  fit: Fit;
}

export const AUTO_MODEL: ModelDefinition<AutoSpec> = {
  name: 'auto',
  description: 'Default: the ensemble for regular series, Croston-SBA for intermittent demand (mostly zeros).',
  parse(option) {
    return { ensemble: ENSEMBLE_MODEL.parse(option), intermittent: 'croston:sba' };
  },
  minLength: (spec, m) => Math.min(ENSEMBLE_MODEL.minLength(spec.ensemble, m), resolveModel(spec.intermittent).definition.minLength({}, m)),
  fit(series: SeriesData, spec: AutoSpec): Fit {
    const intermittent = isIntermittent(series.y);
    let fit: Fit;
    if (intermittent) {
      const r = resolveModel(spec.intermittent);
      fit = r.definition.fit(series, r.spec);
    } else {
      fit = ENSEMBLE_MODEL.fit(series, spec.ensemble);
    }
    const state: AutoState = { path: intermittent ? 'intermittent' : 'ensemble', fit };
    return { ...fit, model: 'auto', spec, state: state as unknown as JsonValue, details: { ...(fit.details ?? {}), path: state.path, chosen: fit.model } };
  },
  forecast(fit: Fit, horizon: number, levels: readonly number[], future?: FutureData): Forecast {
    const state = fit.state as unknown as AutoState;
    if (state.path === 'ensemble') return ENSEMBLE_MODEL.forecast(state.fit, horizon, levels, future);
    return resolveModel(state.fit.model).definition.forecast(state.fit, horizon, levels, future);
  },
  simulate(fit: Fit, horizon: number, count: number, rng: Rng, future?: FutureData): Float64Array[] {
    const state = fit.state as unknown as AutoState;
    if (state.path === 'ensemble') return ENSEMBLE_MODEL.simulate!(state.fit, horizon, count, rng, future);
    const definition = resolveModel(state.fit.model).definition;
    if (!definition.simulate) {
      throw new ForesightError('invalid_argument', `auto chose ${state.fit.model} for this intermittent series, which has no sample paths; use --model ensemble for paths`);
    }
    return definition.simulate(state.fit, horizon, count, rng, future);
  },
};
