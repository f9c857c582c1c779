/**
 * Trains the feature-based combination weights of `ensemble:features` and writes them to
 * src/ensemble/feature-weights.json, with the held-out evaluation fixture test/fixtures/ensemble/heldout-members.json.
 *
 *   npm run train-weights                      # everything (about 15 minutes on one core)
 *   npm run train-weights -- --cache /tmp/fw.json   # keep the member forecasts in a file and reuse them
 *
 * Data: ../shared/data/m4-weekly and m4-hourly train.csv only ($FORESIGHT_DATA overrides the folder); test.csv
 * is never read. For each series the last `horizon` (meta.json) observations of the training data are held
 * back; every default ensemble member (models/registry.ts names, with the fallback rule of run-model.ts) and
 * naive2 are fitted on the rest and forecast them. Each member's error on a series is its OWA contribution
 * L = (sMAPE / mean naive2 sMAPE + MASE / mean naive2 MASE) / 2, the means over the set's training series.
 * Every 5th series (index 4, 9, ...) of each set is held out from training. The L2 penalty is chosen by 5-fold
 * cross-validation on the training series for the OWA of the combined forecast; the final model is trained on
 * all training series, and the OWA of each member, of the member mean and of the feature-weighted combination
 * on the held-out series is printed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSeriesCsv } from '../src/data/read-csv.js';
import { DEFAULT_MEMBERS } from '../src/ensemble/ensemble.js';
import { FEATURE_NAMES, seriesFeatures } from '../src/ensemble/features.js';
import { featureWeights, trainFeatureWeights, type FeatureWeightModel } from '../src/ensemble/feature-weights.js';
import { maseScale } from '../src/evaluate/metrics/mase.js';
import { smape } from '../src/evaluate/metrics/smape.js';
import { resolveModel } from '../src/models/registry.js';
import { runModel } from '../src/models/run-model.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = process.env.FORESIGHT_DATA ?? resolve(ROOT, '../shared/data');
const SETS = ['m4-weekly', 'm4-hourly'];
const HELD_OUT_EVERY = 5;
const LAMBDAS = [1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001];
const FOLDS = 5;

interface SeriesRecord {
  set: string;
  id: string;
  heldOut: boolean;
  /** MASE scale of the truncated series (meta mase_m). */
  scale: number;
  actual: number[];
  /** Member forecasts, DEFAULT_MEMBERS order. */
  forecasts: number[][];
  naive2: number[];
  fallbacks: string[];
}

interface Example {
  record: SeriesRecord;
  features: Float64Array;
  losses: Float64Array;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function memberForecasts(): Promise<SeriesRecord[]> {
  const records: SeriesRecord[] = [];
  const members = DEFAULT_MEMBERS.map((name) => resolveModel(name));
  const naive2 = resolveModel('naive2');
  for (const set of SETS) {
    const dir = join(DATA, set);
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
      season: number;
      horizon: number;
      mase_m: number;
    };
    const data = await readSeriesCsv(join(dir, 'train.csv'), { seasonLengths: [meta.season] });
    const t0 = Date.now();
    data.series.forEach((s, i) => {
      const h = meta.horizon;
      const fitPart = s.y.subarray(0, s.y.length - h);
      const series = { y: fitPart, seasonLength: meta.season };
      const runs = members.map((r) => runModel(series, r, h, []));
      const reference = runModel(series, naive2, h, []);
      records.push({
        set,
        id: s.id,
        heldOut: i % HELD_OUT_EVERY === HELD_OUT_EVERY - 1,
        scale: maseScale(fitPart, meta.mase_m),
        actual: Array.from(s.y.subarray(s.y.length - h)),
        forecasts: runs.map((run) => Array.from(run.forecast!.mean)),
        naive2: Array.from(reference.forecast!.mean),
        fallbacks: runs.filter((run) => run.fallbackReason).map((run) => `${run.model}: ${run.fallbackReason}`),
      });
      if ((i + 1) % 25 === 0)
        process.stderr.write(
          `${set}: ${i + 1}/${data.series.length} series, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
        );
    });
  }
  return records;
}

function mase(actual: readonly number[], forecast: ArrayLike<number>, scale: number): number {
  let s = 0;
  for (let t = 0; t < actual.length; t++) s += Math.abs(actual[t] - forecast[t]);
  return s / actual.length / scale;
}

function combine(forecasts: readonly number[][], weights: ArrayLike<number>): Float64Array {
  return Float64Array.from(forecasts[0], (_, t) => forecasts.reduce((s, f, j) => s + weights[j] * f[t], 0));
}

/** OWA of one forecast per record, per set against naive2 on the same records, averaged over the sets. */
function owa(
  records: readonly SeriesRecord[],
  forecastOf: (r: SeriesRecord) => ArrayLike<number>,
): { [set: string]: number } {
  const out: { [set: string]: number } = {};
  for (const set of SETS) {
    const rs = records.filter((r) => r.set === set);
    if (rs.length === 0) continue;
    const sum = (f: (r: SeriesRecord) => number) => rs.reduce((s, r) => s + f(r), 0);
    const smapeRatio = sum((r) => smape(r.actual, forecastOf(r))) / sum((r) => smape(r.actual, r.naive2));
    const maseRatio =
      sum((r) => mase(r.actual, forecastOf(r), r.scale)) / sum((r) => mase(r.actual, r.naive2, r.scale));
    out[set] = (smapeRatio + maseRatio) / 2;
  }
  out.all = SETS.filter((s) => s in out).reduce((a, s) => a + out[s], 0) / SETS.filter((s) => s in out).length;
  return out;
}

const round = (v: number, digits = 6) => Number(v.toPrecision(digits));

async function main(): Promise<void> {
  const cache = arg('--cache');
  let records: SeriesRecord[];
  if (cache && existsSync(cache)) {
    records = JSON.parse(readFileSync(cache, 'utf8')) as SeriesRecord[];
    process.stderr.write(`member forecasts read from ${cache}\n`);
  } else {
    records = await memberForecasts();
    if (cache) writeFileSync(cache, JSON.stringify(records));
  }
  // usable series: a positive MASE scale and finite forecasts (the fallback rule makes them finite)
  const usable = records.filter(
    (r) => r.scale > 0 && Number.isFinite(r.scale) && r.forecasts.every((f) => f.every(Number.isFinite)),
  );
  process.stderr.write(
    `${records.length} series, ${records.length - usable.length} unusable (zero MASE scale or non-finite forecast)\n`,
  );
  const training = usable.filter((r) => !r.heldOut);
  const heldOut = usable.filter((r) => r.heldOut);
  const normalizers = Object.fromEntries(
    SETS.map((set) => {
      const rs = training.filter((r) => r.set === set);
      return [
        set,
        {
          smape: rs.reduce((s, r) => s + smape(r.actual, r.naive2), 0) / rs.length,
          mase: rs.reduce((s, r) => s + mase(r.actual, r.naive2, r.scale), 0) / rs.length,
        },
      ];
    }),
  );
  const toExample = (r: SeriesRecord): Example => {
    const n = normalizers[r.set];
    return {
      record: r,
      features: seriesFeatures(fitPartOf(r), seasonOf(r.set)),
      losses: Float64Array.from(
        r.forecasts,
        (f) => (smape(r.actual, f) / n.smape + mase(r.actual, f, r.scale) / n.mase) / 2,
      ),
    };
  };
  const trainExamples = training.map(toExample);
  const heldExamples = heldOut.map(toExample);
  const options = { members: [...DEFAULT_MEMBERS], featureNames: [...FEATURE_NAMES] };
  const weightedOwa = (model: FeatureWeightModel, examples: readonly Example[]) => {
    const byRecord = new Map(
      examples.map((e) => [e.record, combine(e.record.forecasts, featureWeights(model, e.features))]),
    );
    return owa(
      examples.map((e) => e.record),
      (r) => byRecord.get(r)!,
    );
  };

  // the penalty, by cross-validation on the training series
  let best = { lambda: LAMBDAS[0], score: Infinity };
  for (const lambda of LAMBDAS) {
    let score = 0;
    for (let fold = 0; fold < FOLDS; fold++) {
      const fit = trainFeatureWeights(
        trainExamples.filter((_, i) => i % FOLDS !== fold),
        { ...options, lambda },
      );
      score +=
        weightedOwa(
          fit,
          trainExamples.filter((_, i) => i % FOLDS === fold),
        ).all / FOLDS;
    }
    process.stderr.write(`lambda ${lambda}: cross-validated OWA ${score.toFixed(4)}\n`);
    if (score < best.score) best = { lambda, score };
  }
  const model = trainFeatureWeights(trainExamples, {
    ...options,
    lambda: best.lambda,
    trainedOn: `M4 weekly + hourly train.csv, last horizon held back, ${trainExamples.length} series (every ${HELD_OUT_EVERY}th series held out); npm run train-weights`,
  });
  const shipped: FeatureWeightModel = {
    ...model,
    center: model.center.map((v) => round(v, 8)),
    scale: model.scale.map((v) => round(v, 8)),
    coefficients: model.coefficients.map((row) => row.map((v) => round(v, 8))),
  };
  writeFileSync(join(ROOT, 'src/ensemble/feature-weights.json'), JSON.stringify(shipped, null, 2) + '\n');

  // held-out evaluation
  const rows: [string, { [set: string]: number }][] = DEFAULT_MEMBERS.map((name, j) => [
    name,
    owa(heldOut, (r) => r.forecasts[j]),
  ]);
  rows.push([
    'member mean',
    owa(heldOut, (r) => combine(r.forecasts, new Array(DEFAULT_MEMBERS.length).fill(1 / DEFAULT_MEMBERS.length))),
  ]);
  rows.push(['features', weightedOwa(shipped, heldExamples)]);
  process.stdout.write(`held-out OWA (${heldOut.length} series; lambda ${best.lambda})\n`);
  process.stdout.write(`${'forecast'.padEnd(14)}${[...SETS, 'mean of sets'].map((s) => s.padStart(14)).join('')}\n`);
  for (const [name, o] of rows)
    process.stdout.write(`${name.padEnd(14)}${[...SETS, 'all'].map((s) => o[s].toFixed(4).padStart(14)).join('')}\n`);

  const fixture = {
    description:
      'Held-out series of npm run train-weights: features of the truncated training series, member and naive2 forecasts of the held-back horizon (6 significant digits).',
    members: [...DEFAULT_MEMBERS],
    featureNames: [...FEATURE_NAMES],
    series: heldExamples.map((e) => ({
      set: e.record.set,
      id: e.record.id,
      scale: round(e.record.scale),
      features: Array.from(e.features, (v) => round(v)),
      actual: e.record.actual.map((v) => round(v)),
      forecasts: e.record.forecasts.map((f) => f.map((v) => round(v))),
      naive2: e.record.naive2.map((v) => round(v)),
    })),
  };
  writeFileSync(join(ROOT, 'test/fixtures/ensemble/heldout-members.json'), JSON.stringify(fixture) + '\n');
}

// The truncated series is not cached (it is the training data minus the held-back horizon): reread lazily.
const fullSeries = new Map<string, Float64Array>();
const seasons = new Map<string, number>();
function fitPartOf(r: SeriesRecord): Float64Array {
  const y = fullSeries.get(`${r.set}/${r.id}`)!;
  return y.subarray(0, y.length - r.actual.length);
}
function seasonOf(set: string): number {
  return seasons.get(set)!;
}
for (const set of SETS) {
  const meta = JSON.parse(readFileSync(join(DATA, set, 'meta.json'), 'utf8')) as { season: number };
  seasons.set(set, meta.season);
  for (const s of (await readSeriesCsv(join(DATA, set, 'train.csv'), { seasonLengths: [meta.season] })).series)
    fullSeries.set(`${set}/${s.id}`, s.y);
}
await main();
