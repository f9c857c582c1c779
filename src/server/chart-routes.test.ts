import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { accuracyByStepChart } from '../charts/accuracy-chart.js';
import { coverageChart } from '../charts/coverage-chart.js';
import { fanChart } from '../charts/fan-chart.js';
import { frontierInput, scalingFrontierChart } from '../charts/frontier-chart.js';
import { renderSvg } from '../charts/render-svg.js';
import { forecastBands } from '../charts/spec.js';
import { markPaths, pathVertices } from '../charts/svg-marks.js';
import type { BacktestResult } from '../evaluate/backtest.js';
import type { ScalingFitFile } from '../scaling/fit-file.js';
import { loadRuns } from '../scaling/load.js';
import { Store } from '../store/store.js';
import { createApp } from './app.js';
import { Scratch } from './inputs.js';
import { Runner } from './runner.js';

describe('chart routes', () => {
  let dir: string;
  let store: Store;
  let runner: Runner;
  let scratch: Scratch;
  let app: ReturnType<typeof createApp>;
  let datasetId: string;
  const headers = { authorization: 'Bearer t', 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const response = await app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json() as Promise<{ run: { id: string } } & { id: string }>;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-charts-'));
    store = Store.open(join(dir, 'f.db'));
    runner = new Runner(store, { workers: 1, quickThreads: 1 });
    scratch = await Scratch.create();
    app = createApp({ store, runner, scratch, token: 't' });
    // 'a' has 50 observations (the chart shows the last 40), 'b' 12
    const a = Array.from({ length: 50 }, (_, i) => `a,${i + 1},${(100 + 2 * i + ((i * 7) % 5)).toFixed(1)}`);
    const b = Array.from({ length: 12 }, (_, i) => `b,${i + 1},${(20 + ((i * 3) % 4)).toFixed(1)}`);
    const upload = await app.request('/v1/datasets?name=c.csv', {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'text/csv' },
      body: ['unique_id,ds,y', ...a, ...b].join('\n'),
    });
    datasetId = ((await upload.json()) as { id: string }).id;
  });
  after(async () => {
    await runner.close();
    await scratch.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('GET /v1/runs/{id}/charts/fan draws the fan chart the page drew from the API answers', async () => {
    const { run } = await post('/v1/forecasts', { datasetId, horizon: 3, models: ['drift'], levels: [80, 95] });
    const response = await app.request(`/v1/runs/${run.id}/charts/fan?series=a`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    assert.match(response.headers.get('server-timing')!, /^spec;dur=[\d.]+, render;dur=[\d.]+$/);
    const svg = await response.text();
    assert.equal(pathVertices(markPaths(svg, 'history').paths[0]), 40, 'the last 40 observations');
    assert.equal(pathVertices(markPaths(svg, 'forecast').paths[0]), 3);
    assert.equal(pathVertices(markPaths(svg, 'band_outer').paths[0]), 6);
    assert.equal(pathVertices(markPaths(svg, 'band_inner').paths[0]), 6);
    assert.equal(markPaths(svg, 'reliable').items, 0, 'no rule before the reliability is measured');

    // the same SVG as the spec built from GET /values and GET /forecasts (what the page used to draw)
    const values = (await (await app.request(`/v1/datasets/${datasetId}/values`)).json()) as {
      series: { unique_id: string; ds: string[]; y: number[] }[];
    };
    const forecasts = (await (await app.request(`/v1/runs/${run.id}/forecasts`)).json()) as {
      forecasts: {
        unique_id: string;
        model: string;
        used: string;
        ds: string[];
        mean: number[];
        intervals: { level: number; lower: number[]; upper: number[] }[];
      }[];
    };
    const f = forecasts.forecasts.find((x) => x.unique_id === 'a')!;
    const history = values.series.find((s) => s.unique_id === 'a')!;
    const expected = await renderSvg(
      fanChart(
        { id: 'a', model: f.used, history, ds: f.ds, forecast: forecastBands(f.mean, f.intervals) },
        { historyLength: 40 },
      ),
    );
    assert.equal(svg, expected);

    // the first series when none is named; a reliability rule on request
    const first = await app.request(`/v1/runs/${run.id}/charts/fan`);
    assert.equal(await first.text(), svg);
    const ruled = await (await app.request(`/v1/runs/${run.id}/charts/fan?series=b&reliableSteps=1`)).text();
    assert.equal(markPaths(ruled, 'reliable').items, 1);
    assert.equal(pathVertices(markPaths(ruled, 'history').paths[0]), 12);
  });

  test('a drawn chart is kept: the same text again, and 304 for its ETag', async () => {
    const { run } = await post('/v1/forecasts', { datasetId, horizon: 2, models: ['naive'] });
    const url = `/v1/runs/${run.id}/charts/fan?series=b`;
    const once = await app.request(url);
    const etag = once.headers.get('etag')!;
    assert.match(etag, /^"[\w-]{22}"$/);
    const again = await app.request(url);
    assert.equal(again.headers.get('server-timing'), 'kept;dur=0');
    assert.equal(again.headers.get('etag'), etag);
    assert.equal(await again.text(), await once.text());
    const notModified = await app.request(url, { headers: { 'if-none-match': etag } });
    assert.equal(notModified.status, 304);
    // a deleted run is gone, kept chart or not
    const deleted = await app.request(`/v1/runs/${run.id}`, { method: 'DELETE', headers });
    assert.equal(deleted.status, 204);
    assert.equal((await app.request(url)).status, 404);
  });

  test('GET /v1/runs/{id}/charts/weights draws the fused members; a single model has none (409)', async () => {
    const { run } = await post('/v1/forecasts', { datasetId, horizon: 2, models: ['auto', 'naive'] });
    const forecasts = (await (await app.request(`/v1/runs/${run.id}/forecasts?fits=true`)).json()) as {
      forecasts: { unique_id: string; model: string; fit: { details?: { members?: { weight: number }[] } } }[];
    };
    const members = forecasts.forecasts.find((f) => f.unique_id === 'a' && f.model === 'auto')!.fit.details!.members!;
    const response = await app.request(`/v1/runs/${run.id}/charts/weights?series=a&model=auto`);
    assert.equal(response.status, 200);
    const svg = await response.text();
    assert.equal(markPaths(svg, 'weights').items, members.filter((m) => m.weight > 0).length);
    const single = await app.request(`/v1/runs/${run.id}/charts/weights?series=a&model=naive`);
    assert.equal(single.status, 409);
    assert.match(((await single.json()) as { detail: string }).detail, /a under naive has no fused members/);
  });

  test('unknown runs, series and models are 404 problems naming them; other kinds of run are 409', async () => {
    const { run } = await post('/v1/forecasts', { datasetId, horizon: 2, models: ['naive'] });
    const problem = async (url: string, status: number, detail: RegExp) => {
      const response = await app.request(url);
      assert.equal(response.status, status, url);
      assert.match(response.headers.get('content-type')!, /problem\+json/);
      assert.match(((await response.json()) as { detail: string }).detail, detail, url);
    };
    await problem('/v1/runs/nope/charts/fan', 404, /no run nope/);
    await problem(`/v1/runs/${run.id}/charts/fan?series=zz`, 404, /has no series "zz"/);
    await problem(`/v1/runs/${run.id}/charts/fan?model=theta`, 404, /has no model "theta" for "a"/);
    await problem(`/v1/runs/${run.id}/charts/fan?reliableSteps=x`, 422, /reliableSteps/);
    await problem(`/v1/runs/${run.id}/charts/frontier`, 409, /not a succeeded scaling-fit run/);
  });

  test('GET /v1/runs/{id}/charts/frontier draws the stored fit with every run behind the frontier', async () => {
    const runs = loadRuns('examples/scaling/chinchilla_runs.csv');
    const spec = {
      parameters: Array.from(runs.parameters),
      compute: Array.from(runs.compute),
      loss: Array.from(runs.loss),
      form: 'all',
      bootstrap: 20,
      quickGrid: true,
    };
    const fit = await post('/v1/scaling/fit', spec);
    const svg = await (await app.request(`/v1/runs/${fit.id}/charts/frontier`)).text();
    assert.equal(markPaths(svg, 'runs').items, runs.loss.length);
    assert.ok(markPaths(svg, 'frontier_points').items > 0);
    const stored = store.getScalingFit(fit.id)!.fit as unknown as ScalingFitFile;
    const expected = await renderSvg(
      scalingFrontierChart(frontierInput(stored, { runs: { compute: spec.compute, loss: spec.loss } })),
    );
    assert.equal(svg, expected);
  });
  test('GET /v1/runs/{id}/charts/accuracy and .../coverage draw a stored backtest', async () => {
    const response = await app.request('/v1/backtests', {
      method: 'POST',
      headers,
      body: JSON.stringify({ datasetId, horizon: 2, windows: 3, models: ['naive', 'drift'], levels: [80, 95] }),
    });
    const { id } = (await response.json()) as { id: string };
    for (let i = 0; i < 200 && store.getRun(id)!.status !== 'succeeded'; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const result = store.getBacktest(id) as BacktestResult;
    const accuracy = await app.request(`/v1/runs/${id}/charts/accuracy`);
    assert.equal(accuracy.status, 200);
    assert.equal(await accuracy.text(), await renderSvg(accuracyByStepChart(result.models, { width: 420 })));
    const coverage = await app.request(`/v1/runs/${id}/charts/coverage`);
    assert.equal(await coverage.text(), await renderSvg(coverageChart(result.models, { width: 300 })));
    assert.equal((await app.request(`/v1/runs/${id}/charts/fan`)).status, 409, 'a backtest has no fan chart');
  });
  test("a series' name is text in the SVG, never markup", async () => {
    const name = '<script>alert(1)</script>"x';
    const rows = Array.from({ length: 8 }, (_, i) => `"${name.replace(/"/g, '""')}",${i + 1},${i + 3}`);
    const upload = await app.request('/v1/datasets?name=hostile.csv', {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'text/csv' },
      body: ['unique_id,ds,y', ...rows].join('\n'),
    });
    assert.equal(upload.status, 201, await upload.clone().text());
    const hostile = ((await upload.json()) as { id: string }).id;
    const { run } = await post('/v1/forecasts', { datasetId: hostile, horizon: 2, models: ['naive'] });
    const svg = await (await app.request(`/v1/runs/${run.id}/charts/fan`)).text();
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});
