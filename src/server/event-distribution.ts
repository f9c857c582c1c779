/**
 * The distribution behind one event probability, for the dashboard's "what is the chance" chart: the event's
 * statistic on every sample path of one series, with the thresholds and the probability, as the event chart of
 * src/charts takes them. The paths are the ones `POST /v1/probabilities` draws for that series (same model,
 * count and per-series seed), so the chart shows the distribution the stored probability came from.
 */
import { ForesightError } from '../core/errors.js';
import type { EventChartInput } from '../charts/event-chart.js';
import { eventChartInput } from '../charts/event-input.js';
import type { Dataset } from '../data/series.js';
import { parseEvent } from '../evaluate/events.js';
import { seriesEventProbabilities, seriesSeed } from '../evaluate/probabilities.js';

/** What the route asks. */
export interface EventDistributionOptions {
  seriesId: string;
  event: string;
  model?: string;
  paths?: number;
  seed?: number;
}

/** The chart input as plain JSON, with the model that drew the paths. */
export type EventDistribution = Omit<EventChartInput, 'values' | 'thresholds'> & {
  values: number[];
  thresholds: number[];
  model: string;
  used: string;
  fallbackReason: string | null;
  paths: number;
};

/**
 * Simulates `options.event` on one series of `data`. Throws ForesightError('invalid_input') when the series is
 * not readable in the dataset (naming it) and the errors of seriesEventProbabilities.
 *
 * @example
 * eventDistribution(data, { seriesId: 'NVDA:revenue', event: 'y[1] > 90B' }).values.length // 10000
 */
export function eventDistribution(data: Dataset, options: EventDistributionOptions): EventDistribution {
  const series = data.series.find((s) => s.id === options.seriesId);
  if (!series) {
    const bad = data.invalid.find((s) => s.id === options.seriesId);
    throw new ForesightError('invalid_input', bad ? bad.reason : `${data.file}: no series "${options.seriesId}"`, {
      file: data.file,
      value: options.seriesId,
    });
  }
  const event = parseEvent(options.event, 'event');
  const result = seriesEventProbabilities({
    values: series.y,
    seasonLength: series.seasonLengths[0],
    seasonLengths: series.seasonLengths,
    model: options.model,
    events: [event],
    paths: options.paths,
    seed: seriesSeed(options.seed ?? 1, series.id),
    keepPaths: true,
  });
  const input = eventChartInput(series.id, event, result.samplePaths!, result.last, result.events[0]);
  return {
    ...input,
    values: Array.from(input.values),
    thresholds: [...input.thresholds],
    model: result.model,
    used: result.used,
    fallbackReason: result.fallbackReason,
    paths: result.paths,
  };
}
