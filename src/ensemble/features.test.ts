import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES, seriesFeatures } from './features.js';

interface Case {
  name: string;
  seasonLength: number;
  y: number[];
  features: Record<string, number>;
}
const cases = JSON.parse(
  readFileSync(new URL('../../test/fixtures/ensemble/features.json', import.meta.url), 'utf8'),
) as Case[];

// Our STL matches R's to 1e-7 and the rest is the same arithmetic; the tolerance leaves room for summation order.
const TOLERANCE = 1e-6;

for (const c of cases) {
  test(`features match the base-R computation of the same definitions: ${c.name}`, () => {
    const f = seriesFeatures(Float64Array.from(c.y), c.seasonLength);
    assert.equal(f.length, FEATURE_NAMES.length);
    FEATURE_NAMES.forEach((name, i) => {
      const expected = c.features[name];
      assert.ok(
        Math.abs(f[i] - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)),
        `${name}: ${f[i]} vs R ${expected}`,
      );
    });
  });
}

test('features: hand-checked values on a line and on a pure cycle', () => {
  const at = (f: Float64Array, name: string) => f[FEATURE_NAMES.indexOf(name)];
  const line = seriesFeatures(
    Float64Array.from({ length: 40 }, (_, t) => t),
    1,
  );
  assert.equal(at(line, 'log_length'), Math.log(40));
  assert.ok(Math.abs(at(line, 'trend_strength') - 1) < 1e-12);
  // lag-1 autocorrelation of 0..39: sum_{t<39} (t - 19.5)(t - 18.5) / sum_t (t - 19.5)^2 = 4930.25 / 5330 = 0.925
  assert.ok(Math.abs(at(line, 'x_acf1') - 4930.25 / 5330) < 1e-12);
  // linearity of the scaled line 0..39: ||scaled t|| = sqrt(n - 1)
  assert.ok(Math.abs(at(line, 'linearity') - Math.sqrt(39)) < 1e-9);
  const cycle = seriesFeatures(
    Float64Array.from({ length: 96 }, (_, t) => 10 + Math.sin((2 * Math.PI * t) / 12)),
    12,
  );
  assert.ok(at(cycle, 'seasonal_strength') > 0.999, `${at(cycle, 'seasonal_strength')}`);
  assert.ok(at(cycle, 'spectral_entropy') < 1e-6, 'all power at one Fourier frequency');
  assert.ok(Math.abs(at(cycle, 'seas_acf1') - 84 / 96) < 1e-9, `${at(cycle, 'seas_acf1')}`);
});

test('features: degenerate and bad input', () => {
  const constant = seriesFeatures(new Float64Array(30).fill(0), 4);
  assert.ok(constant.every(Number.isFinite));
  assert.equal(constant[FEATURE_NAMES.indexOf('zero_share')], 1);
  assert.throws(() => seriesFeatures(Float64Array.of(1, 2, 3), 1), /3 observations, at least 4/);
  assert.throws(() => seriesFeatures(Float64Array.of(1, 2, NaN, 4, 5), 1), /y\[2\] is NaN/);
});
