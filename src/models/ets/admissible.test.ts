import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAdmissible, rootsInUnitDisk, type ParameterFlags } from './admissible.js';
import { fitEts } from './ets.js';

const seasonal: ParameterFlags = {
  optAlpha: true,
  optBeta: false,
  optGamma: true,
  optPhi: false,
  givenBeta: false,
  givenGamma: false,
};
const scratch = new Float64Array(3 * 24 + 6);

test('rootsInUnitDisk: roots inside, on (within 1e-10) and outside the unit circle', () => {
  assert.equal(rootsInUnitDisk(Float64Array.of(0.25, 0, 1), new Float64Array(6)), true); // ±0.5i
  assert.equal(rootsInUnitDisk(Float64Array.of(-4, 0, 1), new Float64Array(6)), false); // ±2
  assert.equal(rootsInUnitDisk(Float64Array.of(-1.0000000002, 1), new Float64Array(4)), false); // 1 + 2e-10
  assert.equal(rootsInUnitDisk(Float64Array.of(-1.00000000005, 1), new Float64Array(4)), true); // 1 + 5e-11
});

test('isAdmissible: the structural unit root of undamped seasonal forms without trend is within tolerance', () => {
  // ANA with small α and γ: P(z) has the exact root z = 1 and four more clustered just inside the circle
  // (moduli 0.99984 and 0.99972). R's polyroot puts the unit root at 1 + 8.3e-11 and admits the point;
  // the recursion on the undivided polynomial lost the 1e-10 margin to rounding and rejected it, which sent the
  // Nelder–Mead path of a tourism series away from R's (log-likelihood -270.24 against R's -269.33).
  assert.equal(isAdmissible(1.2264216391429629e-4, 0, 6.4525128118937637e-4, 1, 4, seasonal, scratch), true);
  for (const m of [4, 7, 12, 24]) {
    for (const alpha of [1e-4, 1e-3, 0.05, 0.5, 0.9]) {
      for (const gamma of [1e-4, 1e-3, 0.05]) {
        if (gamma > 1 - alpha) continue;
        assert.equal(isAdmissible(alpha, 0, gamma, 1, m, seasonal, scratch), true, `m ${m} α ${alpha} γ ${gamma}`);
      }
    }
  }
  // With φ = 1 and no trend the closed-form bounds are the whole region (no R polyroot modulus above 1 + 1e-6
  // in 20,000 random points of them): only they refuse

  assert.equal(isAdmissible(0.5, 0, 1.6, 1, 4, seasonal, scratch), false);
  assert.equal(isAdmissible(-0.5, 0, 0.1, 1, 12, seasonal, scratch), false);
});

test('isAdmissible: trended and damped forms keep the full polynomial test', () => {
  const trend = { ...seasonal, optBeta: true };
  const damped = { ...trend, optPhi: true };
  // points that pass the closed-form bounds but have a root outside the circle (moduli from R's polyroot)
  assert.equal(isAdmissible(0.3, 0.9, 0.94, 1, 4, trend, scratch), false); // 1.177
  assert.equal(isAdmissible(1.08, 0.99, 0.38, 1, 4, trend, scratch), false); // 1.050
  assert.equal(isAdmissible(1.03, 0.38, 0.77, 0.9, 4, damped, scratch), false); // 1.041
  assert.equal(isAdmissible(1.3, 0.34, 0.48, 0.9, 4, damped, scratch), false); // 1.016
  assert.equal(isAdmissible(0.3, 0.1, 0.1, 0.9, 4, damped, scratch), true);
  assert.equal(isAdmissible(0.3, 0.1, 0.1, 1, 12, trend, scratch), true);
});

test("fitEts ANA on a tourism series reaches at least R's optimum (Lasseter business trips, 72 quarters)", () => {
  const y = Float64Array.of(
    0.5228986,
    5.730912,
    6.3820996,
    2.2856143,
    0.9123526,
    3.7335997,
    0.9452297,
    3.5691495,
    3.6115591,
    9.9414611,
    0.5297743,
    9.5748078,
    21.0298636,
    16.5807152,
    11.9963102,
    0,
    2.8269734,
    3.0854845,
    6.9688476,
    10.9935246,
    1.3601646,
    1.122806,
    3.1231516,
    3.1362062,
    2.3781313,
    14.3951988,
    8.4625359,
    11.5115274,
    4.9039378,
    4.2831102,
    11.7554407,
    0.4426164,
    2.966572,
    5.378811,
    10.431166,
    1.271465,
    3.3548818,
    6.4852322,
    5.03398,
    5.8421274,
    5.6064134,
    13.9801035,
    8.3599509,
    6.8543517,
    1.0278484,
    21.4203392,
    3.702445,
    0.663815,
    18.1999551,
    2.5710152,
    5.1844555,
    3.7496344,
    4.5536996,
    10.8304246,
    1.9038143,
    3.6500839,
    1.005672,
    2.4372543,
    9.4210757,
    2.2943204,
    0.9845335,
    4.6281451,
    7.0534526,
    2.4734671,
    0.1827787,
    14.0473546,
    0.6208229,
    8.715754,
    6.0309767,
    0.6401688,
    12.077324,
    13.7348435,
  );
  const fit = fitEts(y, { error: 'A', trend: 'N', damped: false, season: 'A', seasonLength: 4 });
  // R forecast 8.20 ets(y, "ANA"): loglik -269.3343 (bounds "both"); -269.3066 with bounds "usual", the
  // optimum both regions share, which R's path misses when polyroot's rounding refuses a point near it.
  assert.ok(fit.loglik! >= -269.3343, `loglik ${fit.loglik}`);
});
