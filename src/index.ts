/**
 * Foresight's public library API (`import ... from 'foresight'`): re-exports only. What most users need: the
 * error type, the model contract and the full registry (every model by name, fusion included), one series
 * through one model, reading long CSV, batch forecasting, evaluation and backtests, automatic ETS.
 * The families, metrics, scaling economics and chart specs have subpaths of their own: `foresight/models`,
 * `foresight/evaluate`, `foresight/scaling`, `foresight/charts` (see package.json `exports`).
 */
export { ForesightError, isForesightError, type ForesightErrorCode } from './core/errors.js';
export { createRng, type Rng } from './core/random.js';
export type { Fit, Forecast, FutureData, JsonValue, ModelDefinition, ModelSpec, SeriesData } from './models/types.js';
export { listModels, resolveModel, splitModelList, type ResolvedModel } from './ensemble/registry.js';
export { runModel, type ModelRun } from './models/run-model.js';
export { readSeriesCsv, type ReadOptions } from './data/read-csv.js';
export { readSeriesChunks, type ChunkReadOptions, type DatasetChunk } from './data/read-chunks.js';
export type { Dataset, InvalidSeries, Series } from './data/series.js';
export { forecastDataset, type BatchOptions, type SeriesForecast } from './pipeline/forecast-batch.js';
export {
  forecastFile,
  forecastFileChunks,
  saveForecastCsv,
  buildReport,
  type ChunkedForecastOptions,
  type ForecastFileOptions,
} from './pipeline/run-forecast.js';
export { forecastFileToFiles, type ForecastRunSummary } from './pipeline/forecast-to-files.js';
export { evaluateFiles, type EvaluateOptions, type EvaluateResult } from './evaluate/evaluate.js';
export { backtestDataset, type BacktestOptions, type BacktestResult } from './evaluate/backtest.js';
export type { AccuracySummary } from './evaluate/accuracy.js';
export { autoEts, autoEtsForecast, type AutoEtsOptions, type AutoEtsResult } from './select/auto-ets.js';
export { buildHierarchy, type Hierarchy, type HierarchySpec } from './reconcile/structure.js';
export {
  reconcile,
  RECONCILE_METHODS,
  type ReconcileMethod,
  type ReconcileOptions,
  type ReconcileResult,
} from './reconcile/reconcile.js';
export {
  forecastHierarchy,
  forecastHierarchyFile,
  type HierarchyForecast,
  type HierarchyOptions,
  type HierarchyFileOptions,
} from './pipeline/hierarchy.js';
// the analyst's questions: event probabilities, their scores, reliability horizons, scenarios, warnings
export { parseEvent, parseEventsCsv, type ForecastEvent } from './evaluate/events.js';
export {
  seriesEventProbabilities,
  datasetEventProbabilities,
  type ProbabilityRequest,
  type SeriesProbabilities,
} from './evaluate/probabilities.js';
export { scoreProbabilities, type ProbabilityScores } from './evaluate/brier.js';
export { reliabilityHorizon, type ReliabilityHorizon } from './evaluate/reliability-horizon.js';
export { datasetReliability, type DatasetReliability } from './pipeline/reliability.js';
export {
  scenarioForecasts,
  forecastScenariosFile,
  type ScenarioForecast,
  type ScenarioOptions,
} from './pipeline/scenarios.js';
export { runWarnings, batchWarnings, type ForecastWarning } from './pipeline/warnings.js';
// charts and reports: the Vega-Lite builders are in `foresight/charts`; here the Node side (SVG rendering, the
// adapters from batch results, the HTML reports)
export { renderSvg } from './charts/render-svg.js';
export { fanChartInput, scenarioChartInput, skillChartInputs, seriesWeights } from './charts/from-results.js';
export { eventChartInput } from './charts/event-input.js';
export {
  forecastReport,
  forecastReportHtml,
  writeForecastReport,
  type ForecastReport,
  type ForecastReportOptions,
} from './charts/forecast-report.js';
export {
  scalingReport,
  scalingReportHtml,
  writeScalingReport,
  type ScalingReport,
  type ScalingReportOptions,
} from './charts/scaling-report.js';
