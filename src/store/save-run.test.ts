import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeriesCsv } from '../data/read-csv.js';
import { forecastDataset } from '../pipeline/forecast-batch.js';
import { saveForecastRun } from './save-run.js';
import { Store } from './store.js';

test('forecast --save dates the run from when the command began, so its seconds are the forecast time', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-save-run-'));
  const file = join(dir, 'two.csv');
  writeFileSync(file, 'unique_id,ds,y\na,1,1\na,2,2\na,3,4\nb,1,5\nb,2,5\nb,3,6\n');
  const results = forecastDataset(await readSeriesCsv(file), { models: ['naive'], horizon: 2, levels: [80] });
  const started = new Date(Date.now() - 90_000);
  const db = join(dir, 'runs.db');
  const id = saveForecastRun(
    db,
    results,
    { input: file, horizon: 2, models: ['naive'], levels: [80], season: null },
    started,
  );
  const store = Store.open(db);
  try {
    const run = store.getRun(id)!;
    assert.equal(run.status, 'succeeded');
    assert.equal(run.source, 'cli');
    assert.equal(run.createdAt, started.toISOString());
    assert.equal(run.startedAt, started.toISOString());
    const seconds = (Date.parse(run.finishedAt!) - Date.parse(run.startedAt!)) / 1000;
    assert.ok(seconds >= 90 && seconds < 3600, `run lasted ${seconds} s`);
    assert.deepEqual(run.progress, { done: 2, total: 2 });
  } finally {
    store.close();
  }
});
