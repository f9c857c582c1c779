import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/random.js';
import { clipChange, fitMomentum, ladSlope, MOMENTUM_CLIP, predictedChange } from './momentum.js';

test('predictedChange and clipChange: the change from the last value in spreads, clipped', () => {
  assert.deepEqual(predictedChange([12, 14, 9], [2, 4, 0], 10), [1, 1, null]);
  assert.equal(clipChange(10), MOMENTUM_CLIP);
  assert.equal(clipChange(-10), -MOMENTUM_CLIP);
  assert.equal(clipChange(0.5), 0.5);
});

test('ladSlope is the weighted least-absolute-deviations slope through the origin', () => {
  assert.equal(
    ladSlope([
      { s: 1, d: 2, w: 1 },
      { s: 3, d: 2, w: 1 },
      { s: 0.5, d: 1, w: 1 },
    ]),
    0.5,
  );
  // a wild point moves a least-squares slope, not this one
  const pts = Array.from({ length: 21 }, (_, i) => ({ s: 0.3 * (i + 1), d: i + 1, w: 1 }));
  pts.push({ s: 1000, d: 1, w: 1 });
  assert.ok(Math.abs(ladSlope(pts) - 0.3) < 1e-12);
  assert.equal(ladSlope([{ s: 1, d: 0, w: 1 }]), 0);
});

// evidence of n series with three windows of 6 steps: s = b d + noise
function evidence(n: number, b: number, seed: number) {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const change = Array.from({ length: 3 }, () => {
      const slope = rng.normal();
      return Array.from({ length: 6 }, (_, t) => slope * (t + 1) * 0.3);
    });
    const signed = change.map((w) => w.map((d) => b * d + rng.normal()));
    return { signed, change };
  });
}

test('fitMomentum accepts a slope the windows agree on and refuses one they cannot tell from noise', () => {
  const found = fitMomentum(evidence(200, 0.5, 1));
  assert.ok(found.accepted, JSON.stringify(found));
  assert.ok(Math.abs(found.slope - 0.5) < 0.1, String(found.slope));
  assert.ok(found.after < found.before);
  assert.equal(found.crossFitted.length, 3);
  const none = fitMomentum(evidence(200, 0, 2));
  assert.equal(none.accepted, false);
  assert.equal(none.slope, 0);
  // too few series, or a single window age: refused whatever the slope
  assert.equal(fitMomentum(evidence(8, 0.5, 3)).accepted, false);
  const single = evidence(200, 0.5, 4).map(({ signed, change }) => ({ signed: [signed[0]], change: [change[0]] }));
  assert.equal(fitMomentum(single).accepted, false);
  // a slope beyond the evidence any window can carry is kept at 1
  assert.equal(fitMomentum(evidence(200, 3, 5)).slope, 1);
});
