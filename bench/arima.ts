/**
 * Benchmark of automatic ARIMA on the M4 weekly and hourly sets: accuracy (sMAPE, MASE, 95% coverage) against
 * R forecast 8.20's `auto.arima` in /work/shared/reference, per-series agreement with R's forecasts, series per
 * second, and, when Rscript is installed, a side-by-side timing of R's `auto.arima` and ours on the same first-N
 * series (fitting-and-forecasting loop only, single-threaded, one after the other in this run).
 *
 *   node --import tsx bench/arima.ts [--set weekly|hourly|both] [--limit N] [--weekly-season 1|52]
 *                                    [--r-series N] [--no-r] [--registry]
 *
 * Weekly series are given season 1 by default, as the reference did (R's auto.arima with m = 52 runs for hours);
 * `--weekly-season 52` runs our seasonal search with its bounded state (see src/models/arima/auto.ts);
 * `--registry --weekly-season 52` runs the registry's `arima` model as the CLI would (seasons above 24 get a
 * non-seasonal search there).
 *
 * Measured 2026-11-29 on the shared 2-core machine (see the ARIMA report): weekly (m = 1, 359 series) sMAPE
 * 8.580 / MASE 2.539 vs R 8.593 / 2.541; hourly (m = 24, 414 series) sMAPE 14.129 / MASE 0.950 (R published
 * 1.02); side by side on the first 100 weekly series 5.7x R's speed, on the first 4 hourly series 46x.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autoArima } from '../src/models/arima/auto.js';
import { ARIMA_MODEL, parseArimaOption } from '../src/models/arima/definition.js';
import { predictArima } from '../src/models/arima/predict.js';
import { normalForecast } from '../src/models/intervals.js';
import { smape } from '../src/evaluate/metrics/smape.js';
import { mase } from '../src/evaluate/metrics/mase.js';
import { DATA, REFERENCE, arg, hasRscript, readLong, readReference, type Meta } from './m4-data.js';

function forecastOne(
  y: Float64Array,
  season: number,
  horizon: number,
): { mean: Float64Array; lower: Float64Array; upper: Float64Array; name: string; fallback: boolean } {
  if (VIA_REGISTRY) {
    const fit = ARIMA_MODEL.fit({ y, seasonLength: season }, parseArimaOption(undefined));
    const fc = ARIMA_MODEL.forecast(fit, horizon, [95]);
    return {
      mean: fc.mean,
      lower: fc.lower[0],
      upper: fc.upper[0],
      name: fit.model,
      fallback: fit.details?.fallback !== undefined,
    };
  }
  const r = autoArima(y, { seasonLength: season });
  const { mean, se } = predictArima(r.fit, horizon, undefined, r.sigma2);
  const fc = normalForecast(mean, se, [95]);
  const o = r.fit.order;
  const name = `(${o.p},${o.d},${o.q})${o.P + o.D + o.Q > 0 ? `(${o.P},${o.D},${o.Q})` : ''}${r.constant ? '+c' : ''}`;
  return { mean, lower: fc.lower[0], upper: fc.upper[0], name, fallback: r.fallback !== undefined };
}

function runSet(set: string, limit: number, season: number, rSeries: number, withR: boolean): void {
  const meta: Meta = JSON.parse(readFileSync(join(DATA, `m4-${set}`, 'meta.json'), 'utf8'));
  const train = readLong(join(DATA, `m4-${set}`, 'train.csv'));
  const test = readLong(join(DATA, `m4-${set}`, 'test.csv'));
  const accuracy = JSON.parse(readFileSync(join(REFERENCE, 'accuracy.json'), 'utf8'))[`m4-${set}`];
  const rForecasts = readReference(set, 'arima');
  const ids = [...train.keys()].slice(0, limit);
  let sumSmape = 0,
    sumMase = 0,
    covered = 0,
    points = 0,
    same = 0,
    rSmape = 0,
    rMase = 0,
    withRef = 0,
    fallbacks = 0,
    failures = 0;
  const start = performance.now();
  for (const id of ids) {
    const y = Float64Array.from(train.get(id)!);
    const actual = test.get(id)!;
    let fc;
    try {
      fc = forecastOne(y, season, meta.horizon);
    } catch (e) {
      failures++;
      console.log(`${id}: ${(e as Error).message}`);
      continue;
    }
    if (fc.fallback) fallbacks++;
    sumSmape += smape(actual, fc.mean);
    sumMase += mase(actual, fc.mean, y, meta.mase_m);
    for (let h = 0; h < meta.horizon; h++) {
      points++;
      if (actual[h] >= fc.lower[h] && actual[h] <= fc.upper[h]) covered++;
    }
    const r = rForecasts.get(id);
    if (r) {
      withRef++;
      rSmape += smape(actual, r);
      rMase += mase(actual, r, y, meta.mase_m);
      let maxRel = 0;
      for (let h = 0; h < meta.horizon; h++)
        maxRel = Math.max(maxRel, Math.abs(fc.mean[h] - r[h]) / Math.max(1, Math.abs(r[h])));
      if (maxRel < 1e-3) same++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const k = ids.length - failures;
  console.log(
    `\n## m4-${set}: ${ids.length} series, automatic ARIMA${VIA_REGISTRY ? ' (registry model)' : ''} with season ${season} (${failures} failures, ${fallbacks} fallbacks)`,
  );
  console.log(`| | sMAPE | MASE | 95% coverage | series/s |`);
  console.log(`|---|---|---|---|---|`);
  console.log(
    `| Foresight arima | ${(sumSmape / k).toFixed(3)} | ${(sumMase / k).toFixed(3)} | ${((100 * covered) / points).toFixed(1)}% | ${(ids.length / seconds).toFixed(2)} |`,
  );
  if (withRef > 0)
    console.log(
      `| R auto.arima (reference, same ${withRef} series) | ${(rSmape / withRef).toFixed(3)} | ${(rMase / withRef).toFixed(3)} | - | - |`,
    );
  if (accuracy.arima && ids.length === train.size) {
    console.log(
      `| R auto.arima (accuracy.json, all series) | ${accuracy.arima.smape} | ${accuracy.arima.mase} | - | ${accuracy.arima.series_per_second} |`,
    );
  }
  if (withRef > 0) console.log(`point forecasts within 1e-3 relative of R's: ${same}/${withRef} series`);
  if (withR && rSeries > 0) sideBySide(set, meta, train, ids.slice(0, rSeries), season);
}

/** Times R's auto.arima and ours on the same series, one after the other in this run (fitting loop only). */
function sideBySide(set: string, meta: Meta, train: Map<string, number[]>, ids: string[], season: number): void {
  if (!hasRscript()) {
    console.log('Rscript not found: no side-by-side timing');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'arima-bench-'));
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
      `t0 <- proc.time()`,
      `for (y in ys) f <- suppressWarnings(forecast(auto.arima(ts(y, frequency = ${season})), h = ${meta.horizon}))`,
      't1 <- proc.time() - t0',
      'cat(t1[["elapsed"]], t1[["user.self"]] + t1[["sys.self"]], "\n")',
    ].join('\n'),
  );
  const ys = ids.map((id) => Float64Array.from(train.get(id)!));
  const timeOurs = (): [number, number] => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const y of ys) forecastOne(y, season, meta.horizon);
    const c = process.cpuUsage(c0);
    return [(performance.now() - t0) / 1000, (c.user + c.system) / 1e6];
  };
  // ours before and after R, so that a change in the machine's load affects both sides alike
  const before = timeOurs();
  const [rWall, rCpu] = execFileSync('Rscript', [script], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!
    .trim()
    .split(/\s+/)
    .map(Number);
  const after = timeOurs();
  const wall = (before[0] + after[0]) / 2;
  const cpu = (before[1] + after[1]) / 2;
  console.log(
    `side by side, first ${ids.length} m4-${set} series (season ${season}): ` +
      `R auto.arima ${rWall.toFixed(2)} s wall / ${rCpu.toFixed(2)} s CPU (${((1000 * rWall) / ids.length).toFixed(0)} ms/series); ` +
      `Foresight ${wall.toFixed(2)} s wall / ${cpu.toFixed(2)} s CPU (mean of a run before and after R: ${before[0].toFixed(2)}, ${after[0].toFixed(2)} s wall): ` +
      `${(rWall / wall).toFixed(1)}x wall, ${(rCpu / cpu).toFixed(1)}x CPU`,
  );
}

const VIA_REGISTRY = process.argv.includes('--registry');
const set = arg('set', 'both');
const limit = Number(arg('limit', '100000'));
const withR = !process.argv.includes('--no-r');
for (const s of set === 'both' ? ['weekly', 'hourly'] : [set]) {
  const season = s === 'weekly' ? Number(arg('weekly-season', '1')) : 24;
  const rSeries = Number(arg('r-series', s === 'weekly' ? '100' : '0'));
  runSet(s, limit, season, rSeries, withR);
}
