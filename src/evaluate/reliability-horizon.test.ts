import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { reliabilityHorizon } from './reliability-horizon.js';

test('ratios by hand, and the band of a constant ratio is that ratio', () => {
  const r = reliabilityHorizon(
    [
      [1, 2],
      [1, 2],
      [1, 2],
    ],
    [
      [4, 2],
      [5, 2],
      [3, 2],
    ],
    createRng(1),
    { resamples: 200 },
  );
  assert.equal(r.origins, 3);
  assert.equal(r.byStep[0].ratio, 3 / 12);
  assert.equal(r.byStep[1].ratio, 1);
  assert.ok(r.byStep[0].upper <= 1 / 3 && r.byStep[0].lower >= 0.2, JSON.stringify(r.byStep[0]));
  assert.deepEqual([r.byStep[1].lower, r.byStep[1].upper], [1, 1]);
  assert.equal(r.reliableSteps, 1);
});

test('skill that fades with the horizon: reliable up to the step where it stops being significant', () => {
  const rng = createRng(2);
  const model: number[][] = [];
  const reference: number[][] = [];
  // the model's error scale grows to the reference's by step 4; 60 origins
  for (let o = 0; o < 60; o++) {
    model.push([0.3, 0.5, 0.9, 1, 1].map((s) => s * rng.normal()));
    reference.push([1, 1, 1, 1, 1].map(() => rng.normal()));
  }
  const r = reliabilityHorizon(model, reference, createRng(3));
  assert.equal(r.level, 90);
  assert.ok(r.byStep[0].upper < 0.5 && r.byStep[1].upper < 0.8, JSON.stringify(r.byStep.slice(0, 2)));
  assert.ok(r.byStep[3].upper > 1 && r.byStep[4].upper > 1);
  assert.ok(r.reliableSteps === 2 || r.reliableSteps === 3, `reliable steps ${r.reliableSteps}`);
  const again = reliabilityHorizon(model, reference, createRng(3));
  assert.deepEqual(again, r); // seeded
  // skill that returns after a step without it: k is the last skilful step, the gap is listed
  const gap = reliabilityHorizon(
    [
      [0, 1, 0],
      [0, 1, 0],
    ],
    [
      [1, 1, 1],
      [1, 1, 1],
    ],
    createRng(1),
    { resamples: 50 },
  );
  assert.equal(gap.reliableSteps, 3);
  assert.deepEqual(gap.skilfulSteps, [1, 3]);
});

test('block bootstrap of overlapping origins gives wider bands than independent resampling', () => {
  const rng = createRng(8);
  const model: number[][] = [];
  const reference: number[][] = [];
  // errors that persist over runs of 6 origins (as overlapping windows do)
  let a = 0,
    b = 0;
  for (let o = 0; o < 60; o++) {
    if (o % 6 === 0) [a, b] = [0.8 * rng.normal(), rng.normal()];
    model.push([a + 0.1 * rng.normal()]);
    reference.push([b + 0.1 * rng.normal()]);
  }
  const iid = reliabilityHorizon(model, reference, createRng(1), { resamples: 2000 }).byStep[0];
  const block = reliabilityHorizon(model, reference, createRng(1), { resamples: 2000, block: 6 }).byStep[0];
  assert.equal(iid.ratio, block.ratio);
  assert.ok(
    block.upper - block.lower > 1.3 * (iid.upper - iid.lower),
    `block ${block.lower}..${block.upper}, iid ${iid.lower}..${iid.upper}`,
  );
});

test('a reference without errors gives no ratio and no reliability; bad shapes throw', () => {
  const r = reliabilityHorizon([[1], [2]], [[0], [0]], createRng(1), { resamples: 20 });
  assert.ok(Number.isNaN(r.byStep[0].ratio));
  assert.equal(r.reliableSteps, 0);
  assert.throws(
    () => reliabilityHorizon([], [], createRng(1)),
    (e: unknown) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(() => reliabilityHorizon([[1, 2]], [[1]], createRng(1)), /same number of steps/);
});
