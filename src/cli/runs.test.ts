/** `forecast --save`, `runs`, `runs show` and `tokens create`, run as a user runs them, on a temporary database. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../store/store.js';
import { ROOT, runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-runs-'));
// HOME and XDG_DATA_HOME point into the temporary folder so the user's data directory is never touched
const env = { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), FORESIGHT_DB: '' };

/** `foresight <args>` in a child process (test/cli.ts) with that environment and `extra`. */
const foresight = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...env, ...extra } });

test('forecast --save stores the run; runs lists it; runs show prints it and its forecasts as CSV', () => {
  const db = join(dir, 'a.db');
  const out = join(dir, 'f.csv');
  const r = foresight([
    'forecast',
    '--input',
    'examples/industry.csv',
    '--horizon',
    '2',
    '--model',
    'naive',
    '--output',
    out,
    '--save',
    '--db',
    db,
  ]);
  assert.equal(r.code, 0, r.stderr);
  const id = /saved run ([0-9a-f-]{36})/.exec(r.stderr)![1];
  const list = foresight(['runs', '--db', db]);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`${id}\\s+forecast\\s+succeeded\\s+cli`));
  const show = foresight(['runs', 'show', id, '--db', db]);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /forecast, succeeded \(cli\)/);
  assert.match(show.stdout, /progress 7\/7/);
  assert.match(show.stdout, /NVDA:revenue\s+naive\s+naive\s+2/);
  const csv = foresight(['runs', 'show', id, '--csv', '--db', db]);
  assert.equal(csv.stdout, readFileSync(out, 'utf8'));
  const json = JSON.parse(foresight(['runs', 'show', id, '--json', '--db', db]).stdout);
  assert.equal(json.forecasts.length, 7);
  assert.equal(json.run.spec.horizon, 2);
  const missing = foresight(['runs', 'show', 'nope', '--db', db]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^error: no run nope in /);
  assert.equal(foresight(['runs', 'frobnicate', '--db', db]).code, 2);
});

test('the database defaults to FORESIGHT_DB, else the XDG data directory', () => {
  const viaEnv = join(dir, 'env.db');
  assert.equal(
    foresight(
      [
        'forecast',
        '--input',
        'examples/industry.csv',
        '--horizon',
        '1',
        '--model',
        'naive',
        '--output',
        join(dir, 'x.csv'),
        '--save',
      ],
      { FORESIGHT_DB: viaEnv },
    ).code,
    0,
  );
  const s = Store.open(viaEnv);
  assert.equal(s.listRuns().length, 1);
  s.close();
  assert.equal(
    foresight([
      'forecast',
      '--input',
      'examples/industry.csv',
      '--horizon',
      '1',
      '--model',
      'naive',
      '--output',
      join(dir, 'y.csv'),
      '--save',
    ]).code,
    0,
  );
  const x = Store.open(join(dir, 'xdg', 'foresight', 'foresight.db'));
  assert.equal(x.listRuns().length, 1);
  x.close();
});

test('tokens create prints a token once and stores only its hash', () => {
  const db = join(dir, 't.db');
  const r = foresight(['tokens', 'create', '--name', 'ci', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  const token = r.stdout.trim();
  assert.match(token, /^fst_/);
  const s = Store.open(db);
  assert.equal(s.findToken(token)!.name, 'ci');
  s.close();
  assert.ok(!readFileSync(db).includes(Buffer.from(token)));
  assert.equal(foresight(['tokens', 'list', '--db', db]).code, 2);
});

test('an unreadable database is an I/O error (exit 1) naming the file, without a stack trace', () => {
  const r = foresight(['runs', '--db', join(ROOT, 'package.json')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: .*package\.json: cannot open the database/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
