import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identifiable, informationCriteria } from './information-criteria.js';

test('AIC, AICc and BIC by hand: D = 100, k = 3, n = 50', () => {
  const ic = informationCriteria(100, 3, 50);
  assert.equal(ic.aic, 106);
  assert.ok(Math.abs(ic.aicc - (106 + 24 / 46)) < 1e-12);
  assert.ok(Math.abs(ic.bic - (100 + 3 * Math.log(50))) < 1e-12);
});

test('matches R: AIC/AICc/BIC of lm(dist ~ speed, cars) (k = 3 with sigma, n = 50)', () => {
  // R: logLik(lm(dist ~ speed, cars)) = -206.5784; AIC 419.1569, BIC 424.8929; AICc = AIC + 24/46 = 419.6786
  const ic = informationCriteria(2 * 206.5784, 3, 50);
  assert.ok(Math.abs(ic.aic - 419.1568) < 1e-3);
  assert.ok(Math.abs(ic.bic - 424.8929) < 1e-3);
  assert.ok(Math.abs(ic.aicc - 419.6786) < 1e-3);
});

test('n - k - 1 <= 0: AICc is +Infinity, never below AIC; the form is not identifiable', () => {
  for (const [k, n] of [
    [3, 4],
    [3, 3],
    [19, 15],
  ]) {
    const ic = informationCriteria(10, k, n);
    assert.equal(ic.aicc, Infinity);
    assert.ok(ic.aicc >= ic.aic);
    assert.equal(identifiable(k, n), false);
  }
  // one observation more and the correction is finite and positive: AICc = AIC + 2·3·4 / 1
  const ic = informationCriteria(10, 3, 5);
  assert.equal(ic.aicc, 16 + 24);
  assert.equal(identifiable(3, 5), true);
});

test('a non-finite deviance gives non-finite criteria', () => {
  const ic = informationCriteria(NaN, 2, 30);
  assert.ok(Number.isNaN(ic.aic) && Number.isNaN(ic.aicc) && Number.isNaN(ic.bic));
});
