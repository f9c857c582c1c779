/**
 * The dashboard's only way to the engine: the HTTP API. Reads need nothing; writes send the bearer token kept in
 * this tab's sessionStorage. Every error the server sends is a problem document; it becomes an ApiError with the
 * server's code and message, which the pages show as they are.
 */
import type { z } from '@hono/zod-openapi';
import type {
  DatasetDetailSchema,
  DatasetSchema,
  ForecastsSchema,
  ProbabilitiesSchema,
  RunSchema,
  ScalingAnswerSchema,
} from '../../src/server/schemas.js';
import type { ReliabilityHorizon } from '../../src/evaluate/reliability-horizon.js';
import type { ModelReliability as PipelineReliability } from '../../src/pipeline/reliability.js';

export type Dataset = z.infer<typeof DatasetSchema>;
export type DatasetDetail = z.infer<typeof DatasetDetailSchema>;
export type Run = z.infer<typeof RunSchema>;
export type Forecasts = z.infer<typeof ForecastsSchema>;
export type SeriesForecast = Forecasts['forecasts'][number];
export type Probabilities = z.infer<typeof ProbabilitiesSchema>;
export type ScalingAnswer = z.infer<typeof ScalingAnswerSchema>;

/** The observed values of a dataset's series (GET /v1/datasets/{id}/values). */
export interface SeriesValues {
  unique_id: string;
  frequency: string;
  ds: string[];
  y: (number | null)[];
  exog: Record<string, (number | null)[]>;
}

/** POST /v1/scenarios: each scenario with its forecasts (the shape of GET /v1/runs/{id}/forecasts). */
export interface ScenarioAnswer {
  scenarios: { name: string; label: string; forecasts: Omit<SeriesForecast, 'fit'>[] }[];
}

/** POST /v1/probabilities/distribution: the event chart's input, the model and the stored run. */
export interface EventDistribution {
  id: string;
  event: string;
  statistic: string;
  values: number[];
  op: '>' | '<' | '>=' | '<=' | 'between';
  thresholds: number[];
  probability: number;
  standardError: number;
  model: string;
  used: string;
  fallbackReason: string | null;
  paths: number;
  runId: string;
}

/** A forecast warning (pipeline/warnings.ts). */
export interface Warning {
  code: string;
  model: string;
  message: string;
}

/** A model's reliability on one series: the skill by step and the last reliable step. */
export type ModelReliability = Omit<PipelineReliability, 'horizon'> & { horizon: ReliabilityHorizon | null };

/** An error answer of the API: its HTTP status, the library's code and the message naming what is wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'foresight-token';

/** The token of this tab, if any. */
export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Keeps the token for this tab only (sessionStorage is per tab and is cleared when the tab closes). */
export function setToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

async function request<T>(
  method: string,
  path: string,
  body?: BodyInit,
  type?: string,
  accept = 'application/json',
): Promise<T> {
  const headers: Record<string, string> = { accept };
  if (type) headers['content-type'] = type;
  const token = getToken();
  if (method !== 'GET' && token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body });
  } catch {
    throw new ApiError(0, 'network', `cannot reach the server (${method} ${path})`);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (response.ok && accept !== 'application/json') return text as T;
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as { code?: string; detail?: string };
    throw new ApiError(response.status, problem.code ?? 'http_error', problem.detail ?? `${response.status} ${text}`);
  }
  return parsed as T;
}

const json = (value: unknown) => JSON.stringify(value);

/** A query string of the defined parameters (`?series=a&model=auto`), or ''. */
function query(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  return defined.length ? `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

const svg = (path: string) => request<string>('GET', path, undefined, undefined, 'image/svg+xml');

/** The API's routes, as the pages use them. */
export const api = {
  datasets: () => request<{ datasets: Dataset[] }>('GET', '/v1/datasets'),
  dataset: (id: string) => request<DatasetDetail>('GET', `/v1/datasets/${encodeURIComponent(id)}`),
  values: (id: string) =>
    request<{ datasetId: string; series: SeriesValues[] }>('GET', `/v1/datasets/${encodeURIComponent(id)}/values`),
  upload: (name: string, csv: Blob) =>
    request<DatasetDetail>('POST', `/v1/datasets?name=${encodeURIComponent(name)}`, csv, 'text/csv'),
  forecast: (body: { datasetId: string; horizon: number; models?: string[]; levels?: number[] }) =>
    request<Forecasts | Run>('POST', '/v1/forecasts', json(body), 'application/json'),
  backtest: (body: { datasetId: string; horizon: number; windows?: number; models?: string[]; levels?: number[] }) =>
    request<Run>('POST', '/v1/backtests', json(body), 'application/json'),
  probabilities: (body: {
    datasetId?: string;
    series?: { unique_id: string; ds: string; y: number | null }[];
    events: string[];
    model?: string;
  }) => request<Probabilities>('POST', '/v1/probabilities', json(body), 'application/json'),
  /** One series' event probability with the sample distribution behind it (stored as a probabilities run). */
  distribution: (body: { datasetId: string; seriesId: string; event: string; model?: string }) =>
    request<EventDistribution>('POST', '/v1/probabilities/distribution', json(body), 'application/json'),
  /** The warnings of a forecast run, per series. */
  warnings: (id: string) =>
    request<{ runId: string; series: { unique_id: string; warnings: Warning[] }[] }>(
      'GET',
      `/v1/runs/${encodeURIComponent(id)}/warnings`,
    ),
  /** One series' reliability horizon per model (rolling origins; computed, not stored). */
  reliability: (body: { datasetId: string; seriesId: string; models: string[]; horizon: number; windows?: number }) =>
    request<{ unique_id: string; models: ModelReliability[] }>(
      'POST',
      '/v1/reliability',
      json(body),
      'application/json',
    ),
  scenarios: (body: {
    datasetId: string;
    horizon: number;
    models?: string[];
    scenarios: { name: string; drivers: Record<string, number[]> }[];
  }) => request<ScenarioAnswer>('POST', '/v1/scenarios', json(body), 'application/json'),
  runs: (limit = 100) => request<{ runs: Run[] }>('GET', `/v1/runs?limit=${limit}`),
  run: (id: string) => request<Run>('GET', `/v1/runs/${encodeURIComponent(id)}`),
  runForecasts: (id: string, fits = false) =>
    request<Forecasts>('GET', `/v1/runs/${encodeURIComponent(id)}/forecasts${fits ? '?fits=true' : ''}`),
  deleteRun: (id: string) => request<void>('DELETE', `/v1/runs/${encodeURIComponent(id)}`),
  scalingAsk: (body: {
    fitId: string;
    atCompute?: number;
    paramsMultiplier?: number;
    computeMultiplier?: number;
    allocation?: boolean;
  }) => request<ScalingAnswer>('POST', '/v1/scaling/ask', json(body), 'application/json'),
  /** One series' fan chart of a forecast run, rendered by the server (SVG text). */
  fanChart: (id: string, q: { series?: string; model?: string; reliableSteps?: number | null }) =>
    svg(
      `/v1/runs/${encodeURIComponent(id)}/charts/fan${query({ series: q.series, model: q.model, reliableSteps: q.reliableSteps ?? undefined })}`,
    ),
  /** The weights of one series' fused members (SVG text). */
  weightsChart: (id: string, q: { series?: string; model?: string }) =>
    svg(`/v1/runs/${encodeURIComponent(id)}/charts/weights${query(q)}`),
  /** A backtest's MASE by step (SVG text). */
  accuracyChart: (id: string) => svg(`/v1/runs/${encodeURIComponent(id)}/charts/accuracy`),
  /** A backtest's interval coverage (SVG text). */
  coverageChart: (id: string) => svg(`/v1/runs/${encodeURIComponent(id)}/charts/coverage`),
  /** A scaling fit's frontier chart (SVG text). */
  frontierChart: (id: string) => svg(`/v1/runs/${encodeURIComponent(id)}/charts/frontier`),
  /** The URL of a run's forecasts as CSV (a plain link: reads need no token). */
  forecastCsvUrl: (id: string) => `/v1/runs/${encodeURIComponent(id)}/forecasts?format=csv`,
};

/**
 * Polls a queued or running run until it ends, reporting its progress; resolves with the ended run. Throws an
 * ApiError when it failed or was cancelled.
 */
export async function waitForRun(run: Run, onProgress: (run: Run) => void, intervalMs = 400): Promise<Run> {
  let current = run;
  while (current.status === 'queued' || current.status === 'running') {
    onProgress(current);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    current = await api.run(current.id);
  }
  if (current.status !== 'succeeded')
    throw new ApiError(0, current.error?.code ?? current.status, current.error?.message ?? `run ${current.status}`);
  return current;
}
