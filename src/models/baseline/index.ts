/** The baseline models of the foundation, in the order `foresight models` lists them. */
import type { ModelDefinition } from '../types.js';
import { seasonallyAdjusted } from '../seasonal-adjustment.js';
import { NAIVE, SEASONAL_NAIVE, fitLagWalk, forecastLagWalk } from './naive.js';
import { MEAN } from './mean.js';
import { DRIFT } from './drift.js';
import { SMOOTHING_MODELS } from './smoothing.js';

/** `naive2`: the M4 benchmark Naive 2, the last value of the seasonally adjusted series, re-seasonalized. */
export const NAIVE2 = seasonallyAdjusted(
  'naive2',
  'M4 Naive 2: naive on the seasonally adjusted series (90% ACF test, classical multiplicative decomposition).',
  2,
  (y) => fitLagWalk('naive', y, 1),
  forecastLagWalk,
);

export const BASELINE_MODELS: readonly ModelDefinition[] = [
  NAIVE,
  SEASONAL_NAIVE,
  MEAN,
  DRIFT,
  NAIVE2,
  ...SMOOTHING_MODELS,
];
