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
// the analyst's questions: event probabilities, their scores, reliability horizons, scenarios, warnings
export { parseEvent, parseEventsCsv, eventOccurs, eventStatistic, eventHorizon, type ForecastEvent, type EventStatistic, type EventRow, type Threshold } from './evaluate/events.js';
export { eventProbability, samplePaths, type EventProbability } from './evaluate/event-probability.js';
export { seriesEventProbabilities, datasetEventProbabilities, DEFAULT_PATHS, type ProbabilityRequest, type SeriesProbabilities, type DatasetProbabilityRow, type DatasetProbabilityOptions } from './evaluate/probabilities.js';
export { brierScore, logScore, reliabilityTable, scoreProbabilities, worstDecileGap, type ProbabilityCase, type ProbabilityScores, type ReliabilityBin } from './evaluate/brier.js';
export { reliabilityHorizon, RELIABILITY_EXPLANATION, type ReliabilityHorizon, type StepSkill, type ReliabilityOptions } from './evaluate/reliability-horizon.js';
export type { BacktestForecast, EventScore, SeriesBacktest } from './evaluate/backtest.js';
export { datasetReliability, type DatasetReliability, type ModelReliability } from './pipeline/reliability.js';
export { scenarioForecasts, forecastScenariosFile, pathForecast, type ScenarioForecast, type ScenarioOptions } from './pipeline/scenarios.js';
export { checkDriverModels, usesDrivers } from './pipeline/drivers.js';
export { runWarnings, batchWarnings, type ForecastWarning } from './pipeline/warnings.js';
