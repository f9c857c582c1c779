import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AccuracyAccumulator } from './accuracy.js';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

test('the accumulator averages per-case metrics, levels and steps (hand-computed)', () => {
  const acc = new AccuracyAccumulator('m', [80]);
  // case 1: errors 2 and 2 on actuals 10, 20, scale 2, both actuals inside the 80% bounds
  acc.add({
    actual: Float64Array.of(10, 20),
    mean: Float64Array.of(12, 18),
    lower: [Float64Array.of(9, 19)],
    upper: [Float64Array.of(11, 21)],
    scale: 2,
  });
  // case 2: errors 0 and 2 on actuals 5, 5, scale 1, no bounds (not counted for the level)
  acc.add({ actual: Float64Array.of(5, 5), mean: Float64Array.of(5, 7), scale: 1 });
  const s = acc.summary({ smape: 20, mase: 2 });
  assert.equal(s.cases, 2);
  close(s.mae, (2 + 1) / 2, 'MAE');
  close(s.rmse, (2 + Math.SQRT2) / 2, 'RMSE');
  const smape1 = ((200 * 2) / 22 + (200 * 2) / 38) / 2; // 14.354
  const smape2 = (0 + (200 * 2) / 12) / 2; // 16.667
  close(s.smape, (smape1 + smape2) / 2, 'sMAPE');
  close(s.mase, (2 / 2 + 1 / 1) / 2, 'MASE');
  close(s.owa!, (s.smape / 20 + 1 / 2) / 2, 'OWA');
  assert.equal(s.intervals.length, 1);
  assert.equal(s.intervals[0].coverage, 100);
  // pinball of the 10% and 90% quantiles, averaged and scaled by 2: lower losses 0.1·1 each, upper 0.1·1 each
  close(s.intervals[0].scaledPinball, 0.1 / 2, 'scaled pinball');
  close(s.byStep[0].smape, ((200 * 2) / 22 + 0) / 2, 'step 1 sMAPE');
  close(s.byStep[0].mase, (1 + 0) / 2, 'step 1 MASE');
  close(s.byStep[1].smape, ((200 * 2) / 38 + (200 * 2) / 12) / 2, 'step 2 sMAPE');
  close(s.byStep[1].mase, (1 + 2) / 2, 'step 2 MASE');
  assert.equal(acc.summary().owa, null);
});
