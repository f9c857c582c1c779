/**
 * `foresight worker`: a BullMQ worker taking forecast jobs from the queue. Jobs run in sandboxed child
 * processes (processor.ts), `concurrency` at a time, so the fits never block the event loop that renews the
 * locks. A worker that dies (SIGKILL, a lost machine) stops renewing its locks; another worker finds the
 * stalled jobs after the lock expires and runs them again (see settings.ts for the timings).
 */
import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { connectRedis, DEFAULT_TIMINGS, firstContact, QUEUE_NAME, type StallTimings } from './settings.js';

/** Options of `QueueWorker.start`. */
export interface QueueWorkerOptions {
  /** The Redis URL (redis://host:port). */
  redis: string;
  /** Jobs processed at a time, each in its own child process (default 1). */
  concurrency?: number;
  timings?: Partial<StallTimings>;
  /** The worker's name, stored on the jobs it takes (default host:pid). */
  name?: string;
  /** Told about failed jobs and connection errors. */
  onEvent?: (message: string) => void;
}

/** A running worker; `close()` lets the jobs in hand finish and stops. */
export class QueueWorker {
  private constructor(
    private readonly worker: Worker,
    private readonly connection: Redis,
  ) {}

  /**
   * Connects to Redis (`firstContact`: it must answer within 10 s) and starts a worker (see the module comment).
   * Throws ForesightError('invalid_argument') for a bad URL, ('io_error') when Redis does not answer.
   */
  static async open(options: QueueWorkerOptions): Promise<QueueWorker> {
    const connection = connectRedis(options.redis, true);
    await firstContact(connection, options.redis);
    return QueueWorker.start(options, connection);
  }

  /**
   * Starts a worker (see the module comment) at once, on `connection` when given; it waits for Redis to answer.
   * Throws ForesightError('invalid_argument') for a bad URL.
   */
  static start(options: QueueWorkerOptions, connection = connectRedis(options.redis, true)): QueueWorker {
    const timings = { ...DEFAULT_TIMINGS, ...options.timings };
    const here = new URL(import.meta.url);
    const processor = new URL(here.pathname.endsWith('.ts') ? './processor.ts' : './processor.js', here);
    const worker = new Worker(QUEUE_NAME, processor, {
      connection,
      concurrency: options.concurrency ?? 1,
      useWorkerThreads: false,
      name: options.name ?? `${hostname()}:${process.pid}`,
      ...timings,
    });
    const say = options.onEvent ?? (() => {});
    worker.on('failed', (job, error) => say(`job ${job?.id ?? '?'} failed: ${error.message}`));
    worker.on('error', (error) => say(`worker: ${error.message}`));
    return new QueueWorker(worker, connection);
  }

  /** Resolves once the worker is connected and taking jobs. */
  async ready(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /** Stops taking jobs, waits for the jobs in hand, ends the child processes and the connection. */
  async close(): Promise<void> {
    await this.worker.close();
    this.connection.disconnect();
  }
}
