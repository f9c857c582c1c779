import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kpssDifferences, kpssPValue, kpssStatistic } from './kpss.js';
import { isForesightError } from '../errors.js';

// References: R 4.x urca::ur.kpss(x, type = "mu", use.lag = ...)@teststat and forecast 8.20 ndiffs (digits 15).
const SAME = 1e-12;
const X = [1.2, 0.5, 2.3, 1.9, 3.1, 2.2, 2.8, 4.0, 3.5, 4.4, 5.1, 4.2, 5.5, 6.0, 5.2];
const LH = [
  2.4, 2.4, 2.4, 2.2, 2.1, 1.5, 2.3, 2.3, 2.5, 2.0, 1.9, 1.7, 2.2, 1.8, 3.2, 3.2, 2.7, 2.2, 2.2, 1.9, 1.9, 1.8, 2.7,
  3.0, 2.3, 2.0, 2.0, 2.9, 2.9, 2.7, 2.7, 2.3, 2.6, 2.4, 1.8, 1.7, 1.5, 1.4, 2.1, 3.3, 3.5, 3.5, 3.1, 2.6, 2.1, 3.4,
  3.0, 2.9,
];
const WWW_USAGE = [
  88, 84, 85, 85, 84, 85, 83, 85, 88, 89, 91, 99, 104, 112, 126, 138, 146, 151, 150, 148, 147, 149, 143, 132, 131, 139,
  147, 150, 148, 145, 140, 134, 131, 131, 129, 126, 126, 132, 137, 140, 142, 150, 159, 167, 170, 171, 172, 172, 174,
  175, 172, 172, 174, 174, 169, 165, 156, 142, 131, 121, 112, 104, 102, 99, 99, 95, 88, 84, 84, 87, 89, 88, 85, 86, 89,
  91, 91, 94, 101, 110, 121, 135, 145, 149, 156, 165, 171, 175, 177, 182, 193, 204, 208, 210, 215, 222, 228, 226, 222,
  220,
];

test('KPSS statistic matches urca ur.kpss(type = "mu")', () => {
  assert.ok(Math.abs(kpssStatistic(X) - 1.36357072414765) < SAME);
  assert.ok(Math.abs(kpssStatistic(LH, 3) - 0.293815727283469) < SAME);
});

test('p-value interpolates the KPSS table and clamps', () => {
  assert.equal(kpssPValue(0.1), 0.1);
  assert.ok(Math.abs(kpssPValue(0.463) - 0.05) < SAME);
  assert.ok(Math.abs(kpssPValue(0.5185) - 0.0375) < SAME);
  assert.equal(kpssPValue(5), 0.01);
});

test('number of differences matches forecast ndiffs', () => {
  assert.equal(kpssDifferences(X), 1);
  assert.equal(kpssDifferences(LH), 0);
  assert.equal(kpssDifferences(WWW_USAGE), 1);
  assert.equal(kpssDifferences(new Float64Array(10).fill(3)), 0);
});

test('too short throws', () => {
  assert.throws(
    () => kpssStatistic([1]),
    (e) => isForesightError(e, 'too_short'),
  );
});
