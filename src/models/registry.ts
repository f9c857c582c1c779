/**
 * The model registry: one place that maps a registry name (`naive`, `ets:AAdM`, `arima:1,1,1`, `theta:otm`)
 * to a model definition and a spec. The CLI, the pipeline and the conformance suite all go through it.
 */
import { ForesightError } from '../core/errors.js';
import type { ModelDefinition, ModelSpec } from './types.js';
import { BASELINE_MODELS } from './baseline/index.js';
import { ETS_MODEL } from './ets/definition.js';
import { ARIMA_MODEL } from './arima/definition.js';
import { THETA } from './theta/theta.js';
import { MSTL } from './mstl/mstl.js';
import { INTERMITTENT_MODELS } from './intermittent/index.js';

/** Every model family, in the order `foresight models` lists them. Families add their definition here. */
const DEFINITIONS: readonly ModelDefinition[] = [
  ...BASELINE_MODELS,
  ETS_MODEL,
  ARIMA_MODEL,
  THETA,
  MSTL,
  ...INTERMITTENT_MODELS,
];

const BY_NAME = new Map<string, ModelDefinition>(DEFINITIONS.map((d) => [d.name, d]));

/** A registry name resolved to its definition and spec. */
export interface ResolvedModel {
  /** The name as given, e.g. `ets:AAdM`. */
  name: string;
  definition: ModelDefinition;
  spec: ModelSpec;
}

/**
 * Resolves a registry name. The part before the first `:` names the family; the rest is the family's option.
 * Throws ForesightError('unknown_model') naming the known families.
 *
 * @example
 * resolveModel('naive').definition.name // 'naive'
 */
export function resolveModel(name: string): ResolvedModel {
  const trimmed = name.trim();
  const colon = trimmed.indexOf(':');
  const base = colon < 0 ? trimmed : trimmed.slice(0, colon);
  const option = colon < 0 ? undefined : trimmed.slice(colon + 1);
  const definition = BY_NAME.get(base);
  if (!definition) {
    throw new ForesightError(
      'unknown_model',
      `unknown model "${trimmed}"; known models: ${[...BY_NAME.keys()].join(', ')}`,
      { value: trimmed },
    );
  }
  return { name: trimmed, definition, spec: definition.parse(option) };
}

/** All registered model families. */
export function listModels(): readonly ModelDefinition[] {
  return DEFINITIONS;
}
