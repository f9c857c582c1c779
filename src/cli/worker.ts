/** `foresight worker`: thin over `QueueWorker`; stops cleanly (jobs in hand finish) on SIGINT and SIGTERM. */
import type { CAC } from 'cac';
import { QueueWorker } from '../queue/worker.js';
import { parsePositiveInt, required } from './options.js';

export function registerWorkerCommand(cli: CAC): void {
  cli
    .command('worker', 'Take forecast jobs from a Redis queue (see forecast --queue and serve --redis)')
    .option('--redis <url>', 'The queue: redis://host:port')
    .option('--concurrency <n>', 'Jobs at a time, each in its own child process', { default: 1 })
    .option('--name <name>', 'Name stored on the jobs this worker takes (default host:pid)')
    .option('--lock-ms <ms>', "How long a job's lock lasts without renewal (a dead worker's job waits this long)")
    .option('--stalled-ms <ms>', 'How often to look for jobs of dead workers')
    .action(async (options) => {
      const worker = await QueueWorker.open({
        redis: required(options.redis, '--redis'),
        name: options.name === undefined ? undefined : String(options.name),
        concurrency: parsePositiveInt(options.concurrency, '--concurrency', 256),
        timings: {
          ...(options.lockMs === undefined ? {} : { lockDuration: parsePositiveInt(options.lockMs, '--lock-ms') }),
          ...(options.stalledMs === undefined
            ? {}
            : { stalledInterval: parsePositiveInt(options.stalledMs, '--stalled-ms') }),
        },
        onEvent: (message) => process.stderr.write(`warning: ${message}\n`),
      });
      await worker.ready();
      process.stderr.write(`foresight: worker taking jobs from ${String(options.redis)}\n`);
      const stop = () => {
        worker.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
