/**
 * Speed benchmark (issue #18): `npm run bench -- speed [--series 200] [--repeats 3] [--r-repeats 1] [--no-r]
 * [--base DIR] [--no-base] [--models ets,arima,theta:stm] [--workers-run]`.
 *
 * Series: the first N (default 200) series of M1 monthly (`<data>/m1-monthly/train.csv`, file order) with at
 * least 48 observations; season 12, horizon 18, levels 80 and 95. Every timing is of the fit-and-forecast loop
 * only (data already in memory), single-threaded, reported as CPU milliseconds per series (user + system of the
 * process, which a shared machine inflates less than wall time) with the wall time beside it; the median of the
 * repeats is the figure.
 *
 * 1. Members against R, side by side in this run: our registry models `ets`, `arima` and `theta:stm` (as the CLI
 *    runs them: runModel with the fallback rule) against R forecast's `ets`, `auto.arima` and `thetaf` (each
 *    followed by `forecast(h = 18, level = c(80, 95))`) on the same series, R through Rscript when it is
 *    installed (else ours alone, and the output says so). R and our runs alternate per repeat.
 * 2. The fused default `auto` of this tree against the same model of an older tree (`--base DIR`, default
 *    ../speed-base beside this repository: the commit at the start of issue #18, fafc339, checked out with its
 *    node_modules), each in its own child process, alternating per repeat. Batch calibration, which the old tree
 *    lacks, is left out of both (it takes milliseconds per batch).
 * 3. `--workers-run`: the CLI's `forecast --model auto --workers 2` on all of M1 monthly, wall time and series/s.
 *
 * Each measurement runs in its own child process (`--child`), so that JIT state and heap do not carry over.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DATA, hasRscript, readLong } from './m4-data.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const SEASON = 12;
const HORIZON = 18;
const LEVELS = [80, 95];
const MIN_LENGTH = 48;
/** Our registry model and the R call it is timed against. */
const R_CALLS: Record<string, { name: string; call: string }> = {
  ets: { name: 'ets', call: 'forecast(ets(y), h = 18, level = c(80, 95))' },
  arima: { name: 'auto.arima', call: 'forecast(auto.arima(y), h = 18, level = c(80, 95))' },
  'theta:stm': { name: 'thetaf', call: 'thetaf(y, h = 18, level = c(80, 95))' },
};

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** The benchmark's series: first `count` of M1 monthly with at least MIN_LENGTH observations. */
function benchSeries(count: number): { ids: string[]; values: number[][] } {
  const train = readLong(join(DATA, 'm1-monthly', 'train.csv'));
  const ids = [...train.keys()].filter((id) => train.get(id)!.length >= MIN_LENGTH).slice(0, count);
  return { ids, values: ids.map((id) => train.get(id)!) };
}

interface Timing {
  cpuMs: number;
  wallMs: number;
  series: number;
}

/** Child: times `model` over the series with the modules of `tree` (this repository or the base one). */
async function child(tree: string, model: string, count: number): Promise<Timing> {
  const load = (path: string) => import(pathToFileURL(join(tree, path)).href);
  const registry = (await load('src/ensemble/registry.ts')) as typeof import('../src/ensemble/registry.js');
  const runner = (await load('src/models/run-model.ts')) as typeof import('../src/models/run-model.js');
  const resolved = registry.resolveModel(model);
  const ys = benchSeries(count).values.map((v) => Float64Array.from(v));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const y of ys) runner.runModel({ y, seasonLength: SEASON }, resolved, HORIZON, LEVELS);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs, series: ys.length };
}

function runChild(tree: string, model: string, count: number): Timing {
  const out = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--child', tree, model, String(count)],
    { encoding: 'utf8', cwd: tree, maxBuffer: 1 << 24 },
  );
  if (out.status !== 0) throw new Error(`${model} in ${tree} failed:\n${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as Timing;
}

/** R's timings (CPU and wall ms in total) of one call on every series, in one Rscript process. */
function runR(csv: string, dir: string, model: string): Timing {
  const script = join(dir, `time-${model.replace(/\W/g, '_')}.R`);
  writeFileSync(
    script,
    [
      'suppressMessages(library(forecast))',
      `d <- read.csv("${csv}", colClasses = c("character", "numeric"))`,
      'ids <- unique(d$unique_id)',
      `ys <- lapply(ids, function(i) ts(d$y[d$unique_id == i], frequency = ${SEASON}))`,
      't0 <- proc.time()',
      `for (y in ys) f <- suppressWarnings(${R_CALLS[model].call})`,
      't1 <- proc.time() - t0',
      'cat(1000 * (t1[["user.self"]] + t1[["sys.self"]]), 1000 * t1[["elapsed"]], length(ys), "\\n")',
    ].join('\n'),
  );
  const [cpuMs, wallMs, series] = execFileSync('Rscript', [script], { encoding: 'utf8', maxBuffer: 1 << 24 })
    .trim()
    .split('\n')
    .pop()!
    .trim()
    .split(/\s+/)
    .map(Number);
  return { cpuMs, wallMs, series };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

const perSeries = (t: Timing[], key: 'cpuMs' | 'wallMs'): number => median(t.map((x) => x[key] / x.series));
const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const [tree, model, count] = process.argv.slice(3);
    process.stdout.write(JSON.stringify(await child(tree, model, Number(count))) + '\n');
    return;
  }
  const count = Number(flag('series', '200'));
  const repeats = Number(flag('repeats', '3'));
  const rRepeats = Number(flag('r-repeats', '1'));
  const models = flag('models', Object.keys(R_CALLS).join(',')).split(',');
  const { ids, values } = benchSeries(count);
  const lengths = values.map((v) => v.length);
  console.log(
    `# Speed: ${ids.length} M1 monthly series (the first with >= ${MIN_LENGTH} observations, ${ids[0]} .. ${ids.at(-1)}; ` +
      `lengths ${Math.min(...lengths)}-${Math.max(...lengths)}), horizon ${HORIZON}, levels ${LEVELS.join(', ')}; ` +
      `medians of repeats, CPU ms per series (wall in brackets); single-threaded`,
  );
  const withR = !process.argv.includes('--no-r') && hasRscript();
  if (!withR)
    console.log(process.argv.includes('--no-r') ? 'R skipped (--no-r)' : 'Rscript not found: ours only, no ratios');
  const dir = mkdtempSync(join(tmpdir(), 'foresight-speed-'));
  const csv = join(dir, 'series.csv');
  writeFileSync(csv, 'unique_id,y\n' + ids.flatMap((id, i) => values[i].map((v) => `${id},${v}`)).join('\n') + '\n');
  const rows: string[][] = [];
  for (const model of models) {
    const ours: Timing[] = [];
    const r: Timing[] = [];
    for (let k = 0; k < Math.max(repeats, withR ? rRepeats : 0); k++) {
      if (withR && k < rRepeats && R_CALLS[model]) r.push(runR(csv, dir, model));
      if (k < repeats) ours.push(runChild(ROOT, model, count));
    }
    const o = perSeries(ours, 'cpuMs');
    const row = [model, `${ms(o)} (${ms(perSeries(ours, 'wallMs'))})`];
    if (r.length) {
      const rc = perSeries(r, 'cpuMs');
      row.push(R_CALLS[model].name);
      row.push(`${ms(rc)} (${ms(perSeries(r, 'wallMs'))})`, `${(rc / o).toFixed(1)}x`);
    }
    rows.push(row);
    process.stderr.write(`${model}: done\n`);
  }
  console.log('\n| ours | CPU ms/series | R | R CPU ms/series | R / ours |\n|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);

  const base = resolve(flag('base', join(ROOT, '..', 'speed-base')));
  if (!process.argv.includes('--no-base')) {
    if (!existsSync(join(base, 'src', 'ensemble', 'registry.ts'))) {
      console.log(`\nno base tree at ${base} (--base DIR): fused default of this tree only`);
    }
    const hasBase = existsSync(join(base, 'src', 'ensemble', 'registry.ts'));
    const now: Timing[] = [];
    const old: Timing[] = [];
    for (let k = 0; k < repeats; k++) {
      if (hasBase) old.push(runChild(base, 'auto', count));
      now.push(runChild(ROOT, 'auto', count));
    }
    const n = perSeries(now, 'cpuMs');
    console.log(`\n| fused default \`auto\` | CPU ms/series | series/s per core (CPU) |\n|---|---|---|`);
    if (hasBase) {
      const b = perSeries(old, 'cpuMs');
      console.log(`| base ${gitHead(base)} | ${ms(b)} (${ms(perSeries(old, 'wallMs'))}) | ${(1000 / b).toFixed(2)} |`);
      console.log(
        `| this tree ${gitHead(ROOT)} | ${ms(n)} (${ms(perSeries(now, 'wallMs'))}) | ${(1000 / n).toFixed(2)} |`,
      );
      console.log(`speed-up of the fused default: ${(b / n).toFixed(2)}x (CPU), same run, same series`);
    } else {
      console.log(
        `| this tree ${gitHead(ROOT)} | ${ms(n)} (${ms(perSeries(now, 'wallMs'))}) | ${(1000 / n).toFixed(2)} |`,
      );
    }
    console.log(
      `100,000 series at this rate: ${((1e5 * n) / 1000 / 3600 / 2).toFixed(1)} h on 2 cores (${((1e5 * n) / 1000 / 3600).toFixed(1)} CPU hours)`,
    );
  }
  if (process.argv.includes('--workers-run')) workersRun(dir);
}

/** The CLI on all of M1 monthly with two worker threads: wall time, CPU time and series/s. */
function workersRun(dir: string): void {
  const input = join(DATA, 'm1-monthly', 'train.csv');
  const series = readLong(input).size;
  const out = join(dir, 'forecast.csv');
  const t0 = performance.now();
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%U %S',
      process.execPath,
      '--import',
      'tsx',
      join(ROOT, 'src', 'cli', 'main.ts'),
      'forecast',
      '--input',
      input,
      '--horizon',
      String(HORIZON),
      '--model',
      'auto',
      '--workers',
      '2',
      '--output',
      out,
    ],
    { encoding: 'utf8', cwd: ROOT },
  );
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`forecast --workers 2 failed:\n${r.stderr}`);
  const [user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  console.log(
    `\nCLI forecast --model auto --workers 2 on all ${series} M1 monthly series: wall ${wall.toFixed(1)} s ` +
      `(${(series / wall).toFixed(1)} series/s), CPU ${(user + sys).toFixed(1)} s ` +
      `(${((2 * series) / (user + sys)).toFixed(1)} series/s if both cores were ours alone)`,
  );
}

function gitHead(tree: string): string {
  try {
    return execFileSync('git', ['-C', tree, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

await main();
