import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  utilisation,
  ringAllReduceCurve,
  fitUtilisation,
  bootstrapUtilisation,
  throughput,
  throughputKnee,
} from './cluster.js';
import { loadNotableModels } from './load.js';
import { createRng } from '../core/random.js';
import { isForesightError } from '../core/errors.js';

test('ringAllReduceCurve turns hardware and workload into the utilisation curve', () => {
  const c = ringAllReduceCurve({
    computeUtilisation: 0.5,
    peakFlops: 1e15,
    flopsPerStepPerChip: 5e14,
    gradientBytes: 1e9,
    bandwidth: 1e11,
    latency: 5e-6,
  });
  // compute time per step 1 s; all-reduce 2(n-1)/n · 0.01 s + 2(n-1) · 5e-6 s
  assert.ok(Math.abs(c.bandwidthCost - 0.01) < 1e-15 && Math.abs(c.latencyCost - 1e-5) < 1e-18);
  const n = 1000;
  const stepSeconds = 1 + ((2 * (n - 1)) / n) * 0.01 + 2 * (n - 1) * 5e-6;
  assert.ok(Math.abs(utilisation(c, n) - 0.5 / stepSeconds) < 1e-12);
  assert.equal(utilisation(c, 1), 0.5);
  assert.throws(
    () =>
      ringAllReduceCurve({
        computeUtilisation: 0.5,
        peakFlops: 1e15,
        flopsPerStepPerChip: 5e14,
        gradientBytes: 1e9,
        bandwidth: 0,
        latency: 0,
      }),
    /bandwidth 0 must be a positive number/,
  );
});

test('throughputKnee matches the closed form n = (1-f)(1-λ)/(2fλ) of a latency-bound curve', () => {
  for (const [lambda, f] of [
    [1e-4, 0.5],
    [1e-5, 0.1],
    [3e-3, 0.25],
  ]) {
    const c = { peakUtilisation: 0.5, bandwidthCost: 0, latencyCost: lambda };
    const expected = ((1 - f) * (1 - lambda)) / (2 * f * lambda);
    const got = throughputKnee(c, f);
    assert.ok(Math.abs(got / expected - 1) < 1e-6, `λ=${lambda} f=${f}: ${got} vs ${expected}`);
    // just past the knee doubling adds less than f, just before it adds more
    assert.ok(throughput(c, 2 * got * 1.01) / throughput(c, got * 1.01) - 1 < f);
    assert.ok(throughput(c, 2 * got * 0.99) / throughput(c, got * 0.99) - 1 > f);
  }
  assert.equal(throughputKnee({ peakUtilisation: 0.5, bandwidthCost: 0, latencyCost: 0 }, 0.5), Infinity);
  assert.throws(
    () => throughputKnee({ peakUtilisation: 0.5, bandwidthCost: 0, latencyCost: 0 }, 1),
    /fraction 1 must be in \(0, 1\)/,
  );
});

test('fitUtilisation recovers a known latency cost from synthetic (chips, MFU) data', () => {
  const rng = createRng(5);
  const chips: number[] = [],
    mfu: number[] = [];
  for (let i = 0; i < 60; i++) {
    const n = 2 ** (3 + (i % 13));
    chips.push(n);
    mfu.push((0.45 / (1 + 2e-5 * (n - 1))) * Math.exp(0.02 * rng.normal()));
  }
  const fit = fitUtilisation(chips, mfu);
  // 2 % multiplicative noise over 8..32768 chips pins u0 to about 1 % and lambda to about 10 %
  assert.ok(Math.abs(fit.curve.peakUtilisation / 0.45 - 1) < 0.02, `u0 ${fit.curve.peakUtilisation}`);
  assert.ok(Math.abs(fit.curve.latencyCost / 2e-5 - 1) < 0.1, `lambda ${fit.curve.latencyCost}`);
  assert.ok(fit.perDoubling.slope < 0);
  assert.ok(
    Math.abs(
      throughputKnee(fit.curve, 0.5) /
        throughputKnee({ peakUtilisation: 0.45, bandwidthCost: 0, latencyCost: 2e-5 }, 0.5) -
        1,
    ) < 0.12,
  );
  assert.throws(
    () => fitUtilisation([8, 16], [0.4, 0.4]),
    (e) => isForesightError(e, 'too_short'),
  );
  assert.throws(
    () => fitUtilisation([8, 16, 32, 64, 128], [0.4, 0.4, 0.4, 0.4, 40]),
    /MFU 40 of pair 5 is not in \(0, 1\]/,
  );
});

test('on the notable-models data MFU falls slowly with cluster size and the knee is in the tens of thousands of chips', () => {
  const m = loadNotableModels(join(new URL('../../examples/scaling/', import.meta.url).pathname, 'notable_models.csv'));
  const fit = fitUtilisation(m.chips, m.mfu);
  assert.equal(fit.nobs, 56);
  // reference values from this fit (ln-MFU OLS slope per doubling is an exact closed form: -0.03145 with SE 0.0187)
  assert.ok(Math.abs(fit.perDoubling.slope - -0.031454) < 1e-5, `slope ${fit.perDoubling.slope}`);
  assert.ok(Math.abs(fit.perDoubling.se - 0.018675) < 1e-5);
  assert.ok(fit.curve.peakUtilisation > 0.3 && fit.curve.peakUtilisation < 0.45, `u0 ${fit.curve.peakUtilisation}`);
  const knee = throughputKnee(fit.curve, 0.5);
  assert.ok(knee > 1e4 && knee < 2e5, `knee ${knee}`);
  const boot = bootstrapUtilisation(m.chips, m.mfu, 5, createRng(1));
  assert.equal(boot.length, 5);
});
