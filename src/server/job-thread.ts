/**
 * One worker thread running `job-worker`, with a promise per job. Jobs queue in the thread and run one at a
 * time; a thread that dies rejects its pending jobs and is replaced on the next call.
 */
import { Worker } from 'node:worker_threads';
import { ForesightError, type ForesightErrorCode } from '../core/errors.js';
import type { JobReply, JobRequest } from './job-worker.js';

type Pending = { resolve: (value: unknown) => void; reject: (e: Error) => void };

/** Distributes the JobRequest union over its members, so each keeps its own fields. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A worker thread for jobs; `close()` ends it. */
export class JobThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Jobs sent and not yet answered. */
  get busy(): number {
    return this.pending.size;
  }

  private start(): Worker {
    const here = new URL(import.meta.url);
    let worker: Worker;
    if (here.pathname.endsWith('.ts')) {
      // from the sources under tsx (tests, benchmarks): the worker registers tsx before loading its module
      const script = new URL('./job-worker.ts', here).href;
      worker = new Worker(
        `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(script)}); });`,
        { eval: true },
      );
    } else {
      worker = new Worker(new URL('./job-worker.js', here));
    }
    worker.on('message', (reply: JobReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.error)
        p.reject(new ForesightError((reply.error.code as ForesightErrorCode) ?? 'internal', reply.error.message));
      else p.resolve(reply.result);
    });
    const fail = (e: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values())
        p.reject(new ForesightError('internal', `job worker stopped: ${e.message}`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return worker;
  }

  /** Runs a job in the thread; resolves with the library function's result. */
  call<T>(job: WithoutId<JobRequest>): Promise<T> {
    this.worker ??= this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker!.postMessage({ ...job, id } as JobRequest);
    });
  }

  /** Ends the thread (pending jobs are rejected). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
