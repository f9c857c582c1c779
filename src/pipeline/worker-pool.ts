/**
 * A pool of worker threads for batch forecasting: series are sent in chunks, each worker runs the models on
 * its chunk, results come back in input order. Work is handed out as workers become free, so one slow chunk
 * does not hold the others.
 */
import { Worker } from 'node:worker_threads';
import { ForesightError, type ForesightErrorCode } from '../core/errors.js';
import type { ModelRun } from '../models/run-model.js';
import type { FutureData, SeriesData } from '../models/types.js';
import type { WorkerResult, WorkerTask } from './forecast-worker.js';

/**
 * The main-thread copy of an error a worker reported: the same code, message, file, line and value (a plain
 * Error without a code becomes 'internal').
 */
export function workerError(error: NonNullable<WorkerResult['error']>): ForesightError {
  const { code, message, file, line, value } = error;
  return new ForesightError((code as ForesightErrorCode | undefined) ?? 'internal', message, { file, line, value });
}

/** Worker threads running `forecast-worker`; `close()` ends them. */
export class ForecastPool {
  private readonly workers: Worker[];

  constructor(readonly size: number) {
    const here = new URL(import.meta.url);
    if (here.pathname.endsWith('.ts')) {
      // running from the sources under tsx (tests, benchmarks): the worker registers tsx before loading its module
      const script = new URL('./forecast-worker.ts', here).href;
      const code = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(script)}); });`;
      this.workers = Array.from({ length: size }, () => new Worker(code, { eval: true }));
    } else {
      this.workers = Array.from({ length: size }, () => new Worker(new URL('./forecast-worker.js', here)));
    }
  }

  /**
   * Runs every model on every item; `onProgress` after each chunk. Rejects with the first task error
   * (a ForesightError with its code, e.g. a missing future regressor).
   */
  async run(
    items: { series: SeriesData; future?: FutureData }[],
    task: { models: readonly string[]; horizon: number; levels: readonly number[] },
    onProgress?: (done: number) => void,
    chunkSize = 8,
  ): Promise<ModelRun[][]> {
    const results: ModelRun[][] = new Array(items.length);
    let next = 0;
    let done = 0;
    const work = (worker: Worker): Promise<void> =>
      new Promise((resolve, reject) => {
        const sendNext = () => {
          if (next >= items.length) {
            worker.off('message', onMessage);
            worker.off('error', onError);
            resolve();
            return;
          }
          const start = next;
          next = Math.min(items.length, next + chunkSize);
          const message: WorkerTask = {
            id: start,
            models: [...task.models],
            horizon: task.horizon,
            levels: [...task.levels],
            items: items.slice(start, next),
          };
          worker.postMessage(message);
        };
        const onMessage = (result: WorkerResult) => {
          if (result.error) {
            worker.off('message', onMessage);
            worker.off('error', onError);
            reject(workerError(result.error));
            return;
          }
          result.runs!.forEach((runs, i) => (results[result.id + i] = runs));
          done += result.runs!.length;
          onProgress?.(done);
          sendNext();
        };
        const onError = (e: Error) =>
          reject(new ForesightError('internal', `worker failed: ${e.message}`, { cause: e }));
        worker.on('message', onMessage);
        worker.on('error', onError);
        sendNext();
      });
    await Promise.all(this.workers.map(work));
    return results;
  }

  /** Ends the worker threads. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
