/**
 * The CLI contract under hostile input (issue 13): exit codes as documented (0 ok, 1 data or I/O, 2 usage),
 * one `error:` line and never a stack trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileWriter, runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-hostile-cli-'));
const foresight = runCli;
const write = fileWriter(dir);
const good = Array.from({ length: 12 }, (_, t) => `good,${t + 1},${10 + t + (t % 3)}`);
const goodFile = write('good.csv', ['unique_id,ds,y', ...good].join('\n') + '\n');

test('usage errors exit 2 and name the flag', () => {
  const cases: [string[], RegExp][] = [
    [['forecast', '--input', goodFile], /error: --horizon is required/],
    [['forecast', '--input', goodFile, '--horizon', '1e9'], /error: --horizon "1e9" is not a positive integer/],
    [['forecast', '--input', goodFile, '--horizon', '0x10'], /error: --horizon "0x10" is not a positive integer/],
    [['forecast', '--input', goodFile, '--horizon', '20000'], /error: --horizon 20000 is above the limit of 10000/],
    [
      ['forecast', '--input', goodFile, '--horizon', '2', '--workers', '100000'],
      /error: --workers 100000 is above the limit of \d+/,
    ],
    [['forecast', '--input', goodFile, '--horizon', '2', '--level', '0.8,95'], /mixes fractions and percentages/],
    [['backtest', '--input', goodFile, '--horizon=-3'], /error: --horizon "-3" is not a positive integer/],
    [
      ['forecast', '--input', goodFile, '--horizon', '2', '--date-format', 'DD-YYYY'],
      /--date-format "DD-YYYY" is not one of/,
    ],
  ];
  for (const [args, message] of cases) {
    const r = foresight(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

test('a write error on stdout is one error line and exit 1', () => {
  const full = openSync('/dev/full', 'w');
  try {
    const r = foresight(['forecast', '--input', goodFile, '--horizon', '2', '--model', 'naive'], { stdout: full });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: cannot write to stdout \(ENOSPC\)$/m);
  } finally {
    closeSync(full);
  }
});

test('one series of huge values falls back and the run succeeds; a file with nothing readable exits 1', () => {
  const huge = Array.from({ length: 12 }, (_, t) => `huge,${t + 1},${1e160 * (1 + (t % 2))}`);
  const r = foresight([
    'forecast',
    '--input',
    write('huge.csv', ['unique_id,ds,y', ...good, ...huge].join('\n') + '\n'),
    '--horizon',
    '1',
    '--model',
    'ets',
    '--level',
    '80',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[2], /^huge,13,ets,2e\+160,,,naive$/);
  assert.match(r.stderr, /huge ets -> naive: ets failed: nelderMead: objective is not finite/);
  const none = foresight([
    'forecast',
    '--input',
    write('none.csv', 'unique_id,ds,y\na,1,x\nb,1,y\n'),
    '--horizon',
    '1',
    '--model',
    'naive',
  ]);
  assert.equal(none.code, 1);
  assert.match(none.stdout, /^a,,naive,/m); // every series is still in the output
  assert.match(none.stderr, /error: .*none\.csv: none of the 2 series could be read/);
  const backtest = foresight([
    'backtest',
    '--input',
    write('short.csv', 'unique_id,ds,y\na,1,1\na,2,2\n'),
    '--horizon',
    '4',
    '--model',
    'naive',
  ]);
  assert.equal(backtest.code, 1);
  assert.match(backtest.stderr, /no series could be backtested \(a: too short/);
});

test('stdin, a fractional level and a data error in the future file', () => {
  const r = foresight(['forecast', '--input', '-', '--horizon', '1', '--model', 'naive', '--level', '0.95'], {
    input: 'date;value\n2024Q1;1,5\n2024Q2;2,5\n',
  });
  assert.equal(r.code, 0, r.stderr);
  // naive on 1.5, 2.5: sigma = 1, so the 95% bounds are 2.5 -/+ qnorm(0.975)
  const [header, row] = r.stdout.trim().split('\n');
  assert.equal(header, 'unique_id,ds,model,yhat,lo-95,hi-95,form');
  const cells = row.split(',');
  assert.deepEqual([cells[0], cells[1], cells[3], cells[6]], ['series', '2024Q3', '2.5', 'naive']);
  assert.ok(
    Math.abs(Number(cells[4]) - (2.5 - 1.959963984540054)) < 1e-12 &&
      Math.abs(Number(cells[5]) - (2.5 + 1.959963984540054)) < 1e-12,
  );
  assert.match(r.stderr, /note: --level 0.95 read as fractions: 95% intervals/);
  assert.match(r.stderr, /note: stdin: delimiter ";" detected, decimal commas accepted/);
  const data = write(
    'exog.csv',
    ['unique_id,ds,y,price', ...Array.from({ length: 10 }, (_, t) => `a,${t + 1},${t},${t * 2}`)].join('\n') + '\n',
  );
  const future = write('future.csv', 'unique_id,ds,y,price\na,11,,22\n');
  const f = foresight([
    'forecast',
    '--input',
    data,
    '--horizon',
    '2',
    '--model',
    'arima',
    '--exog',
    'price',
    '--future',
    future,
  ]);
  assert.equal(f.code, 1, f.stderr);
  assert.match(f.stderr, /future\.csv: series "a" has no future value of "price" at ds 12/);
});

test('fifth sweep: values the argument parser used to mangle are refused by name (exit 2)', () => {
  const exog = write(
    'exog5.csv',
    ['unique_id,ds,y,price', ...Array.from({ length: 12 }, (_, t) => `a,${t + 1},${t % 4},${t * 2}`)].join('\n') + '\n',
  );
  const cases: [string[], RegExp][] = [
    // a negative number was taken for a flag ("Unknown option `-1`"), an empty value for the number 0
    [['forecast', '--input', goodFile, '--horizon', '-1'], /error: --horizon "-1" is not a positive integer/],
    [
      ['backtest', '--input', goodFile, '--horizon', '2', '--seed', '-5'],
      /error: --seed "-5" is not a positive integer/,
    ],
    [
      ['forecast', '--input', goodFile, '--horizon', '2', '--level', ''],
      /error: option `--level <list>` value is missing/,
    ],
    // 1e6 was read as a million by the parser before the decimal-digits check saw it
    [
      ['forecast', '--input', goodFile, '--horizon', '2', '--season', '1e6'],
      /error: --season "1e6" is not a positive integer/,
    ],
    // duplicates wrote two columns lo-50 or two rows per (series, ds, model)
    [['forecast', '--input', goodFile, '--horizon', '2', '--level', '50,50'], /error: --level "50,50" gives 50 twice/],
    [['forecast', '--input', goodFile, '--horizon', '2', '--model', 'naive,naive'], /names naive twice/],
    // a driver that is not a column ended in "Cannot read properties of undefined"
    [
      ['forecast', '--input', exog, '--horizon', '2', '--model', 'arima', '--exog', 'nope'],
      /error: regressor "nope" is not a column of .*exog5\.csv \(extra columns: price\)/,
    ],
    [
      ['backtest', '--input', exog, '--horizon', '2', '--model', 'arima', '--exog', 'y'],
      /error: regressor "y" is not a column of .*exog5\.csv/,
    ],
    [
      ['forecast', '--input', exog, '--horizon', '2', '--model', 'arima', '--exog', 'price,price'],
      /error: regressor "price" is given twice/,
    ],
    // these ran past any time limit (1e9 values to simulate, 1e9 refits)
    [
      ['probability', '--input', goodFile, '--event', 'y[99999] > 1'],
      /error: event "y\[99999\] > 1" looks at step 99999, above the limit of 10000 steps/,
    ],
    [
      ['probability', '--input', goodFile, '--event', 'y[1] > 1', '--paths', '100000000'],
      /error: --paths 100000000 is above the limit of 1000000/,
    ],
    [
      ['scaling', 'fit', '--input', 'examples/scaling/chinchilla_runs.csv', '--bootstrap', '1e9'],
      /error: --bootstrap "1e9" is not a whole number at least 0 at most 10000/,
    ],
  ];
  for (const [args, message] of cases) {
    const r = foresight(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

test('fifth sweep: an output naming an input is refused before the input is truncated', () => {
  const input = write('keep.csv', ['unique_id,ds,y', ...good].join('\n') + '\n');
  const before = readFileSync(input, 'utf8');
  const r = foresight([
    'forecast',
    '--input',
    input,
    '--horizon',
    '1',
    '--model',
    'naive',
    '--output',
    `${dir}/./keep.csv`,
  ]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(
    r.stderr,
    /error: --output ".*keep\.csv" is the same file as --input ".*keep\.csv"; it would be overwritten/,
  );
  assert.equal(readFileSync(input, 'utf8'), before);
  const link = join(dir, 'keep-link.csv');
  symlinkSync(input, link);
  const b = foresight(['backtest', '--input', link, '--horizon', '1', '--model', 'naive', '--output', input]);
  assert.equal(b.code, 2, b.stderr);
  assert.equal(readFileSync(input, 'utf8'), before);
  const both = foresight([
    'forecast',
    '--input',
    input,
    '--horizon',
    '1',
    '--output',
    join(dir, 'o.csv'),
    '--report',
    join(dir, 'o.csv'),
  ]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--report ".*o\.csv" is the same file as --output/);
  const fit = foresight([
    'scaling',
    'fit',
    '--input',
    'examples/scaling/chinchilla_runs.csv',
    '--output',
    join(dir, 'no/such/fit.json'),
  ]);
  assert.equal(fit.code, 1);
  assert.match(fit.stderr, /^error: .*no\/such\/fit\.json: cannot write \(--output: folder .* does not exist\)$/m);
});

test('fifth sweep: evaluate with nothing to score is a data error, not an empty table with exit 0', () => {
  const train = write('train5.csv', ['unique_id,ds,y', ...good.slice(0, 8)].join('\n') + '\n');
  const test5 = write('test5.csv', ['unique_id,ds,y', ...good.slice(8)].join('\n') + '\n');
  const empty = write('fc-empty.csv', 'unique_id,ds,model,yhat\n');
  const other = write('fc-other.csv', 'unique_id,ds,model,yhat\nother,9,naive,1\n');
  const e = foresight(['evaluate', '--train', train, '--test', test5, '--forecast', empty]);
  assert.equal(e.code, 1);
  assert.match(e.stderr, /error: .*fc-empty\.csv: no forecast rows to score/);
  const o = foresight(['evaluate', '--train', train, '--test', test5, '--forecast', other]);
  assert.equal(o.code, 1);
  assert.match(
    o.stderr,
    /fc-other\.csv: none of the 1 series of .*test5\.csv has a forecast \(first: "good"; the forecast has "other"\)/,
  );
});
