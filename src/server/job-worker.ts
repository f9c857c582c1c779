/**
 * Worker-thread side of the server's jobs: the small forecasts answered at once, backtests and scaling fits.
 * Each message names a library function and its arguments; the answer is its result (plain data) or the error
 * with its code. Long forecast runs do not come here: they go to the pipeline's ForecastPool.
 */
import { parentPort } from 'node:worker_threads';
import type { Dataset } from '../data/series.js';
import { backtestDataset, type BacktestOptions } from '../evaluate/backtest.js';
import { datasetEventProbabilities, type DatasetProbabilityOptions } from '../evaluate/probabilities.js';
import { forecastDataset, type BatchOptions } from '../pipeline/forecast-batch.js';
import { datasetReliability, type DatasetReliabilityOptions } from '../pipeline/reliability.js';
import { scenarioForecasts, type ScenarioOptions } from '../pipeline/scenarios.js';
import { eventDistribution, type EventDistributionOptions } from './event-distribution.js';
import { fitScaling, type ScalingFitSpec } from './scaling.js';

/** A job sent to the worker. */
export type JobRequest =
  | { id: number; kind: 'forecast'; data: Dataset; options: Omit<BatchOptions, 'onProgress'> }
  | { id: number; kind: 'backtest'; data: Dataset; options: Omit<BacktestOptions, 'onProgress'> }
  | { id: number; kind: 'probabilities'; data: Dataset; options: Omit<DatasetProbabilityOptions, 'onProgress'> }
  | { id: number; kind: 'scaling-fit'; spec: ScalingFitSpec }
  | { id: number; kind: 'event-distribution'; data: Dataset; options: EventDistributionOptions }
  | { id: number; kind: 'reliability'; data: Dataset; options: Omit<DatasetReliabilityOptions, 'onProgress'> }
  | { id: number; kind: 'scenarios'; data: Dataset; options: ScenarioOptions };

/** The worker's answer. */
export interface JobReply {
  id: number;
  result?: unknown;
  error?: { message: string; code?: string };
}

function run(job: JobRequest): unknown {
  switch (job.kind) {
    case 'forecast':
      // the series themselves are not sent back: the caller has them
      return forecastDataset(job.data, job.options).map((r) => ({ ...r, series: null }));
    case 'backtest':
      return backtestDataset(job.data, job.options);
    case 'probabilities':
      return datasetEventProbabilities(job.data, job.options);
    case 'scaling-fit':
      return fitScaling(job.spec);
    case 'event-distribution':
      return eventDistribution(job.data, job.options);
    case 'scenarios':
      return scenarioForecasts(job.data, job.options).map((s) => ({
        ...s,
        results: s.results.map((r) => ({ ...r, series: null })),
      }));
    case 'reliability':
      // Maps do not cross the thread boundary as plain data: series -> models as arrays
      return [...datasetReliability(job.data, job.options)].map(([id, models]) => ({
        unique_id: id,
        models: [...models.values()],
      }));
  }
}

parentPort?.on('message', (job: JobRequest) => {
  try {
    parentPort!.postMessage({ id: job.id, result: run(job) } satisfies JobReply);
  } catch (e) {
    const err = e as Error & { code?: string };
    parentPort!.postMessage({
      id: job.id,
      error: { message: err?.message ?? String(e), code: err?.code },
    } satisfies JobReply);
  }
});
