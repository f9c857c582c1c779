import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { partialSort, stl, type StlOptions } from './stl.js';

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
const CASES: StlCase[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/theta/stl.json', import.meta.url), 'utf8'),
);
/** R's values are stored to 10 significant digits; the algorithm is the same, so only rounding differs. */
const R_TOLERANCE = 1e-7;

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
    const tolerance = R_TOLERANCE;
    const r = stl(Float64Array.from(c.y), c.seasonLength, options);
    assert.ok(
      maxRelativeError(r.seasonal, c.seasonal) < tolerance,
      `seasonal off by ${maxRelativeError(r.seasonal, c.seasonal)}`,
    );
    assert.ok(maxRelativeError(r.trend, c.trend) < tolerance, `trend off by ${maxRelativeError(r.trend, c.trend)}`);
    assert.ok(
      maxRelativeError(r.weights, c.weights) < 20 * tolerance,
      `robustness weights off by ${maxRelativeError(r.weights, c.weights)}`,
    );
    for (let i = 0; i < c.y.length; i++) {
      assert.ok(Math.abs(r.seasonal[i] + r.trend[i] + r.remainder[i] - c.y[i]) < 1e-9);
    }
  });
}

test('stl periodic recovers an exact seasonal pattern on a linear trend', () => {
  const pattern = [3, -1, -2, 0];
  const y = Float64Array.from({ length: 48 }, (_, t) => t / 10 + pattern[t % 4]);
  const r = stl(y, 4, { seasonalWindow: 'periodic' });
  for (let t = 0; t < 48; t++)
    assert.ok(Math.abs(r.seasonal[t] - pattern[t % 4]) < 0.02, `seasonal[${t}] = ${r.seasonal[t]}`);
  // the trend is linear in the middle; loess end effects stay small
  for (let t = 8; t < 40; t++) assert.ok(Math.abs(r.trend[t] - t / 10) < 0.02, `trend[${t}] = ${r.trend[t]}`);
});

test('stl rejects short series, bad season lengths and non-finite values', () => {
  assert.throws(() => stl(new Float64Array(8), 4, { seasonalWindow: 7 }), /more than two full seasons/);
  assert.throws(() => stl(new Float64Array(20), 1, { seasonalWindow: 7 }), /season length 1/);
  assert.throws(() => stl(Float64Array.of(1, 2, 3, 4, NaN, 6, 7, 8, 9, 10), 3, { seasonalWindow: 7 }), /y\[4\] is NaN/);
});

test("partialSort gives exact order statistics for increasing targets, and R stl.f's result for decreasing ones", () => {
  const values = [43, 27, 37, 32, 66, 72, 87, 86, 56, 11, 32, 41];
  const sorted = [...values].sort((a, b) => a - b);
  const increasing = Float64Array.from(values);
  partialSort(increasing, [6, 7]);
  assert.deepEqual([increasing[5], increasing[6]], [sorted[5], sorted[6]]);
  // R's stlrwt asks for n/2 + 1 before n - n/2: its "median" of these 12 values is (41 + 87) / 2, not 42.
  const rOrder = Float64Array.from(values);
  partialSort(rOrder, [7, 6]);
  assert.deepEqual([rOrder[5], rOrder[6]], [41, 87]);
  for (let trial = 0; trial < 200; trial++) {
    const a = Float64Array.from({ length: 5 + trial }, (_, i) => (Math.sin(i * 12.9898 + trial) * 43758.5453) % 1);
    const s = Float64Array.from(a).sort();
    const targets = [1 + (trial % a.length), Math.floor(a.length / 2) + 1, a.length].sort((x, y) => x - y);
    partialSort(a, targets);
    for (const t of targets) assert.equal(a[t - 1], s[t - 1]);
  }
});
