import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageDemandInterval, classifyDemand, demandHistory, isIntermittent } from './demand.js';

test('demandHistory gives sizes and intervals counted from the start (R croston tt)', () => {
  const { sizes, intervals } = demandHistory(Float64Array.of(0, 3, 0, 0, 2, 1));
  assert.deepEqual(Array.from(sizes), [3, 2, 1]);
  assert.deepEqual(Array.from(intervals), [2, 3, 1]);
});

test('averageDemandInterval is n over the number of demands', () => {
  assert.equal(averageDemandInterval(Float64Array.of(0, 3, 0, 0, 2, 0)), 3);
  assert.equal(averageDemandInterval(Float64Array.of(0, 0)), Infinity);
});

test('classifyDemand uses the Syntetos–Boylan cut-offs ADI 1.32 and CV² 0.49', () => {
  assert.equal(classifyDemand(Float64Array.of(5, 5, 6, 5, 4, 5)), 'smooth');
  assert.equal(classifyDemand(Float64Array.of(1, 20, 1, 30, 2, 1)), 'erratic');
  assert.equal(classifyDemand(Float64Array.of(0, 0, 5, 0, 0, 5, 0, 0, 6)), 'intermittent');
  assert.equal(classifyDemand(Float64Array.of(0, 0, 1, 0, 0, 30, 0, 0, 2)), 'lumpy');
});

test('isIntermittent: non-negative, two demands or more, ADI >= 1.32', () => {
  assert.equal(isIntermittent(Float64Array.of(0, 0, 3, 0, 1, 0, 0, 2)), true);
  assert.equal(isIntermittent(Float64Array.of(5, 6, 0, 7, 5, 6)), false); // ADI 1.2
  assert.equal(isIntermittent(Float64Array.of(5, 0, 7, 0)), true); // ADI 2, the edge of "half zeros"
  assert.equal(isIntermittent(Float64Array.of(0, 0, 0, 4)), false); // one demand only
  assert.equal(isIntermittent(Float64Array.of(0, -1, 0, 4, 0, 3)), false); // negative values: not demand
});
