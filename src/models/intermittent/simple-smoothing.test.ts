import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goldenSectionMinimum, optimizedSmoothLevel, smoothLevel } from './simple-smoothing.js';

const TOLERANCE = 1e-12;

test('smoothLevel follows l_t = l_{t-1} + alpha (x_t - l_{t-1}) from l_1 = x_1 (hand-checked)', () => {
  const r = smoothLevel(Float64Array.of(2, 4, 4, 0), 0.5);
  // levels 2, 3, 3.5, 1.75; fitted NaN, 2, 3, 3.5; errors 2, 1, -3.5
  assert.ok(Math.abs(r.level - 1.75) < TOLERANCE);
  assert.ok(Number.isNaN(r.fitted[0]));
  assert.deepEqual(Array.from(r.fitted.subarray(1)), [2, 3, 3.5]);
  assert.ok(Math.abs(r.sse - (4 + 1 + 12.25)) < TOLERANCE);
});

test('smoothLevel rejects an empty series and weights outside [0, 1]', () => {
  assert.throws(() => smoothLevel(new Float64Array(0), 0.1), /empty/);
  assert.throws(() => smoothLevel(Float64Array.of(1), 1.5), /alpha 1.5/);
});

test('optimizedSmoothLevel minimizes the squared errors inside [0.1, 0.3]', () => {
  // Blocks 9, 2, 2: SSE = 49 + 49 (1 - a)^2 falls in a, so the upper bound 0.3 wins; level 9 - 2.1 - 1.47.
  const r = optimizedSmoothLevel(Float64Array.of(9, 2, 2));
  assert.ok(Math.abs(r.alpha - 0.3) < 1e-9);
  assert.ok(Math.abs(r.level - 5.43) < 1e-9);
  // An interior optimum: a random-walk-like series whose SSE minimum over [0, 1] lies inside the bounds.
  const x = Float64Array.of(10, 12, 9, 11, 13, 10, 12, 11, 9, 10, 12, 14, 11);
  const opt = optimizedSmoothLevel(x, 0, 1);
  for (const a of [0.01, 0.2, 0.5, 0.9]) assert.ok(smoothLevel(x, a).sse >= opt.sse - 1e-12);
});

test('goldenSectionMinimum finds an interior minimum and the bounds of a monotone function', () => {
  assert.ok(Math.abs(goldenSectionMinimum((x) => (x - 0.2) ** 2, 0, 1, 1e-10) - 0.2) < 1e-8);
  assert.equal(
    goldenSectionMinimum((x) => x, 0.1, 0.3, 1e-10),
    0.1,
  );
});
