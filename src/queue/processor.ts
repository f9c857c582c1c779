/**
 * The sandboxed processor of `foresight worker`: BullMQ runs it in a child process, so CPU-bound fits never hold
 * the worker's event loop, which renews the job locks. It runs every model on every item of the job with the
 * same `runModel` as the in-process batch (so the same runs) and returns them encoded (codec.ts).
 */
import type { SandboxedJob } from 'bullmq';
import { resolveModel } from '../ensemble/registry.js';
import { runModel } from '../models/run-model.js';
import { decode, encode, type ForecastJobData, type ForecastJobResult } from './codec.js';

// the sandbox is a child of the worker process: when the worker dies (SIGKILL) the child must not linger, so the
// end of its channel to the parent ends it
process.once('disconnect', () => process.exit(1));

/** Processes one job (see the module comment); throws for bad arguments (an unknown model), as the pool does. */
export default async function processForecastJob(job: SandboxedJob<{ payload: string }>): Promise<string> {
  const data = decode<ForecastJobData>(job.data.payload);
  const resolved = data.models.map((m) => resolveModel(m));
  const runs = data.items.map(({ series, future }) =>
    resolved.map((r) => runModel(series, r, data.horizon, data.levels, future)),
  );
  const result: ForecastJobResult = { run: data.run, chunk: data.chunk, first: data.first, runs };
  return encode(result);
}
