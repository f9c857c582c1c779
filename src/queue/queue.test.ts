import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { forecastFileToFiles } from '../pipeline/forecast-to-files.js';
import { openQueue } from './producer.js';
import { QUEUE_NAME } from './settings.js';
import { startRedis, startWorker, useTestRedis, type TestRedis } from '../../test/redis-server.js';

const { skip, dir, workers, redis } = useTestRedis('foresight-queue-');

const SERIES = 2000;
const MODELS = ['naive', 'theta:stm'];

/** 2,000 monthly series (trend, season and noise from a seeded generator), grouped by series. */
function writeInput(path: string): void {
  let state = 12345;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['unique_id,ds,y'];
  for (let s = 0; s < SERIES; s++) {
    const n = 24 + (s % 37);
    const level = 50 + 100 * random();
    for (let t = 0; t < n; t++) {
      const month = new Date(Date.UTC(2015, t, 1)).toISOString().slice(0, 10);
      const y = level + 0.3 * t + 8 * Math.sin((2 * Math.PI * t) / 12) + 5 * random();
      lines.push(`s${s},${month},${y.toFixed(3)}`);
    }
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

test(
  'queue: two workers, one killed with SIGKILL mid-run: every series once, equal to the in-process run',
  { skip: skip ?? false, timeout: 240_000 },
  async () => {
    const input = join(dir, 'input.csv');
    writeInput(input);
    const options = { input, models: MODELS, horizon: 6, levels: [80, 95], chunkSize: 500 };
    await forecastFileToFiles({ ...options, workers: 1, output: join(dir, 'local.csv') });

    const url = redis().url;
    // short locks and stall checks, so that the killed worker's job is taken over within the test
    const fast = ['--lock-ms', '4000', '--stalled-ms', '1000'];
    const [w1] = await Promise.all([startWorker(url, 'w1', workers, fast), startWorker(url, 'w2', workers, fast)]);
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const watch = new Queue(QUEUE_NAME, { connection });
    const eventsConnection = new Redis(url, { maxRetriesPerRequest: null });
    const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
    const stalled = new Set<string>();
    events.on('stalled', ({ jobId }) => stalled.add(jobId));
    await events.waitUntilReady();
    const queue = await openQueue(url, { jobSize: 40 });
    let killedJob: string | null = null;
    // freeze w1 while it holds a job, check the job is still its own, then kill it: that job must stall
    const killer = (async () => {
      while (killedJob === null) {
        const active = await watch.getActive();
        const mine = active.find((j) => j.processedBy === 'w1');
        if (mine) {
          w1.kill('SIGSTOP');
          const again = await watch.getJob(mine.id!);
          if (again && (await again.getState()) === 'active' && again.processedBy === 'w1') {
            w1.kill('SIGKILL');
            killedJob = mine.id!;
            return;
          }
          w1.kill('SIGCONT');
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      const summary = await forecastFileToFiles({
        ...options,
        output: join(dir, 'queued.csv'),
        forecastChunk: queue.forecastChunk,
      });
      await killer;
      assert.equal(summary.seriesCount, SERIES);
      assert.equal(summary.invalidCount, 0);
    } finally {
      await queue.close();
      await events.close();
      await watch.close();
      connection.disconnect();
      eventsConnection.disconnect();
    }
    assert.ok(killedJob, 'w1 was killed while it held a job');
    assert.ok(stalled.has(killedJob!), `the job of the killed worker (${killedJob}) stalled and was run again`);
    const local = readFileSync(join(dir, 'local.csv'), 'utf8');
    const queued = readFileSync(join(dir, 'queued.csv'), 'utf8');
    // exactly once: every series has 6 rows per model, in input order
    const counts = new Map<string, number>();
    const order: string[] = [];
    for (const line of queued.trim().split('\n').slice(1)) {
      const id = line.slice(0, line.indexOf(','));
      if (!counts.has(id)) order.push(id);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    assert.equal(counts.size, SERIES);
    assert.ok([...counts.values()].every((c) => c === 6 * MODELS.length));
    assert.deepEqual(
      order,
      Array.from({ length: SERIES }, (_, s) => `s${s}`),
    );
    assert.equal(queued, local, 'the distributed forecast equals the in-process one, value for value');
  },
);

test(
  'queue: Redis restarted without persistence mid-run: the producer fails with the reason instead of waiting',
  { skip: skip ?? false, timeout: 60_000 },
  async () => {
    // a Redis of its own with no worker, so that the jobs wait in it until it dies
    const first = await startRedis();
    const port = Number(new URL(first.url).port);
    const input = join(dir, 'small.csv');
    writeFileSync(
      input,
      ['unique_id,ds,y', ...Array.from({ length: 60 }, (_, i) => `s${i % 3},${2000 + Math.floor(i / 3)},${i}`)].join(
        '\n',
      ) + '\n',
    );
    const queue = await openQueue(first.url, { jobSize: 1, watchIntervalMs: 100 });
    const connection = new Redis(first.url, { maxRetriesPerRequest: null });
    const watch = new Queue(QUEUE_NAME, { connection });
    watch.on('error', () => {});
    let second: TestRedis | null = null;
    try {
      const run = forecastFileToFiles({
        input,
        models: ['naive'],
        horizon: 2,
        levels: [80],
        output: join(dir, 'lost.csv'),
        forecastChunk: queue.forecastChunk,
      });
      run.catch(() => {});
      while ((await watch.getWaitingCount()) < 3) await new Promise((r) => setTimeout(r, 20));
      await watch.close();
      connection.disconnect();
      first.process.kill('SIGKILL');
      await new Promise((r) => first.process.once('exit', r));
      second = await startRedis(port);
      await assert.rejects(run, (e: Error & { code?: string }) => {
        assert.equal(e.code, 'io_error', e.message);
        assert.match(e.message, /queue job .+ is no longer in Redis .*submit it again/);
        return true;
      });
    } finally {
      await queue.close();
      await watch.close().catch(() => {});
      connection.disconnect();
      await second?.stop();
      await first.stop();
    }
  },
);
