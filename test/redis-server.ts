/**
 * A real Redis for tests: Debian's `redis-server` on a free 127.0.0.1 port with a temporary directory and no
 * persistence, started by the test and stopped in its `after` hook. When redis-server is not installed the
 * tests that need it skip with a message, except in CI (the CI environment variable set), where they fail: CI
 * installs it (.ci/run).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

/** Why tests needing Redis cannot run here (null: they can). Throws in CI when redis-server is missing. */
export function redisUnavailable(): string | null {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return null;
  if (process.env.CI)
    throw new Error('redis-server is not installed, and CI must run the queue tests (.ci/run installs it)');
  return 'redis-server is not installed (apt-get install -y redis-server); the queue tests are skipped';
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a race with another process is possible but rare). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running redis-server; `stop()` ends it and removes its directory. */
export interface TestRedis {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts redis-server on a free loopback port (or on `port`, to restart one that was stopped) and resolves once it
 * accepts connections (within 10 s). No persistence: a restart starts empty.
 */
export async function startRedis(port?: number): Promise<TestRedis> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'foresight-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`redis-server did not start on 127.0.0.1:${port}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, process: child, stop };
}

/**
 * Starts `foresight worker` on the queue at `url` (from the checkout, as a child process) and resolves once it
 * says it takes jobs; the child is added to `workers` at once, so an `after` hook can kill it even if it fails.
 */
export function startWorker(
  url: string,
  name: string,
  workers: ChildProcess[],
  extra: readonly string[] = [],
): Promise<ChildProcess> {
  const root = new URL('../', import.meta.url).pathname;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--redis', url, '--name', name, ...extra],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  workers.push(child);
  return new Promise((resolve, reject) => {
    let text = '';
    child.stderr!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('taking jobs')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker ${name} exited (${code}): ${text}`)));
  });
}

/** What {@link useTestRedis} gives a test file. */
export interface RedisFixture {
  /** Why the file's tests skip (null: they run). */
  skip: string | null;
  /** A temporary directory, removed after the file's tests. */
  dir: string;
  /** Workers started by the tests (startWorker adds them); any still running are killed after the tests. */
  workers: ChildProcess[];
  /** The Redis started before the file's tests (only when they run). */
  redis(): TestRedis;
}

/**
 * The setup every Redis test file shares: says why it skips, makes a temporary directory, starts one Redis
 * before its tests and, after them, kills the workers left, stops Redis and removes the directory.
 */
export function useTestRedis(prefix: string): RedisFixture {
  const skip = redisUnavailable();
  if (skip) process.stderr.write(`note: ${skip}\n`);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const workers: ChildProcess[] = [];
  let redis: TestRedis | null = null;
  before(async () => {
    if (!skip) redis = await startRedis();
  });
  after(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    skip,
    dir,
    workers,
    redis: () => {
      if (!redis) throw new Error('Redis was not started (the tests skip, or before() has not run)');
      return redis;
    },
  };
}
