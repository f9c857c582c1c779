/**
 * The producer side of distributed runs: a batch's readable series are split into jobs of `jobSize` series,
 * added to the queue with ids made of the run, the chunk and the job's first series (`run-chunk-first`), and
 * their results collected into the slots of that chunk. Adding a job whose id exists does nothing, and a
 * result fills its own slot once (a slot filled twice, or a result for a slice the job does not hold, is an
 * error), so a re-delivered job cannot duplicate or lose a series. Failed jobs are retried with exponential
 * backoff (settings.ts); a job still failing after its attempts fails the run with its reason.
 *
 * The batch around the jobs (preparation, the accounting of series set aside, batch calibration) is the
 * pipeline's `forecastDatasetWith`, so a run on the queue gives the results of a run in process.
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { ForesightError } from '../core/errors.js';
import type { Dataset } from '../data/series.js';
import type { ModelRun } from '../models/run-model.js';
import {
  forecastDatasetWith,
  type BatchOptions,
  type RunItems,
  type SeriesForecast,
} from '../pipeline/forecast-batch.js';
import { decode, encode, type ForecastJobData, type ForecastJobResult } from './codec.js';
import { connectRedis, firstContact, JOB_ATTEMPTS, QUEUE_NAME, RETRY_DELAY_MS } from './settings.js';

/** Default series per job. */
export const DEFAULT_JOB_SERIES = 50;

/** Options of `openQueue`. */
export interface QueueClientOptions {
  /** Series per job (default DEFAULT_JOB_SERIES). */
  jobSize?: number;
  /** The run's id in job ids (default a random UUID). */
  runId?: string;
  /** How often the jobs awaited are looked for in Redis, in ms (default 5000; see `runItems`). */
  watchIntervalMs?: number;
}

/** A connection to the queue that runs batches on its workers. */
export interface QueueClient {
  readonly runId: string;
  /** `forecastDatasetParallel` on the queue's workers: the same results, one per id of `data`, in order. */
  forecastChunk(data: Dataset, options: BatchOptions): Promise<SeriesForecast[]>;
  /** The model runs of items, computed by the workers (a `RunItems` for `forecastDatasetWith`). */
  runItems: RunItems;
  /** Closes the connections (the jobs of this client are removed as their results arrive). */
  close(): Promise<void>;
}

/**
 * Connects to the queue at `url` (see the module comment). Throws ForesightError('invalid_argument') for a URL
 * that is not redis://, ('io_error') when Redis cannot be reached.
 *
 * @example
 * const queue = await openQueue('redis://127.0.0.1:6379');
 * const results = await queue.forecastChunk(data, { models: ['naive'], horizon: 4, levels: [80] });
 * await queue.close();
 */
export async function openQueue(url: string, options: QueueClientOptions = {}): Promise<QueueClient> {
  const jobSize = options.jobSize ?? DEFAULT_JOB_SERIES;
  const watchIntervalMs = options.watchIntervalMs ?? 5000;
  const runId = options.runId ?? randomUUID();
  if (!/^[A-Za-z0-9_-]+$/.test(runId))
    throw new ForesightError('invalid_argument', `run id "${runId}" may hold only letters, digits, - and _`, {
      value: runId,
    });
  const connection = connectRedis(url);
  const eventsConnection = connectRedis(url, true);
  try {
    await firstContact(connection, url);
  } catch (e) {
    eventsConnection.disconnect();
    throw e;
  }
  const queue = new Queue(QUEUE_NAME, { connection });
  // every job awaited at once adds a listener to the queue and its events; a chunk has more than Node's default 10
  queue.setMaxListeners(0);
  // BullMQ re-emits its connections' errors and prints them with their stack when nobody listens; a lost Redis
  // shows in the commands that fail and in the run's check for vanished jobs
  queue.on('error', () => {});
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
  events.setMaxListeners(0);
  events.on('error', () => {});
  await events.waitUntilReady();
  let chunk = 0;
  let closed = false;

  const runItems: RunItems = async (items, task, onProgress) => {
    const chunkNo = chunk++;
    const runs: (ModelRun[] | undefined)[] = new Array(items.length);
    const jobs: { name: string; data: { payload: string }; opts: object }[] = [];
    for (let first = 0; first < items.length; first += jobSize) {
      const data: ForecastJobData = {
        run: runId,
        chunk: chunkNo,
        first,
        models: [...task.models],
        horizon: task.horizon,
        levels: [...task.levels],
        items: items.slice(first, first + jobSize),
      };
      jobs.push({
        name: 'forecast',
        data: { payload: encode(data) },
        opts: {
          jobId: `${runId}-${chunkNo}-${first}`,
          attempts: JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: RETRY_DELAY_MS },
        },
      });
    }
    const added = await queue.addBulk(jobs);
    let done = 0;
    // Jobs that vanish from Redis (a restart without persistence, a flushed database) can never finish: look for
    // them while waiting, so that the run fails with its reason instead of waiting forever. While Redis cannot be
    // reached the check waits for it, as the workers do.
    const pending = new Set(added.map((job) => job.id!));
    let stopped = false;
    let reject: (e: Error) => void = () => {};
    const lost = new Promise<never>((_, r) => (reject = r));
    const lose = (e: Error) => {
      stopped = true;
      reject(e);
    };
    const vanishedError = (id: string) =>
      new ForesightError(
        'io_error',
        `${url}: queue job ${id} of run ${runId} is no longer in Redis (restarted without persistence, or its data was deleted); the run cannot finish: submit it again`,
        { value: id },
      );
    lost.catch(() => {});
    let checking = false;
    const watchdog = setInterval(() => {
      if (checking) return;
      checking = true;
      void (async () => {
        for (const id of [...pending]) {
          const state = await queue.getJobState(id);
          if (state === 'unknown' && pending.has(id)) {
            lose(vanishedError(id));
            return;
          }
        }
      })()
        .catch(() => {}) // Redis unreachable: look again at the next tick
        .finally(() => (checking = false));
    }, watchIntervalMs);
    watchdog.unref();
    try {
      await Promise.race([lost, collect(added)]);
    } finally {
      stopped = true;
      clearInterval(watchdog);
    }
    return runs as ModelRun[][];

    async function collect(added: Job[]): Promise<void> {
      await Promise.all(
        added.map(async (job: Job, j) => {
          const first = j * jobSize;
          let answer: string | undefined;
          while (answer === undefined) {
            try {
              answer = (await job.waitUntilFinished(events)) as string;
            } catch (e) {
              // a failed job fails the run; a lost connection (Redis restarting) only interrupts the wait
              const state = await queue.getJobState(job.id!).catch(() => 'unreachable');
              if (state === 'failed')
                throw new ForesightError(
                  'internal',
                  `queue job ${job.id} (series ${first + 1}-${Math.min(items.length, first + jobSize)} of chunk ${chunkNo + 1}) failed after its attempts: ${(e as Error).message}`,
                );
              if (state === 'unknown') lose(vanishedError(job.id!));
              if (stopped || closed) throw e;
              await new Promise((r) => setTimeout(r, watchIntervalMs));
            }
          }
          const result = decode<ForecastJobResult>(answer);
          const count = Math.min(jobSize, items.length - first);
          if (
            result.run !== runId ||
            result.chunk !== chunkNo ||
            result.first !== first ||
            result.runs.length !== count
          )
            throw new ForesightError('internal', `queue job ${job.id} answered for another slice`);
          for (let i = 0; i < count; i++) {
            if (runs[first + i] !== undefined)
              throw new ForesightError('internal', `queue job ${job.id}: series ${first + i + 1} answered twice`);
            runs[first + i] = result.runs[i];
          }
          done += count;
          onProgress(done);
          pending.delete(job.id!);
          await job.remove().catch(() => {}); // collected: the job's data and result need not stay in Redis
        }),
      );
    }
  };

  return {
    runId,
    runItems,
    forecastChunk: (data, batch) => forecastDatasetWith(data, batch, runItems),
    async close() {
      closed = true;
      await events.close();
      await queue.close();
      connection.disconnect();
      eventsConnection.disconnect();
    },
  };
}
