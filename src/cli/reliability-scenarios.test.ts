/** End-to-end tests of the analyst's options: backtest --per-series/--output/--score-events/--reliability, forecast --reliability and --scenario. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-analyst-'));

/** `foresight <args>` in a child process (test/cli.ts). */
const foresight = (...args: string[]) => runCli(args);

test('backtest --per-series --output --score-events --reliability on the industry data', () => {
  const out = join(dir, 'bt.csv');
  const r = foresight(
    'backtest',
    '--input',
    'examples/industry.csv',
    '--horizon',
    '2',
    '--windows',
    '40',
    '--step',
    '1',
    '--model',
    'drift',
    '--per-series',
    '--output',
    out,
    '--score-events',
    '--event',
    'y[1] > 1.1*last',
    '--paths',
    '200',
    '--reliability',
  );
  assert.equal(r.code, 0, r.stderr);
  // AMZN has 36 quarters: 40 origins cannot fit
  assert.match(r.stdout, /note: asked for 40 origins per series; \d series had fewer \(as few as \d+: /);
  assert.match(r.stderr, /note: asked for 40 origins/);
  assert.match(r.stdout, /Per series:\nunique_id\s+model\s+origins\s+sMAPE\s+MASE\s+OWA\s+MASE h=1\s+h=1 vs naive2/);
  assert.match(r.stdout, /drift\s+growth > 0\s+\d+\s+[\d.]+/);
  assert.match(r.stdout, /drift\s+y\[1\] > 1\.1\*last\s+\d+/);
  assert.match(r.stdout, /Reliability horizon \(MAE ratio to naive by step, 90% bootstrap band\):/);
  assert.equal((r.stdout.match(/^\S+:\S+\s+drift\s+naive\s+\d+\s+step [0-2]/gm) ?? []).length, 7);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'unique_id,origin,cutoff,ds,step,model,used,y,yhat,lo-80,hi-80,lo-95,hi-95');
  assert.match(lines[1], /^AMD:revenue,1,\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d,1,drift,drift,\d+,/);
  const bad = foresight(
    'backtest',
    '--input',
    'examples/net-income.csv',
    '--horizon',
    '2',
    '--model',
    'theta',
    '--exog',
    'revenue',
  );
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /model "theta" cannot use drivers \(revenue\)/);
});

test('forecast --reliability marks the steps beyond the reliability horizon', () => {
  const out = join(dir, 'f.csv');
  const report = join(dir, 'r.json');
  const r = foresight(
    'forecast',
    '--input',
    'examples/industry.csv',
    '--horizon',
    '3',
    '--model',
    'naive2',
    '--reliability',
    '--output',
    out,
    '--report',
    report,
  );
  assert.equal(r.code, 0, r.stderr);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'unique_id,ds,model,yhat,lo-80,hi-80,lo-95,hi-95,form,reliable');
  const json = JSON.parse(readFileSync(report, 'utf8'));
  assert.match(json.reliability.explanation, /^A step is reliable when/);
  for (const id of ['AMD:revenue', 'NVDA:revenue', 'META:capex']) {
    const k = json.reliability.series[id][0].reliableSteps;
    assert.ok(Number.isInteger(k) && k >= 0 && k <= 3, `${id}: ${k}`);
    const marks = lines.filter((l) => l.startsWith(`${id},`)).map((l) => l.split(',').at(-1));
    assert.deepEqual(
      marks,
      [1, 2, 3].map((h) => (h <= k ? 'yes' : 'no')),
    );
    assert.match(r.stderr, new RegExp(`${id} naive2: reliable up to step ${k} of 3 against naive`));
  }
});

test('forecast --scenario: two named driver futures side by side; a scenario file missing a step names it', () => {
  const r = foresight(
    'forecast',
    '--input',
    'examples/net-income.csv',
    '--horizon',
    '4',
    '--model',
    'arima',
    '--exog',
    'revenue',
    '--scenario',
    'base=examples/net-income-future.csv',
    '--scenario',
    'flat=examples/net-income-flat.csv',
    '--level',
    '95',
  );
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'unique_id,ds,scenario,model,yhat,lo-95,hi-95');
  assert.equal(lines.length, 1 + 2 * 3 * 4);
  const nvda = (s: string) =>
    lines.filter((l) => l.startsWith('NVDA:net_income,') && l.includes(`,${s},`)).map((l) => Number(l.split(',')[4]));
  // the base scenario's revenue grows, the flat one holds it: net income ends higher under base
  assert.ok(nvda('base')[3] > nvda('flat')[3], `${nvda('base')} vs ${nvda('flat')}`);
  assert.match(r.stderr, /scenario flat: drivers' future from examples\/net-income-flat\.csv/);
  const text = readFileSync(join(ROOT, 'examples/net-income-flat.csv'), 'utf8').trim().split('\n');
  writeFileSync(join(dir, 'short.csv'), text.filter((l) => !l.includes('2027-04-25')).join('\n') + '\n');
  const bad = foresight(
    'forecast',
    '--input',
    'examples/net-income.csv',
    '--horizon',
    '4',
    '--model',
    'arima',
    '--exog',
    'revenue',
    '--scenario',
    `short=${join(dir, 'short.csv')}`,
  );
  assert.notEqual(bad.code, 0);
  assert.match(
    bad.stderr,
    /short\.csv: series "NVDA:net_income" has no future value of "revenue" at ds 2027-04-25 \(forecast step 4\)/,
  );
  writeFileSync(
    join(dir, 'nan.csv'),
    text.map((l, i) => (i === 2 ? l.replace(/,\d+$/, ',lots') : l)).join('\n') + '\n',
  );
  const nan = foresight(
    'forecast',
    '--input',
    'examples/net-income.csv',
    '--horizon',
    '4',
    '--model',
    'arima',
    '--exog',
    'revenue',
    '--scenario',
    `nan=${join(dir, 'nan.csv')}`,
  );
  assert.equal(nan.code, 1);
  assert.match(nan.stderr, /nan\.csv line 3/);
  const usage = foresight(
    'forecast',
    '--input',
    'examples/net-income.csv',
    '--horizon',
    '4',
    '--model',
    'arima',
    '--exog',
    'revenue',
    '--scenario',
    'nofile',
  );
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--scenario "nofile" is not NAME=FILE/);
});
