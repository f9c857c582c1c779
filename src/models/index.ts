/**
 * `foresight/models`: the model families for direct use (fit, forecast and simulate of one family, with its own
 * options), and STL. Re-exports only; the registry in the main entry reaches the same models by name.
 */
export type { Fit, Forecast, FutureData, ModelDefinition, ModelSpec, SeriesData } from './types.js';
export { NAIVE, SEASONAL_NAIVE } from './baseline/naive.js';
export { BASELINE_MODELS, NAIVE2 } from './baseline/index.js';
export { ETS_MODEL, fitEtsSeries, parseEtsOption, type EtsSpec } from './ets/definition.js';
export { fitEts, forecastEts, etsReport, type EtsFit, type EtsOptions, type EtsState } from './ets/ets.js';
export { simulateEts } from './ets/simulate.js';
export { ARIMA_MODEL, fitArimaSeries, parseArimaOption, type ArimaFit, type ArimaSpec } from './arima/definition.js';
export { autoArima, type AutoArimaOptions, type AutoArimaResult } from './arima/auto.js';
export { estimateArima, type ArimaEstimate, type ArimaEstimateOptions, type ArimaOrder } from './arima/estimate.js';
export { predictArima, simulateArima } from './arima/predict.js';
export {
  THETA,
  fitTheta,
  forecastTheta,
  simulateTheta,
  type ThetaFit,
  type ThetaSpec,
  type ThetaVariant,
} from './theta/theta.js';
export {
  MSTL,
  fitMstl,
  forecastMstl,
  parseMstlOption,
  simulateMstl,
  type MstlFit,
  type MstlSpec,
} from './mstl/mstl.js';
export { mstlDecompose, type MstlDecomposition, type MstlOptions } from './mstl/decompose.js';
export {
  INTERMITTENT_MODELS,
  CROSTON,
  TSB,
  ADIDA,
  IMAPA,
  fitCroston,
  fitTsb,
  fitAdida,
  fitImapa,
  isIntermittent,
  classifyDemand,
} from './intermittent/index.js';
export { stl, type StlOptions, type StlResult } from '../core/stats/stl.js';
