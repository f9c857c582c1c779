/**
 * Event-probability benchmark: `npm run bench -- events [m1-monthly,m1-quarterly,m4-weekly,m4-hourly]
 * [--model ets] [--limit 100] [--windows 3] [--paths 500] [--seed 1] [--deciles]`.
 *
 * For each set, rolling origins inside the training data only (`<DATA>/<set>/train.csv`): `--windows` origins
 * spaced one horizon (meta.json) apart, the last one a horizon before the end of the training data. At each
 * origin the model's sample paths give the probabilities of the standard events (growth from the last
 * observation to step h above 0, and above the series' median h-step growth before the origin, at every step h),
 * scored against what happened: Brier score, Brier skill against the climatological frequency (the event's
 * frequency in the history before the origin), log score and the decile reliability table. The goals of
 * issue 15: skill > 0, and every decile with at least 50 cases within 5 points of its observed frequency.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSeriesCsv } from '../src/data/read-csv.js';
import { backtestDataset } from '../src/evaluate/backtest.js';
import { worstDecileGap } from '../src/evaluate/brier.js';
import { decileTables } from '../src/pipeline/format-backtest.js';
import { fmt, formatTable } from '../src/pipeline/format.js';
import { arg, benchSeasons, DATA, type Meta } from './m4-data.js';

const SETS = ['m1-monthly', 'm1-quarterly', 'm4-weekly', 'm4-hourly'];

async function main(): Promise<void> {
  const positional = process.argv
    .slice(3)
    .find((a, i, all) => !a.startsWith('--') && !(all[i - 1] ?? '').startsWith('--'));
  const sets = (positional ?? SETS.join(',')).split(',');
  const model = arg('model', 'ets');
  const limit = Number(arg('limit', '100'));
  const windows = Number(arg('windows', '3'));
  const paths = Number(arg('paths', '500'));
  const seed = Number(arg('seed', '1'));
  const rows: string[][] = [];
  const tables: string[] = [];
  for (const set of sets) {
    const dir = join(DATA, set);
    if (!existsSync(join(dir, 'train.csv'))) {
      process.stderr.write(`${set}: ${join(dir, 'train.csv')} not found (set FORESIGHT_DATA)\n`);
      continue;
    }
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Meta;
    const data = await readSeriesCsv(join(dir, 'train.csv'), { seasonLengths: benchSeasons(set, meta) });
    const series = limit > 0 ? data.series.slice(0, limit) : data.series;
    const t0 = process.hrtime.bigint();
    const result = backtestDataset(
      { ...data, series, invalid: [], ids: series.map((s) => s.id) },
      {
        models: [model],
        horizon: meta.horizon,
        windows,
        step: meta.horizon,
        standardEvents: true,
        paths,
        seed,
        maseSeason: meta.mase_m,
        levels: [80, 95],
      },
    );
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    for (const e of result.events ?? []) {
      const gap = worstDecileGap(e.scores.reliability, 50);
      const s = e.scores;
      rows.push([
        set,
        e.event,
        String(series.length),
        String(result.origins),
        String(s.cases),
        fmt(s.brier, 3),
        fmt(s.climatologyBrier, 3),
        fmt(s.skill, 3),
        fmt(s.logScore, 3),
        `${(100 * gap.gap).toFixed(1)} (${gap.bins})`,
        s.skill > 0 && gap.gap <= 0.05 ? 'yes' : 'no',
      ]);
    }
    if (process.argv.includes('--deciles')) tables.push(`${set}\n${decileTables(result.events ?? [])}`);
    process.stderr.write(
      `${set}: ${series.length} series, ${result.origins} origins, ${seconds.toFixed(1)} s, ${result.fallbacks[model] ?? 0} fallbacks, intervals cover ${(result.models[0]?.intervals ?? []).map((i) => `${i.level}%: ${i.coverage.toFixed(1)}`).join(', ')}\n`,
    );
  }
  process.stdout.write(
    `event probabilities of ${model} (${paths} paths, ${windows} origins per series inside the training data, first ${limit} series per set)\n`,
  );
  process.stdout.write(
    formatTable(
      [
        'set',
        'event',
        'series',
        'origins',
        'cases',
        'Brier',
        'clim Brier',
        'skill',
        'log score',
        'worst decile gap pts (deciles n>=50)',
        'goals met',
      ],
      rows,
    ) + '\n',
  );
  if (tables.length) process.stdout.write('\n' + tables.join('\n\n') + '\n');
}

await main();
