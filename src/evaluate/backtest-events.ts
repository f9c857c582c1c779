/**
 * Event probabilities scored in a backtest: at each forecast origin, the probability of each event from the
 * model's sample paths, the outcome on the actual values, and the event's climatological frequency in the
 * history before the origin (the reference of the Brier skill score).
 *
 * Standard events, at every step h of the horizon (pooled over h):
 * - `growth > 0`: growth(h) > 0, the value h steps ahead above the last observation;
 * - `growth > median`: growth(h) above the median h-step growth of the history before the origin.
 * Their climatology is the share of past h-step growths above the same threshold.
 */
import { ForesightError } from '../core/errors.js';
import { eventHorizon, eventOccurs, parseEvent, type ForecastEvent } from './events.js';
import { eventProbability } from './event-probability.js';
import type { ProbabilityCase } from './brier.js';

/** Labels of the standard events. */
export const STANDARD_EVENTS = ['growth > 0', 'growth > median'] as const;

/**
 * Frequency of `event` over the history `y`: the share of past origins t (with `eventHorizon(event)` values
 * after them) on which it happened, `y[t]` playing the last observation. Undefined (NaN) without such origins.
 *
 * @example
 * climatology(parseEvent('y[1] > last'), Float64Array.of(1, 2, 3, 2)) // 2/3
 */
export function climatology(event: ForecastEvent, y: Float64Array): number {
  const H = eventHorizon(event);
  let hits = 0,
    n = 0;
  for (let t = 0; t + H < y.length; t++) {
    const o = eventOccurs(event, y.subarray(t + 1, t + 1 + H), y[t]);
    if (o === null) continue;
    n++;
    if (o) hits++;
  }
  return n > 0 ? hits / n : NaN;
}

/** Past h-step growths in percent, (y[t+h] - y[t]) / |y[t]|, for t with y[t] != 0. */
function pastGrowths(y: Float64Array, h: number): number[] {
  const out: number[] = [];
  for (let t = 0; t + h < y.length; t++) if (y[t] !== 0) out.push((100 * (y[t + h] - y[t])) / Math.abs(y[t]));
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
}

/**
 * The cases one origin adds to each event's score: `train` the history before the origin, `actual` the next
 * values, `paths` the model's sample paths from the origin. Events undefined at this origin (growth from zero,
 * no past growths) add no case. Throws ForesightError('invalid_argument') for a user event beyond the horizon.
 */
export function originEventCases(
  train: Float64Array,
  actual: Float64Array,
  paths: readonly Float64Array[],
  events: readonly ForecastEvent[],
  standard: boolean,
): Map<string, ProbabilityCase[]> {
  const out = new Map<string, ProbabilityCase[]>();
  const last = train[train.length - 1];
  const add = (label: string, event: ForecastEvent, clim: number) => {
    const outcome = eventOccurs(event, actual, last);
    if (outcome === null) return;
    const p = eventProbability(event, paths, last);
    if (!Number.isFinite(p.probability)) return;
    let list = out.get(label);
    if (!list) out.set(label, (list = []));
    list.push({ probability: p.probability, outcome, climatology: Number.isFinite(clim) ? clim : undefined });
  };
  if (standard && last !== 0) {
    for (let h = 1; h <= actual.length; h++) {
      const growths = pastGrowths(train, h);
      if (growths.length === 0) continue;
      const med = median(growths);
      add(STANDARD_EVENTS[0], parseEvent(`growth(${h}) > 0`), growths.filter((g) => g > 0).length / growths.length);
      add(
        STANDARD_EVENTS[1],
        parseEvent(`growth(${h}) > ${med}`),
        growths.filter((g) => g > med).length / growths.length,
      );
    }
  }
  for (const event of events) {
    if (eventHorizon(event) > actual.length)
      throw new ForesightError(
        'invalid_argument',
        `event "${event.text}" looks at step ${eventHorizon(event)}, beyond the backtest horizon ${actual.length}`,
        { value: event.text },
      );
    add(event.text, event, climatology(event, train));
  }
  return out;
}
