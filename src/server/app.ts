/**
 * The HTTP API (Hono with @hono/zod-openapi): routes parse the request with the one schema (src/server/schemas),
 * call library functions through the store and the runner, and answer; one error handler turns every error into
 * `application/problem+json` with the library's code. Writes (POST, DELETE) need a bearer token: the server's
 * `FORESIGHT_TOKEN` or one made by `foresight tokens create`.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { ForesightError } from '../core/errors.js';
import type { Dataset } from '../data/series.js';
import { resolveBatch, type SeriesForecast } from '../pipeline/forecast-batch.js';
import { resolveModel } from '../ensemble/registry.js';
import { checkDriverModels } from '../pipeline/drivers.js';
import type { DatasetRecord, RunRecord, Store } from '../store/store.js';
import { TokenCheck } from './auth.js';
import { forecastCsv } from './csv.js';
import { addChartRoutes } from './chart-routes.js';
import { addDashboard, type DashboardFiles } from './dashboard.js';
import { forecastsView } from './forecast-view.js';
import { probabilityRows, requestEvents, type ProbabilityRowView } from './event-rows.js';
import { addScenarioRoute } from './scenario-route.js';
import { Scratch, TooLargeError } from './inputs.js';
import { allowedMethods, HttpProblem, problem, statusOfCode } from './problem.js';
import { RunViewCache, matchesEtag } from './run-cache.js';
import type { ForecastJob, Runner } from './runner.js';
import { askScaling, scalingRuns, type StoredScalingFit } from './scaling.js';
import {
  DEFAULT_LIMITS,
  DatasetDetailSchema,
  DatasetListSchema,
  ForecastsQuerySchema,
  ForecastsSchema,
  HealthSchema,
  IdParamsSchema,
  ProbabilitiesSchema,
  ProblemSchema,
  RunListSchema,
  RunSchema,
  RunsQuerySchema,
  ScalingAnswerSchema,
  ScalingAskRequestSchema,
  ScalingFitRequestSchema,
  UploadQuerySchema,
  backtestRequestSchema,
  forecastRequestSchema,
  probabilityRequestSchema,
  type Limits,
} from './schemas.js';

/** What the app needs. */
export interface AppOptions {
  store: Store;
  runner: Runner;
  scratch: Scratch;
  /** A token accepted besides the stored ones (FORESIGHT_TOKEN). */
  token?: string;
  limits?: Partial<Limits>;
  /** The built dashboard, served at `/` (see loadDashboard). */
  dashboard?: DashboardFiles;
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  401: problemResponse('No valid bearer token'),
  413: problemResponse('The body or upload is larger than the limit'),
  422: problemResponse('The request or its data are invalid (the problem names the field, line and value)'),
};
const secured = [{ bearerAuth: [] }];

type RunView = z.infer<typeof RunSchema>;

function runView(run: RunRecord, result?: unknown): RunView {
  const { ownerPid: _owner, ...rest } = run;
  return result === undefined ? rest : { ...rest, result };
}

function datasetDetail(record: DatasetRecord, data: Dataset): z.infer<typeof DatasetDetailSchema> {
  const byId = new Map(data.series.map((s) => [s.id, s]));
  const bad = new Map(data.invalid.map((s) => [s.id, s]));
  return {
    ...record,
    series: data.ids.map((id) => ({
      unique_id: id,
      frequency: byId.get(id)?.frequency ?? null,
      observations: byId.get(id)?.y.length ?? 0,
      error: bad.get(id)?.reason ?? null,
    })),
  };
}

/**
 * Builds the app. Test it in-process with `app.request()`; serve it with `startServer`.
 *
 * @example
 * const app = createApp({ store, runner, scratch });
 * (await app.request('/healthz')).status // 200
 */
export function createApp(options: AppOptions): OpenAPIHono {
  const { store, runner, scratch } = options;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const started = Date.now();
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const issues = result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
        const first = issues[0];
        return problem(
          c,
          422,
          'invalid_request',
          `${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
          issues,
        );
      }
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'FORESIGHT_TOKEN or a token from `foresight tokens create`',
  });

  app.onError((err, c) => {
    if (err instanceof HttpProblem) return problem(c, err.status, err.code, err.message, err.errors);
    if (err instanceof TooLargeError) return problem(c, 413, 'too_large', err.message);
    if (err instanceof ForesightError) return problem(c, statusOfCode(err.code), err.code, err.message);
    if (err instanceof HTTPException) {
      const status = err.status as 400 | 413 | 415;
      return problem(
        c,
        status,
        status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request',
        err.message || 'bad request',
      );
    }
    return problem(c, 500, 'internal', 'internal error');
  });
  app.notFound((c) => {
    // a known path asked with another method is a 405 naming the methods it takes, not an unknown route
    const allowed = allowedMethods(app.routes, c.req.path);
    if (options.dashboard?.has(c.req.path)) allowed.push(...['GET', 'HEAD'].filter((m) => !allowed.includes(m)));
    allowed.sort();
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      c.header('allow', allowed.join(', '));
      return problem(
        c,
        405,
        'method_not_allowed',
        `${c.req.path} does not take ${c.req.method}; it takes ${allowed.join(', ')}`,
      );
    }
    return problem(c, 404, 'not_found', `no route ${c.req.method} ${c.req.path}`);
  });

  // writes need a bearer token
  const tokens = new TokenCheck(store, { token: options.token });
  const auth: MiddlewareHandler = async (c, next) => {
    if (c.req.method === 'POST' || c.req.method === 'DELETE' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
      const header = c.req.header('authorization') ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const token = match?.[1];
      if (token === undefined || !tokens.accepts(token)) {
        c.header('www-authenticate', 'Bearer');
        return problem(
          c,
          401,
          'unauthorized',
          token === undefined
            ? 'writes need a bearer token (Authorization: Bearer TOKEN)'
            : 'the bearer token is not valid',
        );
      }
    }
    await next();
  };
  app.use('*', auth);
  // no query parameter is a list: `?limit=1&limit=2` was "limit: expected number, received NaN"
  app.use('*', async (c, next) => {
    const at = c.req.url.indexOf('?');
    if (at >= 0) {
      const keys = [...new URLSearchParams(c.req.url.slice(at + 1)).keys()];
      const twice = keys.find((k, i) => keys.indexOf(k) !== i);
      if (twice !== undefined)
        return problem(
          c,
          422,
          'invalid_request',
          `query parameter "${twice}" is given ${keys.filter((k) => k === twice).length} times; give it once`,
          [{ path: twice, message: 'given more than once' }],
        );
    }
    await next();
  });
  // JSON bodies are limited here; the CSV upload counts its own bytes as it streams
  const jsonLimit = bodyLimit({
    maxSize: limits.bodyBytes,
    onError: (c) =>
      problem(c, 413, 'too_large', `the request body is larger than the limit of ${limits.bodyBytes} bytes`),
  });
  // only methods with a body: looking at a GET's body would build a full Request object for nothing
  app.use('/v1/*', async (c, next) =>
    c.req.method === 'GET' ||
    c.req.method === 'HEAD' ||
    c.req.method === 'DELETE' ||
    (c.req.path === '/v1/datasets' && c.req.method === 'POST')
      ? next()
      : jsonLimit(c, next),
  );

  const tooMany = (data: Dataset) => {
    if (data.ids.length > limits.series) {
      throw new HttpProblem(
        422,
        'too_many_series',
        `${data.file}: ${data.ids.length} series; the limit is ${limits.series}`,
      );
    }
  };
  const loadData = async (body: {
    datasetId?: string;
    series?: { unique_id: string; ds: string | number; y: number | null }[];
    season?: number[];
  }): Promise<Dataset> => {
    if ((body.datasetId === undefined) === (body.series === undefined)) {
      throw new HttpProblem(
        422,
        'invalid_request',
        'give either datasetId or series (inline rows), not both or neither',
      );
    }
    let data: Dataset | null;
    if (body.datasetId !== undefined) {
      data = store.loadDataset(body.datasetId, body.season);
      if (!data) throw new HttpProblem(404, 'not_found', `no dataset ${body.datasetId}`);
    } else {
      data = await scratch.readRows(body.series!, { displayName: 'series', seasonLengths: body.season });
    }
    tooMany(data);
    return data;
  };
  const getRun = (id: string): RunRecord => {
    const run = store.getRun(id);
    if (!run) throw new HttpProblem(404, 'not_found', `no run ${id}`);
    return run;
  };
  // answers of finished runs, assembled once (they no longer change; DELETE forgets them)
  const finished = new RunViewCache();
  const sendKept = (c: Context, kept: { body: string; etag: string }) =>
    matchesEtag(c.req.header('if-none-match'), kept.etag)
      ? c.body(null, 304, { etag: kept.etag })
      : c.body(kept.body, 200, { 'content-type': 'application/json', etag: kept.etag });
  const created = (c: Context, run: RunRecord) => c.header('location', `/v1/runs/${run.id}`);

  // ---- health and the document --------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness',
      responses: { 200: json(HealthSchema, 'The server is up') },
    }),
    (c) => c.json({ status: 'ok' as const, uptimeSeconds: (Date.now() - started) / 1000 }, 200),
  );

  // ---- datasets -----------------------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/datasets',
      summary: 'Upload a long CSV (unique_id,ds,y[,extra columns]), streamed, with a size limit',
      security: secured,
      request: {
        query: UploadQuerySchema,
        body: { required: true, content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } } },
      },
      responses: {
        201: json(DatasetDetailSchema, 'The stored dataset; series that could not be read carry their reason'),
        ...errors,
      },
    }),
    async (c) => {
      const { name } = c.req.valid('query');
      const declared = Number(c.req.header('content-length'));
      if (Number.isFinite(declared) && declared > limits.uploadBytes) throw new TooLargeError(limits.uploadBytes);
      const displayName = name ?? 'upload.csv';
      const { data, bytes } = await scratch.readUpload(c.req.raw.body, { displayName, limit: limits.uploadBytes });
      tooMany(data);
      const record = store.saveDataset(data, { name: displayName, bytes });
      c.header('location', `/v1/datasets/${record.id}`);
      return c.json(datasetDetail(record, data), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets',
      summary: 'List datasets, newest first',
      responses: { 200: json(DatasetListSchema, 'Datasets') },
    }),
    (c) => c.json({ datasets: store.listDatasets() }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets/{id}',
      summary: 'One dataset and its series',
      request: { params: IdParamsSchema },
      responses: { 200: json(DatasetDetailSchema, 'The dataset'), 404: problemResponse('No such dataset') },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const record = store.getDataset(id);
      const data = record ? store.loadDataset(id) : null;
      if (!record || !data) throw new HttpProblem(404, 'not_found', `no dataset ${id}`);
      return c.json(datasetDetail(record, data), 200);
    },
  );

  // ---- forecasts ----------------------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/forecasts',
      security: secured,
      summary: `Forecast a dataset or inline series; up to ${limits.immediateWork} series x models are answered at once, larger requests get 202 and a run id`,
      request: { body: { required: true, content: { 'application/json': { schema: forecastRequestSchema(limits) } } } },
      responses: {
        200: json(ForecastsSchema, 'The run and its forecasts'),
        202: json(RunSchema, 'The run, queued; poll GET /v1/runs/{id}'),
        404: problemResponse('No such dataset'),
        ...errors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const models = body.models ?? ['auto'];
      const events = body.events ? requestEvents(body.events, 'events', body.horizon) : undefined;
      const exog = body.exog;
      if (exog && events)
        throw new HttpProblem(
          422,
          'invalid_argument',
          'events: probabilities with drivers (exog) are not computed yet; ask for them without exog',
          [{ path: 'events', message: 'events do not combine with exog' }],
        );
      if (exog && !body.future)
        throw new HttpProblem(422, 'invalid_request', "future: exog needs the drivers' future values", [
          { path: 'future', message: `the future values of ${exog.join(', ')} over the horizon` },
        ]);
      if (body.future && !exog)
        throw new HttpProblem(
          422,
          'invalid_request',
          'exog: future values were given without exog naming the drivers',
          [{ path: 'exog', message: 'name the driver columns to use' }],
        );
      checkDriverModels(models, exog);
      const data = await loadData(body);
      const future = body.future
        ? await scratch.readRows(body.future, { displayName: 'future', seasonLengths: body.season, strict: true })
        : undefined;
      const job: ForecastJob = {
        models,
        horizon: body.horizon,
        levels: body.levels ?? [80, 95],
        ...(exog ? { exog, future } : {}),
        ...(events ? { events: { rows: events, paths: body.paths, seed: body.seed } } : {}),
      };
      resolveBatch(data, job);
      const spec = {
        models: job.models,
        horizon: job.horizon,
        levels: job.levels,
        season: body.season ?? null,
        datasetId: body.datasetId ?? null,
        seriesCount: data.ids.length,
        ...(exog ? { exog } : {}),
        ...(body.events ? { events: body.events, paths: body.paths ?? null, seed: body.seed ?? null } : {}),
      };
      if (data.ids.length * models.length * (events ? 2 : 1) <= limits.immediateWork) {
        const run = store.createRun({
          kind: 'forecast',
          spec,
          datasetId: body.datasetId,
          total: data.ids.length,
          source: 'api',
          status: 'running',
        });
        let results: SeriesForecast[];
        let probabilities: ProbabilityRowView[] | undefined;
        try {
          [results, probabilities] = await Promise.all([
            runner.forecastNow(data, job),
            events ? runner.eventsNow(data, job) : undefined,
          ]);
        } catch (e) {
          store.failRun(run.id, e);
          throw e;
        }
        store.completeForecastRun(run.id, results, job.models, job.levels, probabilities);
        created(c, run);
        return c.json(
          {
            run: runView(store.getRun(run.id)!),
            forecasts: forecastsView(results, job.models, false),
            ...(probabilities ? { probabilities } : {}),
          },
          200,
        );
      }
      const run = store.createRun({
        kind: 'forecast',
        spec,
        datasetId: body.datasetId,
        total: data.ids.length,
        source: 'api',
      });
      runner.enqueueForecast(run.id, data, job);
      created(c, run);
      return c.json(runView(run), 202);
    },
  );

  // ---- runs ---------------------------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/runs',
      summary: 'List runs, newest first',
      request: { query: RunsQuerySchema },
      responses: { 200: json(RunListSchema, 'Runs'), 422: errors[422] },
    }),
    (c) => c.json({ runs: store.listRuns(c.req.valid('query').limit ?? 50).map((r) => runView(r)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/runs/{id}',
      summary: 'A run: status, progress, timings, error; the result of a backtest or scaling fit',
      request: { params: IdParamsSchema },
      responses: {
        200: {
          ...json(RunSchema, 'The run; a finished run carries an ETag'),
          headers: { etag: { schema: { type: 'string' }, description: 'Set once the run has finished' } },
        },
        304: { description: 'Not modified: If-None-Match named the ETag of this finished run' },
        404: problemResponse('No such run'),
      },
    }),
    (c) => {
      const id = c.req.valid('param').id;
      const kept = finished.get(id);
      if (kept) return sendKept(c, kept);
      const run = getRun(id);
      let result: unknown;
      if (run.status === 'succeeded' && run.kind === 'backtest') result = store.getBacktest(run.id) ?? undefined;
      if (run.status === 'succeeded' && run.kind === 'scaling-fit')
        result = store.getScalingFit(run.id)?.fit ?? undefined;
      if (run.status === 'succeeded' && run.kind === 'probabilities') result = store.getEventProbabilities(run.id);
      const view = runView(run, result);
      if (run.status === 'queued' || run.status === 'running') return c.json(view, 200);
      return sendKept(c, finished.put(run.id, view));
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/runs/{id}/forecasts',
      summary: 'The forecasts of a succeeded run, as JSON or CSV (formula-like cells neutralized)',
      request: { params: IdParamsSchema, query: ForecastsQuerySchema },
      responses: {
        200: {
          description: 'The forecasts',
          content: { 'application/json': { schema: ForecastsSchema }, 'text/csv': { schema: z.string() } },
        },
        404: problemResponse('No such run'),
        409: problemResponse('The run has no forecasts (not a forecast run, or not succeeded)'),
      },
    }),
    (c) => {
      const run = getRun(c.req.valid('param').id);
      const query = c.req.valid('query');
      if (run.kind !== 'forecast') throw new HttpProblem(409, 'no_forecasts', `run ${run.id} is a ${run.kind} run`);
      if (run.status !== 'succeeded')
        throw new HttpProblem(
          409,
          'no_forecasts',
          `run ${run.id} is ${run.status}${run.error ? `: ${run.error.message}` : ''}`,
        );
      const results = store.getForecasts(run.id) ?? [];
      const models = (run.spec.models as string[] | undefined) ?? [];
      const levels = (run.spec.levels as number[] | undefined) ?? [];
      const wantsCsv =
        query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/.test(c.req.header('accept') ?? ''));
      if (wantsCsv) {
        return c.body(forecastCsv(results, models, levels), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="forecasts-${run.id}.csv"`,
        });
      }
      const probabilities = run.spec.events ? (store.getEventProbabilities(run.id) as ProbabilityRowView[]) : undefined;
      return c.json(
        {
          run: runView(run),
          forecasts: forecastsView(results, models, query.fits === 'true'),
          ...(probabilities ? { probabilities } : {}),
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/runs/{id}',
      summary: 'Delete a run and its results (a queued or running run is cancelled first)',
      security: secured,
      request: { params: IdParamsSchema },
      responses: { 204: { description: 'Deleted' }, 401: errors[401], 404: problemResponse('No such run') },
    }),
    (c) => {
      const run = getRun(c.req.valid('param').id);
      runner.cancel(run.id);
      store.cancelRun(run.id);
      store.deleteRun(run.id);
      finished.delete(run.id);
      return c.body(null, 204);
    },
  );

  // ---- backtests ----------------------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/backtests',
      security: secured,
      summary: 'Rolling-origin backtest; small ones answer at once, larger ones get 202',
      request: { body: { required: true, content: { 'application/json': { schema: backtestRequestSchema(limits) } } } },
      responses: {
        200: json(RunSchema, 'The succeeded run with its result'),
        202: json(RunSchema, 'The run, queued'),
        404: problemResponse('No such dataset'),
        ...errors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const data = await loadData(body);
      const models = body.models ?? ['auto'];
      models.forEach((m) => resolveModel(m));
      const options = {
        models,
        horizon: body.horizon,
        levels: body.levels ?? [],
        windows: body.windows ?? 3,
        step: body.step ?? body.horizon,
      };
      const spec = {
        ...options,
        season: body.season ?? null,
        datasetId: body.datasetId ?? null,
        seriesCount: data.ids.length,
      };
      if (data.ids.length * models.length <= limits.immediateWork) {
        const run = store.createRun({
          kind: 'backtest',
          spec,
          datasetId: body.datasetId,
          total: data.ids.length,
          source: 'api',
          status: 'running',
        });
        try {
          store.completeBacktestRun(run.id, await runner.backtestNow(data, options));
        } catch (e) {
          store.failRun(run.id, e);
          throw e;
        }
        created(c, run);
        return c.json(runView(store.getRun(run.id)!, store.getBacktest(run.id)), 200);
      }
      const run = store.createRun({
        kind: 'backtest',
        spec,
        datasetId: body.datasetId,
        total: data.ids.length,
        source: 'api',
      });
      runner.enqueueBacktest(run.id, data, options);
      created(c, run);
      return c.json(runView(run), 202);
    },
  );

  // ---- event probabilities -----------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/probabilities',
      security: secured,
      summary: 'Event probabilities from calibrated sample paths, with their Monte Carlo standard errors',
      request: {
        body: { required: true, content: { 'application/json': { schema: probabilityRequestSchema(limits) } } },
      },
      responses: {
        200: json(ProbabilitiesSchema, 'The stored run and one row per series and event'),
        404: problemResponse('No such dataset'),
        ...errors,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const events = requestEvents(body.events, 'events');
      const model = body.model ?? 'auto';
      resolveModel(model);
      const data = await loadData(body);
      const spec = {
        model,
        events: body.events,
        paths: body.paths ?? null,
        seed: body.seed ?? null,
        season: body.season ?? null,
        datasetId: body.datasetId ?? null,
      };
      const run = store.createRun({
        kind: 'probabilities',
        spec,
        datasetId: body.datasetId,
        total: data.ids.length,
        source: 'api',
        status: 'running',
      });
      let rows: ProbabilityRowView[];
      try {
        const result = await runner.probabilitiesNow(data, { model, events, paths: body.paths, seed: body.seed });
        rows = probabilityRows(result, events, model, 'used');
        store.completeProbabilitiesRun(run.id, rows);
      } catch (e) {
        store.failRun(run.id, e);
        throw e;
      }
      created(c, run);
      return c.json({ run: runView(store.getRun(run.id)!), probabilities: rows }, 200);
    },
  );

  // ---- scaling ------------------------------------------------------------------------------------------
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/scaling/fit',
      security: secured,
      summary:
        'Fit scaling laws to training runs; a quick fit (at most 20 bootstrap resamples, compute forms or the quick grid) answers at once, others get 202',
      request: { body: { required: true, content: { 'application/json': { schema: ScalingFitRequestSchema } } } },
      responses: {
        200: json(RunSchema, 'The succeeded run; result holds the fit'),
        202: json(RunSchema, 'The run, queued'),
        ...errors,
      },
    }),
    async (c) => {
      const spec = c.req.valid('json');
      const form = spec.form ?? 'chinchilla';
      const forms = form === 'all' ? ['chinchilla', 'power', 'log'] : [form];
      scalingRuns(spec);
      const quick = (spec.bootstrap ?? 200) <= 20 && (form === 'power' || form === 'log' || spec.quickGrid === true);
      if (quick) {
        const run = store.createRun({ kind: 'scaling-fit', spec, source: 'api', status: 'running' });
        try {
          store.completeScalingRun(run.id, forms, JSON.parse(JSON.stringify(await runner.scalingNow(spec))));
        } catch (e) {
          store.failRun(run.id, e);
          throw e;
        }
        created(c, run);
        return c.json(runView(store.getRun(run.id)!, store.getScalingFit(run.id)!.fit), 200);
      }
      const run = store.createRun({ kind: 'scaling-fit', spec, source: 'api' });
      runner.enqueueScaling(run.id, spec, forms);
      created(c, run);
      return c.json(runView(run), 202);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/scaling/ask',
      security: secured,
      summary: 'Ask a stored scaling fit: k x parameters, k x compute, compute-optimal allocation',
      request: { body: { required: true, content: { 'application/json': { schema: ScalingAskRequestSchema } } } },
      responses: {
        200: json(ScalingAnswerSchema, 'The answers with bootstrap intervals'),
        404: problemResponse('No such fit'),
        ...errors,
      },
    }),
    (c) => {
      const body = c.req.valid('json');
      const stored = store.getScalingFit(body.fitId);
      if (!stored)
        throw new HttpProblem(
          404,
          'not_found',
          `no scaling fit ${body.fitId} (the id of a succeeded POST /v1/scaling/fit run)`,
        );
      return c.json({ fitId: body.fitId, ...askScaling(stored.fit as unknown as StoredScalingFit, body) }, 200);
    },
  );

  addScenarioRoute(app, store, runner, scratch);
  addChartRoutes(app, store);
  addDashboard(app, store, runner, options.dashboard);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Foresight API',
      version: '1.0.0',
      description: 'Forecasts, backtests and scaling-law fits over HTTP; every error is application/problem+json',
    },
  });
  return app;
}
