import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { informationCriteria, leaveOneGroupOut, compareComputeForms } from './compare.js';
import { powerLawLoss, logLawLoss } from './compute-forms.js';

const FIXTURE = new URL('../../test/fixtures/scaling/information-criteria.txt', import.meta.url);

test('informationCriteria matches R logLik/AIC/BIC of an lm fit', () => {
  // test/fixtures/scaling/information-criteria.R: rss, logLik, AIC, BIC of lm(y ~ log(x/2 + 1)) on 8 points
  const [rss, loglik, aic, bic] = readFileSync(FIXTURE, 'utf8').trim().split(/\s+/).map(Number);
  const ic = informationCriteria(rss, 8, 2);
  /** R prints 12 decimals. */
  const TOL = 1e-10;
  assert.ok(Math.abs(ic.loglik - loglik) < TOL, `${ic.loglik} vs ${loglik}`);
  assert.ok(Math.abs(ic.aic - aic) < TOL);
  assert.ok(Math.abs(ic.bic - bic) < TOL);
  assert.throws(() => informationCriteria(0, 8, 2), /must be positive/);
  assert.throws(() => informationCriteria(1, 3, 2), /3 points for 2 coefficients/);
});

test('leaveOneGroupOut predicts every group from the others and records failed refits', () => {
  const groups = [0, 0, 1, 1, 2];
  const y = [1, 3, 5, 7, 9];
  // predict each held-out point by the mean of the training points
  const r = leaveOneGroupOut(groups, y, (train, test) => {
    const m = train.reduce((s, i) => s + y[i], 0) / train.length;
    return test.map(() => m);
  });
  const expected = [7, 7, 13 / 3, 13 / 3, 4];
  r.predictions.forEach((p, i) => assert.ok(Math.abs(p - expected[i]) < 1e-12, `prediction ${i}: ${p}`));
  assert.ok(Math.abs(r.mae - (6 + 4 + 2 / 3 + 8 / 3 + 5) / 5) < 1e-12);
  const f = leaveOneGroupOut(groups, y, (_train, test) => {
    if (test[0] === 4) throw new Error('too few');
    return test.map(() => 0);
  });
  assert.deepEqual(f.failures, ['group 2: too few']);
  assert.ok(Number.isNaN(f.predictions[4]));
});

test('compareComputeForms picks the form that generated the data, either way round', () => {
  const C = Float64Array.from({ length: 30 }, (_, i) => 10 ** (18 + i * 0.12));
  const bin = Int32Array.from(C.keys());
  const wiggle = (i: number) => 0.004 * Math.sin(3 * i);
  const fromPower = compareComputeForms({
    compute: C,
    loss: C.map((c, i) => powerLawLoss({ E: 1.8, K: 2300, gamma: 0.17 }, c) + wiggle(i)),
    bin,
  });
  assert.equal(fromPower.better, 'power');
  assert.ok(fromPower.heldOutRmseRatio > 2, `ratio ${fromPower.heldOutRmseRatio}`);
  const fromLog = compareComputeForms({
    compute: C,
    loss: C.map((c, i) => logLawLoss({ intercept: 3.3, slope: -0.15, unit: 1e18 }, c) + wiggle(i)),
    bin,
  });
  // the power law nests a near-logarithmic shape (gamma -> 0), so on log data it ties; AIC must still not
  // prefer it by more than the cost of its extra coefficient
  const power = fromLog.rows.find((r) => r.form === 'power')!;
  const log = fromLog.rows.find((r) => r.form === 'log')!;
  assert.ok(log.criteria.aic < power.criteria.aic + 2.5, `log AIC ${log.criteria.aic}, power ${power.criteria.aic}`);
  const w = fromLog.rows.reduce((s, r) => s + r.akaikeWeight, 0);
  assert.ok(Math.abs(w - 1) < 1e-12);
});

test('chinchillaHeldOut: leaving whole compute budgets out costs the Chinchilla law little accuracy', async () => {
  const { loadRuns } = await import('./load.js');
  const { selectRuns, dropFewestTokensPerParameter } = await import('./columns.js');
  const { fitChinchilla, SMALL_GRID } = await import('./chinchilla.js');
  const { chinchillaHeldOut } = await import('./compare.js');
  const all = loadRuns(new URL('../../examples/scaling/chinchilla_runs.csv', import.meta.url).pathname);
  const runs = selectRuns(all, dropFewestTokensPerParameter(all, 5));
  const fit = fitChinchilla(runs, { grid: SMALL_GRID });
  const h = chinchillaHeldOut(runs, fit, 0.5);
  assert.equal(h.groups, 9);
  assert.deepEqual(h.failures, []);
  // reference values of this computation: held-out RMSE of log loss 0.00824, in-sample 0.00755
  assert.ok(Math.abs(h.rmseLog - 0.00824) < 2e-4, `held-out ${h.rmseLog}`);
  assert.ok(h.rmseLog > h.inSampleRmseLog && h.rmseLog < 1.5 * h.inSampleRmseLog);
});
