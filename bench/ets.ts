/**
 * Benchmark of automatic ETS on the M4 weekly and hourly sets: accuracy (sMAPE, MASE, 95% coverage) against
 * R forecast 8.20's `ets` in /work/shared/reference, per-series agreement with R's forecasts, series per second,
 * and, when Rscript is installed, a side-by-side timing of R's `ets` and ours on the same first-N series.
 *
 *   node --import tsx bench/ets.ts [--set weekly|hourly|both] [--limit N] [--long-season adjust|ignore]
 *                                  [--r-series N] [--no-r]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autoEts } from '../src/models/ets/auto.js';
import { forecastEts } from '../src/models/ets/ets.js';
import { smape } from '../src/evaluate/metrics/smape.js';
import { mase } from '../src/evaluate/metrics/mase.js';
import { DATA, REFERENCE, arg, hasRscript, readLong, readReference, type Meta } from './m4-data.js';

function runSet(set: string, limit: number, longSeason: 'adjust' | 'ignore', rSeries: number, withR: boolean): void {
  const meta: Meta = JSON.parse(readFileSync(join(DATA, `m4-${set}`, 'meta.json'), 'utf8'));
  const train = readLong(join(DATA, `m4-${set}`, 'train.csv'));
  const test = readLong(join(DATA, `m4-${set}`, 'test.csv'));
  const accuracy = JSON.parse(readFileSync(join(REFERENCE, 'accuracy.json'), 'utf8'))[`m4-${set}`];
  const rForecasts = readReference(set, 'ets');
  const ids = [...train.keys()].slice(0, limit);
  let sumSmape = 0,
    sumMase = 0,
    covered = 0,
    points = 0,
    same = 0,
    rSmape = 0,
    rMase = 0;
  const forms = new Map<string, number>();
  const start = performance.now();
  for (const id of ids) {
    const y = Float64Array.from(train.get(id)!);
    const actual = test.get(id)!;
    const fit = autoEts(y, { seasonLength: meta.season, longSeason });
    const fc = forecastEts(fit, meta.horizon, [95]);
    sumSmape += smape(actual, fc.mean);
    sumMase += mase(actual, fc.mean, y, meta.mase_m);
    for (let h = 0; h < meta.horizon; h++) {
      points++;
      if (actual[h] >= fc.lower[0][h] && actual[h] <= fc.upper[0][h]) covered++;
    }
    forms.set(fit.model, (forms.get(fit.model) ?? 0) + 1);
    const r = rForecasts.get(id);
    if (r) {
      rSmape += smape(actual, r);
      rMase += mase(actual, r, y, meta.mase_m);
      let maxRel = 0;
      for (let h = 0; h < meta.horizon; h++)
        maxRel = Math.max(maxRel, Math.abs(fc.mean[h] - r[h]) / Math.max(1, Math.abs(r[h])));
      if (maxRel < 1e-4) same++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const k = ids.length;
  console.log(`\n## m4-${set}: ${k} series, automatic ETS (long seasons: ${longSeason})`);
  console.log(`| | sMAPE | MASE | 95% coverage | series/s |`);
  console.log(`|---|---|---|---|---|`);
  console.log(
    `| Foresight ets | ${(sumSmape / k).toFixed(3)} | ${(sumMase / k).toFixed(3)} | ${((100 * covered) / points).toFixed(1)}% | ${(k / seconds).toFixed(2)} |`,
  );
  console.log(
    `| R ets (reference, same ${k} series) | ${(rSmape / k).toFixed(3)} | ${(rMase / k).toFixed(3)} | - | - |`,
  );
  if (k === train.size)
    console.log(
      `| R ets (accuracy.json, all series) | ${accuracy.ets.smape} | ${accuracy.ets.mase} | - | ${accuracy.ets.series_per_second} |`,
    );
  console.log(
    `point forecasts within 1e-4 relative of R's: ${same}/${k} series; forms: ${[...forms].map(([f, c]) => `${f} ${c}`).join(', ')}`,
  );
  if (withR && rSeries > 0) sideBySide(set, meta, train, ids.slice(0, rSeries), longSeason);
}

/** Times R's ets and ours on the same series, one after the other in this process run (fitting loop only). */
function sideBySide(
  set: string,
  meta: Meta,
  train: Map<string, number[]>,
  ids: string[],
  longSeason: 'adjust' | 'ignore',
): void {
  if (!hasRscript()) {
    console.log('Rscript not found: no side-by-side timing');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ets-bench-'));
  const csv = join(dir, 'series.csv');
  writeFileSync(csv, 'unique_id,y\n' + ids.flatMap((id) => train.get(id)!.map((v) => `${id},${v}`)).join('\n') + '\n');
  const script = join(dir, 'time.R');
  writeFileSync(
    script,
    [
      'suppressMessages(library(forecast))',
      `d <- read.csv("${csv}", colClasses = c("character", "numeric"))`,
      'ids <- unique(d$unique_id)',
      'ys <- lapply(ids, function(i) d$y[d$unique_id == i])',
      't0 <- proc.time()',
      `for (y in ys) f <- suppressWarnings(forecast(ets(ts(y, frequency = ${meta.season})), h = ${meta.horizon}))`,
      't1 <- proc.time() - t0',
      'cat(t1[["elapsed"]], t1[["user.self"]] + t1[["sys.self"]])',
    ].join('\n'),
  );
  const [rWall, rCpu] = execFileSync('Rscript', [script], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!
    .split(' ')
    .map(Number);
  const ys = ids.map((id) => Float64Array.from(train.get(id)!));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const y of ys) forecastEts(autoEts(y, { seasonLength: meta.season, longSeason }), meta.horizon, [80, 95]);
  const c1 = process.cpuUsage(c0);
  const wall = (performance.now() - t0) / 1000;
  const cpu = (c1.user + c1.system) / 1e6;
  const per = (seconds: number): string => `${((1000 * seconds) / ids.length).toFixed(1)} ms/series`;
  // CPU time is the fairer measure on a shared machine: waiting for a core is not counted for either side
  console.log(
    `side by side, first ${ids.length} m4-${set} series (fitting loop only): ` +
      `wall R ets ${per(rWall)}, Foresight ${per(wall)}: ${(rWall / wall).toFixed(1)}x; ` +
      `CPU R ets ${per(rCpu)}, Foresight ${per(cpu)}: ${(rCpu / cpu).toFixed(1)}x`,
  );
}

const set = arg('set', 'both');
const limit = Number(arg('limit', '100000'));
const longSeason = arg('long-season', 'adjust') as 'adjust' | 'ignore';
const withR = !process.argv.includes('--no-r');
for (const s of set === 'both' ? ['weekly', 'hourly'] : [set]) {
  const rSeries = Number(arg('r-series', s === 'weekly' ? '100' : '30'));
  runSet(s, limit, longSeason, rSeries, withR);
}
