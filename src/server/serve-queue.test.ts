/**
 * `serve --redis`: long forecast runs go to the workers of a real Redis queue (redis-server on a free loopback
 * port, one `foresight worker` process), and give the forecasts of a server computing in process.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../queue/settings.js';
import { startServer } from './server.js';
import { startWorker, useTestRedis } from '../../test/redis-server.js';

const { skip, dir, workers, redis } = useTestRedis('foresight-serve-queue-');

test(
  'serve --redis sends a long forecast run to the workers; its forecasts equal those of a server without Redis',
  { skip: skip ?? false, timeout: 120_000 },
  async () => {
    const url = redis().url;
    await startWorker(url, 'w3', workers);
    const series: { unique_id: string; ds: number; y: number }[] = [];
    for (let s = 0; s < 60; s++)
      for (let t = 1; t <= 20; t++) series.push({ unique_id: `u${s}`, ds: t, y: s + t * ((s % 5) - 2) + (t % 4) });
    const body = JSON.stringify({ series, horizon: 3, models: ['naive', 'theta:stm'], levels: [80, 95] });
    const csvOf = async (redisUrl: string | undefined, name: string) => {
      const server = await startServer({
        dbPath: join(dir, `${name}.db`),
        port: 0,
        token: 't',
        redis: redisUrl,
        runner: { workers: 1 },
      });
      try {
        const res = await fetch(`${server.url}/v1/forecasts`, {
          method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body,
        });
        assert.equal(res.status, 202, await res.clone().text());
        const { id } = (await res.json()) as { id: string };
        for (let i = 0; i < 1200; i++) {
          const run = (await (await fetch(`${server.url}/v1/runs/${id}`)).json()) as { status: string; error: unknown };
          if (run.status === 'succeeded') break;
          assert.ok(['queued', 'running'].includes(run.status), JSON.stringify(run));
          await new Promise((r) => setTimeout(r, 100));
        }
        return await (await fetch(`${server.url}/v1/runs/${id}/forecasts?format=csv`)).text();
      } finally {
        await server.close();
      }
    };
    const eventsConnection = new Redis(url, { maxRetriesPerRequest: null });
    const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
    let completed = 0;
    events.on('completed', () => completed++);
    await events.waitUntilReady();
    const queued = await csvOf(url, 'queued');
    await events.close();
    eventsConnection.disconnect();
    assert.ok(completed >= 1, 'the run went through the queue');
    const local = await csvOf(undefined, 'local');
    assert.equal(queued.trim().split('\n').length, 1 + 60 * 3 * 2);
    assert.equal(queued, local);
  },
);
