/**
 * `npm run bench -- scale [--sizes 1000,10000,100000] [--model theta:stm] [--queue-series 10000] [--malformed]`:
 * series per second and peak memory of `foresight forecast` against the number of series, and against the
 * number of queue worker processes.
 *
 * The collections: N series drawn with replacement (seeded) from the three M1 development collections in
 * $FORESIGHT_DATA (m1-yearly, m1-quarterly, m1-monthly: 1,001 series, 56 rows each on average), each draw
 * renamed `r<i>` and its values multiplied by a factor drawn from [0.5, 2], written as one long CSV grouped by
 * series (100,000 series: 5.6 million rows, about 150 MB). Every run is a fresh `foresight forecast` process
 * (horizon 8, levels 80,95, output to a file) timed end to end, reading and writing included; peak memory is
 * the maximum resident set of the process (GNU time's %M, which covers its worker threads; for queue runs the
 * producer's and each worker's, where GNU time gives the largest process of the worker's tree, the worker or its
 * sandbox child, not their sum).
 *
 * The default model is `theta:stm` (about 1 ms a series), because the fused default (about 7 series/s on
 * 2 cores at the start of issue 18) would take hours at 100,000 series; `--model` changes it.
 * Vs workers: the queue (`--queue`) with 1 and then 2 `foresight worker` processes on a redis-server started
 * here on a free loopback port (skipped with a note when redis-server is absent).
 * `--malformed` adds the 200 MB malformed-file check: 200 MB of rows with ragged fields behind a valid header.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/core/random.js';
import { DATA } from './m4-data.js';
import { redisUnavailable, startRedis } from '../test/redis-server.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(tmpdir(), 'foresight-scale-bench');
const COLLECTIONS = ['m1-yearly', 'm1-quarterly', 'm1-monthly'];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** The development series, each as its ds texts and values. */
function developmentSeries(): { ds: string[]; y: number[] }[] {
  const out: { ds: string[]; y: number[] }[] = [];
  for (const set of COLLECTIONS) {
    const lines = readFileSync(join(DATA, set, 'train.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    let current = '';
    for (const line of lines) {
      const [id, ds, y] = line.split(',');
      if (id !== current) {
        out.push({ ds: [], y: [] });
        current = id;
      }
      out[out.length - 1].ds.push(ds);
      out[out.length - 1].y.push(Number(y));
    }
  }
  return out;
}

/** Writes the resampled collection of `count` series (see the module comment) unless it exists. */
async function collection(count: number): Promise<string> {
  const path = join(WORK, `resampled-${count}.csv`);
  if (existsSync(path)) return path;
  const pool = developmentSeries();
  const rng = createRng(count);
  const out = createWriteStream(path + '.part');
  let text = 'unique_id,ds,y\n';
  for (let i = 0; i < count; i++) {
    const s = pool[rng.int(pool.length)];
    const factor = 0.5 + 1.5 * rng.uniform();
    for (let t = 0; t < s.ds.length; t++) text += `r${i},${s.ds[t]},${+(s.y[t] * factor).toPrecision(6)}\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  spawnSync('mv', [path + '.part', path]);
  return path;
}

interface Measured {
  seconds: number;
  peakMb: number;
  code: number | null;
  stderr: string;
}

/** Runs `foresight <args>` under GNU time; resolves with wall seconds and peak RSS. */
function timed(args: string[]): { done: Promise<Measured>; kill: () => void } {
  const child = spawn(
    '/usr/bin/time',
    ['-f', 'TIME %e %M', process.execPath, '--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Measured>((resolve) =>
    child.once('exit', (code) => {
      const m = /TIME ([\d.]+) (\d+)/.exec(stderr);
      resolve({ seconds: m ? Number(m[1]) : NaN, peakMb: m ? Number(m[2]) / 1024 : NaN, code, stderr });
    }),
  );
  // the signal goes to the command under time (a worker stops cleanly on SIGTERM), so time still reports it
  const kill = () => {
    const pids = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n');
    for (const pid of pids.filter(Boolean)) process.kill(Number(pid), 'SIGTERM');
  };
  return { done, kill };
}

function forecastArgs(input: string, model: string, extra: string[]): string[] {
  return [
    'forecast',
    '--input',
    input,
    '--horizon',
    '8',
    '--model',
    model,
    '--output',
    join(WORK, 'out.csv'),
    ...extra,
  ];
}

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  const model = arg('--model', 'theta:stm');
  const sizes = arg('--sizes', '1000,10000,100000').split(',').map(Number);
  const queueSeries = Number(arg('--queue-series', '10000'));
  process.stdout.write(`scale bench: model ${model}, horizon 8, 2 worker threads, resampled M1 collections\n\n`);
  process.stdout.write('| series | file MB | seconds | series/s | peak MB |\n|---:|---:|---:|---:|---:|\n');
  for (const n of sizes) {
    const input = await collection(n);
    const r = await timed(forecastArgs(input, model, ['--workers', '2'])).done;
    if (r.code !== 0) throw new Error(`forecast of ${n} series failed: ${r.stderr.slice(-2000)}`);
    const mb = statSync(input).size / 2 ** 20;
    process.stdout.write(
      `| ${n} | ${mb.toFixed(0)} | ${r.seconds.toFixed(1)} | ${(n / r.seconds).toFixed(0)} | ${r.peakMb.toFixed(0)} |\n`,
    );
  }
  const why = redisUnavailable();
  if (why) process.stdout.write(`\nvs workers: skipped (${why})\n`);
  else {
    const input = await collection(queueSeries);
    const redis = await startRedis();
    process.stdout.write(
      `\nvs queue worker processes (${queueSeries} series, --queue, concurrency 1 each)\n\n| workers | seconds | series/s | producer peak MB | worker peak MB |\n|---:|---:|---:|---:|---:|\n`,
    );
    try {
      for (const count of [1, 2]) {
        const workers = Array.from({ length: count }, () =>
          timed(['worker', '--redis', redis.url, '--concurrency', '1']),
        );
        await new Promise((r) => setTimeout(r, 3000)); // the workers connect
        const r = await timed(forecastArgs(input, model, ['--queue', redis.url])).done;
        for (const w of workers) w.kill();
        const peaks = await Promise.all(workers.map((w) => w.done));
        if (r.code !== 0) throw new Error(`queued forecast failed: ${r.stderr.slice(-2000)}`);
        process.stdout.write(
          `| ${count} | ${r.seconds.toFixed(1)} | ${(queueSeries / r.seconds).toFixed(0)} | ${r.peakMb.toFixed(0)} | ${peaks.map((p) => p.peakMb.toFixed(0)).join(', ')} |\n`,
        );
      }
    } finally {
      await redis.stop();
    }
  }
  if (process.argv.includes('--malformed')) {
    const path = join(WORK, 'malformed-200mb.csv');
    if (!existsSync(path)) {
      const out = createWriteStream(path);
      out.write('unique_id,ds,y\n');
      let written = 0;
      for (let t = 0; written < 200 * 2 ** 20; t++) {
        const line = `s${t % 1000},${t},1,extra,fields\n`.repeat(1000);
        written += line.length;
        if (!out.write(line)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    }
    const r = await timed(forecastArgs(path, model, [])).done;
    const first = r.stderr.split('\n').find((l) => l.startsWith('error:')) ?? '(no error)';
    process.stdout.write(
      `\n200 MB of ragged rows (1,000 series): exit ${r.code}, ${r.seconds.toFixed(1)} s, peak ${r.peakMb.toFixed(0)} MB: ${first.slice(0, 160)}\n`,
    );
  }
  rmSync(join(WORK, 'out.csv'), { force: true });
}

await main();
