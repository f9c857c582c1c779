/**
 * The benchmark harness: `npm run bench -- <set> [--models a,b] [--limit N] [--season a,b] [--markdown]`;
 * `npm run bench -- events ...` runs the event-probability benchmark (bench/events.ts).
 * `npm run bench -- api [...]` is the HTTP load test (bench/api-load.ts); `npm run bench -- dashboard` times
 * `npm start` and the dashboard's page loads (bench/dashboard.ts); `npm run bench -- speed [...]` times the
 * members against R and the fused default against an older tree (bench/speed.ts).
 *
 * Fits each model to every series of ../shared/data/<set>/train.csv (or $FORESIGHT_DATA/<set>), forecasts the
 * horizon of meta.json (season lengths: see `benchSeasons`; hourly series get 24 and 168), scores on test.csv (sMAPE, MASE with meta's mase_m, OWA against naive2 run here) and
 * prints, beside R forecast 8.20's figures from ../shared/reference/accuracy.json: series per second of the
 * fit-and-forecast loop (single-threaded, file reading excluded) and the peak resident memory of the process
 * that ran the model (each model runs in its own child process so the peaks do not mix).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA, REFERENCE, benchSeasons } from './m4-data.js';
import { fileURLToPath } from 'node:url';
import { readSeriesCsv } from '../src/data/read-csv.js';
import { AccuracyAccumulator, maseScale } from '../src/evaluate/accuracy.js';
import { resolveModel, splitModelList } from '../src/ensemble/registry.js';
import { runModel } from '../src/models/run-model.js';
import { calibrateBatch } from '../src/ensemble/calibrate-batch.js';
import { boundForecast } from '../src/models/bounds.js';
import { fmt, formatTable } from '../src/pipeline/format.js';

const DEFAULT_MODELS = ['naive', 'snaive', 'naive2', 'ses', 'holt', 'damped', 'comb'];
const LEVELS = [80, 95];

interface ModelResult {
  model: string;
  /** Interval coverage in percent per level of LEVELS. */
  coverage: number[];
  /** M4's mean scaled interval score of the 95% interval (scaled like MASE). */
  msis: number;
  smape: number;
  mase: number;
  naive2Smape: number;
  naive2Mase: number;
  seconds: number;
  series: number;
  fallbacks: number;
  peakMb: number;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function runOne(set: string, model: string, limit: number | undefined): Promise<ModelResult> {
  const dir = join(DATA, set);
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
    season: number;
    horizon: number;
    mase_m: number;
  };
  const seasonLengths = benchSeasons(set, meta);
  const train = await readSeriesCsv(join(dir, 'train.csv'), { seasonLengths });
  const test = await readSeriesCsv(join(dir, 'test.csv'), { seasonLengths });
  const testById = new Map(test.series.map((s) => [s.id, s]));
  const series = limit ? train.series.slice(0, limit) : train.series;
  const resolved = resolveModel(model);
  let fallbacks = 0;
  const t0 = process.hrtime.bigint();
  const runs = series.map((s) =>
    runModel({ y: s.y, seasonLength: meta.season, seasonLengths: s.seasonLengths }, resolved, meta.horizon, LEVELS),
  );
  // the fused models' intervals are calibrated across the batch, as the pipeline does (calibrate-batch.ts)
  if (!process.argv.includes('--per-series-calibration'))
    calibrateBatch(
      runs.map((run) => ({ run })),
      meta.horizon,
      LEVELS,
    );
  // and forecasts of series never negative are cut at zero, as the pipeline does (models/bounds.ts)
  if (!process.argv.includes('--allow-negative'))
    runs.forEach((run, i) => run.forecast && boundForecast(run.forecast, series[i].y));
  const empty = () => new Float64Array(meta.horizon).fill(NaN);
  const forecasts = runs.map((run) => {
    if (run.fallbackReason) fallbacks++;
    return run.forecast ?? { mean: empty(), levels: LEVELS, lower: LEVELS.map(empty), upper: LEVELS.map(empty) };
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const accuracy = new AccuracyAccumulator(model, LEVELS);
  const reference = new AccuracyAccumulator('naive2', []);
  const naive2 = resolveModel('naive2');
  let msis = 0;
  series.forEach((s, i) => {
    const actual = testById.get(s.id)!.y;
    const scale = maseScale(s.y, meta.mase_m);
    msis += scaledIntervalScore(actual, forecasts[i].lower[1], forecasts[i].upper[1], 0.05) / scale / series.length;
    accuracy.add({ actual, mean: forecasts[i].mean, lower: forecasts[i].lower, upper: forecasts[i].upper, scale });
    const ref = runModel({ y: s.y, seasonLength: meta.season }, naive2, meta.horizon, []);
    reference.add({ actual, mean: ref.forecast!.mean, scale });
  });
  const a = accuracy.summary();
  const r = reference.summary();
  return {
    model,
    coverage: a.intervals.map((x) => x.coverage),
    msis,
    smape: a.smape,
    mase: a.mase,
    naive2Smape: r.smape,
    naive2Mase: r.mase,
    seconds,
    series: series.length,
    fallbacks,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function main(): Promise<void> {
  const set = process.argv[2];
  if (set === 'events') {
    await import('./events.js'); // the event-probability benchmark, bench/events.ts
    return;
  }
  // reconciliation benchmarks have their own scripts
  if (set === 'scale') {
    await import('./scale.js'); // streaming and queue throughput and memory vs series and workers, bench/scale.ts
    return;
  }
  if (set === 'tourism' || set === 'reconcile-scale') {
    await import(set === 'tourism' ? './tourism.js' : './reconcile-scale.js');
    return;
  }
  if (set === 'speed') {
    await import('./speed.js'); // members against R and the fused default against an older tree, bench/speed.ts
    return;
  }
  if (set === 'api') {
    await import('./api-load.js');
    return;
  }
  if (set === 'dashboard') {
    await import('./dashboard.js'); // npm start to URL, and page load in Chromium
    return;
  }
  if (!set || set.startsWith('--')) {
    process.stderr.write(
      'usage: npm run bench -- <m4-weekly|m4-hourly|m1-yearly|m1-quarterly|m1-monthly|events|tourism|reconcile-scale|scale|api|dashboard|speed> [--models a,b] [--limit N] [--season a,b] [--markdown]\n',
    );
    process.exitCode = 2;
    return;
  }
  const limit = arg('--limit') ? Number(arg('--limit')) : undefined;
  if (process.argv.includes('--child')) {
    const result = await runOne(set, arg('--model')!, limit);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  if (!existsSync(join(DATA, set, 'train.csv'))) {
    process.stderr.write(
      `error: ${join(DATA, set, 'train.csv')} not found (set FORESIGHT_DATA to the folder holding ${set}/)\n`,
    );
    process.exitCode = 1;
    return;
  }
  const models = splitModelList(arg('--models') ?? DEFAULT_MODELS.join(','));
  const referencePath = join(REFERENCE, 'accuracy.json');
  type Reference = {
    smape: number;
    mase: number;
    owa?: number;
    series_per_second?: number | null;
    cover80?: number;
    cover95?: number;
    msis95?: number;
  };
  const m1Path = join(REFERENCE, 'm1-accuracy.json');
  const reference: Record<string, Reference> = {
    ...(existsSync(referencePath)
      ? ((JSON.parse(readFileSync(referencePath, 'utf8')) as Record<string, Record<string, Reference>>)[set] ?? {})
      : {}),
    ...(existsSync(m1Path)
      ? ((JSON.parse(readFileSync(m1Path, 'utf8')) as Record<string, Record<string, Reference>>)[set] ?? {})
      : {}),
  };
  const rows: string[][] = [];
  for (const model of models) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        set,
        '--child',
        '--model',
        model,
        ...(limit ? ['--limit', String(limit)] : []),
        ...(arg('--season') ? ['--season', arg('--season')!] : []),
        ...(process.argv.includes('--per-series-calibration') ? ['--per-series-calibration'] : []),
        ...(process.argv.includes('--allow-negative') ? ['--allow-negative'] : []),
      ],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    if (child.status !== 0) {
      process.stderr.write(`${model}: failed\n${child.stderr}\n`);
      rows.push([model, 'failed', ...Array<string>(16).fill('')]);
      continue;
    }
    const r = JSON.parse(child.stdout) as ModelResult;
    const owa = (r.smape / r.naive2Smape + r.mase / r.naive2Mase) / 2;
    const ref = reference[model];
    rows.push([
      model,
      fmt(r.smape),
      fmt(r.mase),
      fmt(owa, 3),
      fmt(r.series / r.seconds, 3),
      fmt(r.peakMb, 3),
      ...LEVELS.map((_, i) => (Number.isFinite(r.coverage[i]) ? `${fmt(r.coverage[i], 3)}%` : '-')),
      Number.isFinite(r.msis) ? fmt(r.msis, 4) : '-',
      String(r.fallbacks),
      ref ? fmt(ref.smape) : '-',
      ref ? fmt(ref.mase) : '-',
      ref?.owa !== undefined ? fmt(ref.owa, 3) : '-',
      ref?.cover80 !== undefined ? `${fmt(ref.cover80, 3)}%` : '-',
      ref?.cover95 !== undefined ? `${fmt(ref.cover95, 3)}%` : '-',
      ref?.msis95 !== undefined ? fmt(ref.msis95, 4) : '-',
      ref?.series_per_second ? fmt(ref.series_per_second, 3) : '-',
    ]);
    process.stderr.write(`${model}: done (${r.series} series in ${r.seconds.toFixed(2)} s)\n`);
  }
  const header = [
    'model',
    'sMAPE',
    'MASE',
    'OWA',
    'series/s',
    'peak MB',
    ...LEVELS.map((l) => `cover-${l}`),
    'MSIS',
    'fallbacks',
    'R sMAPE',
    'R MASE',
    'R OWA',
    'R cover-80',
    'R cover-95',
    'R MSIS',
    'R series/s',
  ];
  process.stdout.write(`${set}${limit ? ` (first ${limit} series)` : ''}\n`);
  if (process.argv.includes('--markdown')) {
    process.stdout.write(
      `| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`,
    );
  } else {
    process.stdout.write(formatTable(header, rows) + '\n');
  }
}

await main();

/** Mean over the steps of the interval score (width plus 2/a times the miss) of a central 1 - a interval. */
function scaledIntervalScore(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  a: number,
): number {
  let sum = 0;
  for (let t = 0; t < actual.length; t++) {
    const y = actual[t];
    sum += upper[t] - lower[t] + (2 / a) * Math.max(0, lower[t] - y) + (2 / a) * Math.max(0, y - upper[t]);
  }
  return sum / actual.length;
}
