/** End-to-end tests of `foresight probability`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-prob-'));

/** `foresight <args>` in a child process (test/cli.ts). */
const foresight = (...args: string[]) => runCli(args);

test('probability prints a table and JSON for events given on the command line and in a file', () => {
  writeFileSync(join(dir, 'events.csv'), 'unique_id,event\nNVDA:revenue,y[1] > 90B\n*,sum(y[1..2]) > 0\n');
  const r = foresight(
    'probability',
    '--input',
    'examples/industry.csv',
    '--model',
    'naive',
    '--event',
    'growth(1) > 0',
    '--events',
    join(dir, 'events.csv'),
    '--paths',
    '400',
    '--json',
  );
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout);
  assert.equal(rows.length, 7);
  const nvda = rows.find((x: { id: string }) => x.id === 'NVDA:revenue');
  assert.deepEqual(
    nvda.result.events.map((e: { event: string }) => e.event),
    ['growth(1) > 0', 'y[1] > 90B', 'sum(y[1..2]) > 0'],
  );
  assert.equal(nvda.result.events[2].probability, 1);
  // naive paths are centred on the last value: growth above 0 is a coin flip
  assert.ok(Math.abs(nvda.result.events[0].probability - 0.5) < 0.1);
  const text = foresight(
    'probability',
    '--input',
    'examples/industry.csv',
    '--model',
    'naive',
    '--event',
    'y[1] > 50B',
    '--paths',
    '400',
  );
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^unique_id\s+event\s+P\s+MC se \(pts\)/);
  assert.match(text.stdout, /NVDA:revenue\s+y\[1\] > 50B\s+100\.0%/);
});

test('probability: a bad event is a usage error naming it, a bad events file names file and line', () => {
  const r = foresight('probability', '--input', 'examples/industry.csv', '--event', 'y[1] > lots');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /error: --event: event "y\[1\] > lots": threshold "lots" is not a number/);
  writeFileSync(join(dir, 'bad.csv'), 'event\ny[1] > 1\nrevenue(2) > 1\n');
  const f = foresight('probability', '--input', 'examples/industry.csv', '--events', join(dir, 'bad.csv'));
  assert.equal(f.code, 1);
  assert.match(f.stderr, /bad\.csv line 3: event "revenue\(2\) > 1": "revenue\(2\)" is not a statistic/);
  assert.doesNotMatch(f.stderr, /at .*\.ts/); // no stack trace
});

test('probability takes the input options of forecast: other column names, a day-first date order', () => {
  const r = foresight(
    'probability',
    '--input',
    'examples/inputs/custom-columns.csv',
    '--id',
    'store',
    '--time',
    'when',
    '--value',
    'units',
    '--model',
    'naive',
    '--event',
    'y[1] > last',
    '--paths',
    '400',
    '--json',
  );
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { id: string; result: { events: { probability: number }[] } }[];
  assert.ok(rows.length >= 1);
  assert.ok(rows.every((x) => x.result.events[0].probability > 0.3 && x.result.events[0].probability < 0.7));
  assert.equal(rows[0].id, 'berlin');
  const refused = foresight('probability', '--input', 'examples/inputs/day-month-year.csv', '--event', 'y[1] > last');
  assert.match(refused.stderr, /day-month-year\.csv line 2: ds "01\/01\/2024" is ambiguous/);
  const dayFirst = foresight(
    'probability',
    '--input',
    'examples/inputs/day-month-year.csv',
    '--date-format',
    'DD/MM/YYYY',
    '--model',
    'naive',
    '--event',
    'y[1] > last',
    '--paths',
    '400',
  );
  assert.equal(dayFirst.code, 0, dayFirst.stderr);
  assert.match(dayFirst.stdout, /^visits\s+y\[1\] > last\s/m);
});
