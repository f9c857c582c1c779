/**
 * Every request and response schema of the HTTP API, in one place (zod). The same schemas validate requests
 * and generate the OpenAPI 3.1 document served at `/openapi.json` (@hono/zod-openapi), so the document cannot
 * drift from what the server accepts.
 */
import { z } from '@hono/zod-openapi';

/** Default request limits; `foresight serve` and `createApp` accept overrides. */
export const DEFAULT_LIMITS = {
  /** Largest JSON request body, bytes. */
  bodyBytes: 1 << 20,
  /** Largest CSV upload, bytes. */
  uploadBytes: 64 << 20,
  /** Most series in one dataset or request. */
  series: 10_000,
  /** Longest horizon. */
  horizon: 1_000,
  /** Requests with at most this many series x models are answered at once; larger ones get 202 and a run id. */
  immediateWork: 20,
} as const;

/** The limits in force. */
export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

/** An RFC 9457 problem document, as every error is sent (`application/problem+json`). */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:foresight:problem:invalid_input' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({
      description:
        'The library error code (invalid_input, invalid_argument, unknown_model, ...) or an HTTP one (not_found, unauthorized, too_large)',
    }),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const idParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/);

/** `{id}` path parameter. */
export const IdParamsSchema = z.object({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: '3f1c2a4e-0d7b-4d51-9a43-5b8f3c2e1d00' }),
});

/** A dataset as stored (no values). */
export const DatasetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    bytes: z.number().int(),
    seriesCount: z.number().int(),
    invalidCount: z.number().int(),
    exogColumns: z.array(z.string()),
  })
  .openapi('Dataset');

/** The answer to an upload: the dataset and its series (invalid ones with the reason). */
export const DatasetDetailSchema = DatasetSchema.extend({
  series: z.array(
    z.object({
      unique_id: z.string(),
      frequency: z.string().nullable(),
      observations: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
}).openapi('DatasetDetail');

/** Query of `POST /v1/datasets`. */
export const UploadQuerySchema = z.object({
  name: z
    .string()
    .regex(/^[\w. -]{1,100}$/)
    .optional()
    .openapi({
      param: { name: 'name', in: 'query' },
      description: 'A display name (letters, digits, space, dot, dash, underscore); never a path',
      example: 'revenue.csv',
    }),
});

const driverValue = z
  .number({
    error: 'a field other than unique_id, ds and y is a driver column and must be a number or null',
  })
  .nullable()
  .openapi({ description: 'A driver (regressor) column' });

/** One row of the long format (`unique_id,ds,y`), with any driver columns as extra numeric fields. */
const RowSchema = z
  .object({
    unique_id: z.string().min(1).max(200),
    ds: z.union([z.string().max(40), z.number().int()]),
    y: z.number().nullable(),
  })
  .catchall(driverValue)
  .openapi({ example: { unique_id: 'AMD:net_income', ds: '2026-03-28', y: 1.2e8, revenue: 7.4e9 } });

/** One row of the drivers' future values: `unique_id`, `ds` and the driver columns (`y` may be left out). */
const FutureRowSchema = z
  .object({
    unique_id: z.string().min(1).max(200),
    ds: z.union([z.string().max(40), z.number().int()]),
    y: z.number().nullable().optional(),
  })
  .catchall(driverValue)
  .openapi({ example: { unique_id: 'AMD:net_income', ds: '2026-06-27', revenue: 1.03e10 } });

/** Events in the event syntax of `foresight probability --event` (README "Event probabilities"). */
const eventsSchema = z
  .array(
    z.union([
      z.string().min(1).max(200),
      z.object({
        event: z.string().min(1).max(200),
        unique_id: z.string().min(1).max(200).optional().openapi({ description: 'The one series it applies to' }),
      }),
    ]),
  )
  .min(1)
  .max(50);
const pathsSchema = z
  .number()
  .int()
  .min(100)
  .max(100000)
  .optional()
  .openapi({ description: 'Sample paths per series; default 10000' });
const seedSchema = z
  .number()
  .int()
  .min(0)
  .max(2147483647)
  .optional()
  .openapi({ description: 'Seed of the paths; default 1' });

const horizonSchema = (limits: Limits) => z.number().int().min(1).max(limits.horizon).openapi({ example: 4 });
const modelsSchema = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(20)
  .optional()
  .openapi({ description: 'Registry names; default ["auto"]', example: ['ets', 'theta'] });
const levelsSchema = z
  .array(z.number().gt(0).lt(100))
  .max(10)
  .optional()
  .openapi({ description: 'Interval levels in percent; default [80, 95]', example: [80, 95] });
const seasonSchema = z
  .array(z.number().int().min(1).max(10_000))
  .min(1)
  .max(5)
  .optional()
  .openapi({ description: 'Season lengths overriding the inferred ones' });

/** Where a request's series come from: a stored dataset, or rows inline. */
function dataSource(limits: Limits) {
  return {
    datasetId: idParam.optional().openapi({ description: 'A dataset uploaded with POST /v1/datasets' }),
    series: z
      .array(RowSchema)
      .min(1)
      .max(limits.series * 1000)
      .optional()
      .openapi({
        description:
          'Inline rows in the long format; give this or datasetId. Messages count lines as in a CSV: row k (0-based) is line k + 2',
      }),
  };
}

/** Body of `POST /v1/forecasts`. */
export function forecastRequestSchema(limits: Limits) {
  return z
    .object({
      ...dataSource(limits),
      horizon: horizonSchema(limits),
      models: modelsSchema,
      levels: levelsSchema,
      season: seasonSchema,
      exog: z
        .array(z.string().min(1).max(200))
        .min(1)
        .max(20)
        .optional()
        .openapi({
          description:
            'Driver columns to use as regressors (as --exog): extra fields of the inline rows or columns of the dataset; needs future and a model that uses drivers (e.g. arima)',
          example: ['revenue'],
        }),
      future: z
        .array(FutureRowSchema)
        .min(1)
        .max(limits.series * limits.horizon)
        .optional()
        .openapi({
          description: "The drivers' values over the horizon (as --future): one row per series and future ds",
        }),
      events: eventsSchema.optional().openapi({
        description:
          'Events whose probabilities are computed with the forecast, per series and model, from calibrated sample paths, e.g. "y[1] > 90B" or {event, unique_id}; steps within the horizon',
        example: ['y[1] > 100', 'growth(4) > 10%'],
      }),
      paths: pathsSchema,
      seed: seedSchema,
    })
    .openapi('ForecastRequest');
}

/** Body of `POST /v1/backtests`. */
export function backtestRequestSchema(limits: Limits) {
  return z
    .object({
      ...dataSource(limits),
      horizon: horizonSchema(limits),
      models: modelsSchema,
      levels: levelsSchema,
      season: seasonSchema,
      windows: z
        .number()
        .int()
        .min(1)
        .max(100)
        .optional()
        .openapi({ description: 'Forecast origins per series; default 3' }),
      step: z
        .number()
        .int()
        .min(1)
        .max(limits.horizon)
        .optional()
        .openapi({ description: 'Steps between origins; default the horizon' }),
    })
    .openapi('BacktestRequest');
}

/** Body of `POST /v1/probabilities`. */
export function probabilityRequestSchema(limits: Limits) {
  return z
    .object({
      ...dataSource(limits),
      events: eventsSchema.openapi({
        description:
          'Events in the event syntax (README "Event probabilities"), e.g. "y[1] > 90B" (every series) or {event, unique_id} (one series)',
      }),
      model: z.string().min(1).max(200).optional().openapi({ description: 'Registry name; default auto' }),
      paths: pathsSchema,
      seed: seedSchema,
      season: seasonSchema,
    })
    .openapi('ProbabilityRequest');
}

/** A run: what is computed, its status and progress. */
export const RunSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['forecast', 'backtest', 'probabilities', 'scaling-fit']),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    datasetId: z.string().nullable(),
    spec: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    source: z.enum(['cli', 'api']),
    result: z.unknown().optional().openapi({ description: 'For a succeeded backtest or scaling fit: its result' }),
  })
  .openapi('Run');

/** One event probability of a series under a model. */
export const EventProbabilitySchema = z
  .object({
    uniqueId: z.string(),
    model: z.string(),
    event: z.string(),
    probability: z.number().nullable(),
    details: z.record(z.string(), z.unknown()).openapi({
      description: 'standardError, paths, horizon, used (the model after a fallback), fallbackReason; or reason',
    }),
  })
  .openapi('EventProbability');

/** The answer of `POST /v1/probabilities`: the stored run and one row per series and event. */
export const ProbabilitiesSchema = z
  .object({ run: RunSchema, probabilities: z.array(EventProbabilitySchema) })
  .openapi('Probabilities');

/** The list of runs. */
export const RunListSchema = z.object({ runs: z.array(RunSchema) }).openapi('RunList');

/** The list of datasets. */
export const DatasetListSchema = z.object({ datasets: z.array(DatasetSchema) }).openapi('DatasetList');

/** One series x model of a forecast. */
export const SeriesForecastSchema = z
  .object({
    unique_id: z.string(),
    model: z.string(),
    used: z.string().nullable(),
    ds: z.array(z.string()),
    mean: z.array(z.number().nullable()),
    intervals: z.array(
      z.object({ level: z.number(), lower: z.array(z.number().nullable()), upper: z.array(z.number().nullable()) }),
    ),
    fallbackReason: z.string().nullable(),
    error: z.string().nullable().openapi({ description: 'Why the series could not be read (no values then)' }),
    fit: z
      .record(z.string(), z.unknown())
      .nullable()
      .optional()
      .openapi({ description: 'The fit (parameters, criteria, fused-member details) with ?fits=true' }),
  })
  .openapi('SeriesForecast');

/** Forecasts of a run, and the probabilities of the events asked with it. */
export const ForecastsSchema = z
  .object({
    run: RunSchema,
    forecasts: z.array(SeriesForecastSchema),
    probabilities: z
      .array(EventProbabilitySchema)
      .optional()
      .openapi({ description: 'When the request gave events: per series, model (as requested) and event' }),
  })
  .openapi('Forecasts');

/** Query of `GET /v1/runs/{id}/forecasts`. */
export const ForecastsQuerySchema = z.object({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({
      param: { name: 'format', in: 'query' },
      description: 'json (default) or csv; an Accept of text/csv also gives CSV',
    }),
  fits: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ param: { name: 'fits', in: 'query' }, description: 'Include each fit in the JSON' }),
});

/** Query of `GET /v1/runs`. */
export const RunsQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

/** Body of `POST /v1/scaling/fit`: training runs as columns (two of parameters, tokens, compute; and loss). */
export const ScalingFitRequestSchema = z
  .object({
    parameters: z.array(z.number().positive()).max(100_000).optional(),
    tokens: z.array(z.number().positive()).max(100_000).optional(),
    compute: z.array(z.number().positive()).max(100_000).optional(),
    loss: z.array(z.number().positive()).min(2).max(100_000),
    form: z.enum(['chinchilla', 'power', 'log', 'all']).optional().openapi({ description: 'Default chinchilla' }),
    bootstrap: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .openapi({ description: 'Bootstrap resamples; default 200' }),
    seed: z.number().int().optional(),
    level: z.number().gt(0).lt(100).optional(),
    quickGrid: z
      .boolean()
      .optional()
      .openapi({ description: 'Chinchilla starts from the 48-point grid instead of the 4,500-point one' }),
    unit: z
      .number()
      .positive()
      .optional()
      .openapi({ description: 'Compute unit of the logarithmic form; default 1e18' }),
    bin: z
      .number()
      .positive()
      .optional()
      .openapi({ description: 'Compute-frontier bin width in decades; default 0.1' }),
  })
  .openapi('ScalingFitRequest');

/** Body of `POST /v1/scaling/ask`: questions to a stored fit. */
export const ScalingAskRequestSchema = z
  .object({
    fitId: idParam.openapi({ description: 'The run id of a succeeded scaling fit' }),
    atCompute: z
      .number()
      .positive()
      .optional()
      .openapi({ description: 'Compute budget in FLOP; default 5.76e23 (Gopher)' }),
    paramsMultiplier: z.number().positive().optional(),
    computeMultiplier: z.number().positive().optional(),
    allocation: z
      .boolean()
      .optional()
      .openapi({ description: 'The compute-optimal parameters and tokens at atCompute' }),
  })
  .openapi('ScalingAskRequest');

/** What `POST /v1/scaling/ask` answers. */
export const ScalingAnswerSchema = z
  .object({
    fitId: z.string(),
    atCompute: z.number(),
    level: z.number(),
    paramsMultiplier: z.unknown().optional(),
    computeMultiplier: z.unknown().optional(),
    allocation: z.unknown().optional(),
  })
  .openapi('ScalingAnswer');

/** `GET /healthz`. */
export const HealthSchema = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() }).openapi('Health');
