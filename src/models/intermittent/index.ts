/**
 * The intermittent-demand family: `croston`, `croston:sba`, `tsb`, `adida`, `imapa`, and the rule
 * `isIntermittent` the `auto` path uses to pick them.
 */
import type { ModelDefinition } from '../types.js';
import { ADIDA, IMAPA } from './aggregation.js';
import { CROSTON } from './croston.js';
import { TSB } from './tsb.js';

export { ADIDA, IMAPA, aggregateForecast, aggregationLevel, fitAdida, fitImapa } from './aggregation.js';
export { CROSTON, fitCroston } from './croston.js';
export type { CrostonSpec } from './croston.js';
export { TSB, fitTsb } from './tsb.js';
export type { TsbSpec } from './tsb.js';
export {
  averageDemandInterval,
  classifyDemand,
  demandHistory,
  isIntermittent,
  ADI_CUTOFF,
  CV2_CUTOFF,
} from './demand.js';
export type { DemandClass, DemandHistory } from './demand.js';

/** The family's registry definitions. */
export const INTERMITTENT_MODELS: readonly ModelDefinition[] = [CROSTON, TSB, ADIDA, IMAPA];
