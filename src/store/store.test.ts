import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readSeriesCsv } from '../data/read-csv.js';
import { forecastDataset } from '../pipeline/forecast-batch.js';
import { backtestDataset } from '../evaluate/backtest.js';
import { ForesightError } from '../core/errors.js';
import { decodeFloats, decodeMatrix, encodeFloats, encodeMatrix, toJson } from './codec.js';
import { databasePath, dataDirectory } from './data-dir.js';
import { listMigrations, Store } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-store-'));
let counter = 0;
const freshPath = () => join(dir, `s${++counter}.db`);

async function smallDataset() {
  const file = join(dir, 'small.csv');
  const rows = ['unique_id,ds,y'];
  for (let t = 1; t <= 12; t++) rows.push(`a,${t},${10 + t}`, `b,${t},${t % 3}`);
  rows.push('c,1,x');
  writeFileSync(file, rows.join('\n') + '\n');
  return readSeriesCsv(file);
}

test('codec keeps float64 vectors bit for bit, NaN included, and JSON drops typed arrays to arrays', () => {
  const v = Float64Array.of(1.5, NaN, -0, 1e-300, Infinity);
  const back = decodeFloats(encodeFloats(v));
  assert.equal(back.length, 5);
  assert.equal(back[0], 1.5);
  assert.ok(Number.isNaN(back[1]));
  assert.ok(Object.is(back[2], -0));
  assert.equal(back[3], 1e-300);
  assert.equal(back[4], Infinity);
  assert.deepEqual(
    decodeMatrix(encodeMatrix([Float64Array.of(1, 2), Float64Array.of(3, 4)]), 2).map((r) => [...r]),
    [
      [1, 2],
      [3, 4],
    ],
  );
  assert.equal(toJson({ y: Float64Array.of(1, NaN) }), '{"y":[1,null]}');
});

test('database path: --db, then FORESIGHT_DB, then XDG_DATA_HOME, then ~/.local/share', () => {
  assert.equal(databasePath('/x/y.db', { FORESIGHT_DB: '/z.db' }, '/home/u'), '/x/y.db');
  assert.equal(databasePath(undefined, { FORESIGHT_DB: '/z.db' }, '/home/u'), '/z.db');
  assert.equal(databasePath(undefined, { XDG_DATA_HOME: '/data' }, '/home/u'), '/data/foresight/foresight.db');
  assert.equal(databasePath(undefined, {}, '/home/u'), '/home/u/.local/share/foresight/foresight.db');
  // a relative XDG_DATA_HOME is invalid by the spec and ignored
  assert.equal(dataDirectory({ XDG_DATA_HOME: 'rel' }, '/home/u'), '/home/u/.local/share/foresight');
});

test('open applies the numbered migrations once, in WAL mode, and a second open applies nothing', () => {
  const path = freshPath();
  const versions = listMigrations().map((m) => m.version);
  assert.deepEqual(versions.slice(0, 1), [1]);
  const store = Store.open(path);
  assert.deepEqual(store.schemaVersions(), versions);
  store.close();
  const again = Store.open(path);
  assert.deepEqual(again.schemaVersions(), versions);
  again.close();
  const check = spawnSync(
    'node',
    [
      '-e',
      `const D=require('better-sqlite3');const d=new D(${JSON.stringify(path)});console.log(d.pragma('journal_mode',{simple:true}))`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(check.stdout.trim(), 'wal');
});

test('a file that is not a database is an io_error naming the path', () => {
  const path = join(dir, 'not-a-db.db');
  writeFileSync(path, 'this is text, not SQLite '.repeat(100));
  assert.throws(
    () => Store.open(path),
    (e: unknown) => e instanceof ForesightError && e.code === 'io_error' && e.message.includes(path),
  );
});

test('a dataset round-trips: the same ids, values, calendars and invalid reasons', async () => {
  const data = await smallDataset();
  const store = Store.open(freshPath());
  const record = store.saveDataset(data, { name: 'small.csv', bytes: 123 });
  assert.equal(record.seriesCount, 3);
  assert.equal(record.invalidCount, 1);
  assert.deepEqual(
    store.listDatasets().map((d) => d.id),
    [record.id],
  );
  const back = store.loadDataset(record.id)!;
  assert.deepEqual(back.ids, ['a', 'b', 'c']);
  assert.deepEqual([...back.series[0].y], [...data.series[0].y]);
  assert.deepEqual([...back.series[1].times], [...data.series[1].times]);
  assert.equal(back.series[0].frequency, data.series[0].frequency);
  assert.match(back.invalid[0].reason, /line 26: y "x" is not a number/);
  assert.deepEqual(store.loadDataset(record.id, [4])!.series[0].seasonLengths, [4]);
  assert.equal(store.loadDataset('nope'), null);
  // forecasts from the stored dataset equal forecasts from the file
  const a = forecastDataset(data, { models: ['ses'], horizon: 3, levels: [80] });
  const b = forecastDataset(back, { models: ['ses'], horizon: 3, levels: [80] });
  assert.deepEqual([...b[0].runs[0].forecast!.mean], [...a[0].runs[0].forecast!.mean]);
  store.close();
});

test('a forecast run stores every series x model with intervals and fits, and reads back in the library shape', async () => {
  const data = await smallDataset();
  const store = Store.open(freshPath());
  const results = forecastDataset(data, { models: ['naive', 'ses'], horizon: 4, levels: [80, 95] });
  const run = store.createRun({ kind: 'forecast', spec: { horizon: 4 }, total: 3, source: 'cli', status: 'running' });
  assert.equal(run.status, 'running');
  assert.ok(store.completeForecastRun(run.id, results, ['naive', 'ses'], [80, 95]));
  const done = store.getRun(run.id)!;
  assert.equal(done.status, 'succeeded');
  assert.deepEqual(done.progress, { done: 3, total: 3 });
  const back = store.getForecasts(run.id)!;
  assert.deepEqual(
    back.map((r) => r.id),
    ['a', 'b', 'c'],
  );
  assert.equal(back[0].runs.length, 2);
  assert.deepEqual(back[0].ds, results[0].ds);
  assert.deepEqual([...back[0].runs[1].forecast!.upper[1]], [...results[0].runs[1].forecast!.upper[1]]);
  assert.equal(back[0].runs[1].fit!.params.alpha, results[0].runs[1].fit!.params.alpha);
  assert.equal(back[2].runs.length, 0);
  assert.match(back[2].invalid!.reason, /is not a number/);
  store.close();
});

test('a run cancelled while it computes keeps no results; deleting a run removes its rows', async () => {
  const data = await smallDataset();
  const store = Store.open(freshPath());
  const results = forecastDataset(data, { models: ['naive'], horizon: 2, levels: [] });
  const run = store.createRun({ kind: 'forecast', spec: {}, source: 'api' });
  store.startRun(run.id);
  assert.ok(store.cancelRun(run.id));
  assert.equal(store.completeForecastRun(run.id, results, ['naive'], []), false);
  assert.equal(store.getRun(run.id)!.status, 'cancelled');
  assert.equal(store.getForecasts(run.id), null);
  const other = store.createRun({ kind: 'forecast', spec: {}, source: 'api', status: 'running' });
  store.completeForecastRun(other.id, results, ['naive'], []);
  assert.ok(store.deleteRun(other.id));
  assert.equal(store.getRun(other.id), null);
  assert.equal(store.getForecasts(other.id), null);
  assert.equal(store.deleteRun(other.id), false);
  store.close();
});

test('backtests, event probabilities and scaling fits are stored with their run', async () => {
  const data = await smallDataset();
  const store = Store.open(freshPath());
  const result = backtestDataset(data, { models: ['naive'], horizon: 2, windows: 2 });
  const bt = store.createRun({ kind: 'backtest', spec: {}, source: 'api', status: 'running' });
  store.completeBacktestRun(bt.id, result);
  assert.equal(store.getBacktest(bt.id)!.origins, result.origins);
  const ev = store.createRun({ kind: 'probabilities', spec: {}, source: 'api', status: 'running' });
  store.completeProbabilitiesRun(ev.id, [
    { uniqueId: 'a', model: 'ets', event: { above: 30, step: 4 }, probability: 0.25 },
    { uniqueId: 'a', model: 'ets', event: { below: 5, step: 1 }, probability: 0.01, details: { paths: 1000 } },
    { uniqueId: 'b', model: 'ets', event: { above: 3, step: 1 }, probability: null },
  ]);
  const rows = store.getEventProbabilities(ev.id);
  assert.deepEqual(
    rows.map((r) => r.probability),
    [0.25, 0.01, null],
  );
  assert.deepEqual(rows[1].details, { paths: 1000 });
  assert.deepEqual(store.getRun(ev.id)!.progress, { done: 2, total: 2 });
  const sf = store.createRun({ kind: 'scaling-fit', spec: {}, source: 'api', status: 'running' });
  store.completeScalingRun(sf.id, ['power'], { power: { params: { E: 1.8, K: 2, gamma: 0.1 } } });
  assert.deepEqual(store.getScalingFit(sf.id), {
    forms: ['power'],
    fit: { power: { params: { E: 1.8, K: 2, gamma: 0.1 } } },
  });
  store.close();
});

test('recoverInterrupted fails the runs of dead processes with the reason, and spares live ones', () => {
  const path = freshPath();
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `
    import { Store } from ${JSON.stringify(new URL('./store.ts', import.meta.url).href)};
    const s = Store.open(${JSON.stringify(path)});
    s.createRun({ kind: 'forecast', spec: { h: 1 }, source: 'api', status: 'running' });
    s.close();`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(child.status, 0, child.stderr);
  const store = Store.open(path);
  const mine = store.createRun({ kind: 'forecast', spec: {}, source: 'api', status: 'running' });
  const marked = store.recoverInterrupted('server restarted');
  assert.equal(marked.length, 1);
  const dead = store.getRun(marked[0])!;
  assert.equal(dead.status, 'failed');
  assert.equal(dead.error!.code, 'interrupted');
  assert.match(dead.error!.message, /server restarted \(process \d+ stopped before the run finished\)/);
  assert.equal(store.getRun(mine.id)!.status, 'running');
  store.close();
});

test('tokens are stored hashed and found by the token only', () => {
  const store = Store.open(freshPath());
  const { token, record } = store.createToken('ci');
  assert.match(token, /^fst_[A-Za-z0-9_-]{43}$/);
  assert.equal(store.findToken(token)!.id, record.id);
  assert.ok(store.findToken(token)!.lastUsedAt);
  assert.equal(store.findToken(token + 'x'), null);
  assert.equal(store.tokenCount(), 1);
  store.close();
});
