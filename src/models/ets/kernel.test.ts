import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createWorkspace,
  etsLikelihood,
  etsLikelihoodOnly,
  etsPointForecast,
  simulatePath,
  type EtsKernelModel,
} from './kernel.js';
import { isAdmissible, rootsInUnitDisk } from './admissible.js';
import { heteroscedasticMoments, linearMoments, multiplicativeSeasonMoments } from './variance.js';
import { initialState } from './init-state.js';

const ann: EtsKernelModel = { error: 1, trend: 0, season: 0, m: 1, alpha: 0.5, beta: 0, gamma: 0, phi: 1 };

test('etsLikelihood: hand-computed SES recursion', () => {
  const ws = createWorkspace(1, 3);
  const e = new Float64Array(2);
  const last = new Float64Array(1);
  const pass = etsLikelihood(Float64Array.of(2, 2), ann, Float64Array.of(1), ws, 1, e, undefined, last);
  assert.deepEqual(Array.from(e), [1, 0.5]);
  assert.equal(last[0], 1.75);
  assert.equal(pass.sigma, 0.625);
  assert.ok(Math.abs(pass.lik - 2 * Math.log(1.25)) < 1e-15);
});

test('fast likelihood agrees with the full recursion for every form (relative 1e-12)', () => {
  const y = Float64Array.from(
    { length: 90 },
    (_, t) => 50 + 0.3 * t + 8 * Math.sin((2 * Math.PI * t) / 6) + ((t * 31) % 7),
  );
  for (const error of [1, 2] as const)
    for (const trend of [0, 1] as const)
      for (const season of [0, 1, 2] as const) {
        const m = season ? 6 : 1;
        const model: EtsKernelModel = {
          error,
          trend,
          season,
          m,
          alpha: 0.3,
          beta: trend ? 0.05 : 0,
          gamma: season ? 0.1 : 0,
          phi: trend ? 0.9 : 1,
        };
        const x0 = Float64Array.from([
          50,
          ...(trend ? [0.3] : []),
          ...(season
            ? Array.from({ length: 6 }, (_, j) => (season === 1 ? 8 * Math.sin(j) : 1 + 0.1 * Math.sin(j)))
            : []),
        ]);
        const full = etsLikelihood(y, model, x0, createWorkspace(m, 1), 0).lik;
        const fast = etsLikelihoodOnly(y, model, x0, new Float64Array(m));
        assert.ok(Math.abs(full - fast) < 1e-12 * Math.abs(full), `${error}${trend}${season}: ${full} vs ${fast}`);
      }
});

test('etsPointForecast: damped trend sums phi + phi^2 + ...', () => {
  const f = etsPointForecast({ ...ann, trend: 1, beta: 0.1, phi: 0.9 }, [10, 2], 3);
  assert.ok(Math.abs(f[0] - 11.8) < 1e-12 && Math.abs(f[1] - 13.42) < 1e-12 && Math.abs(f[2] - 14.878) < 1e-12);
  assert.deepEqual(Array.from(etsPointForecast({ ...ann, season: 1, m: 2 }, [10, 1, -1], 3)), [9, 11, 9]);
});

test('simulatePath with zero innovations reproduces the point forecast', () => {
  const model: EtsKernelModel = { error: 2, trend: 1, season: 2, m: 3, alpha: 0.4, beta: 0.1, gamma: 0.2, phi: 0.95 };
  const state = [100, 1, 1.1, 0.9, 1.0];
  const path = simulatePath(model, state, new Float64Array(7), new Float64Array(3), new Float64Array(7));
  const mean = etsPointForecast(model, state, 7);
  for (let i = 0; i < 7; i++) assert.ok(Math.abs(path[i] - mean[i]) < 1e-9, `${i}`);
});

test('rootsInUnitDisk and the admissible region', () => {
  const scratch = new Float64Array(64);
  assert.equal(rootsInUnitDisk([0.25, 0, 1], scratch), true);
  assert.equal(rootsInUnitDisk([-4, 0, 1], scratch), false);
  // (z - 0.9)(z + 0.5)(z - 0.99i)(z + 0.99i): inside; (z - 1.01) outside
  assert.equal(rootsInUnitDisk([-0.45, -0.4, 1], scratch), true); // (z - 0.9)(z + 0.5)
  assert.equal(rootsInUnitDisk([-1.01, 1], scratch), false);
  const flags = { optAlpha: true, optBeta: true, optGamma: true, optPhi: false, givenBeta: false, givenGamma: false };
  assert.equal(isAdmissible(0.3, 0.05, 0.1, 1, 12, flags, scratch), true);
  // R forecast:::admissible(0.3, 0.05, gamma, 1, 12) for gamma = 0.1, 0.5, 0.9, 1.2: 1, 1, 1, 0
  assert.deepEqual(
    [0.1, 0.5, 0.9, 1.2].map((g) => isAdmissible(0.3, 0.05, g, 1, 12, flags, scratch)),
    [true, true, true, false],
  );
  assert.equal(isAdmissible(1.5, 0, 0, 1, 1, { ...flags, optBeta: false, optGamma: false }, scratch), true); // SES admissible up to 2
  assert.equal(isAdmissible(2.1, 0, 0, 1, 1, { ...flags, optBeta: false, optGamma: false }, scratch), false);
});

test('forecast variance: SES closed form, class 2 and class 3 at h = 1', () => {
  const lin = linearMoments(ann, [10], 1, 4);
  assert.deepEqual(Array.from(lin.variance), [1, 1.25, 1.5, 1.75]);
  const het = heteroscedasticMoments({ ...ann, error: 2 }, [10], 0.01, 2);
  assert.ok(Math.abs(het.variance[0] - 1) < 1e-12); // sigma2 * mu^2
  const cls3 = multiplicativeSeasonMoments({ ...ann, error: 2, season: 2, m: 2, gamma: 0.1 }, [10, 1.2, 0.8], 0.01, 2);
  assert.ok(Math.abs(cls3.mean[0] - 8) < 1e-12 && Math.abs(cls3.mean[1] - 12) < 1e-12);
  assert.ok(Math.abs(cls3.variance[0] - 0.64) < 1e-12);
  assert.ok(cls3.variance[1] > 0.01 * 144);
});

test('initialState: least-squares line for trends, mean for levels', () => {
  const y = Float64Array.from({ length: 12 }, (_, t) => 3 + 2 * (t + 1));
  const s = initialState(y, 1, 0, 1);
  assert.ok(Math.abs(s[0] - 3) < 1e-12 && Math.abs(s[1] - 2) < 1e-12);
  assert.ok(Math.abs(initialState(y, 0, 0, 1)[0] - 14) < 1e-12); // mean of the first 10
});

test('fast one-step MSE equals the running mean of the full recursion bit for bit', () => {
  const y = Float64Array.from({ length: 70 }, (_, t) => 30 + 0.2 * t + ((t * 17) % 5));
  for (const trend of [0, 1] as const) {
    const model: EtsKernelModel = {
      error: 2,
      trend,
      season: 0,
      m: 1,
      alpha: 0.4,
      beta: trend ? 0.1 : 0,
      gamma: 0,
      phi: trend ? 0.95 : 1,
    };
    const ws = createWorkspace(1, 1);
    etsLikelihood(y, model, Float64Array.from(trend ? [30, 0.2] : [30]), ws, 1);
    assert.equal(
      etsLikelihoodOnly(y, model, Float64Array.from(trend ? [30, 0.2] : [30]), new Float64Array(1), 'mse'),
      ws.amse[0],
    );
  }
});
