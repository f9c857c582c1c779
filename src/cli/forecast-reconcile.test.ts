/** End-to-end tests of `forecast --keys/--hierarchy/--total --reconcile`, run as a user runs them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-reconcile-'));

/** `foresight <args>` in a child process (test/cli.ts). */
const foresight = (...args: string[]) => runCli(args);

function tourismLike(edit?: (lines: string[]) => void): string {
  const lines = ['quarter,region,state,purpose,trips'];
  const bottoms = [
    ['a1', 'A', 'Holiday'],
    ['a1', 'A', 'Business'],
    ['a2', 'A', 'Holiday'],
    ['b1', 'B', 'Business'],
  ];
  for (let t = 0; t < 24; t++) {
    bottoms.forEach(([region, state, purpose], j) =>
      lines.push(
        `${2000 + Math.floor(t / 4)} Q${(t % 4) + 1},${region},${state},${purpose},${(20 + 5 * j + 0.5 * t) * [1.2, 0.9, 1, 0.9][t % 4] + ((t * 3 + j) % 4)}`,
      ),
    );
  }
  edit?.(lines);
  const path = join(dir, `t${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

test('forecast --keys --reconcile writes coherent rows with a level column and a report', () => {
  const out = join(dir, 'out.csv');
  const report = join(dir, 'report.json');
  const r = foresight(
    'forecast',
    '--input',
    tourismLike(),
    '--keys',
    'state,region,purpose',
    '--reconcile',
    'wls_struct',
    '--model',
    'ets:AAA',
    '--horizon',
    '4',
    '--output',
    out,
    '--report',
    report,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /reconciled 15 series with ets:AAA \+ wls_struct: coherence error [\d.e+-]+ -> /);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'unique_id,level,ds,model,yhat,base,lo-80,hi-80,lo-95,hi-95');
  assert.equal(lines.length, 1 + 15 * 4);
  const yhat = (id: string, step: number) => Number(lines.filter((l) => l.startsWith(`${id},`))[step].split(',')[4]);
  assert.ok(
    Math.abs(
      yhat('total', 0) -
        (yhat('A/a1/Holiday', 0) + yhat('A/a1/Business', 0) + yhat('A/a2/Holiday', 0) + yhat('B/b1/Business', 0)),
    ) < 1e-6,
  );
  assert.equal(lines.find((l) => l.startsWith('A/Holiday,'))!.split(',')[1], 'state * purpose');
  const json = JSON.parse(readFileSync(report, 'utf8'));
  assert.equal(json.method, 'wls_struct');
  assert.ok(json.coherenceError.before > json.coherenceError.after);
  assert.equal(json.validationWindows, 2);
  assert.deepEqual(
    json.validation.map((v: { level: string }) => v.level),
    ['total', 'state', 'purpose', 'state/region', 'state * purpose', 'state/region * purpose', 'overall'],
  );
  assert.ok(json.validation.every((v: { rmseChangePercent: number }) => Number.isFinite(v.rmseChangePercent)));
});

test('bad grouped input exits 1 naming file and line; a bad method exits 2; no stack traces', () => {
  const missing = tourismLike((l) => (l[10] = '2002 Q2,,A,Holiday,5'));
  const r = foresight(
    'forecast',
    '--input',
    missing,
    '--keys',
    'state,region,purpose',
    '--reconcile',
    'ols',
    '--model',
    'naive',
    '--horizon',
    '2',
  );
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    new RegExp(`error: .*${missing.split('/').pop()!.replace('.', '\\.')} line 11: key "region" is missing`),
  );
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  const cycle = foresight(
    'forecast',
    '--input',
    tourismLike(),
    '--keys',
    'state,region,purpose',
    '--hierarchy',
    'state/region/state*purpose',
    '--reconcile',
    'ols',
    '--model',
    'naive',
    '--horizon',
    '2',
  );
  assert.equal(cycle.code, 2);
  assert.match(cycle.stderr, /key "state" appears twice.*cycle/);
  const method = foresight(
    'forecast',
    '--input',
    tourismLike(),
    '--keys',
    'state,region,purpose',
    '--reconcile',
    'magic',
    '--model',
    'naive',
    '--horizon',
    '2',
  );
  assert.equal(method.code, 2);
  assert.match(method.stderr, /unknown reconciliation method "magic"/);
  const td = foresight(
    'forecast',
    '--input',
    tourismLike(),
    '--keys',
    'state,region,purpose',
    '--reconcile',
    'td',
    '--model',
    'naive',
    '--horizon',
    '2',
  );
  assert.equal(td.code, 2);
  assert.match(td.stderr, /top-down needs a strictly nested hierarchy/);
});
