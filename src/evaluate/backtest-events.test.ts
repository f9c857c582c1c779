import { test } from 'node:test';
import assert from 'node:assert/strict';
import { climatology, originEventCases } from './backtest-events.js';
import { parseEvent } from './events.js';

test('climatology counts the event over past windows of the history', () => {
  const y = Float64Array.of(1, 2, 3, 2, 4);
  assert.equal(climatology(parseEvent('y[1] > last'), y), 3 / 4);
  assert.equal(climatology(parseEvent('sum(y[1..2]) > 5'), y), 1 / 3); // 2+3, 3+2, 2+4 from t = 0, 1, 2
  assert.ok(Number.isNaN(climatology(parseEvent('y[9] > 0'), y)));
});

test('originEventCases: standard events at each step with their climatology, and user events', () => {
  const train = Float64Array.of(100, 110, 99, 120, 130); // one-step growths: +10, -10, +21.2, +8.3
  const actual = Float64Array.of(140, 120);
  const paths = [
    Float64Array.of(135, 140),
    Float64Array.of(125, 150),
    Float64Array.of(150, 110),
    Float64Array.of(131, 129),
  ];
  const cases = originEventCases(train, actual, paths, [parseEvent('y[2] > 125')], true);
  const up = cases.get('growth > 0')!;
  assert.equal(up.length, 2); // steps 1 and 2
  assert.deepEqual(up[0], { probability: 0.75, outcome: true, climatology: 0.75 });
  assert.equal(up[1].outcome, false); // 120 < 130
  assert.equal(up[1].probability, 0.5); // 140, 150 above 130
  const med = cases.get('growth > median')!;
  assert.equal(med.length, 2);
  assert.equal(med[0].climatology, 0.5); // median of four growths: two above
  const user = cases.get('y[2] > 125')!;
  assert.deepEqual(user[0], { probability: 0.75, outcome: false, climatology: 1 / 3 }); // two steps after t = 0, 1, 2: 99, 120, 130
  assert.throws(
    () => originEventCases(train, actual, paths, [parseEvent('y[3] > 1')], false),
    /beyond the backtest horizon 2/,
  );
  assert.equal(originEventCases(Float64Array.of(1, 0), actual, paths, [], true).size, 0); // growth from zero: no case
});
