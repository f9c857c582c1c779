/**
 * The model registry: one place that maps a registry name (`naive`, `ets:AAdM`, `arima:1,1,1`, `theta:otm`)
 * to a model definition and a spec. The CLI, the pipeline and the conformance suite all go through it.
 */
import type { ModelDefinition } from './types.js';
import { BASELINE_MODELS } from './baseline/index.js';
import { ETS_MODEL } from './ets/definition.js';
import { ARIMA_MODEL } from './arima/definition.js';
import { THETA } from './theta/theta.js';
import { MSTL } from './mstl/mstl.js';
import { INTERMITTENT_MODELS } from './intermittent/index.js';
import { resolveAmong, type ResolvedModel } from './model-name.js';

export type { ResolvedModel } from './model-name.js';

/** Every model family, in the order `foresight models` lists them. Families add their definition here. */
const DEFINITIONS: readonly ModelDefinition[] = [
  ...BASELINE_MODELS,
  ETS_MODEL,
  ARIMA_MODEL,
  THETA,
  MSTL,
  ...INTERMITTENT_MODELS,
];

/**
 * Resolves a registry name. The part before the first `:` names the family; the rest is the family's option.
 * Throws ForesightError('unknown_model') naming the known families.
 *
 * @example
 * resolveModel('naive').definition.name // 'naive'
 */
export function resolveModel(name: string): ResolvedModel {
  return resolveAmong(DEFINITIONS, name);
}

/** All registered model families. */
export function listModels(): readonly ModelDefinition[] {
  return DEFINITIONS;
}
