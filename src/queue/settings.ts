/**
 * What the producer and the workers agree on: the queue's name, how often a job is tried, and the lock and
 * stall timings that decide how soon the job of a worker that died is handed to another.
 */
import { Redis } from 'ioredis';
import { ForesightError } from '../core/errors.js';

/** The BullMQ queue of forecast jobs. */
export const QUEUE_NAME = 'foresight-forecast';

/** Attempts of a job before it fails (a crash of the processor, a lost connection), with exponential backoff. */
export const JOB_ATTEMPTS = 4;
/** First retry delay in milliseconds (then 2x, 4x, ...). */
export const RETRY_DELAY_MS = 1000;

/** Lock and stall timings of the workers (BullMQ's defaults are 30 s; a dead worker's job waits this long). */
export interface StallTimings {
  /** How long a job stays locked without a renewal (ms). */
  lockDuration: number;
  /** How often a worker looks for jobs whose lock expired (ms). */
  stalledInterval: number;
  /** How many times a job may stall (its worker died) before it fails. */
  maxStalledCount: number;
}

/** Default timings: a job whose worker died is back in the queue within about 15 s. */
export const DEFAULT_TIMINGS: StallTimings = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 5 };

/**
 * A Redis connection for BullMQ from a `redis://` or `rediss://` URL. Throws ForesightError('invalid_argument')
 * for anything else.
 *
 * @example
 * const redis = connectRedis('redis://127.0.0.1:6379');
 */
export function connectRedis(url: string, forWorker = false): Redis {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // not a URL at all (`redis://[::1`): refused below like any other text
  }
  if (!/^rediss?:\/\/[^\s]+$/.test(url) || !parsed || !/^rediss?:$/.test(parsed.protocol))
    throw new ForesightError('invalid_argument', `--redis/--queue "${url}" is not a redis:// URL`, { value: url });
  // a worker's blocking commands must wait for Redis to come back rather than fail after a few retries
  const redis = new Redis(url, { maxRetriesPerRequest: forWorker ? null : 20, lazyConnect: false });
  // ioredis prints a connection's 'error' events with their stack when nobody listens; a Redis going away is
  // reported by the commands that fail (and the run's own checks), once, in words
  redis.on('error', () => {});
  return redis;
}

/** How long a first contact with Redis may take before the command gives up. */
export const FIRST_CONTACT_MS = 10_000;

/**
 * Resolves when Redis answers a PING within `FIRST_CONTACT_MS`; otherwise disconnects `redis` and throws
 * ForesightError('io_error') naming the URL, so that a command pointed at no Redis fails at once instead of
 * waiting for it (once connected, workers and producers ride out an outage as documented).
 */
export async function firstContact(redis: Redis, url: string, ms = FIRST_CONTACT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${ms / 1000} s`)), ms);
        timer.unref();
      }),
    ]);
  } catch (e) {
    redis.disconnect();
    throw new ForesightError('io_error', `${url}: cannot reach Redis (${(e as Error).message})`, { value: url });
  } finally {
    clearTimeout(timer);
  }
}
