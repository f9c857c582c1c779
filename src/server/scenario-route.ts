/**
 * `POST /v1/scenarios`: forecasts a stored dataset with drivers (its extra columns) under named driver paths,
 * side by side, through pipeline/scenarios.ts (the library behind `forecast --scenario NAME=FILE`). A scenario
 * gives each driver's path over the horizon; the same path applies to every series of the dataset. The route
 * writes those paths as the future file the CLI would read (each series' calendar continued), reads it with the
 * CSV reader and computes the scenarios in a job thread. Nothing is stored.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { continueTime, formatTime } from '../data/time.js';
import { resolveModel } from '../ensemble/registry.js';
import { csvField } from '../pipeline/write-forecast.js';
import type { Store } from '../store/store.js';
import { forecastsView } from './forecast-view.js';
import type { Scratch } from './inputs.js';
import { HttpProblem } from './problem.js';
import type { Runner } from './runner.js';
import { ProblemSchema, SeriesForecastSchema } from './schemas.js';

const ScenarioRequestSchema = z
  .object({
    datasetId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9-]+$/),
    horizon: z.number().int().min(1).max(100),
    models: z.array(z.string().min(1).max(100)).min(1).max(5).optional().openapi({ description: 'Default ["arima"]' }),
    levels: z.array(z.number().gt(0).lt(100)).max(5).optional().openapi({ description: 'Default [80, 95]' }),
    scenarios: z
      .array(
        z.object({
          name: z.string().regex(/^[\w.-]{1,40}$/),
          drivers: z
            .record(z.string(), z.array(z.number()).max(100))
            .openapi({ description: 'Each driver column: its value at steps 1..horizon' }),
        }),
      )
      .min(1)
      .max(5),
  })
  .openapi('ScenarioRequest');

const ScenarioAnswerSchema = z
  .object({
    scenarios: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        forecasts: z.array(SeriesForecastSchema),
      }),
    ),
  })
  .openapi('Scenarios');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Registers `POST /v1/scenarios`. */
export function addScenarioRoute(app: OpenAPIHono, store: Store, runner: Runner, scratch: Scratch): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/scenarios',
      security: [{ bearerAuth: [] }],
      summary: 'Forecast a dataset with drivers under named driver paths (forecast --scenario), side by side',
      request: { body: { required: true, content: { 'application/json': { schema: ScenarioRequestSchema } } } },
      responses: {
        200: {
          description: 'Each scenario and its forecasts',
          content: { 'application/json': { schema: ScenarioAnswerSchema } },
        },
        401: problem('No valid bearer token'),
        404: problem('No such dataset'),
        422: problem('A driver path is missing or has the wrong length, or a model cannot use drivers'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const data = store.loadDataset(body.datasetId);
      if (!data) throw new HttpProblem(404, 'not_found', `no dataset ${body.datasetId}`);
      const exog = data.exogColumns;
      if (exog.length === 0)
        throw new HttpProblem(
          422,
          'invalid_input',
          `${data.file} has no driver columns (numeric columns beside unique_id, ds and y)`,
        );
      const models = body.models ?? ['arima'];
      models.forEach((m) => resolveModel(m));
      const scenarios = [];
      for (const [i, s] of body.scenarios.entries()) {
        for (const column of Object.keys(s.drivers))
          if (!exog.includes(column))
            throw new HttpProblem(
              422,
              'invalid_input',
              `scenarios[${i}] "${s.name}": ${data.file} has no driver "${column}" (drivers: ${exog.join(', ')})`,
            );
        for (const column of exog) {
          const path = s.drivers[column];
          if (!path || path.length !== body.horizon)
            throw new HttpProblem(
              422,
              'invalid_input',
              `scenarios[${i}] "${s.name}": driver "${column}" needs ${body.horizon} values (one per step), got ${path?.length ?? 0}`,
            );
        }
        // the future file `forecast --scenario NAME=FILE` would read: every series' next dates, the paths
        let text = ['unique_id', 'ds', 'y', ...exog].map(csvField).join(',') + '\n';
        for (const series of data.series) {
          const times = continueTime(series.times, series.frequency, body.horizon, series.kind);
          times.forEach((t, step) => {
            const cells = exog.map((column) => String(s.drivers[column][step]));
            text += `${csvField(series.id)},${formatTime(t, series.kind)},,${cells.join(',')}\n`;
          });
        }
        scenarios.push({
          name: s.name,
          future: await scratch.readText(text, { displayName: `scenario ${s.name}`, strict: true }),
        });
      }
      const result = await runner.scenariosNow(data, {
        models,
        horizon: body.horizon,
        levels: body.levels ?? [80, 95],
        exog,
        scenarios,
      });
      return c.json(
        {
          scenarios: result.map((s) => ({
            name: s.name,
            label: s.label,
            forecasts: forecastsView(s.results, models, false),
          })),
        },
        200,
      );
    },
  );
}
