import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer, type RunningServer } from '../server/server.js';
import { drawFirstCharts } from './dashboard-charts.js';
import { seedScaling } from './dashboard-seed.js';

const TOKEN = 'charts-test-token';
let dir: string;
let server: RunningServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'foresight-first-charts-'));
  server = await startServer({
    dbPath: join(dir, 'f.db'),
    port: 0,
    token: TOKEN,
    runner: { workers: 1, quickThreads: 1 },
  });
});
after(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('drawFirstCharts draws the newest forecast run and scaling fit charts, which the server then keeps', async () => {
  assert.equal(await drawFirstCharts(server.url), 0, 'an empty store has nothing to draw');
  const lines = readFileSync('examples/industry.csv', 'utf8').trim().split('\n');
  const csv = [lines[0], ...lines.slice(1).filter((l) => l.startsWith('NVDA:revenue,'))].join('\n');
  const auth = { authorization: `Bearer ${TOKEN}` };
  const upload = await fetch(`${server.url}/v1/datasets?name=one.csv`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: csv,
  });
  const { id: datasetId } = (await upload.json()) as { id: string };
  const forecast = await fetch(`${server.url}/v1/forecasts`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ datasetId, horizon: 4, models: ['auto'] }),
  });
  const { run } = (await forecast.json()) as { run: { id: string } };
  const fit = await seedScaling(server.url, TOKEN, 'examples/scaling/chinchilla_runs.csv');
  assert.equal(await drawFirstCharts(server.url), 3, 'fan, weights and frontier');
  for (const path of [
    `/v1/runs/${run.id}/charts/fan`,
    `/v1/runs/${run.id}/charts/weights`,
    `/v1/runs/${fit}/charts/frontier`,
  ]) {
    const response = await fetch(server.url + path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('server-timing'), 'kept;dur=0', path);
    await response.arrayBuffer();
  }
});

test('drawFirstCharts resolves with 0 when no server answers', async () => {
  assert.equal(await drawFirstCharts('http://127.0.0.1:1'), 0);
});
