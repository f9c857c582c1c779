/** End-to-end tests of the CLI contract: the commands run as a user runs them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-cli-'));

/** `foresight <args>` in a child process (test/cli.ts). */
const foresight = (...args: string[]) => runCli(args);

test('forecast writes the contract CSV and the JSON report', () => {
  const out = join(dir, 'f.csv');
  const report = join(dir, 'r.json');
  const r = foresight(
    'forecast',
    '--input',
    'examples/industry.csv',
    '--horizon',
    '3',
    '--model',
    'naive,comb',
    '--level',
    '80,95',
    '--output',
    out,
    '--report',
    report,
  );
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'unique_id,ds,model,yhat,lo-80,hi-80,lo-95,hi-95,form');
  assert.equal(lines.length, 1 + 7 * 2 * 3); // 7 series x 2 models x 3 steps
  const nvda = lines.filter((l) => l.startsWith('NVDA:revenue,') && l.includes(',naive,'));
  assert.deepEqual(
    nvda.map((l) => l.split(',')[1]),
    ['2026-07-26', '2026-10-25', '2027-01-24'],
  );
  const json = JSON.parse(readFileSync(report, 'utf8'));
  assert.equal(json.series.length, 7);
  assert.equal(json.series[0].models[1].model, 'comb');
  assert.ok(
    'alpha' in json.series[0].models[1].params ||
      Object.keys(json.series[0].models[1].params).some((k) => k.endsWith('alpha')),
  );
});

test('forecast to stdout, then evaluate and backtest on it', () => {
  const rows = ['unique_id,ds,y'];
  const test_ = ['unique_id,ds,y'];
  for (const [id, slope] of [
    ['a', 1],
    ['b', -0.5],
  ] as const) {
    for (let t = 1; t <= 40; t++) rows.push(`${id},${t},${100 + slope * t + ((t * 37) % 7)}`);
    for (let t = 41; t <= 44; t++) test_.push(`${id},${t},${100 + slope * t + ((t * 37) % 7)}`);
  }
  writeFileSync(join(dir, 'train.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'test.csv'), test_.join('\n') + '\n');
  const f = foresight('forecast', '--input', join(dir, 'train.csv'), '--horizon', '4', '--model', 'naive,drift');
  assert.equal(f.code, 0, f.stderr);
  writeFileSync(join(dir, 'fc.csv'), f.stdout);
  const e = foresight(
    'evaluate',
    '--train',
    join(dir, 'train.csv'),
    '--test',
    join(dir, 'test.csv'),
    '--forecast',
    join(dir, 'fc.csv'),
    '--json',
  );
  assert.equal(e.code, 0, e.stderr);
  const result = JSON.parse(e.stdout);
  const drift = result.models.find((m: { model: string }) => m.model === 'drift');
  const naive = result.models.find((m: { model: string }) => m.model === 'naive');
  assert.equal(drift.cases, 2);
  assert.ok(drift.mase < naive.mase, 'drift beats naive on trending data');
  assert.equal(result.naive2Source, 'computed from the training data');
  assert.equal(drift.intervals.length, 2);
  const text = foresight(
    'evaluate',
    '--train',
    join(dir, 'train.csv'),
    '--test',
    join(dir, 'test.csv'),
    '--forecast',
    join(dir, 'fc.csv'),
  );
  assert.match(text.stdout, /model\s+cases\s+MAE\s+RMSE\s+sMAPE\s+MASE\s+OWA\s+cover-80/);
  const b = foresight(
    'backtest',
    '--input',
    join(dir, 'train.csv'),
    '--horizon',
    '4',
    '--windows',
    '2',
    '--model',
    'naive,ses',
  );
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /4 forecast origins over 2 series/);
  assert.match(b.stdout, /By horizon step:/);
});

test('usage errors exit 2 and name the flag or value; data errors exit 1 and name the file', () => {
  const noHorizon = foresight('forecast', '--input', 'examples/industry.csv');
  assert.equal(noHorizon.code, 2);
  assert.match(noHorizon.stderr, /error: --horizon is required/);
  const unknown = foresight('forecast', '--input', 'examples/industry.csv', '--horizon', '2', '--model', 'prophet');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown model "prophet"; known models: naive, snaive/);
  const level = foresight('forecast', '--input', 'examples/industry.csv', '--horizon', '2', '--level', '80,150');
  assert.match(level.stderr, /--level "150" is not a percentage/);
  writeFileSync(join(dir, 'bad.csv'), 'unique_id,ds\na,1\n');
  const bad = foresight('forecast', '--input', join(dir, 'bad.csv'), '--horizon', '2');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /bad\.csv line 1: header "unique_id,ds" lacks column y/);
  const missing = foresight('forecast', '--input', join(dir, 'none.csv'), '--horizon', '2');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /none\.csv: cannot read/);
});

test('a file with a broken series still forecasts the good ones and warns', () => {
  writeFileSync(join(dir, 'partial.csv'), 'unique_id,ds,y\nok,1,1\nok,2,2\nok,3,3\nbad,1,x\n');
  const r = foresight(
    'forecast',
    '--input',
    join(dir, 'partial.csv'),
    '--horizon',
    '1',
    '--model',
    'naive',
    '--level',
    '80',
  );
  assert.equal(r.code, 0);
  const [header, ok, bad] = r.stdout.trim().split('\n');
  assert.equal(header, 'unique_id,ds,model,yhat,lo-80,hi-80,form');
  // naive: sigma = 1, 80% bounds 3 -/+ qnorm(0.9)
  const [lo, hi] = ok.split(',').slice(4, 6).map(Number);
  assert.ok(
    ok.startsWith('ok,4,naive,3,') &&
      Math.abs(lo - 1.718448434455399) < 1e-12 &&
      Math.abs(hi - 4.281551565544601) < 1e-12,
  );
  assert.equal(bad, 'bad,,naive,,,,');
  assert.match(r.stderr, /warning: series "bad" skipped: .*partial\.csv line 5: y "x" is not a number/);
});
