/**
 * The CLI contract under hostile input (issue 13): exit codes as documented (0 ok, 1 data or I/O, 2 usage),
 * one `error:` line and never a stack trace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'foresight-hostile-cli-'));
function foresight(args: string[], options: { input?: string; stdout?: number } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: options.input,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', options.stdout ?? 'pipe', 'pipe'],
  });
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr };
}
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
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
