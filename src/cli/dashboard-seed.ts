/**
 * The bundled analysis the dashboard opens with, computed once through the HTTP API (the same routes the page
 * calls): the industry data (examples/industry.csv) uploaded, forecast 4 quarters ahead and backtested, and the
 * Chinchilla training runs (examples/scaling/chinchilla_runs.csv) fitted with the three scaling forms, and net
 * income with revenue as its driver (examples/net-income.csv) uploaded for the scenarios page. A store
 * that already holds a succeeded forecast of a dataset named `industry.csv` is left as it is.
 */
import { readFileSync } from 'node:fs';
import { ForesightError } from '../core/errors.js';
import { loadRuns } from '../scaling/load.js';

/** What was stored (run ids), or null when the store already had the analysis. */
export interface SeededAnalysis {
  datasetId: string;
  forecastRunId: string;
  backtestRunId: string;
  scalingRunId: string;
}

/** Where the bundled files are. */
export interface SeedFiles {
  industry: string;
  chinchilla: string;
  /** Net income with revenue as its driver (for the scenarios page); uploaded only. */
  drivers?: string;
}

async function call(url: string, token: string, path: string, init: RequestInit): Promise<{ id: string }> {
  const response = await fetch(url + path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });
  const body = (await response.json()) as { id?: string; run?: { id: string }; detail?: string };
  if (!response.ok)
    throw new ForesightError(
      'internal',
      `dashboard: ${init.method} ${path} answered ${response.status}: ${body.detail}`,
    );
  return { id: body.id ?? body.run!.id };
}

const post = (url: string, token: string, path: string, body: unknown) =>
  call(url, token, path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/**
 * Stores the bundled analysis through the API at `url` unless it is there (a succeeded forecast of industry.csv).
 * Throws ForesightError when a request fails (with the server's problem detail).
 *
 * @example
 * await seedAnalysis('http://127.0.0.1:8080', token, files) // { datasetId, forecastRunId, ... } on a new store
 */
export async function seedAnalysis(url: string, token: string, files: SeedFiles): Promise<SeededAnalysis | null> {
  const list = (await (await fetch(`${url}/v1/datasets`)).json()) as { datasets: { id: string; name: string }[] };
  const runs = (await (await fetch(`${url}/v1/runs?limit=1000`)).json()) as {
    runs: { kind: string; status: string; datasetId: string | null }[];
  };
  // seeded once a forecast of the bundled dataset succeeded (a start stopped half-way seeds again)
  const industry = new Set(list.datasets.filter((d) => d.name === 'industry.csv').map((d) => d.id));
  if (runs.runs.some((r) => r.kind === 'forecast' && r.status === 'succeeded' && industry.has(r.datasetId ?? '')))
    return null;
  const dataset = await call(url, token, '/v1/datasets?name=industry.csv', {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: readFileSync(files.industry),
  });
  // the server answers these in its job threads (one per core, up to two), so they run side by side
  const [backtest, scaling, forecast] = await Promise.all([
    post(url, token, '/v1/backtests', { datasetId: dataset.id, horizon: 4, windows: 3, levels: [80, 95] }),
    seedScaling(url, token, files.chinchilla),
    post(url, token, '/v1/forecasts', { datasetId: dataset.id, horizon: 4, levels: [80, 95] }),
    files.drivers
      ? call(url, token, '/v1/datasets?name=net-income.csv', {
          method: 'POST',
          headers: { 'content-type': 'text/csv' },
          body: readFileSync(files.drivers),
        })
      : null,
  ]);
  return { datasetId: dataset.id, forecastRunId: forecast.id, backtestRunId: backtest.id, scalingRunId: scaling };
}

/**
 * Fits the Chinchilla training runs of `file` through POST /v1/scaling/fit (the three forms, 20 bootstrap
 * resamples from the 48-point grid, so the server answers at once) and returns the run id.
 *
 * @example
 * await seedScaling(url, token, 'examples/scaling/chinchilla_runs.csv') // '8767101a-...'
 */
export async function seedScaling(url: string, token: string, file: string): Promise<string> {
  const runs = loadRuns(file);
  const fit = await post(url, token, '/v1/scaling/fit', {
    parameters: Array.from(runs.parameters),
    compute: Array.from(runs.compute),
    loss: Array.from(runs.loss),
    form: 'all',
    bootstrap: 20,
    quickGrid: true,
  });
  return fit.id;
}
