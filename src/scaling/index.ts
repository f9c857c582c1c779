/**
 * `foresight/scaling`: scaling economics as a library, what `foresight scaling` calls: fitting the Chinchilla law
 * and the compute-frontier forms (and the saved-fit file), the questions asked of a fit, cluster utilisation,
 * cost and the frontier-compute trend. Re-exports only.
 */
export {
  fitScalingLaws,
  fitScalingRuns,
  readScalingFit,
  SCALING_FORMS,
  type ScalingFitFile,
  type ScalingFitOptions,
  type ScalingRunsFitOptions,
  type ScalingForm,
} from './fit-file.js';
export { loadRuns, loadNotableModels, loadHardwarePrices } from './load.js';
export {
  fitChinchilla,
  bootstrapChinchilla,
  chinchillaLoss,
  computeOptimal,
  HOFFMANN_GRID,
  SMALL_GRID,
  type ChinchillaFit,
  type ChinchillaParams,
} from './chinchilla.js';
export {
  computeFrontier,
  fitPowerLaw,
  fitLogLaw,
  powerLawLoss,
  logLawLoss,
  type LogLawParams,
  type PowerLawParams,
} from './compute-forms.js';
export { compareComputeForms, chinchillaHeldOut } from './compare.js';
export { computeMultiplier, optimalAllocation, parametersMultiplier, spendKnee, spendMultiplier } from './questions.js';
export {
  clusterKnee,
  fitUtilisation,
  ringAllReduceCurve,
  throughputKnee,
  utilisation,
  DEFAULT_CLUSTER_CURVE,
  type UtilisationCurve,
} from './cluster.js';
export { computeForSpend, costKnee, hardwarePreset, trainingCost, HARDWARE, type Hardware } from './cost.js';
export { frontierSeries, frontierTrend, type FrontierSeries, type TrendForecast } from './trend.js';
export type { Estimate } from './bootstrap.js';
