/**
 * Foresight's public library API: re-exports only.
 */
export { ForesightError, isForesightError, type ForesightErrorCode } from './core/errors.js';
export { createRng, type Rng } from './core/random.js';
export type { Fit, Forecast, FutureData, JsonValue, ModelDefinition, ModelSpec, SeriesData } from './models/types.js';
export { listModels, resolveModel, type ResolvedModel } from './ensemble/registry.js';
export { ENSEMBLE_MODEL, parseEnsemble, type EnsembleSpec } from './ensemble/ensemble.js';
export { combineForecasts, type CombinationRule } from './ensemble/combine.js';
export { simulateEnsemble } from './ensemble/paths.js';
export { calibratedMultiplier, mixtureQuantile, scoreScale, type ScoreScale } from './ensemble/conformal.js';
export { runModel, type ModelRun } from './models/run-model.js';
export { readSeriesCsv, type ReadOptions } from './data/read-csv.js';
export type { Dataset, InvalidSeries, Series } from './data/series.js';
export { forecastDataset, type BatchOptions, type SeriesForecast } from './pipeline/forecast-batch.js';
export { forecastFile, saveForecastCsv, buildReport, type ForecastFileOptions } from './pipeline/run-forecast.js';
export { evaluateFiles, type EvaluateOptions, type EvaluateResult } from './evaluate/evaluate.js';
export { backtestDataset, type BacktestOptions, type BacktestResult } from './evaluate/backtest.js';
export type { AccuracySummary } from './evaluate/accuracy.js';
export { mae } from './evaluate/metrics/mae.js';
export { rmse } from './evaluate/metrics/rmse.js';
export { smape } from './evaluate/metrics/smape.js';
export { mase, maseScale } from './evaluate/metrics/mase.js';
export { owa } from './evaluate/metrics/owa.js';
export { coverage, pinball, intervalPinball } from './evaluate/metrics/interval-scores.js';
export { fitEts, forecastEts, etsReport, type EtsOptions } from './models/ets/ets.js';
export { autoEts, autoEtsForecast, type AutoEtsOptions } from './select/auto-ets.js';
export { simulateEts } from './models/ets/simulate.js';
export { buildHierarchy, structureFromParents, parseHierarchySpec, inferHierarchySpec, summingMultiply, coherenceError, type Hierarchy, type HierarchyLevel, type HierarchySpec, type ParentLink } from './reconcile/structure.js';
export { reconcile, parseReconcileMethod, methodWeights, RECONCILE_METHODS, type ReconcileMethod, type ReconcileOptions, type ReconcileResult } from './reconcile/reconcile.js';
export { identityWeights, structuralWeights, varianceWeights, sampleCovariance, shrinkageCovariance, shrinkageIntensity, type WeightMatrix, type ResidualMatrix } from './reconcile/covariance.js';
export { projectCoherent, type ProjectionOptions } from './reconcile/projection.js';
export { reconcilePaths, applyEmpiricalCopula, type PathOptions } from './reconcile/sample-paths.js';
export { readGroupedCsv, parseGroupedTime, type GroupedData, type GroupedInputOptions } from './pipeline/grouped-input.js';
export { forecastHierarchy, forecastHierarchyFile, hierarchyReport, saveHierarchyCsv, type HierarchyForecast, type HierarchyOptions, type HierarchyFileOptions, type LevelAccuracy } from './pipeline/hierarchy.js';
