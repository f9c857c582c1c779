/**
 * Load test of the HTTP API:
 * `npm run bench -- api [--duration S] [--connections N] [--repeat K] [--warmup S] [--soak S] [--series N]`.
 *
 * Starts `foresight serve` as a child process on 127.0.0.1 with a temporary database, then drives it with
 * autocannon (bounded by duration and by a request count, `maxOverallRequests`) and reports requests/s, p50/p99 latency and the server
 * process' peak resident memory (VmHWM). Each scenario is first driven for `--warmup` seconds unmeasured (the
 * JIT, the job threads and their module loading), then measured `--repeat` times; the table gives the best and
 * the median run, and the load average of the machine before and after (the machine may be shared). For:
 * 1. `GET /v1/runs/{id}` (target >= 2,000 req/s, p99 < 25 ms on 2 cores), after `GET /healthz` as a baseline;
 * 2. `POST /v1/forecasts` with one small series (target >= 100 req/s), for `ets` and the default `auto`;
 * 3. `GET /healthz` while a 1,000-series run computes on the worker pool (target p99 < 50 ms);
 * 4. with `--soak S`: S seconds of mixed reads and small forecasts, the server's resident memory sampled every
 *    5 s (memory must stay bounded).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, formatTable } from '../src/pipeline/format.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TOKEN = 'bench-token';
const MAX_REQUESTS = 200_000;
/** The soak's moderate rates (requests per second), well below the measured maxima. */
const SOAK_READS_PER_SECOND = 300;
const SOAK_FORECASTS_PER_SECOND = 20;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) {
    process.stderr.write(`error: ${name} "${process.argv[i + 1] ?? ''}" is not a positive number\n`);
    process.exit(2);
  }
  return v;
}

/** Peak and current resident memory of a process, MB (Linux /proc). */
function memory(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

async function startServer(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--port', '0', '--db', db],
    {
      cwd: ROOT,
      env: { ...process.env, FORESIGHT_TOKEN: TOKEN },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return { child, url };
}

const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

function smallSeries(): { unique_id: string; ds: number; y: number }[] {
  return Array.from({ length: 24 }, (_, t) => ({ unique_id: 'one', ds: t + 1, y: 100 + t + 5 * Math.sin(t) }));
}

function manySeriesCsv(count: number, length: number): string {
  const lines = ['unique_id,ds,y'];
  for (let k = 0; k < count; k++) {
    for (let t = 1; t <= length; t++)
      lines.push(
        `s${k},${t},${(200 + (k % 17) + 0.5 * t + 8 * Math.sin((2 * Math.PI * t) / 12 + k) + ((t * 7919 + k * 104729) % 11) / 3).toFixed(3)}`,
      );
  }
  return lines.join('\n') + '\n';
}

interface Row {
  scenario: string;
  results: autocannon.Result[];
  peakMb: number;
}

const median = (values: number[]): number => {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

async function load(url: string, options: Partial<autocannon.Options>): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: 10,
    duration: 10,
    maxOverallRequests: MAX_REQUESTS,
    ...options,
  } as autocannon.Options);
}

async function main(): Promise<void> {
  const duration = arg('--duration', 10);
  const connections = arg('--connections', 10);
  const soak = process.argv.includes('--soak') ? arg('--soak', 600) : 0;
  const seriesCount = arg('--series', 1000);
  const repeat = arg('--repeat', 3);
  const warmup = process.argv.includes('--warmup') ? arg('--warmup', 3) : 3;
  const loadBefore = loadavg();
  // a warm-up pass (not measured), then `repeat` measured passes
  const measure = async (options: Partial<autocannon.Options>): Promise<autocannon.Result[]> => {
    await load(options.url!, { ...options, duration: warmup });
    const out: autocannon.Result[] = [];
    for (let k = 0; k < repeat; k++) out.push(await load(options.url!, options));
    return out;
  };
  const dir = mkdtempSync(join(tmpdir(), 'foresight-bench-api-'));
  const { child, url } = await startServer(join(dir, 'bench.db'));
  const pid = child.pid!;
  const rows: Row[] = [];
  try {
    const first = await fetch(`${url}/v1/forecasts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ series: smallSeries(), horizon: 4, models: ['naive'] }),
    });
    const runId = ((await first.json()) as { run: { id: string } }).run.id;

    process.stderr.write(
      `GET /healthz (baseline: the framework and socket alone) for ${duration} s, ${connections} connections\n`,
    );
    rows.push({
      scenario: 'GET /healthz (idle server)',
      results: await measure({ url: `${url}/healthz`, duration, connections }),
      peakMb: memory(pid).peakMb,
    });
    process.stderr.write(`GET /v1/runs/{id} for ${duration} s, ${connections} connections\n`);
    rows.push({
      scenario: 'GET /v1/runs/{id}',
      results: await measure({ url: `${url}/v1/runs/${runId}`, duration, connections }),
      peakMb: memory(pid).peakMb,
    });

    for (const model of ['ets', 'auto']) {
      process.stderr.write(`POST /v1/forecasts (one series of 24, h = 4, ${model}) for ${duration} s\n`);
      const body = JSON.stringify({ series: smallSeries(), horizon: 4, models: [model] });
      rows.push({
        scenario: `POST /v1/forecasts (${model})`,
        results: await measure({ url: `${url}/v1/forecasts`, method: 'POST', headers, body, duration, connections }),
        peakMb: memory(pid).peakMb,
      });
    }

    process.stderr.write(`GET /healthz while a ${seriesCount}-series run computes\n`);
    const upload = await fetch(`${url}/v1/datasets?name=many.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: manySeriesCsv(seriesCount, 72),
    });
    const datasetId = ((await upload.json()) as { id: string }).id;
    const started = Date.now();
    const long = await fetch(`${url}/v1/forecasts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ datasetId, horizon: 12, models: ['ets'] }),
    });
    const longId = ((await long.json()) as { id: string }).id;
    let finished = 0;
    const watcher = (async () => {
      for (;;) {
        const run = (await (await fetch(`${url}/v1/runs/${longId}`)).json()) as { status: string };
        if (run.status !== 'queued' && run.status !== 'running') {
          finished = Date.now();
          return run.status;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const health = await load(`${url}/healthz`, { duration: Math.max(duration, 30), connections: 2 });
    const healthEnd = Date.now();
    rows.push({
      scenario: `GET /healthz during a ${seriesCount}-series run`,
      results: [health],
      peakMb: memory(pid).peakMb,
    });
    const status = await watcher;
    const runSeconds = ((finished || Date.now()) - started) / 1000;
    const overlap = Math.min(healthEnd, finished || healthEnd) - started;
    process.stderr.write(
      `the ${seriesCount}-series run ${status} in ${fmt(runSeconds, 3)} s; /healthz was measured during ${fmt(overlap / 1000, 3)} s of it\n`,
    );

    const header = [
      'scenario',
      'runs',
      'requests',
      'req/s best',
      'req/s median',
      'p50 ms median',
      'p99 ms best',
      'p99 ms median',
      'max ms',
      'errors',
      'non-2xx',
      'server peak MB',
    ];
    const loadAfter = loadavg();
    process.stdout.write(
      formatTable(
        header,
        rows.map(({ scenario, results: rs, peakMb }) => [
          scenario,
          String(rs.length),
          String(rs.reduce((s, r) => s + r.requests.total, 0)),
          fmt(Math.max(...rs.map((r) => r.requests.average)), 4),
          fmt(median(rs.map((r) => r.requests.average)), 4),
          fmt(median(rs.map((r) => r.latency.p50)), 3),
          fmt(Math.min(...rs.map((r) => r.latency.p99)), 3),
          fmt(median(rs.map((r) => r.latency.p99)), 3),
          fmt(Math.max(...rs.map((r) => r.latency.max)), 3),
          String(rs.reduce((s, r) => s + r.errors + r.timeouts, 0)),
          String(rs.reduce((s, r) => s + r.non2xx, 0)),
          fmt(peakMb, 4),
        ]),
      ) +
        `\nload average (1, 5, 15 min) before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' ')} on ${availableParallelism()} cores\n`,
    );

    if (soak > 0) {
      process.stderr.write(
        `soak: ${soak} s of GET /v1/runs/{id} at ${SOAK_READS_PER_SECOND}/s and POST /v1/forecasts (naive) at ${SOAK_FORECASTS_PER_SECOND}/s, memory every 5 s\n`,
      );
      const samples: { t: number; rssMb: number }[] = [{ t: 0, rssMb: memory(pid).rssMb }];
      const t0 = Date.now();
      const sampler = setInterval(() => samples.push({ t: (Date.now() - t0) / 1000, rssMb: memory(pid).rssMb }), 5000);
      const body = JSON.stringify({ series: smallSeries(), horizon: 4, models: ['naive'] });
      const [reads, writes] = await Promise.all([
        autocannon({
          url: `${url}/v1/runs/${runId}`,
          connections: 4,
          overallRate: SOAK_READS_PER_SECOND,
          duration: soak,
          maxOverallRequests: MAX_REQUESTS * Math.ceil(soak / 10),
        } as autocannon.Options),
        autocannon({
          url: `${url}/v1/forecasts`,
          method: 'POST',
          headers,
          body,
          connections: 2,
          overallRate: SOAK_FORECASTS_PER_SECOND,
          duration: soak,
          maxOverallRequests: MAX_REQUESTS * Math.ceil(soak / 10),
        } as autocannon.Options),
      ]);
      clearInterval(sampler);
      samples.push({ t: (Date.now() - t0) / 1000, rssMb: memory(pid).rssMb });
      const half = samples.filter((s) => s.t >= soak / 2);
      const rss = samples.map((s) => s.rssMb);
      process.stdout.write(
        `soak ${soak} s: ${reads.requests.total} reads (p99 ${fmt(reads.latency.p99, 3)} ms) and ${writes.requests.total} forecasts (p99 ${fmt(writes.latency.p99, 3)} ms), ` +
          `${reads.errors + writes.errors + reads.non2xx + writes.non2xx} errors; server RSS MB start ${fmt(rss[0], 4)}, max ${fmt(Math.max(...rss), 4)}, ` +
          `max over the second half ${fmt(Math.max(...half.map((s) => s.rssMb)), 4)}, end ${fmt(rss[rss.length - 1], 4)}; peak ${fmt(memory(pid).peakMb, 4)}\n` +
          `load average after the soak ${loadavg()
            .map((x) => x.toFixed(2))
            .join(' ')}\n` +
          `RSS samples (s:MB): ${samples.map((s) => `${Math.round(s.t)}:${Math.round(s.rssMb)}`).join(' ')}\n`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
