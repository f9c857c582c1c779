/**
 * The sixth hostile-input sweep, on the surfaces the earlier ones touched least: grouped series and
 * reconciliation, scaling, the store, reports, the queue without Redis and the options of every command. Each case
 * failed before its fix (a message naming an internal function, a wrong exit code, a lost file or a hang).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileWriter, runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-sweep6-'));
const foresight = (args: string[]) => runCli(args, { timeout: 60_000 });
const write = fileWriter(dir);
const ids = (csv: string) =>
  [
    ...new Set(
      csv
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ),
  ].sort();

test('sixth sweep: a constant series in a hierarchy no longer stops the default reconciliation', () => {
  // region y is constant: its one-step residuals are all 0, which mint_shrink and wls_var refused for the whole run
  const rows = ['state,region,ds,y'];
  for (const [state, region] of [
    ['A', 'x'],
    ['A', 'y'],
    ['B', 'z'],
  ])
    for (let t = 1; t <= 12; t++) rows.push(`${state},${region},${t},${region === 'y' ? 5 : 10 + t + ((t * 7) % 5)}`);
  const input = write('const.csv', rows.join('\n') + '\n');
  for (const method of ['mint_shrink', 'wls_var']) {
    const r = foresight(
      ['forecast', '--input', input, '--keys', 'state,region', '--horizon', '2', '--model', 'naive'].concat([
        '--reconcile',
        method,
      ]),
    );
    assert.equal(r.code, 0, `${method}: ${r.stderr}`);
    assert.deepEqual(ids(r.stdout), ['A', 'A/x', 'A/y', 'B', 'B/z', 'total']);
    assert.match(r.stdout, /^A\/y,state\/region,13,naive\/\w+,5,5,/m); // kept at its base forecast
    assert.match(
      r.stderr,
      new RegExp(`note: 1 series without in-sample error \\("A/y"\\) weighed as known by ${method}`),
    );
  }
  // shares whose remainder "other" is constant (parts on opposite trends): the same failure
  const shares = ['unique_id,ds,y'];
  for (let t = 1; t <= 12; t++) shares.push(`a,${t},${30 + t}`, `b,${t},${50 - t}`);
  const s = foresight(
    ['forecast', '--input', write('shares.csv', shares.join('\n')), '--total', '100'].concat([
      '--horizon',
      '2',
      '--model',
      'naive',
    ]),
  );
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stdout, /^total,depth 0,13,naive\/mint_shrink,100,100,/m);
  assert.match(s.stdout, /^other,bottom,13,naive\/mint_shrink,20,20,/m);
});

test('sixth sweep: grouped input options and parent-link files are read as the brief says', () => {
  const rows = ['unique_id,ds,y'];
  for (const id of ['a', 'b', 'c']) for (let t = 1; t <= 8; t++) rows.push(`${id},${t},${t + id.charCodeAt(0) - 96}`);
  const data = write('links-data.csv', rows.join('\n') + '\n');
  // a spreadsheet's export: byte-order mark, CRLF, quoted cells (the quotes were kept, so "a" was unknown)
  const links = write('links.csv', '\ufeffunique_id,parent\r\n"a",m\r\n"b","m"\r\nc,total\r\nm,total\r\n');
  const ok = foresight(['forecast', '--input', data, '--hierarchy', links, '--horizon', '1', '--model', 'naive']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(ids(ok.stdout), ['a', 'b', 'c', 'm', 'total']);
  const cases: [string[], number, RegExp][] = [
    [['--hierarchy', write('empty-links.csv', '')], 1, /empty-links\.csv: the file is empty/],
    [['--hierarchy', write('open-links.csv', 'unique_id,parent\n"a,m\n')], 1, /open-links\.csv line 2: malformed CSV/],
    // a key that is the value or time column gave "series 4 has zero in-sample residual variance"
    [['--keys', 'unique_id,y'], 2, /--keys names "y", the value column of .*links-data\.csv/],
    [['--keys', 'unique_id,ds'], 2, /--keys names "ds", the time column/],
    // "ids:" was taken for a file name
    [['--hierarchy', 'ids:'], 2, /--hierarchy "ids:" gives no separator/],
    // the grouped path took any number of worker threads
    [['--keys', 'unique_id', '--workers', '100000'], 2, /--workers 100000 is above the limit/],
  ];
  for (const [extra, code, message] of cases) {
    const r = foresight(['forecast', '--input', data, '--horizon', '1', '--model', 'naive', ...extra]);
    assert.equal(r.code, code, `${extra.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
  // 12 series and their total x 10,000 steps x 1000 paths, all held at once: refused before any work (18
  // series x 5,000 steps ran past 60 s before)
  const wide = ['unique_id,ds,y'];
  for (let k = 0; k < 12; k++) for (let t = 1; t <= 6; t++) wide.push(`s${k},${t},${k + t}`);
  const long = foresight(
    ['forecast', '--input', write('twelve.csv', wide.join('\n')), '--keys', 'unique_id'].concat([
      '--horizon',
      '10000',
      '--model',
      'naive',
    ]),
  );
  assert.equal(long.code, 2, long.stderr);
  assert.match(
    long.stderr,
    /coherent intervals of 13 series x 10000 steps x 1000 paths are 130000000 simulated values, above the limit of 100000000/,
  );
});

test('sixth sweep: every subcommand answers --help with exit 0; a flag given twice is refused on every command', () => {
  for (const command of [['scaling', 'fit'], ['runs', 'show'], ['tokens', 'create'], ['forecast']]) {
    const r = foresight([...command, '--help']);
    assert.equal(r.code, 0, `${command.join(' ')} --help: ${r.stderr}`);
    assert.match(r.stdout, /Usage:/);
    assert.equal(r.stderr, ''); // was: error: unknown command "fit", exit 2
  }
  const db = foresight(['runs', '--db', join(dir, 'a.db'), '--db', join(dir, 'b.db')]);
  assert.equal(db.code, 2, db.stderr);
  assert.match(db.stderr, /^error: --db is given 2 times \(.*a\.db, .*b\.db\); give it once$/m);
});

test('sixth sweep: serve names a port out of range and an address it cannot bind; the queue fails fast', () => {
  const port = foresight(['serve', '--port', '70000', '--db', join(dir, 's.db')]);
  assert.equal(port.code, 2);
  assert.match(port.stderr, /error: --port 70000 is above the limit of 65535/);
  const host = foresight(['serve', '--host', 'no.such.host.invalid', '--port', '0', '--db', join(dir, 's.db')]);
  assert.equal(host.code, 1);
  assert.match(
    host.stderr,
    /^error: cannot listen on no\.such\.host\.invalid:0 \(host "no\.such\.host\.invalid" not found\)$/m,
  );
  // "error: Invalid URL" (exit 1) before
  const url = foresight(['worker', '--redis', 'redis://[::1']);
  assert.equal(url.code, 2);
  assert.match(url.stderr, /--redis\/--queue "redis:\/\/\[::1" is not a redis:\/\/ URL/);
  // the worker waited for a Redis that was never there, printing a warning a second, until killed
  const worker = foresight(['worker', '--redis', 'redis://127.0.0.1:1']);
  assert.equal(worker.code, 1, worker.stderr);
  assert.match(worker.stderr, /^error: redis:\/\/127\.0\.0\.1:1: cannot reach Redis \(no answer in 10 s\)$/m);
});

test('sixth sweep: reports and --save check what they write to before the work', () => {
  const rows = ['unique_id,ds,y', ...Array.from({ length: 10 }, (_, t) => `a,${t + 1},${t % 4}`)];
  const input = write('small.csv', rows.join('\n') + '\n');
  // scaling report wrote its HTML over the saved fit it was reading
  const fit = write('fit.json', '{"not": "read"}');
  const s = foresight(['scaling', 'report', '--fit', fit, '--output', fit]);
  assert.equal(s.code, 2, s.stderr);
  assert.match(s.stderr, /--output ".*fit\.json" is the same file as --fit/);
  assert.equal(readFileSync(fit, 'utf8'), '{"not": "read"}');
  const r = foresight([
    'report',
    '--input',
    input,
    '--horizon',
    '1',
    '--model',
    'naive',
    '--output',
    join(dir, 'no/r.html'),
  ]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: .*no\/r\.html: cannot write \(--output: folder .* does not exist\)$/m);
  // --save into a file that is not SQLite printed the forecast, then failed
  const db = write('not-sqlite.db', 'plain text\n');
  const save = foresight(['forecast', '--input', input, '--horizon', '1', '--model', 'naive', '--save', '--db', db]);
  assert.equal(save.code, 1);
  assert.match(save.stderr, /not-sqlite\.db: cannot open the database \(file is not a database\)/);
  assert.equal(save.stdout, '');
  const grouped = foresight(['forecast', '--input', input, '--keys', 'unique_id', '--horizon', '1', '--save']);
  assert.equal(grouped.code, 2);
  assert.match(grouped.stderr, /--save does not combine with --keys/);
});
