/**
 * `foresight serve`: opens the store, marks runs left unfinished by a previous process as failed (with the
 * reason), and serves the API on 127.0.0.1 unless told otherwise.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openQueue } from '../queue/producer.js';
import { Store } from '../store/store.js';
import { createApp } from './app.js';
import { ForesightError } from '../core/errors.js';
import { loadDashboard } from './dashboard.js';
import { Scratch } from './inputs.js';
import { Runner, type RunnerOptions } from './runner.js';
import type { Limits } from './schemas.js';

/** Options of {@link startServer}. */
export interface ServerOptions {
  dbPath: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Accepted besides stored tokens (FORESIGHT_TOKEN). */
  token?: string;
  limits?: Partial<Limits>;
  runner?: RunnerOptions;
  /** A built dashboard folder (`vite build` output) to serve at `/`. */
  dashboard?: string;
  /** A Redis queue (redis://host:port) whose workers compute the long forecast runs (`serve --redis`). */
  redis?: string;
}

/** A running server. */
export interface RunningServer {
  url: string;
  store: Store;
  runner: Runner;
  /** Runs marked failed at start because their process had stopped. */
  recovered: string[];
  close(): Promise<void>;
}

/**
 * Starts the server. Throws ForesightError('io_error') when the database cannot be opened or the address cannot
 * be bound (a port in use, a host that does not resolve), naming the address; nothing stays open then.
 *
 * @example
 * const server = await startServer({ dbPath: '/tmp/f.db', port: 0 });
 * await fetch(server.url + '/healthz') // 200
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const dashboard = options.dashboard === undefined ? undefined : loadDashboard(options.dashboard);
  const store = Store.open(options.dbPath);
  const recovered = store.recoverInterrupted('the server restarted');
  const queue = options.redis ? await openQueue(options.redis) : null;
  const runner = new Runner(store, { ...options.runner, ...(queue ? { queue } : {}) });
  const scratch = await Scratch.create();
  const app = createApp({ store, runner, scratch, token: options.token, limits: options.limits, dashboard });
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;
  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (e) {
    // a port in use or out of range, a host that does not resolve: one line naming the address, nothing left open
    await runner.close();
    await queue?.close();
    await scratch.close();
    store.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new ForesightError(
      'io_error',
      `cannot listen on ${host}:${port} (${code === 'EADDRINUSE' ? 'the port is in use' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `host "${host}" not found` : (e as Error).message})`,
      { value: `${host}:${port}`, cause: e },
    );
  }
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    store,
    runner,
    recovered,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await runner.close();
      await queue?.close();
      await scratch.close();
      store.close();
    },
  };
}
