import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeFrontier,
  fitPowerLaw,
  fitLogLaw,
  powerLawLoss,
  logLawLoss,
  bootstrapComputeForms,
} from './compute-forms.js';
import type { ScalingRuns } from './columns.js';
import { createRng } from '../core/random.js';
import { isForesightError } from '../core/errors.js';

test('computeFrontier keeps the lowest loss in each compute bin, sorted by compute', () => {
  const runs: ScalingRuns = {
    parameters: new Float64Array(5),
    tokens: new Float64Array(5),
    line: [],
    compute: Float64Array.of(1.0e20, 1.1e20, 3e19, 1.05e20, 2e21),
    loss: Float64Array.of(2.5, 2.4, 2.9, 2.45, 2.0),
  };
  const f = computeFrontier(runs, 0.25);
  assert.deepEqual(Array.from(f.compute), [3e19, 1.1e20, 2e21]);
  assert.deepEqual(Array.from(f.loss), [2.9, 2.4, 2.0]);
  assert.throws(
    () => computeFrontier(runs, 0),
    (e) => isForesightError(e, 'invalid_argument'),
  );
});

test('fitPowerLaw recovers a known power law with a floor from noisy data', () => {
  const truth = { E: 1.7, K: 2000, gamma: 0.17 };
  const rng = createRng(11);
  const C: number[] = [],
    L: number[] = [];
  for (let i = 0; i < 40; i++) {
    const c = 10 ** (18 + i * 0.1);
    C.push(c);
    L.push(powerLawLoss(truth, c) * (1 + 0.002 * rng.normal()));
  }
  const fit = fitPowerLaw(C, L);
  // with 0.2 % noise over four decades the floor is identified to about ±0.05 and gamma to about ±0.01
  assert.ok(Math.abs(fit.params.E - truth.E) < 0.05, `E ${fit.params.E}`);
  assert.ok(Math.abs(fit.params.gamma - truth.gamma) < 0.01, `gamma ${fit.params.gamma}`);
  assert.equal(fit.coefficients, 3);
  assert.equal(fit.residuals.length, 40);
  assert.ok(Math.abs(fit.rss - fit.residuals.reduce((s, r) => s + r * r, 0)) < 1e-15);
});

test('fitLogLaw matches R lm(L ~ log(C/unit + 1))', () => {
  // R: x <- c(1,2,3,4,5,6,7,8); y <- c(2.9,2.1,1.8,1.5,1.45,1.3,1.31,1.2); coef(lm(y ~ log(x/2 + 1)))
  // gives intercept 3.14213487609, slope -1.30577082887; test/fixtures/scaling/information-criteria.R prints the RSS
  const C = [1, 2, 3, 4, 5, 6, 7, 8],
    L = [2.9, 2.1, 1.8, 1.5, 1.45, 1.3, 1.31, 1.2];
  const fit = fitLogLaw(C, L, 2);
  assert.ok(
    Math.abs(fit.params.intercept - 3.14213487609) < 1e-10 && Math.abs(fit.params.slope - -1.30577082887) < 1e-10,
  );
  assert.ok(Math.abs(fit.rss - 0.212635429952) < 1e-10, `rss ${fit.rss}`);
  assert.ok(Math.abs(logLawLoss(fit.params, 2) - fit.fitted[1]) < 1e-12);
  assert.throws(() => fitLogLaw([1, 1, 1], [2, 2, 2]), /all compute values are equal/);
  assert.throws(() => fitLogLaw([1, 2, 3], [2, 2, 2], 0), /unit 0 must be positive/);
});

test('bootstrapComputeForms refits both forms on each resample', () => {
  const C = Array.from({ length: 20 }, (_, i) => 10 ** (18 + i * 0.2));
  const L = C.map((c, i) => powerLawLoss({ E: 1.7, K: 2000, gamma: 0.17 }, c) + 0.01 * Math.sin(i));
  const b = bootstrapComputeForms(
    { compute: Float64Array.from(C), loss: Float64Array.from(L), bin: Int32Array.from(C.keys()) },
    5,
    createRng(1),
  );
  assert.equal(b.power.length + b.failures.length, 5);
  assert.equal(b.log.length, b.power.length);
  for (const p of b.power) assert.ok(p.gamma > 0.05 && p.gamma < 0.5, `gamma ${p.gamma}`);
});
