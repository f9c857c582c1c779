/**
 * The model families that do not wrap another registry model: everything in the registry but MSTL (which fits
 * one of these to its seasonally adjusted series). Kept apart from registry.ts so that MSTL can resolve its
 * trend model among them without importing the registry that lists MSTL itself.
 */
import type { ModelDefinition } from './types.js';
import { BASELINE_MODELS } from './baseline/index.js';
import { ETS_MODEL } from './ets/definition.js';
import { ARIMA_MODEL } from './arima/definition.js';
import { THETA } from './theta/theta.js';
import { INTERMITTENT_MODELS } from './intermittent/index.js';

/** Baselines, ETS, ARIMA, Theta, then the intermittent-demand models. */
export const SINGLE_FAMILIES: readonly ModelDefinition[] = [
  ...BASELINE_MODELS,
  ETS_MODEL,
  ARIMA_MODEL,
  THETA,
  ...INTERMITTENT_MODELS,
];
