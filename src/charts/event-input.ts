/**
 * The event chart's input from a parsed event and sample paths: the statistic on every path and the threshold
 * values for the series' last observation (evaluate/events.ts). Separate from event-chart.ts because the event
 * parser brings the CSV reader of events files with it.
 */
import type { EventProbability } from '../evaluate/event-probability.js';
import { eventStatistic, thresholdValue, type ForecastEvent } from '../evaluate/events.js';
import type { EventChartInput } from './event-chart.js';

function statisticName(event: ForecastEvent): string {
  const s = event.statistic;
  if (s.type === 'value') return `y[${s.step}]`;
  if (s.type === 'growth') return `growth(${s.step}) (%)`;
  return `${s.type}(y[${s.from}..${s.to}])`;
}

/**
 * The chart input of `event` on `paths` (path[0] is step 1) for a series whose last observation is `last`.
 *
 * @example
 * eventChartInput('NVDA', parseEvent('y[1] > 90B'), paths, 44e9, eventProbability(event, paths, 44e9)).thresholds // [9e10]
 */
export function eventChartInput(
  id: string,
  event: ForecastEvent,
  paths: readonly ArrayLike<number>[],
  last: number,
  probability: EventProbability,
): EventChartInput {
  return {
    id,
    event: event.text,
    statistic: statisticName(event),
    values: Float64Array.from(paths, (p) => eventStatistic(event, p, last)),
    op: event.op,
    thresholds:
      event.op === 'between'
        ? [thresholdValue(event.lower, last), thresholdValue(event.upper, last)]
        : [thresholdValue(event.threshold, last)],
    probability: probability.probability,
    standardError: probability.standardError,
  };
}
