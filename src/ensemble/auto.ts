/**
 * `auto`, the default model: intermittent demand (the `isIntermittent` rule: non-negative, average
 * inter-demand interval of at least 1.32) goes to Croston–SBA; every other series to the default `ensemble`.
 * The path taken is recorded in the fit's details.
 */
import type { Rng } from '../core/random.js';
import { isIntermittent } from '../models/intermittent/demand.js';
import { intervalPaths } from '../models/interval-paths.js';
import { resolveModel } from '../models/registry.js';
import type { Fit, Forecast, FutureData, ModelDefinition, ModelSpec, SeriesData } from '../models/types.js';
import { ENSEMBLE_MODEL, type EnsembleFit, type EnsembleSpec } from './ensemble.js';

/** Spec of `auto`. */
export interface AutoSpec extends ModelSpec {
  ensemble: EnsembleSpec;
  intermittent: string;
}

/** What an `auto` `Fit.state` holds: the path taken and the fit made on it. */
export type AutoState = { path: 'ensemble'; fit: EnsembleFit } | { path: 'intermittent'; fit: Fit };

/** A fitted `auto` model. */
export type AutoFit = Fit<AutoState>;

export const AUTO_MODEL: ModelDefinition<AutoSpec, AutoFit> = {
  name: 'auto',
  description: 'Default: the ensemble for regular series, Croston-SBA for intermittent demand (mostly zeros).',
  parse(option) {
    return { ensemble: ENSEMBLE_MODEL.parse(option), intermittent: 'croston:sba' };
  },
  minLength: (spec, m) =>
    Math.min(ENSEMBLE_MODEL.minLength(spec.ensemble, m), resolveModel(spec.intermittent).definition.minLength({}, m)),
  fit(series: SeriesData, spec: AutoSpec): AutoFit {
    const intermittent = isIntermittent(series.y);
    let state: AutoState;
    if (intermittent) {
      const r = resolveModel(spec.intermittent);
      state = { path: 'intermittent', fit: r.definition.fit(series, r.spec) };
    } else {
      state = { path: 'ensemble', fit: ENSEMBLE_MODEL.fit(series, spec.ensemble) };
    }
    const fit = state.fit;
    return {
      ...fit,
      model: 'auto',
      spec,
      state,
      details: { ...(fit.details ?? {}), path: state.path, chosen: fit.model },
    };
  },
  forecast(fit: AutoFit, horizon: number, levels: readonly number[], future?: FutureData): Forecast {
    const state = fit.state;
    if (state.path === 'ensemble') return ENSEMBLE_MODEL.forecast(state.fit, horizon, levels, future);
    return resolveModel(state.fit.model).definition.forecast(state.fit, horizon, levels, future);
  },
  simulate(fit: AutoFit, horizon: number, count: number, rng: Rng, future?: FutureData): Float64Array[] {
    const state = fit.state;
    if (state.path === 'ensemble') return ENSEMBLE_MODEL.simulate!(state.fit, horizon, count, rng, future);
    const definition = resolveModel(state.fit.model).definition;
    // the intermittent models have no simulator: the paths the same model gets when asked for by name
    if (!definition.simulate)
      return intervalPaths(definition.forecast(state.fit, horizon, [95], future), horizon, count, rng);
    return definition.simulate(state.fit, horizon, count, rng, future);
  },
};
