import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { stl, type StlOptions } from './stl.js';

interface StlCase {
  name: string;
  seasonLength: number;
  y: number[];
  seasonal: number[];
  trend: number[];
  weights: number[];
  sWindow: number | 'periodic';
  sDegree?: 0 | 1;
  tWindow?: number;
  robust: boolean;
  outer?: number;
}
const CASES: StlCase[] = JSON.parse(readFileSync(new URL('../../../test/fixtures/theta/stl.json', import.meta.url), 'utf8'));
/** R's values are stored to 10 significant digits; the algorithm is the same, so only rounding differs. */
const R_TOLERANCE = 1e-7;
/**
 * Known gap: with R's default 15 robustness iterations our weights agree with R's to 1e-10 up to the 5th outer
 * iteration and then jump apart (6e-3 at the 6th on co2); the cause is not pinned down (a suspect is the
 * median from R's partial sort `psort`; ours sorts fully). The components still agree to 5e-4 of their range,
 * and the 3-iteration case pins the robust algorithm itself at R_TOLERANCE.
 */
const ROBUST_15_TOLERANCE = 5e-4;

function maxRelativeError(a: ArrayLike<number>, b: readonly number[]): number {
  let scale = 0;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
  return worst;
}

for (const c of CASES) {
  test(`stl matches R stl(): ${c.name}`, () => {
    const options: StlOptions = { seasonalWindow: c.sWindow, robust: c.robust };
    if (c.sDegree !== undefined) options.seasonalDegree = c.sDegree;
    if (c.tWindow !== undefined) options.trendWindow = c.tWindow;
    if (c.outer !== undefined) options.outer = c.outer;
    const tolerance = c.robust && c.outer === undefined ? ROBUST_15_TOLERANCE : R_TOLERANCE;
    const r = stl(Float64Array.from(c.y), c.seasonLength, options);
    assert.ok(maxRelativeError(r.seasonal, c.seasonal) < tolerance, `seasonal off by ${maxRelativeError(r.seasonal, c.seasonal)}`);
    assert.ok(maxRelativeError(r.trend, c.trend) < tolerance, `trend off by ${maxRelativeError(r.trend, c.trend)}`);
    assert.ok(maxRelativeError(r.weights, c.weights) < 20 * tolerance, `robustness weights off by ${maxRelativeError(r.weights, c.weights)}`);
    for (let i = 0; i < c.y.length; i++) {
      assert.ok(Math.abs(r.seasonal[i] + r.trend[i] + r.remainder[i] - c.y[i]) < 1e-9);
    }
  });
}

test('stl periodic recovers an exact seasonal pattern on a linear trend', () => {
  const pattern = [3, -1, -2, 0];
  const y = Float64Array.from({ length: 48 }, (_, t) => t / 10 + pattern[t % 4]);
  const r = stl(y, 4, { seasonalWindow: 'periodic' });
  for (let t = 0; t < 48; t++) assert.ok(Math.abs(r.seasonal[t] - pattern[t % 4]) < 0.02, `seasonal[${t}] = ${r.seasonal[t]}`);
  // the trend is linear in the middle; loess end effects stay small
  for (let t = 8; t < 40; t++) assert.ok(Math.abs(r.trend[t] - t / 10) < 0.02, `trend[${t}] = ${r.trend[t]}`);
});

test('stl rejects short series, bad season lengths and non-finite values', () => {
  assert.throws(() => stl(new Float64Array(8), 4, { seasonalWindow: 7 }), /more than two full seasons/);
  assert.throws(() => stl(new Float64Array(20), 1, { seasonalWindow: 7 }), /season length 1/);
  assert.throws(() => stl(Float64Array.of(1, 2, 3, 4, NaN, 6, 7, 8, 9, 10), 3, { seasonalWindow: 7 }), /y\[4\] is NaN/);
});
