/**
 * Worker-thread side of the parallel batch: receives chunks of series, runs every model on each (the same
 * `runModel` as the single-threaded path, so results are identical) and posts the runs back.
 */
import { parentPort } from 'node:worker_threads';
import { resolveModel } from '../ensemble/registry.js';
import { runModel, type ModelRun } from '../models/run-model.js';
import type { FutureData, SeriesData } from '../models/types.js';

/** One unit of work. */
export interface WorkerTask {
  id: number;
  models: string[];
  horizon: number;
  levels: number[];
  items: { series: SeriesData; future?: FutureData }[];
}

/** The answer to a task: runs per item, or the error that stopped the task (a bad argument). */
export interface WorkerResult {
  id: number;
  runs?: ModelRun[][];
  error?: { message: string; code?: string; file?: string; line?: number; value?: string };
}

parentPort?.on('message', (task: WorkerTask) => {
  try {
    const resolved = task.models.map((m) => resolveModel(m));
    const runs = task.items.map(({ series, future }) =>
      resolved.map((r) => runModel(series, r, task.horizon, task.levels, future)),
    );
    parentPort!.postMessage({ id: task.id, runs } satisfies WorkerResult);
  } catch (e) {
    // a ForesightError's location travels with it, so the main thread rethrows the same error
    const err = e as Error & { code?: string; file?: string; line?: number; value?: string };
    const error = { message: err.message, code: err.code, file: err.file, line: err.line, value: err.value };
    parentPort!.postMessage({ id: task.id, error } satisfies WorkerResult);
  }
});
