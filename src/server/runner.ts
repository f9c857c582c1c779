/**
 * Where the server's computations run, so the event loop stays free: small requests go to persistent job
 * threads (the least busy one) and are answered at once; long forecast runs are queued and computed one at a time on the pipeline's
 * worker-thread pool (`forecastDatasetParallel`), in segments so that progress is stored as it goes and a
 * cancelled run stops at the next segment (with a Redis queue, `serve --redis`, the segments go to its workers instead); long backtests and scaling fits run in a second job thread.
 * Every run's status, progress, result and error goes to the store.
 */
import { availableParallelism } from 'node:os';
import type { Dataset } from '../data/series.js';
import type { BacktestOptions, BacktestResult } from '../evaluate/backtest.js';
import type { EventRow } from '../evaluate/events.js';
import type { DatasetProbabilityOptions, DatasetProbabilityRow } from '../evaluate/probabilities.js';
import { forecastDatasetParallel, type BatchOptions, type SeriesForecast } from '../pipeline/forecast-batch.js';
import type { DatasetReliabilityOptions, ModelReliability } from '../pipeline/reliability.js';
import type { ScenarioForecast, ScenarioOptions } from '../pipeline/scenarios.js';
import type { Store } from '../store/store.js';
import { probabilityRows, type ProbabilityRowView } from './event-rows.js';
import { JobThread } from './job-thread.js';
import type { EventDistribution, EventDistributionOptions } from './event-distribution.js';
import type { ScalingFitSpec, StoredScalingFit } from './scaling.js';

/** Options of the runner. */
export interface RunnerOptions {
  /** Worker threads of a long forecast run; default every core (with 1, the run goes to a job thread). */
  workers?: number;
  /** Series per segment of a long run (progress and cancellation granularity); default 250. */
  segment?: number;
  /** Threads answering small requests (started when first needed); default min(2, cores). */
  quickThreads?: number;
  /**
   * Where long forecast runs compute instead of this process' threads: the workers of a Redis queue
   * (`serve --redis`, src/queue/producer.ts). Each segment goes to the queue as jobs; progress and cancellation
   * keep their segment granularity.
   */
  queue?: { forecastChunk(data: Dataset, options: BatchOptions): Promise<SeriesForecast[]> };
}

/** Forecast settings as the library takes them, and the events whose probabilities go with the forecast. */
export interface ForecastJob {
  models: string[];
  horizon: number;
  levels: number[];
  /** Driver columns and their future values (BatchOptions.exog, .future). */
  exog?: string[];
  future?: Dataset;
  events?: { rows: EventRow[]; paths?: number; seed?: number };
}

/** The forecast's options without the events (what `forecastDataset` takes). */
function batchOptions(job: ForecastJob): Omit<ForecastJob, 'events'> {
  const { events: _events, ...options } = job;
  return options;
}

/** Runs computations off the event loop and records them in the store. */
export class Runner {
  private readonly quick: JobThread[];
  private readonly slow = new JobThread();
  private readonly queue: { runId: string; work: () => Promise<void> }[] = [];
  private active: Promise<void> | null = null;
  private current: string | null = null;
  private readonly cancelled = new Set<string>();
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly options: RunnerOptions = {},
  ) {
    this.quick = Array.from(
      { length: Math.max(1, options.quickThreads ?? Math.min(2, availableParallelism())) },
      () => new JobThread(),
    );
  }

  /** The least busy of the threads for small requests. */
  private quickThread(): JobThread {
    return this.quick.reduce((best, t) => (t.busy < best.busy ? t : best));
  }

  /** Forecasts a small dataset in the job thread and resolves with the results. */
  forecastNow(data: Dataset, job: ForecastJob): Promise<SeriesForecast[]> {
    return this.quickThread().call<SeriesForecast[]>({ kind: 'forecast', data, options: batchOptions(job) });
  }

  /**
   * The probabilities of the job's events under each of its models (as requested), on the threads for small
   * requests or on `thread`; empty without events.
   */
  async eventsNow(data: Dataset, job: ForecastJob, thread?: JobThread): Promise<ProbabilityRowView[]> {
    const events = job.events;
    if (!events) return [];
    const perModel = await Promise.all(
      job.models.map(async (model) => {
        const rows = await (thread ?? this.quickThread()).call<DatasetProbabilityRow[]>({
          kind: 'probabilities',
          data,
          options: { model, events: events.rows, horizon: job.horizon, paths: events.paths, seed: events.seed },
        });
        return probabilityRows(rows, events.rows, model, 'requested');
      }),
    );
    return perModel.flat();
  }

  /** Backtests a small dataset in the job thread. */
  /** Event probabilities of every series, computed in a job thread (the event loop stays free). */
  probabilitiesNow(
    data: Dataset,
    options: Omit<DatasetProbabilityOptions, 'onProgress'>,
  ): Promise<DatasetProbabilityRow[]> {
    return this.quickThread().call<DatasetProbabilityRow[]>({ kind: 'probabilities', data, options });
  }

  /** The sample distribution of one event on one series (the dashboard's chance chart), in a job thread. */
  eventDistributionNow(data: Dataset, options: EventDistributionOptions): Promise<EventDistribution> {
    return this.quickThread().call<EventDistribution>({ kind: 'event-distribution', data, options });
  }

  /** Reliability horizons (pipeline/reliability.ts) of a small dataset, in a job thread. */
  reliabilityNow(
    data: Dataset,
    options: Omit<DatasetReliabilityOptions, 'onProgress'>,
  ): Promise<{ unique_id: string; models: ModelReliability[] }[]> {
    return this.quickThread().call({ kind: 'reliability', data, options });
  }

  /** Forecasts under driver scenarios (pipeline/scenarios.ts), in a job thread. */
  scenariosNow(data: Dataset, options: ScenarioOptions): Promise<ScenarioForecast[]> {
    return this.quickThread().call<ScenarioForecast[]>({ kind: 'scenarios', data, options });
  }

  backtestNow(data: Dataset, options: Omit<BacktestOptions, 'onProgress'>): Promise<BacktestResult> {
    return this.quickThread().call<BacktestResult>({ kind: 'backtest', data, options });
  }

  /** Fits scaling laws in the job thread (quick settings). */
  scalingNow(spec: ScalingFitSpec): Promise<StoredScalingFit> {
    return this.quickThread().call<StoredScalingFit>({ kind: 'scaling-fit', spec });
  }

  /** Queues a long forecast run (already created in the store as `queued`). */
  enqueueForecast(runId: string, data: Dataset, job: ForecastJob): void {
    this.enqueue(runId, async () => {
      const segment = this.options.segment ?? 250;
      const workers = this.options.workers ?? availableParallelism();
      const total = data.ids.length;
      const results: SeriesForecast[] = [];
      let lastWrite = 0;
      for (let start = 0; start < total; start += segment) {
        if (this.cancelled.has(runId) || this.closed) return;
        const ids = new Set(data.ids.slice(start, start + segment));
        const part: Dataset = {
          ...data,
          ids: data.ids.slice(start, start + segment),
          series: data.series.filter((s) => ids.has(s.id)),
          invalid: data.invalid.filter((s) => ids.has(s.id)),
        };
        const done = results.length;
        const onProgress = (d: number) => {
          const t = Date.now();
          if (t - lastWrite > 250) {
            lastWrite = t;
            this.store.updateProgress(runId, done + d, total);
          }
        };
        // forecastDatasetParallel computes in this thread with one worker, so a single worker means the job thread
        const out = this.options.queue
          ? await this.options.queue.forecastChunk(part, { ...batchOptions(job), onProgress })
          : workers >= 2
            ? await forecastDatasetParallel(part, { ...batchOptions(job), workers, onProgress })
            : await this.slow.call<SeriesForecast[]>({ kind: 'forecast', data: part, options: batchOptions(job) });
        for (const r of out) results.push({ ...r, series: null });
        this.store.updateProgress(runId, results.length, total);
      }
      const probabilities = job.events ? await this.eventsNow(data, job, this.slow) : undefined;
      if (this.cancelled.has(runId)) return;
      this.store.completeForecastRun(runId, results, job.models, job.levels, probabilities);
    });
  }

  /** Queues a long backtest. */
  enqueueBacktest(runId: string, data: Dataset, options: Omit<BacktestOptions, 'onProgress'>): void {
    this.enqueue(runId, async () => {
      const result = await this.slow.call<BacktestResult>({ kind: 'backtest', data, options });
      this.store.completeBacktestRun(runId, result);
    });
  }

  /** Queues a long scaling fit. */
  enqueueScaling(runId: string, spec: ScalingFitSpec, forms: string[]): void {
    this.enqueue(runId, async () => {
      const fit = await this.slow.call<StoredScalingFit>({ kind: 'scaling-fit', spec });
      this.store.completeScalingRun(runId, forms, JSON.parse(JSON.stringify(fit)));
    });
  }

  /** Stops a queued or running run at its next segment (the store marks it cancelled). */
  cancel(runId: string): void {
    const i = this.queue.findIndex((q) => q.runId === runId);
    if (i >= 0) this.queue.splice(i, 1);
    if (this.current === runId) this.cancelled.add(runId);
  }

  /** Resolves when every queued run has finished (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  private enqueue(runId: string, work: () => Promise<void>): void {
    this.queue.push({ runId, work });
    if (!this.active) this.active = this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.closed) {
        const { runId, work } = this.queue.shift()!;
        this.store.startRun(runId);
        this.current = runId;
        try {
          await work();
        } catch (e) {
          if (!this.closed) this.store.failRun(runId, e);
        } finally {
          this.current = null;
          this.cancelled.delete(runId);
        }
      }
    } finally {
      this.active = null;
    }
  }

  /**
   * Stops taking work and ends the threads. The run computing now is marked failed with the reason (queued
   * runs stay queued; the next server start marks them failed, as after a crash).
   */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    if (this.current) this.store.failRun(this.current, new Error('the server stopped before the run finished'));
    await Promise.all([...this.quick.map((t) => t.close()), this.slow.close()]);
  }
}
