import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mixtureQuantile } from './conformal.js';
import { parseEnsemble } from './ensemble.js';
import { stepCalibration } from './fuse.js';
import { normalQuantile } from '../core/stats/normal.js';

test('step calibration: validated steps keep their scale; later ones never fall below the members own spread', () => {
  const spec = parseEnsemble(undefined);
  // a series whose windows (6 steps) scored a tenth of the members' spread: narrow where validated
  const small = { scores: [new Array(6).fill(0.1), new Array(6).fill(0.1), new Array(6).fill(0.1)] };
  const own = stepCalibration({ ...small, members: [], weights: [], bias: null }, spec, 10)!;
  const z = normalQuantile(0.975);
  for (let t = 0; t < 6; t++) assert.equal(own.scale[t], own.scale[0]);
  assert.ok(own.scale[0] * mixtureQuantile(95, own.logVariance) < z);
  for (let t = 6; t < 10; t++) assert.ok(Math.abs(own.scale[t] * mixtureQuantile(95, own.logVariance) - z) < 1e-12);
  // scores above the members' spread: the later steps keep the last validated scale
  const large = { scores: [new Array(6).fill(3), new Array(6).fill(3)], members: [], weights: [], bias: null };
  const wide = stepCalibration(large, spec, 10)!;
  for (let t = 6; t < 10; t++) assert.equal(wide.scale[t], wide.scale[5]);
  // a batch's pooled calibration of 3 steps: its scales, then the floor past them
  const pooled = { scale: [0.3, 0.5, 0.6], logVariance: 0.1, scores: 300 };
  const batch = stepCalibration({ ...small, members: [], weights: [], bias: null, calibration: pooled }, spec, 5)!;
  assert.deepEqual(Array.from(batch.scale.subarray(0, 3)), pooled.scale);
  assert.ok(Math.abs(batch.scale[4] - z / mixtureQuantile(95, 0.1)) < 1e-12);
  // no calibration without scores, or when the spec turns it off
  assert.equal(stepCalibration({ scores: [], members: [], weights: [], bias: null }, spec, 4), null);
  assert.equal(stepCalibration({ ...large }, { ...spec, conformal: false }, 4), null);
});
