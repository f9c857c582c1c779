import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import { eventHorizon, eventOccurs, eventStatistic, parseEvent, parseEventsCsv } from './events.js';

test('parseEvent reads every event form with suffixes, percentages and last', () => {
  const a = parseEvent('y[3] > 90B');
  assert.deepEqual(a.statistic, { type: 'value', step: 3 });
  assert.equal(a.op, '>');
  assert.equal(a.op === '>' && a.threshold, 9e10);
  const b = parseEvent('80e9 <= y[2] <= 9.5e10');
  assert.ok(b.op === 'between' && b.lower === 8e10 && b.upper === 9.5e10);
  assert.deepEqual(parseEvent('max(y[1..8]) > 100').statistic, { type: 'max', from: 1, to: 8 });
  assert.deepEqual(parseEvent('min(y[..6]) < -2.5k').statistic, { type: 'min', from: 1, to: 6 });
  const s = parseEvent('sum(y[2..4]) >= 1.5M');
  assert.ok(s.op === '>=' && s.threshold === 1.5e6);
  const g = parseEvent('growth(4) > 10%');
  assert.ok(g.op === '>' && g.threshold === 10);
  assert.equal(eventHorizon(g), 4);
  const l = parseEvent('y[1] > 1.1*last');
  assert.ok(l.op === '>' && typeof l.threshold === 'object' && l.threshold.last === 1.1);
  assert.equal(eventHorizon(parseEvent('sum(y[2..7]) < 3')), 7);
});

test('parseEvent names the source and the value at fault', () => {
  const bad: [string, RegExp][] = [
    ['y[3] > abc', /--event: event "y\[3\] > abc": threshold "abc" is not a number/],
    ['y[0] > 1', /step "0" is not a positive whole number/],
    ['z[1] > 1', /"z\[1\]" is not a statistic/],
    ['y[1] = 4', /expected "STATISTIC > NUMBER"/],
    ['sum(y[4..2]) > 1', /range 4..2 runs backwards/],
    ['5 <= y[1] <= 4', /lower bound 5 is above upper bound 4/],
    ['y[1] > 5%', /"%" only applies to growth/],
    ['growth(2) > last', /percentage, not "last"/],
    ['5 > y[1] > 4', /LOWER <= STATISTIC <= UPPER/],
  ];
  for (const [text, message] of bad) {
    assert.throws(
      () => parseEvent(text, '--event'),
      (e: unknown) => isForesightError(e, 'invalid_argument') && message.test((e as Error).message),
      text,
    );
  }
});

test('eventStatistic and eventOccurs on hand-made paths', () => {
  const path = Float64Array.of(110, 90, 130, 120);
  assert.equal(eventStatistic(parseEvent('y[3] > 0'), path, 100), 130);
  assert.equal(eventStatistic(parseEvent('max(y[1..2]) > 0'), path, 100), 110);
  assert.equal(eventStatistic(parseEvent('min(y[2..4]) > 0'), path, 100), 90);
  assert.equal(eventStatistic(parseEvent('sum(y[1..4]) > 0'), path, 100), 450);
  assert.equal(eventStatistic(parseEvent('growth(4) > 0'), path, 100), 20);
  assert.equal(eventStatistic(parseEvent('growth(1) > 0'), path, -50), 320); // growth from a negative base uses |last|
  assert.equal(eventOccurs(parseEvent('y[1] > last'), path, 100), true);
  assert.equal(eventOccurs(parseEvent('y[2] > last'), path, 100), false);
  assert.equal(eventOccurs(parseEvent('100 <= y[4] <= 120'), path, 100), true);
  assert.equal(eventOccurs(parseEvent('100 <= y[2] <= 120'), path, 100), false);
  assert.equal(eventOccurs(parseEvent('y[4] >= 120'), path, 100), true);
  assert.equal(eventOccurs(parseEvent('y[4] > 120'), path, 100), false);
  assert.equal(eventOccurs(parseEvent('y[5] > 0'), path, 100), null); // beyond the path
  assert.equal(eventOccurs(parseEvent('growth(1) > 0'), path, 0), null); // growth from zero
});

test('parseEventsCsv reads ids and events, and names file and line on errors', () => {
  const rows = parseEventsCsv(
    'unique_id,event\nNVDA:revenue,"y[1] > 90B"\n\n*,growth(1) > 0\n,sum(y[1..4]) > 1\n',
    'ev.csv',
  );
  assert.deepEqual(
    rows.map((r) => [r.seriesId, r.event.text]),
    [
      ['NVDA:revenue', 'y[1] > 90B'],
      [null, 'growth(1) > 0'],
      [null, 'sum(y[1..4]) > 1'],
    ],
  );
  assert.throws(
    () => parseEventsCsv('unique_id,event\na,y[1] > 1\nb,y[2] > x1\n', 'ev.csv'),
    (e: unknown) =>
      isForesightError(e, 'invalid_input') &&
      /^ev\.csv line 3: event "y\[2\] > x1": threshold "x1" is not a number/.test((e as Error).message) &&
      (e as { line?: number }).line === 3,
  );
  assert.throws(() => parseEventsCsv('id,what\n', 'ev.csv'), /ev\.csv line 1: header "id,what" has no "event" column/);
  assert.throws(() => parseEventsCsv('event\n\n""\n', 'ev.csv'), /ev\.csv line 3: no event/);
});
