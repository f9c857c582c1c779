/**
 * The JSON view of a batch's forecasts, one entry per series and model (`SeriesForecastSchema`): what
 * `GET /v1/runs/{id}/forecasts`, an immediate `POST /v1/forecasts` and `POST /v1/scenarios` answer.
 */
import type { z } from '@hono/zod-openapi';
import type { SeriesForecast } from '../pipeline/forecast-batch.js';
import type { SeriesForecastSchema } from './schemas.js';

/** Non-finite values as null (JSON has no NaN or Infinity). */
export const finite = (values: ArrayLike<number>): (number | null)[] =>
  Array.from(values, (v) => (Number.isFinite(v) ? v : null));

export type SeriesForecastView = z.infer<typeof SeriesForecastSchema>;

/** Every series x model of `results`; series that could not be read appear once per model with the reason. */
export function forecastsView(
  results: readonly SeriesForecast[],
  models: readonly string[],
  withFits: boolean,
): SeriesForecastView[] {
  return results.flatMap((r): SeriesForecastView[] => {
    if (r.runs.length === 0) {
      return models.map((model) => ({
        unique_id: r.id,
        model,
        used: null,
        ds: r.ds,
        mean: [],
        intervals: [],
        fallbackReason: null,
        error: r.invalid?.reason ?? 'no forecast',
      }));
    }
    return r.runs.map((run) => ({
      unique_id: r.id,
      model: run.model,
      used: run.used,
      ds: r.ds,
      mean: run.forecast ? finite(run.forecast.mean) : [],
      intervals: run.forecast
        ? run.forecast.levels.map((level, i) => ({
            level,
            lower: finite(run.forecast!.lower[i]),
            upper: finite(run.forecast!.upper[i]),
          }))
        : [],
      fallbackReason: run.fallbackReason,
      error: run.forecast ? null : run.fallbackReason,
      ...(withFits ? { fit: run.fit ? (JSON.parse(JSON.stringify(run.fit)) as Record<string, unknown>) : null } : {}),
    }));
  });
}
