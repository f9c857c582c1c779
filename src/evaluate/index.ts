/**
 * `foresight/evaluate`: the accuracy metrics one by one (M4 definitions), the accuracy summary, and the
 * file-level evaluation and backtest of the main entry. Re-exports only.
 */
export { mae } from './metrics/mae.js';
export { rmse } from './metrics/rmse.js';
export { smape } from './metrics/smape.js';
export { mase, maseScale } from './metrics/mase.js';
export { owa } from './metrics/owa.js';
export { coverage, pinball, intervalPinball } from './metrics/interval-scores.js';
export type { AccuracySummary } from './accuracy.js';
export { evaluateFiles, type EvaluateOptions, type EvaluateResult } from './evaluate.js';
export { backtestDataset, type BacktestOptions, type BacktestResult } from './backtest.js';
