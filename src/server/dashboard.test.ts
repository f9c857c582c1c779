import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Store } from '../store/store.js';
import { createApp } from './app.js';
import { loadDashboard } from './dashboard.js';
import { Scratch } from './inputs.js';
import { Runner } from './runner.js';

describe('dashboard files and values', () => {
  let dir: string;
  let store: Store;
  let runner: Runner;
  let scratch: Scratch;
  let app: ReturnType<typeof createApp>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-dashboard-'));
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Foresight</title>');
    writeFileSync(join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside the folder');
    store = Store.open(join(dir, 'f.db'));
    runner = new Runner(store, { workers: 1, quickThreads: 1 });
    scratch = await Scratch.create();
    app = createApp({ store, runner, scratch, token: 't', dashboard: loadDashboard(web) });
  });
  after(async () => {
    await runner.close();
    await scratch.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves index.html at / with a same-origin CSP, and hashed assets as immutable', async () => {
    const index = await app.request('/');
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type')!, /^text\/html/);
    assert.match(index.headers.get('content-security-policy')!, /default-src 'self'/);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    assert.match(await index.text(), /<title>Foresight/);
    const asset = await app.request('/assets/index-abc123.js');
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type')!, /^text\/javascript/);
    assert.match(asset.headers.get('cache-control')!, /immutable/);
    const head = await app.request('/index.html', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  test('no request path leaves the folder: traversal and unknown files are problems, not files', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e%2fsecret.txt',
      '/secret.txt',
      '/assets/',
    ]) {
      const response = await app.request(path);
      assert.equal(response.status, 404, path);
      assert.doesNotMatch(await response.text(), /outside the folder/, path);
    }
  });

  test('the API keeps its routes and its problems beside the files', async () => {
    assert.equal((await app.request('/healthz')).status, 200);
    const missing = await app.request('/v1/nothing');
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type')!, /problem\+json/);
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    assert.ok(doc.paths['/v1/datasets/{id}/values']);
  });

  test("the files' catch-all does not add GET to the Allow header of API paths", async () => {
    const put = await app.request('/v1/forecasts', { method: 'PUT', headers: { authorization: 'Bearer t' } });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'POST'); // was 'GET, HEAD, POST'
    const get = await app.request('/v1/forecasts');
    assert.equal(get.status, 405); // was a 404 'no route' whose Allow header named GET
    assert.equal(get.headers.get('allow'), 'POST');
    const patch = await app.request('/v1/runs/abc-1', { method: 'PATCH', headers: { authorization: 'Bearer t' } });
    assert.equal(patch.headers.get('allow'), 'DELETE, GET');
    // a file of the dashboard takes GET and HEAD; a path that is neither a file nor a route is a 404
    const options = await app.request('/', { method: 'OPTIONS' });
    assert.equal(options.status, 405);
    assert.equal(options.headers.get('allow'), 'GET, HEAD');
    assert.equal((await app.request('/no-such-page', { method: 'OPTIONS' })).status, 404);
  });

  test('GET /v1/datasets/{id}/values gives the observed rows of each readable series', async () => {
    const csv = 'unique_id,ds,y\na,2020-01-01,1\na,2020-02-01,2\na,2020-04-01,4\nb,1,5\nb,2,x\n';
    const upload = await app.request('/v1/datasets?name=v.csv', {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'text/csv' },
      body: csv,
    });
    assert.equal(upload.status, 201);
    const { id } = (await upload.json()) as { id: string };
    const values = (await (await app.request(`/v1/datasets/${id}/values`)).json()) as {
      series: { unique_id: string; ds: string[]; y: number[] }[];
    };
    // March was missing: the grid filled it, the values route shows the three observed months
    assert.deepEqual(values.series, [
      { unique_id: 'a', frequency: 'monthly', ds: ['2020-01-01', '2020-02-01', '2020-04-01'], y: [1, 2, 4], exog: {} },
    ]);
    assert.equal((await app.request('/v1/datasets/nope/values')).status, 404);
  });

  test('POST /v1/probabilities/distribution draws the paths POST /v1/probabilities draws, and stores the run', async () => {
    const rows = Array.from({ length: 24 }, (_, i) => `s,${i + 1},${10 + i + ((i * 7) % 5)}`);
    const upload = await app.request('/v1/datasets?name=d.csv', {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'text/csv' },
      body: ['unique_id,ds,y', ...rows].join('\n'),
    });
    const { id } = (await upload.json()) as { id: string };
    const post = (path: string, body: unknown, token = 't') =>
      app.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ask = { datasetId: id, seriesId: 's', event: 'y[2] > 35', model: 'drift', paths: 2000 };
    const response = await post('/v1/probabilities/distribution', ask);
    assert.equal(response.status, 200);
    const d = (await response.json()) as {
      values: number[];
      thresholds: number[];
      probability: number;
      runId: string;
      statistic: string;
    };
    assert.equal(d.values.length, 2000);
    assert.deepEqual(d.thresholds, [35]);
    assert.equal(d.statistic, 'y[2]');
    // the probability is the share of the returned values above the threshold
    assert.equal(d.probability, d.values.filter((v) => v > 35).length / 2000);
    const reference = (await (
      await post('/v1/probabilities', { datasetId: id, events: ['y[2] > 35'], model: 'drift', paths: 2000 })
    ).json()) as { probabilities: { probability: number }[] };
    assert.equal(d.probability, reference.probabilities[0].probability);
    const run = (await (await app.request(`/v1/runs/${d.runId}`)).json()) as {
      kind: string;
      result: { uniqueId: string; probability: number }[];
    };
    assert.equal(run.kind, 'probabilities');
    assert.equal(run.result[0].probability, d.probability);

    assert.equal((await post('/v1/probabilities/distribution', ask, 'wrong')).status, 401);
    const unknown = await post('/v1/probabilities/distribution', { ...ask, seriesId: 'nope' });
    assert.equal(unknown.status, 422);
    assert.match(((await unknown.json()) as { detail: string }).detail, /no series "nope"/);
    const bad = await post('/v1/probabilities/distribution', { ...ask, event: 'y[2] >> 3' });
    assert.equal(bad.status, 422);
  });

  test('POST /v1/reliability measures one series; GET /v1/runs/{id}/warnings reads a stored forecast', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `s,${i + 1},${(10 + i * 2 + ((i * 7) % 5)).toFixed(1)}`);
    const headers = { authorization: 'Bearer t', 'content-type': 'application/json' };
    const upload = await app.request('/v1/datasets?name=r.csv', {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'text/csv' },
      body: ['unique_id,ds,y', ...rows, 'short,1,5', 'short,2,6'].join('\n'),
    });
    const { id } = (await upload.json()) as { id: string };
    const response = await app.request('/v1/reliability', {
      method: 'POST',
      headers,
      body: JSON.stringify({ datasetId: id, seriesId: 's', models: ['drift'], horizon: 3, windows: 10 }),
    });
    assert.equal(response.status, 200);
    const r = (await response.json()) as {
      unique_id: string;
      models: { model: string; reference: string; reliableSteps: number; horizon: { byStep: unknown[] } }[];
    };
    assert.equal(r.unique_id, 's');
    assert.equal(r.models[0].model, 'drift');
    assert.equal(r.models[0].reference, 'naive');
    assert.equal(r.models[0].horizon.byStep.length, 3);
    // a trending series: drift beats naive at every step
    assert.equal(r.models[0].reliableSteps, 3);
    const missing = await app.request('/v1/reliability', {
      method: 'POST',
      headers,
      body: JSON.stringify({ datasetId: id, seriesId: 'nope', horizon: 3 }),
    });
    assert.equal(missing.status, 422);

    const forecast = await app.request('/v1/forecasts', {
      method: 'POST',
      headers,
      body: JSON.stringify({ datasetId: id, horizon: 3, models: ['drift'] }),
    });
    const { run } = (await forecast.json()) as { run: { id: string } };
    const warnings = (await (await app.request(`/v1/runs/${run.id}/warnings`)).json()) as {
      series: { unique_id: string; warnings: { code: string }[] }[];
    };
    assert.deepEqual(
      warnings.series.map((s) => [s.unique_id, s.warnings.map((w) => w.code)]),
      [
        ['s', []],
        ['short', ['short_history', 'fallback']],
      ],
    );
    assert.equal((await app.request(`/v1/runs/nope/warnings`)).status, 404);
  });

  test('POST /v1/scenarios forecasts under each driver path; a missing path is a 422 naming it', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => {
      const x = 10 + ((i * 7) % 11);
      return `s,${i + 1},${(3 * x + ((i * 5) % 3)).toFixed(1)},${x}`;
    });
    const upload = await app.request('/v1/datasets?name=drivers.csv', {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'text/csv' },
      body: ['unique_id,ds,y,x', ...rows].join('\n'),
    });
    const { id } = (await upload.json()) as { id: string };
    const values = (await (await app.request(`/v1/datasets/${id}/values`)).json()) as {
      series: { exog: Record<string, number[]> }[];
    };
    assert.equal(values.series[0].exog.x.length, 30);
    const ask = (scenarios: unknown) =>
      app.request('/v1/scenarios', {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({ datasetId: id, horizon: 2, models: ['arima'], levels: [80], scenarios }),
      });
    const response = await ask([
      { name: 'low', drivers: { x: [5, 5] } },
      { name: 'high', drivers: { x: [30, 30] } },
    ]);
    assert.equal(response.status, 200);
    const answer = (await response.json()) as {
      scenarios: { name: string; forecasts: { unique_id: string; ds: string[]; mean: number[] }[] }[];
    };
    assert.deepEqual(
      answer.scenarios.map((s) => s.name),
      ['low', 'high'],
    );
    const [low, high] = answer.scenarios.map((s) => s.forecasts[0]);
    assert.deepEqual(low.ds, ['31', '32']);
    // y is about 3x: the forecast follows the driver's path
    assert.ok(high.mean[0] - low.mean[0] > 40, `${high.mean[0]} vs ${low.mean[0]}`);
    const short = await ask([{ name: 'low', drivers: { x: [5] } }]);
    assert.equal(short.status, 422);
    assert.match(((await short.json()) as { detail: string }).detail, /"low": driver "x" needs 2 values/);
    const unknown = await ask([{ name: 'a', drivers: { x: [1, 2], z: [1, 2] } }]);
    assert.match(((await unknown.json()) as { detail: string }).detail, /no driver "z"/);
  });

  test('a folder without index.html is an io_error naming it', () => {
    assert.throws(
      () => loadDashboard(join(dir, 'missing')),
      (e: Error & { code?: string }) => e.code === 'io_error' && /missing/.test(e.message),
    );
  });
});
