/**
 * What the browser dashboard needs from the server besides the API: its built files (the Vite output), served
 * from memory, and one read-only route with the series values it draws.
 *
 * The files are read once at start into a table keyed by URL path, so no part of a request's path ever reaches
 * the file system: a path not in the table (`/../package.json`, `/%2e%2e/`, `/assets/x\0`) is simply not found.
 * `index.html` is sent with `no-cache` and a Content-Security-Policy that allows only this origin; the hashed
 * files under `assets/` are immutable.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ForesightError } from '../core/errors.js';
import type { ModelReliability } from '../pipeline/reliability.js';
import { runWarnings } from '../pipeline/warnings.js';
import { resolveModel } from '../ensemble/registry.js';
import type { Store } from '../store/store.js';
import { seriesHistory } from './history.js';
import { HttpProblem } from './problem.js';
import type { EventDistribution } from './event-distribution.js';
import type { Runner } from './runner.js';
import { IdParamsSchema, ProblemSchema } from './schemas.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

// vega compiles its expressions with the Function constructor, hence 'unsafe-eval'; vega-embed sets inline styles
const CSP =
  "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A built file held in memory. */
interface DashboardFile {
  body: Uint8Array;
  type: string;
  cache: string;
}

/** The dashboard's files by URL path (`/`, `/index.html`, `/assets/index-abc.js`). */
export type DashboardFiles = Map<string, DashboardFile>;

/**
 * Reads a built dashboard folder (the output of `vite build`) into memory. Throws ForesightError('io_error')
 * naming the folder when it has no index.html (the build did not run).
 *
 * @example
 * loadDashboard('dist/dashboard').has('/') // true
 */
export function loadDashboard(root: string): DashboardFiles {
  const files: DashboardFiles = new Map();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const url = '/' + relative(root, path).split(sep).join('/');
      const immutable = url.startsWith('/assets/');
      files.set(url, {
        body: readFileSync(path),
        type: TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
        cache: immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
  };
  try {
    walk(root);
  } catch (e) {
    throw new ForesightError('io_error', `dashboard: cannot read ${root} (${(e as Error).message})`, { value: root });
  }
  const index = files.get('/index.html');
  if (!index)
    throw new ForesightError('io_error', `dashboard: ${root} has no index.html (run \`npm run build\`)`, {
      value: root,
    });
  files.set('/', index);
  return files;
}

const HistorySchema = z
  .object({
    datasetId: z.string(),
    series: z.array(
      z.object({
        unique_id: z.string(),
        frequency: z.string(),
        ds: z.array(z.string()),
        y: z.array(z.number().nullable()),
        exog: z.record(z.string(), z.array(z.number().nullable())),
      }),
    ),
  })
  .openapi('DatasetValues');

const DistributionRequestSchema = z
  .object({
    datasetId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9-]+$/),
    seriesId: z.string().min(1).max(200),
    event: z.string().min(1).max(200).openapi({ example: 'y[2] > 12B' }),
    model: z.string().min(1).max(200).optional().openapi({ description: 'Registry name; default auto' }),
    paths: z.number().int().min(100).max(10000).optional().openapi({ description: 'Sample paths; default 10000' }),
    seed: z.number().int().min(0).max(2147483647).optional().openapi({ description: 'Seed; default 1' }),
  })
  .openapi('EventDistributionRequest');

const DistributionSchema = z
  .object({
    id: z.string(),
    event: z.string(),
    statistic: z.string(),
    values: z.array(z.number()),
    op: z.string(),
    thresholds: z.array(z.number()),
    probability: z.number(),
    standardError: z.number(),
    model: z.string(),
    used: z.string(),
    fallbackReason: z.string().nullable(),
    paths: z.number().int(),
    runId: z.string().openapi({ description: 'The stored probabilities run' }),
  })
  .openapi('EventDistribution');

const WarningsSchema = z
  .object({
    runId: z.string(),
    series: z.array(
      z.object({
        unique_id: z.string(),
        warnings: z.array(z.object({ code: z.string(), model: z.string(), message: z.string() })),
      }),
    ),
  })
  .openapi('RunWarnings');

const ReliabilityRequestSchema = z
  .object({
    datasetId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9-]+$/),
    seriesId: z.string().min(1).max(200),
    models: z.array(z.string().min(1).max(100)).min(1).max(5).optional().openapi({ description: 'Default ["auto"]' }),
    horizon: z.number().int().min(1).max(100),
    windows: z.number().int().min(2).max(50).optional().openapi({ description: 'Origins, one step apart; default 20' }),
    reference: z.string().min(1).max(100).optional().openapi({ description: 'The naive reference; default naive' }),
  })
  .openapi('ReliabilityRequest');

const ReliabilitySchema = z
  .object({
    unique_id: z.string(),
    models: z.array(
      z.object({
        model: z.string(),
        reference: z.string(),
        reliableSteps: z.number().int().nullable(),
        horizon: z.record(z.string(), z.unknown()).nullable(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .openapi('SeriesReliability');

const problemContent = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/**
 * Registers `POST /v1/reliability` (one series' reliability horizon, in a job thread), `GET /v1/runs/{id}/warnings` (pipeline/warnings.ts over a stored forecast run), `GET
 * /v1/datasets/{id}/values` (the observed values of a dataset's readable series, at most 500
 * series), `POST /v1/probabilities/distribution` (the sample distribution behind one series' event probability,
 * computed in a job thread and stored as a probabilities run) and, with `files`, the dashboard's static files for GET and HEAD of any
 * other path.
 */
export function addDashboard(app: OpenAPIHono, store: Store, runner: Runner, files?: DashboardFiles): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/probabilities/distribution',
      security: [{ bearerAuth: [] }],
      summary:
        'The event statistic on every sample path of one series (the paths POST /v1/probabilities draws), for a chart',
      request: {
        body: { required: true, content: { 'application/json': { schema: DistributionRequestSchema } } },
      },
      responses: {
        200: { description: 'The distribution', content: { 'application/json': { schema: DistributionSchema } } },
        401: problemContent('No valid bearer token'),
        404: problemContent('No such dataset'),
        422: problemContent('The event, the series or the model is invalid'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const data = store.loadDataset(body.datasetId);
      if (!data) throw new HttpProblem(404, 'not_found', `no dataset ${body.datasetId}`);
      const { datasetId, ...options } = body;
      // stored like a POST /v1/probabilities run of one series and event, so it appears in the runs history
      const run = store.createRun({
        kind: 'probabilities',
        spec: { ...options, model: options.model ?? 'auto', events: [options.event], datasetId },
        datasetId,
        total: 1,
        source: 'api',
        status: 'running',
      });
      let result: EventDistribution;
      try {
        result = await runner.eventDistributionNow(data, options);
        store.completeProbabilitiesRun(run.id, [
          {
            uniqueId: result.id,
            model: result.used,
            event: result.event,
            probability: Number.isFinite(result.probability) ? result.probability : null,
            details: {
              standardError: result.standardError,
              paths: result.paths,
              fallbackReason: result.fallbackReason,
            },
          },
        ]);
      } catch (e) {
        store.failRun(run.id, e);
        throw e;
      }
      c.header('location', `/v1/runs/${run.id}`);
      return c.json({ ...result, runId: run.id }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/reliability',
      security: [{ bearerAuth: [] }],
      summary:
        "One series' reliability horizon (forecast --reliability): skill against a naive reference by step over rolling origins, with bootstrap bands",
      request: { body: { required: true, content: { 'application/json': { schema: ReliabilityRequestSchema } } } },
      responses: {
        200: {
          description: 'The reliability per model',
          content: { 'application/json': { schema: ReliabilitySchema } },
        },
        401: problemContent('No valid bearer token'),
        404: problemContent('No such dataset'),
        422: problemContent('The series, a model or a number is invalid'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const data = store.loadDataset(body.datasetId);
      if (!data) throw new HttpProblem(404, 'not_found', `no dataset ${body.datasetId}`);
      const series = data.series.filter((s) => s.id === body.seriesId);
      if (series.length === 0)
        throw new HttpProblem(422, 'invalid_input', `${data.file}: no readable series "${body.seriesId}"`);
      const models = body.models ?? ['auto'];
      models.forEach((m) => resolveModel(m));
      const [result] = await runner.reliabilityNow(
        { ...data, ids: [body.seriesId], series, invalid: [] },
        { models, horizon: body.horizon, windows: body.windows ?? 20, reference: body.reference ?? 'naive' },
      );
      return c.json(
        result as {
          unique_id: string;
          models: (Omit<ModelReliability, 'horizon'> & { horizon: Record<string, unknown> | null })[];
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/runs/{id}/warnings',
      summary:
        'The warnings of a succeeded forecast run (short history, fallbacks, too many drivers, a break), per series',
      request: { params: IdParamsSchema },
      responses: {
        200: { description: 'The warnings', content: { 'application/json': { schema: WarningsSchema } } },
        404: problemContent('No such run'),
        409: problemContent('Not a succeeded forecast run'),
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const run = store.getRun(id);
      if (!run) throw new HttpProblem(404, 'not_found', `no run ${id}`);
      if (run.kind !== 'forecast' || run.status !== 'succeeded')
        throw new HttpProblem(409, 'no_forecasts', `run ${id} is a ${run.status} ${run.kind} run`);
      const horizon = Number(run.spec.horizon);
      const data = run.datasetId ? store.loadDataset(run.datasetId) : null;
      const lengths = new Map((data?.series ?? []).map((s) => [s.id, s.y.length]));
      const series = (store.getForecasts(id) ?? []).map((r) => ({
        unique_id: r.id,
        // the history's length: the dataset's series, else what the fit saw
        warnings: r.runs.flatMap((m) => runWarnings(m, lengths.get(r.id) ?? m.fit?.nobs ?? 0, horizon)),
      }));
      return c.json({ runId: id, series }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets/{id}/values',
      summary: 'The observed values of a dataset (at most 500 series), for charts',
      request: { params: IdParamsSchema },
      responses: {
        200: { description: 'The values', content: { 'application/json': { schema: HistorySchema } } },
        404: {
          description: 'No such dataset',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
      },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const data = store.loadDataset(id);
      if (!data) throw new HttpProblem(404, 'not_found', `no dataset ${id}`);
      return c.json({ datasetId: id, series: data.series.slice(0, 500).map(seriesHistory) }, 200);
    },
  );
  if (!files) return;
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const file = files.get(c.req.path);
    if (!file) return next();
    c.header('content-type', file.type);
    c.header('cache-control', file.cache);
    c.header('x-content-type-options', 'nosniff');
    if (file.type.startsWith('text/html')) {
      c.header('content-security-policy', CSP);
      c.header('referrer-policy', 'no-referrer');
    }
    if (c.req.method === 'HEAD') return c.body(null, 200);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200);
  });
}
