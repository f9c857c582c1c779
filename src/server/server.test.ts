/**
 * The real server process over a real socket: `foresight serve` spawned as a user starts it, a run that survives
 * a restart, auth over HTTP, and SIGKILL during a run (the database stays readable, the run is marked failed
 * with a reason on restart, nothing else is lost).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '../store/store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'foresight-serve-'));
const TOKEN = 'socket-test-token';

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

async function serve(db: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--port', '0', '--db', db, '--workers', '1'],
    {
      cwd: ROOT,
      env: { ...process.env, FORESIGHT_TOKEN: TOKEN, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg') },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

async function stop(s: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return s.child.exitCode;
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
  s.child.kill(signal);
  return exited;
}

const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

function seriesCsv(count: number, length: number): string {
  let text = 'unique_id,ds,y\n';
  for (let k = 0; k < count; k++) {
    for (let t = 1; t <= length; t++)
      text += `s${k},${t},${(100 + k + 3 * Math.sin(t / 2 + k) + ((t * 7919 + k * 104729) % 13) / 4).toFixed(3)}\n`;
  }
  return text;
}

test('over a real socket: 127.0.0.1 by default, auth enforced, and a run survives a restart', async () => {
  const db = join(dir, 'restart.db');
  const first = await serve(db);
  try {
    assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`${first.url}/healthz`)).status, 200);
    const denied = await fetch(`${first.url}/v1/forecasts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(denied.status, 401);
    assert.equal(denied.headers.get('content-type'), 'application/problem+json');
    const series = Array.from({ length: 8 }, (_, t) => ({ unique_id: 'x', ds: `2024-0${t + 1}-01`, y: 10 + t }));
    const res = await fetch(`${first.url}/v1/forecasts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ series, horizon: 2, models: ['drift'], levels: [90] }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as { run: { id: string }; forecasts: { ds: string[]; mean: number[] }[] };
    assert.deepEqual(body.forecasts[0].ds, ['2024-09-01', '2024-10-01']);
    assert.deepEqual(body.forecasts[0].mean, [18, 19]);
    assert.equal(await stop(first), 0);

    const second = await serve(db);
    try {
      const again = await fetch(`${second.url}/v1/runs/${body.run.id}/forecasts`);
      assert.equal(again.status, 200);
      assert.deepEqual(((await again.json()) as typeof body).forecasts[0].mean, [18, 19]);
      const csv = await (await fetch(`${second.url}/v1/runs/${body.run.id}/forecasts?format=csv`)).text();
      assert.equal(csv.split('\n')[1].split(',').slice(0, 4).join(','), 'x,2024-09-01,drift,18');
    } finally {
      await stop(second);
    }
  } finally {
    await stop(first);
  }
});

test('SIGKILL during a run leaves a readable database; on restart the run is failed with a reason and nothing else is lost', async () => {
  const db = join(dir, 'kill.db');
  const first = await serve(db);
  let runId = '';
  let datasetId = '';
  let doneId = '';
  try {
    const upload = await fetch(`${first.url}/v1/datasets?name=many.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: seriesCsv(200, 60),
    });
    assert.equal(upload.status, 201, await upload.clone().text());
    datasetId = ((await upload.json()) as { id: string }).id;
    const small = await fetch(`${first.url}/v1/forecasts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        series: [
          { unique_id: 'k', ds: 1, y: 1 },
          { unique_id: 'k', ds: 2, y: 3 },
        ],
        horizon: 1,
        models: ['naive'],
      }),
    });
    assert.equal(small.status, 200);
    doneId = ((await small.json()) as { run: { id: string } }).run.id;
    const long = await fetch(`${first.url}/v1/forecasts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ datasetId, horizon: 6, models: ['auto'] }),
    });
    assert.equal(long.status, 202, await long.clone().text());
    runId = ((await long.json()) as { id: string }).id;
    for (let i = 0; i < 200; i++) {
      const run = (await (await fetch(`${first.url}/v1/runs/${runId}`)).json()) as { status: string };
      if (run.status === 'running') break;
      assert.equal(run.status, 'queued');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await stop(first, 'SIGKILL');
  }
  // readable while no server runs: the run is still marked running, the rest is there
  const store = Store.open(db);
  assert.equal(store.getRun(runId)!.status, 'running');
  assert.equal(store.getRun(doneId)!.status, 'succeeded');
  store.close();

  const second = await serve(db);
  try {
    assert.match(second.stderr(), /1 unfinished run of a stopped server marked failed/);
    const run = (await (await fetch(`${second.url}/v1/runs/${runId}`)).json()) as {
      status: string;
      error: { code: string; message: string };
    };
    assert.equal(run.status, 'failed');
    assert.equal(run.error.code, 'interrupted');
    assert.match(run.error.message, /the server restarted \(process \d+ stopped before the run finished\)/);
    const kept = (await (await fetch(`${second.url}/v1/runs/${doneId}/forecasts`)).json()) as {
      forecasts: { mean: number[] }[];
    };
    assert.deepEqual(kept.forecasts[0].mean, [3]);
    const dataset = (await (await fetch(`${second.url}/v1/datasets/${datasetId}`)).json()) as { seriesCount: number };
    assert.equal(dataset.seriesCount, 200);
    assert.equal((await fetch(`${second.url}/v1/runs/${runId}/forecasts`)).status, 409);
  } finally {
    await stop(second);
  }
});
