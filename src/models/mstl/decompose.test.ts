import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mstlDecompose } from './decompose.js';

interface MstlCase {
  y: number[];
  seasonLengths: number[];
  trend: number[];
  seasonal24: number[];
  seasonal168: number[];
  remainder: number[];
}
const H1: MstlCase = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/theta/mstl.json', import.meta.url), 'utf8'),
);
/** Same algorithm as R's; R's values are stored to 10 significant digits. */
const R_TOLERANCE = 1e-7;

function maxError(a: ArrayLike<number>, b: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

test('mstl matches R mstl() on M4 hourly H1 with seasons 24 and 168', () => {
  const d = mstlDecompose(Float64Array.from(H1.y), [168, 24]);
  assert.deepEqual(d.seasonLengths, [24, 168]);
  const scale = Math.max(...H1.y.map(Math.abs));
  assert.ok(maxError(d.trend, H1.trend) < R_TOLERANCE * scale, `trend off by ${maxError(d.trend, H1.trend)}`);
  assert.ok(maxError(d.seasonals[0], H1.seasonal24) < R_TOLERANCE * scale, 'seasonal 24');
  assert.ok(maxError(d.seasonals[1], H1.seasonal168) < R_TOLERANCE * scale, 'seasonal 168');
  assert.ok(maxError(d.remainder, H1.remainder) < R_TOLERANCE * scale, 'remainder');
});

test('mstl drops season lengths without two full periods and passes non-seasonal data through', () => {
  const y = Float64Array.from({ length: 30 }, (_, t) => t + (t % 3));
  const d = mstlDecompose(y, [3, 24]);
  assert.deepEqual(d.seasonLengths, [3]);
  assert.equal(d.dropped.length, 1);
  const none = mstlDecompose(y, [1]);
  assert.equal(none.seasonals.length, 0);
  assert.deepEqual(Array.from(none.trend), Array.from(y));
});

test('mstl separates two additive seasonal patterns', () => {
  const y = Float64Array.from(
    { length: 240 },
    (_, t) => 50 + 0.1 * t + 4 * Math.sin((2 * Math.PI * t) / 6) + 8 * Math.cos((2 * Math.PI * t) / 24),
  );
  const d = mstlDecompose(y, [6, 24]);
  for (let t = 48; t < 192; t++) {
    assert.ok(Math.abs(d.seasonals[0][t] - 4 * Math.sin((2 * Math.PI * t) / 6)) < 0.3, `season 6 at ${t}`);
    assert.ok(Math.abs(d.seasonals[1][t] - 8 * Math.cos((2 * Math.PI * t) / 24)) < 0.3, `season 24 at ${t}`);
  }
});

test('mstl rejects non-finite data and bad season lengths', () => {
  assert.throws(() => mstlDecompose(Float64Array.of(1, NaN, 3), [2]), /y\[1\] is NaN/);
  assert.throws(() => mstlDecompose(Float64Array.of(1, 2, 3), [2.5]), /2.5 is not a positive integer/);
});
