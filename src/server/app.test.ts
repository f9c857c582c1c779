/** The API in-process (`app.request`), with a real SQLite file, real worker threads and the real library. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Store } from '../store/store.js';
import { createApp } from './app.js';
import { Scratch } from './inputs.js';
import { Runner } from './runner.js';
import { forecastCsv, neutralizeCell } from './csv.js';
import { fitScalingLaws } from '../scaling/fit-file.js';
import { datasetEventProbabilities } from '../evaluate/probabilities.js';
import { forecastFile } from '../pipeline/run-forecast.js';
import { requestEvents } from './event-rows.js';

const TOKEN = 'test-token-0123456789';
let store: Store;
let runner: Runner;
let scratch: Scratch;
let app: OpenAPIHono;
let storedToken: string;

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-api-'));
  store = Store.open(join(dir, 'api.db'));
  runner = new Runner(store, { workers: 1, segment: 2 });
  scratch = await Scratch.create();
  app = createApp({
    store,
    runner,
    scratch,
    token: TOKEN,
    limits: { series: 6, horizon: 50, bodyBytes: 20_000, uploadBytes: 4_000, immediateWork: 4 },
  });
  storedToken = store.createToken('tests').token;
});

after(async () => {
  await runner.close();
  await scratch.close();
  store.close();
});

const auth = { authorization: `Bearer ${TOKEN}` };
const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const upload = (csv: string, query = '', headers: Record<string, string> = auth) =>
  app.request(`/v1/datasets${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...headers },
    body: csv,
  });

/** Two trending series of 12 integer steps; `a` ends at 22, `b` at 6. */
function rows(ids = ['a', 'b']) {
  const out: { unique_id: string; ds: number; y: number }[] = [];
  ids.forEach((id, k) => {
    for (let t = 1; t <= 12; t++) out.push({ unique_id: id, ds: t, y: k === 0 ? 10 + t : t / 2 });
  });
  return out;
}
const csvOf = (r: ReturnType<typeof rows>) =>
  'unique_id,ds,y\n' + r.map((x) => `${x.unique_id},${x.ds},${x.y}`).join('\n') + '\n';

async function problemOf(res: Response, status: number) {
  assert.equal(res.status, status, await res.clone().text());
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  return (await res.json()) as {
    code: string;
    detail: string;
    status: number;
    errors?: { path: string; message: string }[];
  };
}

async function waitFor(id: string, statuses = ['succeeded', 'failed', 'cancelled']) {
  for (let i = 0; i < 600; i++) {
    const run = (await (await app.request(`/v1/runs/${id}`)).json()) as { status: string };
    if (statuses.includes(run.status))
      return run as { status: string; progress: { done: number; total: number }; result?: unknown; error: unknown };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${id} did not finish`);
}

test('GET /healthz answers ok', async () => {
  const res = await app.request('/healthz');
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { status: string }).status, 'ok');
});

test('the OpenAPI 3.1 document validates and lists every route, writes marked with the bearer scheme', async () => {
  const res = await app.request('/openapi.json');
  assert.equal(res.status, 200);
  const doc = (await res.json()) as {
    openapi: string;
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  assert.equal(doc.openapi, '3.1.0');
  const result = await validate(structuredClone(doc) as never);
  assert.ok(result.valid, compileErrors(result));
  const routes = Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
  // the dashboard's routes (src/server/dashboard.ts, chart-routes.ts, scenario-route.ts) are part of the API
  assert.deepEqual(routes, [
    'DELETE /v1/runs/{id}',
    'GET /healthz',
    'GET /v1/datasets',
    'GET /v1/datasets/{id}',
    'GET /v1/datasets/{id}/values',
    'GET /v1/runs',
    'GET /v1/runs/{id}',
    'GET /v1/runs/{id}/charts/accuracy',
    'GET /v1/runs/{id}/charts/coverage',
    'GET /v1/runs/{id}/charts/fan',
    'GET /v1/runs/{id}/charts/frontier',
    'GET /v1/runs/{id}/charts/weights',
    'GET /v1/runs/{id}/forecasts',
    'GET /v1/runs/{id}/warnings',
    'POST /v1/backtests',
    'POST /v1/datasets',
    'POST /v1/forecasts',
    'POST /v1/probabilities',
    'POST /v1/probabilities/distribution',
    'POST /v1/reliability',
    'POST /v1/scaling/ask',
    'POST /v1/scaling/fit',
    'POST /v1/scenarios',
  ]);
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      assert.equal(op.security !== undefined, method === 'post' || method === 'delete', `${method} ${path}`);
    }
  }
});

test('every write route refuses a missing or wrong token with 401, and accepts a stored token', async () => {
  const writes: [string, string][] = [
    ['POST', '/v1/datasets'],
    ['POST', '/v1/forecasts'],
    ['POST', '/v1/backtests'],
    ['POST', '/v1/probabilities'],
    ['POST', '/v1/scaling/fit'],
    ['POST', '/v1/scaling/ask'],
    ['POST', '/v1/probabilities/distribution'],
    ['POST', '/v1/reliability'],
    ['POST', '/v1/scenarios'],
    ['DELETE', '/v1/runs/00000000-0000-0000-0000-000000000000'],
  ];
  for (const [method, path] of writes) {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: TOKEN }] as Record<
      string,
      string
    >[]) {
      const res = await app.request(path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: method === 'POST' ? '{}' : undefined,
      });
      const p = await problemOf(res, 401);
      assert.equal(p.code, 'unauthorized', `${method} ${path}`);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    }
  }
  const ok = await post(
    '/v1/forecasts',
    { series: rows(['a']), horizon: 2, models: ['naive'] },
    { authorization: `Bearer ${storedToken}` },
  );
  assert.equal(ok.status, 200);
  // reads need no token
  assert.equal((await app.request('/v1/runs')).status, 200);
});

test('POST /v1/forecasts with inline series answers at once with the forecasts, and stores the run', async () => {
  const res = await post('/v1/forecasts', { series: rows(), horizon: 3, models: ['naive', 'drift'], levels: [80] });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as {
    run: { id: string; status: string };
    forecasts: {
      unique_id: string;
      model: string;
      ds: string[];
      mean: number[];
      intervals: { level: number; lower: number[] }[];
    }[];
  };
  assert.equal(body.run.status, 'succeeded');
  assert.equal(body.forecasts.length, 4);
  const naiveA = body.forecasts.find((f) => f.unique_id === 'a' && f.model === 'naive')!;
  assert.deepEqual(naiveA.ds, ['13', '14', '15']);
  assert.deepEqual(naiveA.mean, [22, 22, 22]);
  assert.equal(naiveA.intervals[0].level, 80);
  const driftA = body.forecasts.find((f) => f.unique_id === 'a' && f.model === 'drift')!;
  assert.deepEqual(driftA.mean, [23, 24, 25]);
  const stored = await app.request(`/v1/runs/${body.run.id}/forecasts`);
  assert.equal(stored.status, 200);
  const again = (await stored.json()) as typeof body;
  assert.deepEqual(
    again.forecasts.map((f) => f.mean),
    body.forecasts.map((f) => f.mean),
  );
  const withFits = (await (await app.request(`/v1/runs/${body.run.id}/forecasts?fits=true`)).json()) as {
    forecasts: { fit: { model: string } }[];
  };
  assert.equal(withFits.forecasts[0].fit.model, 'naive');
});

test('POST /v1/forecasts validation errors: schema, unknown model, limits, bad data, malformed JSON', async () => {
  const schema = await problemOf(await post('/v1/forecasts', { series: rows(), horizon: 0 }), 422);
  assert.equal(schema.code, 'invalid_request');
  assert.match(schema.detail, /^horizon: /);
  assert.equal(
    (await problemOf(await post('/v1/forecasts', { series: rows(), horizon: 51 }), 422)).errors![0].path,
    'horizon',
  );
  assert.equal(
    (await problemOf(await post('/v1/forecasts', { series: rows(), horizon: 2, models: ['nosuch'] }), 422)).code,
    'unknown_model',
  );
  assert.equal((await problemOf(await post('/v1/forecasts', { horizon: 2 }), 422)).code, 'invalid_request');
  // a field beyond unique_id, ds and y is a driver column: a text there is named as such
  const [first, ...others] = rows();
  const driver = await problemOf(
    await post('/v1/forecasts', { series: [{ ...first, note: 'x' }, ...others], horizon: 2 }),
    422,
  );
  assert.equal(driver.errors![0].path, 'series.0.note');
  assert.match(driver.errors![0].message, /driver column and must be a number or null/);
  assert.equal(
    (
      await problemOf(
        await post('/v1/forecasts', { series: rows(['a', 'b', 'c', 'd', 'e', 'f', 'g']), horizon: 2 }),
        422,
      )
    ).code,
    'too_many_series',
  );
  // a bad series is not a request error: it is reported in the forecasts, and the others are forecast
  const res = await post('/v1/forecasts', {
    series: [{ unique_id: 'a', ds: 'yesterday', y: 1 }, ...rows(['b'])],
    horizon: 2,
    models: ['naive'],
  });
  const body = (await res.json()) as { forecasts: { unique_id: string; error: string | null; mean: number[] }[] };
  assert.equal(body.forecasts.length, 2);
  assert.match(body.forecasts[0].error!, /series line 2: ds "yesterday" is not an integer index/);
  assert.deepEqual(body.forecasts[1].mean, [22, 22]);
  const malformed = await app.request('/v1/forecasts', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: '{"horizon": 2,',
  });
  assert.equal((await problemOf(malformed, 400)).code, 'bad_request');
  const wrongType = await app.request('/v1/forecasts', {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...auth },
    body: 'x',
  });
  assert.equal(wrongType.status >= 400 && wrongType.status < 500, true);
  assert.match(wrongType.headers.get('content-type') ?? '', /problem\+json/);
  const big = await post('/v1/forecasts', { series: rows(), horizon: 2, padding: 'x'.repeat(30_000) });
  assert.equal((await problemOf(big, 413)).code, 'too_large');
});

test('datasets: a streamed CSV upload is stored with its series, listed, fetched, and forecast by id', async () => {
  const csv = csvOf(rows()) + 'c,1,abc\n';
  const res = await upload(csv, '?name=trend.csv');
  assert.equal(res.status, 201, await res.clone().text());
  const ds = (await res.json()) as {
    id: string;
    name: string;
    seriesCount: number;
    invalidCount: number;
    series: { unique_id: string; observations: number; error: string | null }[];
  };
  assert.equal(ds.name, 'trend.csv');
  assert.equal(ds.seriesCount, 3);
  assert.equal(ds.invalidCount, 1);
  assert.deepEqual(
    ds.series.map((s) => s.observations),
    [12, 12, 0],
  );
  assert.match(ds.series[2].error!, /trend\.csv line 26: y "abc" is not a number/);
  const list = (await (await app.request('/v1/datasets')).json()) as { datasets: { id: string }[] };
  assert.ok(list.datasets.some((d) => d.id === ds.id));
  const one = (await (await app.request(`/v1/datasets/${ds.id}`)).json()) as { series: unknown[] };
  assert.equal(one.series.length, 3);
  assert.equal((await problemOf(await app.request('/v1/datasets/0000-nope'), 404)).code, 'not_found');
  const fc = await post('/v1/forecasts', { datasetId: ds.id, horizon: 1, models: ['naive'] });
  assert.equal(fc.status, 200);
  const body = (await fc.json()) as { forecasts: { unique_id: string; mean: number[]; error: string | null }[] };
  assert.deepEqual(
    body.forecasts.map((f) => f.mean),
    [[22], [6], []],
  );
  assert.match(body.forecasts[2].error!, /is not a number/);
  assert.equal(
    (
      await problemOf(
        await post('/v1/forecasts', { datasetId: '00000000-0000-0000-0000-000000000000', horizon: 1 }),
        404,
      )
    ).code,
    'not_found',
  );
});

test('datasets: a lone series without an id column is named after the upload, as the CLI names it after the file', async () => {
  const res = await upload('date,value\n2020-01,1\n2020-02,2\n2020-03,3\n', '?name=visitors.csv.gz');
  assert.equal(res.status, 201, await res.clone().text());
  const ds = (await res.json()) as { series: { unique_id: string; observations: number }[] };
  assert.deepEqual(
    ds.series.map((s) => [s.unique_id, s.observations]),
    [['visitors', 3]],
  );
  const unnamed = (await (await upload('date,value\n2020-01,1\n2020-02,2\n')).json()) as {
    series: { unique_id: string }[];
  };
  assert.deepEqual(
    unnamed.series.map((s) => s.unique_id),
    ['upload'],
  );
});

test('datasets: bad files are 422 naming the line, oversize uploads 413, and a name cannot be a path', async () => {
  const header = await problemOf(await upload('id,when,value\na,1,2\n'), 422);
  assert.equal(header.code, 'invalid_input');
  assert.match(header.detail, /upload\.csv line 1: header "id,when,value" lacks a time column/);
  assert.equal((await problemOf(await upload(''), 422)).code, 'invalid_input');
  const big = 'unique_id,ds,y\n' + Array.from({ length: 600 }, (_, t) => `a,${t + 1},${t}`).join('\n') + '\n';
  assert.ok(big.length > 4_000);
  assert.equal((await problemOf(await upload(big), 413)).code, 'too_large');
  // without a content-length the stream is counted as it arrives
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(big.slice(i * 500, (i + 1) * 500)));
      controller.close();
    },
  });
  const streamed = await app.request('/v1/datasets', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...auth },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  assert.equal((await problemOf(streamed, 413)).code, 'too_large');
  assert.equal((await problemOf(await upload(csvOf(rows()), '?name=../../etc/passwd'), 422)).code, 'invalid_request');
  const many = rows(['a', 'b', 'c', 'd', 'e', 'f', 'g']).filter((r) => r.ds <= 2);
  assert.equal((await problemOf(await upload(csvOf(many)), 422)).code, 'too_many_series');
});

test('a larger forecast gets 202 and a run id; the run computes in the pool and its forecasts come as JSON or CSV', async () => {
  const series = rows(['a', 'b', '=cmd|calc', 'd', 'e']);
  const res = await post('/v1/forecasts', { series, horizon: 2, models: ['naive'], levels: [80, 95] });
  assert.equal(res.status, 202, await res.clone().text());
  const run = (await res.json()) as { id: string; status: string };
  assert.equal(res.headers.get('location'), `/v1/runs/${run.id}`);
  assert.equal(run.status, 'queued');
  const done = await waitFor(run.id);
  assert.equal(done.status, 'succeeded');
  assert.deepEqual(done.progress, { done: 5, total: 5 });
  const csvRes = await app.request(`/v1/runs/${run.id}/forecasts?format=csv`);
  assert.match(csvRes.headers.get('content-type')!, /^text\/csv/);
  const lines = (await csvRes.text()).trim().split('\n');
  assert.equal(lines[0], 'unique_id,ds,model,yhat,lo-80,hi-80,lo-95,hi-95,form');
  assert.equal(lines.length, 1 + 5 * 2);
  assert.ok(
    lines.some((l) => l.startsWith(`'=cmd|calc,13,naive,6,`)),
    lines.join('\n'),
  );
  const viaAccept = await app.request(`/v1/runs/${run.id}/forecasts`, { headers: { accept: 'text/csv' } });
  assert.match(viaAccept.headers.get('content-type')!, /^text\/csv/);
  const listed = (await (await app.request('/v1/runs?limit=100')).json()) as { runs: { id: string }[] };
  assert.ok(listed.runs.some((r) => r.id === run.id));
  assert.equal(((await (await app.request('/v1/runs?limit=1')).json()) as { runs: unknown[] }).runs.length, 1);
  assert.equal((await problemOf(await app.request('/v1/runs?limit=0'), 422)).errors![0].path, 'limit');
  assert.equal(
    (await problemOf(await app.request(`/v1/runs/${run.id}/forecasts?format=xml`), 422)).errors![0].path,
    'format',
  );
});

test('DELETE /v1/runs/{id} removes a run; a run still queued is cancelled and keeps no results', async () => {
  const series = rows(['a', 'b', 'c', 'd', 'e']);
  const first = (await (await post('/v1/forecasts', { series, horizon: 2, models: ['ses'] })).json()) as { id: string };
  const second = (await (await post('/v1/forecasts', { series, horizon: 2, models: ['naive'] })).json()) as {
    id: string;
  };
  const del = await app.request(`/v1/runs/${second.id}`, { method: 'DELETE', headers: auth });
  assert.equal(del.status, 204);
  assert.equal((await problemOf(await app.request(`/v1/runs/${second.id}`), 404)).code, 'not_found');
  assert.equal((await waitFor(first.id)).status, 'succeeded');
  await runner.idle();
  assert.equal(store.getRun(second.id), null);
  assert.equal(store.getForecasts(second.id), null);
  assert.equal(
    (await problemOf(await app.request(`/v1/runs/${second.id}`, { method: 'DELETE', headers: auth }), 404)).code,
    'not_found',
  );
  assert.equal((await problemOf(await app.request('/v1/runs/bad%20id'), 422)).code, 'invalid_request');
});

test('GET /v1/runs/{id}/forecasts of a backtest run is 409', async () => {
  const res = await post('/v1/backtests', { series: rows(['a']), horizon: 2, models: ['naive'], windows: 2 });
  const run = (await res.json()) as { id: string };
  assert.equal((await problemOf(await app.request(`/v1/runs/${run.id}/forecasts`), 409)).code, 'no_forecasts');
});

test('POST /v1/backtests answers small backtests at once with the scores; validation errors are 422', async () => {
  const res = await post('/v1/backtests', { series: rows(), horizon: 2, models: ['naive', 'drift'], windows: 3 });
  assert.equal(res.status, 200, await res.clone().text());
  const run = (await res.json()) as {
    status: string;
    result: { origins: number; models: { model: string; mae: number }[] };
  };
  assert.equal(run.status, 'succeeded');
  assert.equal(run.result.origins, 6);
  // series a and b are straight lines: drift is exact, naive misses by 1 and 2 steps of the slope (1 and 0.5)
  const drift = run.result.models.find((m) => m.model === 'drift')!;
  const naive = run.result.models.find((m) => m.model === 'naive')!;
  assert.ok(Math.abs(drift.mae) < 1e-9, String(drift.mae));
  assert.ok(Math.abs(naive.mae - 1.125) < 1e-9, String(naive.mae));
  assert.equal(
    (await problemOf(await post('/v1/backtests', { series: rows(), horizon: 2, windows: 0 }), 422)).errors![0].path,
    'windows',
  );
  assert.equal(
    (await problemOf(await post('/v1/backtests', { series: rows(), horizon: 2, models: ['nope'] }), 422)).code,
    'unknown_model',
  );
  const big = await post('/v1/backtests', { series: rows(['a', 'b', 'c', 'd', 'e']), horizon: 2, models: ['naive'] });
  assert.equal(big.status, 202);
  const done = await waitFor(((await big.json()) as { id: string }).id);
  assert.equal((done.result as { origins: number }).origins, 15);
});

test('POST /v1/probabilities answers from sample paths with the Monte Carlo error and stores the run', async () => {
  // naive on a straight line: the forecast is the last value with a symmetric spread, so P(y[1] > last) is 1/2
  const res = await post('/v1/probabilities', {
    series: rows(['a']),
    model: 'naive',
    events: ['y[1] > last', 'max(y[1..3]) > 1e9'],
    paths: 4000,
    seed: 3,
  });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as {
    run: { id: string; status: string; kind: string };
    probabilities: { uniqueId: string; event: string; probability: number; details: { standardError: number } }[];
  };
  assert.equal(body.run.kind, 'probabilities');
  assert.equal(body.run.status, 'succeeded');
  assert.deepEqual(
    body.probabilities.map((p) => [p.uniqueId, p.event]),
    [
      ['a', 'y[1] > last'],
      ['a', 'max(y[1..3]) > 1e9'],
    ],
  );
  const [half, never] = body.probabilities;
  assert.ok(Math.abs(half.probability - 0.5) < 0.04, String(half.probability));
  assert.ok(Math.abs(half.details.standardError - Math.sqrt(0.25 / 4000)) < 1e-3, String(half.details.standardError));
  assert.equal(never.probability, 0);
  assert.equal((await app.request(`/v1/runs/${body.run.id}`)).status, 200);
  const bad = await post('/v1/probabilities', { series: rows(['a']), events: ['y[1] >> 3'] });
  assert.equal(bad.status, 422, await bad.clone().text());
  // the field is named as the request validator names fields (events.0), in the detail and in errors
  const badBody = (await bad.json()) as { detail: string; errors: { path: string }[] };
  assert.match(badBody.detail, /^events\.0: event "y\[1\] >> 3"/);
  assert.equal(badBody.errors[0].path, 'events.0');
  assert.equal(
    (await problemOf(await post('/v1/probabilities', { series: rows(['a']), events: [] }), 422)).errors![0].path,
    'events',
  );
});

test('POST /v1/scaling/fit recovers a known power law; /v1/scaling/ask answers from the stored fit', async () => {
  // L(C) = 1.5 + 20 C^-0.1 exactly on 12 compute budgets
  const compute = Array.from({ length: 12 }, (_, i) => 10 ** (18 + i * 0.5));
  const loss = compute.map((c) => 1.5 + 20 * c ** -0.1);
  const parameters = compute.map((c) => Math.sqrt(c / 120));
  const res = await post('/v1/scaling/fit', { compute, parameters, loss, form: 'power', bootstrap: 0 });
  assert.equal(res.status, 200, await res.clone().text());
  const run = (await res.json()) as {
    id: string;
    result: { power: { params: { E: number; K: number; gamma: number } } };
  };
  const p = run.result.power.params;
  assert.ok(Math.abs(p.E - 1.5) < 1e-3 && Math.abs(p.gamma - 0.1) < 1e-3, JSON.stringify(p));
  // the stored result is the record `foresight scaling fit --output` writes for the same runs as a file
  const file = join(mkdtempSync(join(tmpdir(), 'foresight-scaling-')), 'runs.csv');
  writeFileSync(
    file,
    'compute,parameters,loss\n' + compute.map((c, i) => `${c},${parameters[i]},${loss[i]}\n`).join(''),
  );
  const cli = fitScalingLaws({ input: file, form: 'power', resamples: 0 });
  assert.deepEqual(run.result, JSON.parse(JSON.stringify({ ...cli, input: 'request' })));
  const ask = await post('/v1/scaling/ask', { fitId: run.id, computeMultiplier: 2, atCompute: 1e21 });
  assert.equal(ask.status, 200, await ask.clone().text());
  const answer = (await ask.json()) as {
    computeMultiplier: { forms: { form: string; reducibleLossRatio: { estimate: number } }[] };
  };
  assert.equal(answer.computeMultiplier.forms[0].form, 'power');
  assert.ok(Math.abs(answer.computeMultiplier.forms[0].reducibleLossRatio.estimate - 2 ** -0.1) < 1e-3);
  assert.equal((await problemOf(await post('/v1/scaling/ask', { fitId: run.id }), 422)).code, 'invalid_argument');
  assert.equal(
    (await problemOf(await post('/v1/scaling/ask', { fitId: run.id, paramsMultiplier: 2 }), 422)).code,
    'invalid_argument',
  );
  assert.equal(
    (
      await problemOf(
        await post('/v1/scaling/ask', { fitId: '00000000-0000-0000-0000-000000000000', allocation: true }),
        404,
      )
    ).code,
    'not_found',
  );
  assert.equal((await problemOf(await post('/v1/scaling/fit', { loss: [1, 2] }), 422)).code, 'invalid_input');
  assert.equal(
    (await problemOf(await post('/v1/scaling/fit', { compute, loss: compute.map(() => -1) }), 422)).errors![0].path,
    'loss.0',
  );
  const slow = await post('/v1/scaling/fit', { compute, parameters, loss, form: 'power', bootstrap: 30 });
  assert.equal(slow.status, 202);
  const done = await waitFor(((await slow.json()) as { id: string }).id);
  assert.equal(done.status, 'succeeded');
  assert.equal((done.result as { power: { replicates: unknown[] } }).power.replicates.length, 30);
});

test('a query parameter given twice is a 422 naming it, not "expected number, received NaN"', async () => {
  const p = await problemOf(await app.request('/v1/runs?limit=1&limit=2'), 422);
  assert.equal(p.code, 'invalid_request');
  assert.equal(p.detail, 'query parameter "limit" is given 2 times; give it once');
  assert.equal((await app.request('/v1/runs?limit=1')).status, 200);
});

test('unknown routes are problem documents too', async () => {
  assert.equal((await problemOf(await app.request('/v2/nothing'), 404)).code, 'not_found');
});

test('a known path asked with another method is 405 with an Allow header, not an unknown route', async () => {
  const put = await app.request('/v1/forecasts', { method: 'PUT', headers: auth, body: '{}' });
  assert.equal(put.headers.get('allow'), 'POST');
  const p = await problemOf(put, 405);
  assert.equal(p.code, 'method_not_allowed');
  assert.equal(p.detail, '/v1/forecasts does not take PUT; it takes POST');
  const patch = await app.request('/v1/runs/abc-1', { method: 'PATCH', headers: auth });
  assert.equal(patch.headers.get('allow'), 'DELETE, GET');
  await problemOf(patch, 405);
  // a path no route has stays a 404, whatever the method
  assert.equal(
    (await problemOf(await app.request('/v1/nothing', { method: 'PUT', headers: auth }), 404)).code,
    'not_found',
  );
});

test('datasets: UTF-16 with a byte-order mark uploads as its UTF-8 twin; a header repeated mid-file is no series', async () => {
  const text = 'unique_id,ds,y\na,1,1\na,2,2\nunique_id,ds,y\nb,1,3\nb,2,4\n';
  const res = await app.request('/v1/datasets', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...auth },
    body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const body = (await res.json()) as { series: { unique_id: string; observations: number }[] };
  assert.deepEqual(
    body.series.map((s) => [s.unique_id, s.observations]),
    [
      ['a', 2],
      ['b', 2],
    ],
  );
});

test('CSV cells: formula-like text is neutralized, numbers are not', () => {
  assert.equal(neutralizeCell('=1+1'), "'=1+1");
  assert.equal(neutralizeCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(neutralizeCell('+33 1 23'), "'+33 1 23");
  assert.equal(neutralizeCell('-x'), "'-x");
  assert.equal(neutralizeCell('-1.5e3'), '-1.5e3');
  assert.equal(neutralizeCell('2026-01-01'), '2026-01-01');
  const csv = forecastCsv(
    [
      {
        id: '=a',
        ds: ['1'],
        runs: [
          {
            model: 'naive',
            used: 'naive',
            fit: null,
            fallbackReason: null,
            forecast: { mean: Float64Array.of(-2), levels: [], lower: [], upper: [] },
          },
        ],
        invalid: null,
        series: null,
      },
    ],
    ['naive'],
    [],
  );
  assert.equal(csv, "unique_id,ds,model,yhat,form\n'=a,1,naive,-2,naive\n");
});

test('POST /v1/forecasts with events: probabilities per series, model and event, stored with the run', async () => {
  const events = ['y[1] > 22', { event: 'max(y[1..4]) > 7', unique_id: 'b' }];
  const res = await post('/v1/forecasts', { series: rows(), horizon: 4, models: ['drift'], events, paths: 2000 });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as {
    run: { id: string; spec: { events: unknown } };
    probabilities: { uniqueId: string; model: string; event: string; probability: number; details: { used: string } }[];
  };
  assert.deepEqual(body.run.spec.events, events);
  // the event for every series applies to a and b, the other to b only
  assert.deepEqual(
    body.probabilities.map((p) => [p.uniqueId, p.model, p.event]),
    [
      ['a', 'drift', 'y[1] > 22'],
      ['b', 'drift', 'y[1] > 22'],
      ['b', 'drift', 'max(y[1..4]) > 7'],
    ],
  );
  // the library's numbers for the same series, model, horizon, paths and seed
  const data = await scratch.readRows(rows(), { displayName: 'series' });
  const direct = datasetEventProbabilities(data, {
    model: 'drift',
    events: requestEvents(events, 'events'),
    horizon: 4,
    paths: 2000,
  });
  assert.deepEqual(
    body.probabilities.map((p) => p.probability),
    direct.flatMap((r) => r.result!.events.map((e) => e.probability)),
  );
  // a drifts up by 1 a step from 22: y[1] > 22 is likely, and b (slope 0.5 from 6) rarely exceeds 22
  assert.ok(body.probabilities[0].probability > 0.5 && body.probabilities[1].probability < 0.01);
  assert.equal(body.probabilities[0].details.used, 'drift');
  const stored = await app.request(`/v1/runs/${body.run.id}/forecasts`);
  assert.deepEqual(((await stored.json()) as { probabilities: unknown }).probabilities, body.probabilities);
});

test('POST /v1/forecasts events: a bad event, one past the horizon, an empty list, with exog: 422 naming the field', async () => {
  const bad = await problemOf(await post('/v1/forecasts', { series: rows(), horizon: 4, events: ['y[1] >'] }), 422);
  assert.equal(bad.code, 'invalid_argument');
  assert.equal(bad.errors![0].path, 'events.0');
  assert.match(bad.detail, /events\.0: event "y\[1\] >"/);
  const beyond = await problemOf(
    await post('/v1/forecasts', { series: rows(), horizon: 4, events: ['y[1] > 0', { event: 'y[9] > 1' }] }),
    422,
  );
  assert.equal(beyond.errors![0].path, 'events.1.event');
  assert.match(beyond.detail, /step 9, beyond the horizon 4/);
  const empty = await problemOf(await post('/v1/forecasts', { series: rows(), horizon: 4, events: [] }), 422);
  assert.equal(empty.errors![0].path, 'events');
  const unknown = await problemOf(
    await post('/v1/forecasts', {
      series: rows(),
      horizon: 4,
      models: ['naive'],
      events: [{ event: 'y[1] > 0', unique_id: 'zz' }],
    }),
    422,
  );
  assert.match(unknown.detail, /series "zz"/);
  const withExog = await problemOf(
    await post('/v1/forecasts', {
      series: rows(),
      horizon: 4,
      events: ['y[1] > 0'],
      exog: ['x'],
      future: [{ unique_id: 'a', ds: 13, x: 1 }],
    }),
    422,
  );
  assert.equal(withExog.errors![0].path, 'events');
});

/** AMD's quarterly net income with its revenue as a driver (examples/net-income.csv), and revenue's future. */
function netIncome() {
  const parse = (file: string) => {
    const [head, ...lines] = readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8')
      .trim()
      .split('\n');
    assert.equal(head, 'unique_id,ds,y,revenue');
    return lines
      .map((l) => l.split(','))
      .filter((c) => c[0] === 'AMD:net_income')
      .map((c) => ({ unique_id: c[0], ds: c[1], y: c[2] === '' ? null : Number(c[2]), revenue: Number(c[3]) }));
  };
  return { series: parse('net-income.csv'), future: parse('net-income-future.csv') };
}

test('POST /v1/forecasts with drivers (exog + future): the forecast the CLI gives for the same files', async () => {
  const { series, future } = netIncome();
  const res = await post('/v1/forecasts', {
    series,
    future: future.map(({ y: _y, ...row }) => row),
    exog: ['revenue'],
    horizon: 4,
    models: ['arima'],
  });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as {
    run: { spec: { exog: string[] } };
    forecasts: { mean: number[]; ds: string[] }[];
  };
  assert.deepEqual(body.run.spec.exog, ['revenue']);
  const dir = mkdtempSync(join(tmpdir(), 'foresight-drivers-'));
  const csv = (r: { unique_id: string; ds: string; y: number | null; revenue: number }[]) =>
    'unique_id,ds,y,revenue\n' + r.map((x) => `${x.unique_id},${x.ds},${x.y ?? ''},${x.revenue}\n`).join('');
  writeFileSync(join(dir, 'in.csv'), csv(series));
  writeFileSync(join(dir, 'future.csv'), csv(future));
  const cli = await forecastFile({
    input: join(dir, 'in.csv'),
    future: join(dir, 'future.csv'),
    exog: ['revenue'],
    horizon: 4,
    models: ['arima'],
    levels: [80, 95],
  });
  assert.deepEqual(body.forecasts[0].ds, cli.results[0].ds);
  assert.deepEqual(body.forecasts[0].mean, Array.from(cli.results[0].runs[0].forecast!.mean));
  // without the driver the forecast differs (revenue carries the information)
  const plain = (await (await post('/v1/forecasts', { series, horizon: 4, models: ['arima'] })).json()) as {
    forecasts: { mean: number[] }[];
  };
  assert.notDeepEqual(plain.forecasts[0].mean, body.forecasts[0].mean);
});

test('POST /v1/forecasts drivers: unknown column, a model without drivers, no future, missing future rows: 422', async () => {
  const { series, future } = netIncome();
  const base = { series, future, horizon: 4, models: ['arima'] };
  const unknown = await problemOf(await post('/v1/forecasts', { ...base, exog: ['price'] }), 422);
  assert.match(unknown.detail, /regressor "price"/);
  const ets = await problemOf(await post('/v1/forecasts', { ...base, exog: ['revenue'], models: ['ets'] }), 422);
  assert.match(ets.detail, /"ets"/);
  const noFuture = await problemOf(
    await post('/v1/forecasts', { series, horizon: 4, models: ['arima'], exog: ['revenue'] }),
    422,
  );
  assert.equal(noFuture.errors![0].path, 'future');
  const noExog = await problemOf(await post('/v1/forecasts', base), 422);
  assert.equal(noExog.errors![0].path, 'exog');
  const short = await problemOf(
    await post('/v1/forecasts', { ...base, exog: ['revenue'], future: future.slice(0, 2) }),
    422,
  );
  assert.equal(short.code, 'invalid_input');
  assert.match(short.detail, /revenue/);
  const badValue = await problemOf(
    await post('/v1/forecasts', { ...base, exog: ['revenue'], future: [{ ...future[0], revenue: 'lots' }] }),
    422,
  );
  assert.equal(badValue.errors![0].path, 'future.0.revenue');
});

test('GET /v1/runs/{id} of a finished run: the same text and ETag every time, 304 on If-None-Match, 404 after DELETE', async () => {
  const res = await post('/v1/forecasts', { series: rows(['e']), horizon: 2, models: ['naive'] });
  const { run } = (await res.json()) as { run: { id: string; status: string } };
  assert.equal(run.status, 'succeeded');
  const first = await app.request(`/v1/runs/${run.id}`);
  const etag = first.headers.get('etag');
  assert.match(etag ?? '', /^"[\w-]{22}"$/);
  assert.match(first.headers.get('content-type') ?? '', /^application\/json/);
  const text = await first.text();
  assert.equal((JSON.parse(text) as { id: string }).id, run.id);
  const again = await app.request(`/v1/runs/${run.id}`);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal(await again.text(), text);
  const notModified = await app.request(`/v1/runs/${run.id}`, { headers: { 'if-none-match': etag! } });
  assert.equal(notModified.status, 304);
  assert.equal(await notModified.text(), '');
  const stale = await app.request(`/v1/runs/${run.id}`, { headers: { 'if-none-match': '"stale"' } });
  assert.equal(stale.status, 200);
  assert.equal((await app.request(`/v1/runs/${run.id}`, { method: 'DELETE', headers: auth })).status, 204);
  assert.equal((await problemOf(await app.request(`/v1/runs/${run.id}`), 404)).code, 'not_found');
});

test('a queued forecast run of a stored dataset computes its events too and stores them with the forecasts', async () => {
  const up = await upload(csvOf(rows(['q1', 'q2', 'q3'])), '?name=queued.csv');
  assert.equal(up.status, 201, await up.clone().text());
  const datasetId = ((await up.json()) as { id: string }).id;
  const res = await post('/v1/forecasts', {
    datasetId,
    horizon: 3,
    models: ['naive'],
    events: ['y[3] > 5'],
    paths: 500,
  });
  assert.equal(res.status, 202, await res.clone().text());
  const runId = ((await res.json()) as { id: string }).id;
  assert.equal((await waitFor(runId)).status, 'succeeded');
  const stored = (await (await app.request(`/v1/runs/${runId}/forecasts`)).json()) as {
    forecasts: unknown[];
    probabilities: { uniqueId: string; model: string; probability: number }[];
  };
  assert.equal(stored.forecasts.length, 3);
  assert.deepEqual(
    stored.probabilities.map((p) => [p.uniqueId, p.model]),
    [
      ['q1', 'naive'],
      ['q2', 'naive'],
      ['q3', 'naive'],
    ],
  );
  // q1 ends at 22, far above 5; q2 and q3 end at 6 with naive's spread: above 5 more often than not
  assert.equal(stored.probabilities[0].probability, 1);
  assert.ok(stored.probabilities[1].probability > 0.5 && stored.probabilities[1].probability < 1);
});
