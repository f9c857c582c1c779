/**
 * The seventh hostile-input sweep through the CLI: the model matrix's pathological series (the library side is
 * src/pipeline/hostile-matrix.test.ts) in the commands an analyst runs on them. Each case failed before its fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileWriter, runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-sweep7-'));
const foresight = (args: string[]) => runCli(args, { timeout: 60_000 });
const write = fileWriter(dir);
const series = (id: string, values: number[]) => values.map((v, t) => `${id},${t + 1},${v}`);
const file = write(
  'demand.csv',
  [
    'unique_id,ds,y',
    ...series(
      'trend',
      Array.from({ length: 24 }, (_, t) => 100 + 2 * t + ((t * 7) % 5)),
    ),
    ...series(
      'demand',
      Array.from({ length: 24 }, (_, t) => (t % 5 === 2 ? 3 + (t % 3) : 0)),
    ),
  ].join('\n') + '\n',
);

test('seventh sweep: probability and backtest --score-events run on a file with an intermittent series', () => {
  // auto takes Croston-SBA for it, which has no simulator: 'error: auto chose croston:sba ..., which has no sample
  // paths' ended both commands for every series of the file
  const p = foresight(['probability', '--input', file, '--event', 'y[1] > 2', '--paths', '500', '--json']);
  assert.equal(p.code, 0, p.stderr);
  const rows = JSON.parse(p.stdout) as { id: string; result: { events: { probability: number }[] } | null }[];
  assert.deepEqual(
    rows.map((r) => r.id),
    ['trend', 'demand'],
  );
  const demand = rows[1].result!.events[0].probability;
  assert.ok(demand > 0 && demand < 1, String(demand));
  const b = foresight(['backtest', '--input', file, '--horizon', '2', '--windows', '2', '--score-events']);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /Brier|brier/);
});

test('seventh sweep: --transform log at a long horizon writes no Infinity, and a series without season is form mstl', () => {
  const growth = write(
    'growth.csv',
    [
      'unique_id,ds,y',
      ...series(
        'outlier',
        Array.from({ length: 24 }, (_, t) => (t === 12 ? 1e9 : 100 * (1 + 0.02 * Math.sin(t)))),
      ),
      ...series(
        'exponential',
        Array.from({ length: 24 }, (_, t) => 1.5 ** t),
      ),
      ...series(
        'step',
        Array.from({ length: 24 }, (_, t) => (t < 12 ? 10 : 100) * (1 + 0.02 * Math.sin(t))),
      ),
      ...series(
        'linear',
        Array.from({ length: 24 }, (_, t) => (3 + 2 * t) * (1 + 0.02 * Math.sin(t))),
      ),
    ].join('\n') + '\n',
  );
  const out = join(dir, 'growth-fc.csv');
  const f = foresight([
    'forecast',
    '--input',
    growth,
    '--horizon',
    '60',
    '--model',
    'ensemble:mean/naive+drift',
    '--transform',
    'log',
    '--output',
    out,
    '--report',
    join(dir, 'growth.json'),
  ]);
  assert.equal(f.code, 0, f.stderr);
  const csv = readFileSync(out, 'utf8');
  assert.equal(csv.trim().split('\n').length, 1 + 4 * 60);
  assert.doesNotMatch(csv, /Infinity|NaN/);
  const report = JSON.parse(readFileSync(join(dir, 'growth.json'), 'utf8')) as {
    series: {
      unique_id: string;
      models: { fallbackReason: string | null; details: { calibration?: string } | null }[];
    }[];
  };
  // the outlier's own interval is too wide for 60 steps on the log scale: a fallback that says so
  const outlier = report.series.find((s) => s.unique_id === 'outlier')!.models[0];
  assert.match(String(outlier.fallbackReason), /non-finite interval bounds/);
  assert.ok(
    report.series.some((s) => /made its interval bounds overflow/.test(s.models[0].details?.calibration ?? '')),
    'the report says which series kept its own calibration',
  );
  const m = foresight(['forecast', '--input', file, '--horizon', '1', '--model', 'mstl']);
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, /^trend,25,mstl,.*,mstl$/m);
});
