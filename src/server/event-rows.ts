/**
 * Events of a request and their probabilities as the API sends and stores them: the request's event texts
 * (each for every series, or for one `unique_id`) parsed with the CLI's event syntax, each error naming the
 * field (`events.2`); and the library's per-series probabilities as one row per series, model and event.
 */
import { ForesightError } from '../core/errors.js';
import type { DatasetProbabilityRow } from '../evaluate/probabilities.js';
import { eventHorizon, parseEvent, type EventRow } from '../evaluate/events.js';
import type { JsonValue } from '../models/types.js';
import { HttpProblem } from './problem.js';

/** An event of a request: its text, for every series or for the series `unique_id`. */
export type EventInput = string | { event: string; unique_id?: string };

/** One probability as the API sends and stores it. */
export interface ProbabilityRowView {
  uniqueId: string;
  model: string;
  event: string;
  probability: number | null;
  details: { [key: string]: JsonValue };
}

/**
 * Parses the events of a request (field `field`, e.g. `events`). With `horizon`, an event looking past it is an
 * error too. Throws HttpProblem 422 ('invalid_argument') whose `errors` name the field and index.
 *
 * @example
 * requestEvents(['y[1] > 10'], 'events', 4)[0].event.text // 'y[1] > 10'
 */
export function requestEvents(events: readonly EventInput[], field: string, horizon?: number): EventRow[] {
  return events.map((input, i) => {
    const text = typeof input === 'string' ? input : input.event;
    const path = typeof input === 'string' ? `${field}.${i}` : `${field}.${i}.event`;
    let event;
    try {
      event = parseEvent(text, path);
    } catch (e) {
      if (e instanceof ForesightError) throw new HttpProblem(422, e.code, e.message, [{ path, message: e.message }]);
      throw e;
    }
    if (horizon !== undefined && eventHorizon(event) > horizon) {
      const message = `${path}: event "${text}" looks at step ${eventHorizon(event)}, beyond the horizon ${horizon}`;
      throw new HttpProblem(422, 'invalid_argument', message, [{ path, message }]);
    }
    return { seriesId: typeof input === 'string' ? null : (input.unique_id ?? null), event };
  });
}

/**
 * The library's probabilities (`datasetEventProbabilities`) as rows: per series, one row per event that applies
 * to it, with the standard error, paths and horizon in `details`. `model` names the row by the model asked
 * (`'requested'`, with the model used in `details.used`) or by the model that computed it (`'used'`). A series
 * without probabilities gets a row per applicable event with a null probability and the reason.
 *
 * @example
 * probabilityRows(rows, events, 'ets', 'requested')[0].details.standardError // a number
 */
export function probabilityRows(
  rows: readonly DatasetProbabilityRow[],
  events: readonly EventRow[],
  model: string,
  label: 'requested' | 'used',
): ProbabilityRowView[] {
  return rows.flatMap((r): ProbabilityRowView[] => {
    const result = r.result;
    if (result) {
      return result.events.map((e) => ({
        uniqueId: r.id,
        model: label === 'used' ? result.used : model,
        event: e.event,
        probability: Number.isFinite(e.probability) ? e.probability : null,
        details: {
          standardError: e.standardError,
          paths: e.paths,
          horizon: e.horizon,
          ...(label === 'requested' ? { used: result.used } : {}),
          fallbackReason: result.fallbackReason,
        },
      }));
    }
    return events
      .filter((e) => e.seriesId === null || e.seriesId === r.id)
      .map((e) => ({ uniqueId: r.id, model, event: e.event.text, probability: null, details: { reason: r.reason } }));
  });
}
