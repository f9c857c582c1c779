/**
 * The dashboard's page charts as SVG, rendered here from stored runs by the same src/charts builders and the
 * same `renderSvg` the HTML reports use: `GET /v1/runs/{id}/charts/fan` (one series' fan chart),
 * `GET /v1/runs/{id}/charts/weights` (its fusion weights) and `GET /v1/runs/{id}/charts/frontier` (a scaling
 * fit's frontier). A page inserts the SVG as it comes, so it needs neither the chart runtime (vega, vega-lite,
 * vega-embed: about 870 kB of script) nor a Vega-Lite compile before it is drawn; on a 2-core machine that work
 * took most of the series and scaling pages' load time. The charts drawn on request (the chance, skill and
 * scenario charts) still render in the browser.
 *
 * Only stored data goes into a chart (no spec comes from the request), and the text in the SVG is escaped by
 * Vega's SVG writer.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { accuracyByStepChart } from '../charts/accuracy-chart.js';
import { coverageChart } from '../charts/coverage-chart.js';
import { fanChart } from '../charts/fan-chart.js';
import { frontierInput, scalingFrontierChart } from '../charts/frontier-chart.js';
import { renderSvg } from '../charts/render-svg.js';
import type { TopLevelSpec } from '../charts/spec.js';
import { weightsChart } from '../charts/weights-chart.js';
import type { ModelRun } from '../models/run-model.js';
import type { SeriesForecast } from '../pipeline/forecast-batch.js';
import type { ScalingFitFile } from '../scaling/fit-file.js';
import type { RunRecord, Store } from '../store/store.js';
import { seriesHistory } from './history.js';
import { HttpProblem } from './problem.js';
import { etagOf, matchesEtag, type CachedBody } from './run-cache.js';
import { IdParamsSchema, ProblemSchema } from './schemas.js';

/** The history the dashboard's fan chart shows: the last 40 observations. */
export const FAN_HISTORY_LENGTH = 40;

const SeriesQuerySchema = z.object({
  series: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'The series (unique_id); default the first of the run' }),
  model: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "The model as requested (the run's models); default the first" }),
});

const FanQuerySchema = SeriesQuerySchema.extend({
  reliableSteps: z
    .string()
    .regex(/^\d{1,3}$/)
    .optional()
    .openapi({ description: 'The last reliable step (POST /v1/reliability): a rule is drawn after it' }),
});

const svgContent = (description: string) => ({
  description,
  content: { 'image/svg+xml': { schema: z.string() } },
});

const problemContent = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const chartResponses = {
  404: problemContent('No such run, or no such series in it'),
  409: problemContent('The run is not a succeeded run of the right kind, or has nothing to draw'),
};

/** A run of `kind` that succeeded; else the problem the forecast routes send. */
function succeeded(store: Store, id: string, kind: RunRecord['kind']): RunRecord {
  const run = store.getRun(id);
  if (!run) throw new HttpProblem(404, 'not_found', `no run ${id}`);
  if (run.kind !== kind || run.status !== 'succeeded')
    throw new HttpProblem(409, 'no_chart', `run ${id} is a ${run.status} ${run.kind} run, not a succeeded ${kind} run`);
  return run;
}

/** The stored forecast of one series and model of a forecast run (default: the first series, the first model). */
function seriesRun(
  store: Store,
  run: RunRecord,
  query: { series?: string; model?: string },
): { series: SeriesForecast; model: ModelRun } {
  const results = store.getForecasts(run.id) ?? [];
  const series = query.series === undefined ? results[0] : results.find((r) => r.id === query.series);
  if (!series) throw new HttpProblem(404, 'not_found', `run ${run.id} has no series "${query.series ?? ''}"`);
  const model = query.model === undefined ? series.runs[0] : series.runs.find((m) => m.model === query.model);
  if (!model)
    throw new HttpProblem(404, 'not_found', `run ${run.id} has no model "${query.model ?? ''}" for "${series.id}"`);
  return { series, model };
}

/** The fused members a fit records in its details (empty for a single model). */
function membersOf(model: ModelRun): { name: string; weight: number }[] {
  const members = (model.fit?.details as { members?: unknown } | undefined)?.members;
  if (!Array.isArray(members)) return [];
  return (members as { name?: unknown; weight?: unknown }[]).map((m) => ({
    name: String(m.name),
    weight: typeof m.weight === 'number' ? m.weight : NaN,
  }));
}

/**
 * Drawn charts by route and query. A chart is drawn from a finished run (which no longer changes; a deleted
 * run is refused before the cache is asked) and the dataset behind it, so it is drawn once and kept. At most
 * `maxEntries` charts, least recently used out first.
 */
class ChartCache {
  private readonly entries = new Map<string, CachedBody>();

  constructor(private readonly maxEntries = 200) {}

  async get(key: string, draw: () => Promise<string>): Promise<CachedBody & { hit: boolean }> {
    const kept = this.entries.get(key);
    if (kept) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      return { ...kept, hit: true };
    }
    const body = await draw();
    const entry = { body, etag: etagOf(body) };
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return { ...entry, hit: false };
  }
}

/**
 * Sends the chart's SVG (drawn now, or kept from an earlier request) with its ETag (`If-None-Match` gets 304)
 * and a Server-Timing entry: how long the spec and the SVG took, or that it was kept.
 */
async function sendSvg(c: Context, cache: ChartCache, key: string, build: () => TopLevelSpec): Promise<Response> {
  let timing = '';
  const kept = await cache.get(key, async () => {
    const started = performance.now();
    const spec = build();
    const built = performance.now();
    const svg = await renderSvg(spec);
    timing = `spec;dur=${(built - started).toFixed(1)}, render;dur=${(performance.now() - built).toFixed(1)}`;
    return svg;
  });
  const headers = {
    etag: kept.etag,
    'cache-control': 'no-cache',
    'server-timing': kept.hit ? 'kept;dur=0' : timing,
  };
  if (matchesEtag(c.req.header('if-none-match'), kept.etag)) return c.body(null, 304, headers);
  return c.body(kept.body, 200, {
    ...headers,
    'content-type': 'image/svg+xml; charset=utf-8',
    'x-content-type-options': 'nosniff',
  });
}

/**
 * The dashboard's fan chart of a stored forecast: the series' last 40 observations from the run's dataset (none
 * when the dataset is gone), the point forecast and the bands, and the reliability rule when `reliableSteps` is
 * given. Throws HttpProblem 404 (no such series or model) or 409 (the model has no forecast).
 *
 * @example
 * dashboardFanChart(store, run, { series: 'NVDA:revenue' }).layer.length // 4: two bands, history, forecast
 */
export function dashboardFanChart(
  store: Store,
  run: RunRecord,
  query: { series?: string; model?: string; reliableSteps?: number },
): TopLevelSpec {
  const { series, model } = seriesRun(store, run, query);
  if (!model.forecast)
    throw new HttpProblem(409, 'no_chart', `run ${run.id}: ${series.id} has no ${model.model} forecast to draw`);
  const data = run.datasetId ? store.loadDataset(run.datasetId) : null;
  const stored = data?.series.find((s) => s.id === series.id);
  const history = stored ? seriesHistory(stored) : { ds: [], y: [] };
  return fanChart(
    {
      id: series.id,
      model: model.used ?? model.model,
      history: { ds: history.ds, y: history.y },
      ds: series.ds,
      forecast: model.forecast,
      reliableSteps: query.reliableSteps,
    },
    { historyLength: FAN_HISTORY_LENGTH },
  );
}

/**
 * Registers the chart routes. Each answers `image/svg+xml`, or a problem document (404, 409) naming the run,
 * series or model at fault.
 */
export function addChartRoutes(app: OpenAPIHono, store: Store): void {
  const cache = new ChartCache();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/runs/{id}/charts/fan',
      summary:
        "One series' fan chart of a forecast run as SVG: the last 40 observations, the point forecast and the bands",
      request: { params: IdParamsSchema, query: FanQuerySchema },
      responses: { 200: svgContent('The chart'), ...chartResponses },
    }),
    async (c) => {
      const run = succeeded(store, c.req.valid('param').id, 'forecast');
      const query = c.req.valid('query');
      const reliableSteps = query.reliableSteps === undefined ? undefined : Number(query.reliableSteps);
      return sendSvg(c, cache, JSON.stringify(['fan', run.id, query.series, query.model, reliableSteps]), () =>
        dashboardFanChart(store, run, { ...query, reliableSteps }),
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/runs/{id}/charts/weights',
      summary: "The weights of one series' fused members in a forecast run, as SVG",
      request: { params: IdParamsSchema, query: SeriesQuerySchema },
      responses: { 200: svgContent('The chart'), ...chartResponses },
    }),
    async (c) => {
      const run = succeeded(store, c.req.valid('param').id, 'forecast');
      const { series, model } = seriesRun(store, run, c.req.valid('query'));
      const members = membersOf(model);
      if (members.length === 0)
        throw new HttpProblem(409, 'no_chart', `run ${run.id}: ${series.id} under ${model.model} has no fused members`);
      return sendSvg(c, cache, JSON.stringify(['weights', run.id, series.id, model.model]), () =>
        weightsChart([{ id: series.id, members }], { height: 60 }),
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/runs/{id}/charts/frontier',
      summary: "A scaling fit's frontier as SVG: the runs, the compute frontier and the fitted laws",
      request: { params: IdParamsSchema },
      responses: { 200: svgContent('The chart'), ...chartResponses },
    }),
    async (c) => {
      const run = succeeded(store, c.req.valid('param').id, 'scaling-fit');
      const stored = store.getScalingFit(run.id);
      if (!stored) throw new HttpProblem(409, 'no_chart', `run ${run.id} has no stored scaling fit`);
      const spec = run.spec as { compute?: number[]; loss?: number[]; parameters?: number[]; tokens?: number[] };
      // the runs as fitted: compute given, or the 6·N·D approximation from parameters and tokens
      const compute = spec.compute ?? spec.parameters?.map((n, i) => 6 * n * (spec.tokens?.[i] ?? NaN)) ?? [];
      const fit = stored.fit as unknown as ScalingFitFile;
      return sendSvg(c, cache, JSON.stringify(['frontier', run.id]), () =>
        scalingFrontierChart(frontierInput(fit, { runs: spec.loss ? { compute, loss: spec.loss } : undefined })),
      );
    },
  );
  const backtestChart = (path: 'accuracy' | 'coverage', summary: string, build: typeof coverageChart, width: number) =>
    app.openapi(
      createRoute({
        method: 'get',
        path: `/v1/runs/{id}/charts/${path}`,
        summary,
        request: { params: IdParamsSchema },
        responses: { 200: svgContent('The chart'), ...chartResponses },
      }),
      async (c) => {
        const run = succeeded(store, c.req.valid('param').id, 'backtest');
        const result = store.getBacktest(run.id);
        if (!result) throw new HttpProblem(409, 'no_chart', `run ${run.id} has no stored backtest`);
        return sendSvg(c, cache, JSON.stringify([path, run.id]), () => build(result.models, { width }));
      },
    );
  backtestChart('accuracy', "A backtest's MASE by forecast step per model, as SVG", accuracyByStepChart, 420);
  backtestChart('coverage', "A backtest's interval coverage against the level asked, as SVG", coverageChart, 300);
}
