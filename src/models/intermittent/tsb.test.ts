import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TSB, fitTsb } from './tsb.js';

test('tsb hand-checked: probability decays every period, size moves only on demand', () => {
  // y = 0 4 0 0 6, alphaD 0.2, alphaP 0.5:
  // p: 0 -> 0.5 -> 0.25 -> 0.125 -> 0.5625;  z: - -> 4 -> 4 -> 4 -> 4.4; forecast 0.5625 * 4.4 = 2.475
  const fit = fitTsb(Float64Array.of(0, 4, 0, 0, 6), { alphaDemand: 0.2, alphaProbability: 0.5 });
  assert.ok(Math.abs((fit.state as { forecast: number }).forecast - 2.475) < 1e-12);
  // fitted[t] is the forecast from t-1: 0 (no demand yet), 2, 1, 0.5
  const expected = [0, 2, 1, 0.5];
  expected.forEach((v, i) => assert.ok(Math.abs(fit.fitted[i + 1] - v) < 1e-12));
});

test('tsb forecast decays towards 0 after demand stops, unlike croston (obsolescence)', () => {
  const y = Float64Array.from({ length: 40 }, (_, t) => (t < 20 && t % 2 === 0 ? 5 : 0));
  const fit = fitTsb(y, TSB.parse(undefined));
  const early = fitTsb(y.subarray(0, 20), TSB.parse(undefined));
  assert.ok((fit.state as { forecast: number }).forecast < 0.5 * (early.state as { forecast: number }).forecast);
});

test('tsb option parsing', () => {
  assert.deepEqual(TSB.parse('0.3,0.05'), { alphaDemand: 0.3, alphaProbability: 0.05 });
  assert.throws(() => TSB.parse('0.3'), /alphaDemand,alphaProbability/);
  assert.throws(() => TSB.parse('0,0.1'), /not a number in \(0, 1\]/);
});
