import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolveModel } from '../registry.js';
import { fitSmoothing } from './smoothing.js';
import { forecastEts } from '../ets/ets.js';
import type { Forecast } from '../types.js';
import { createRng } from '../../core/random.js';

// R forecast 8.20 outputs on two real quarterly series (in billions), made by
// test/fixtures/baseline/make-baseline-fixtures.R
type RForecast = { mean: number[]; lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[] };
const fixtures = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/baseline/baseline-r.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, RForecast> & { y: number[] }>;

function assertMatches(ours: Forecast, theirs: RForecast, tolerance: number, label: string) {
  const pairs: [Float64Array, number[], string][] = [
    [ours.mean, theirs.mean, 'mean'],
    [ours.lower[0], theirs.lower80, 'lo-80'],
    [ours.upper[0], theirs.upper80, 'hi-80'],
    [ours.lower[1], theirs.lower95, 'lo-95'],
    [ours.upper[1], theirs.upper95, 'hi-95'],
  ];
  for (const [a, b, what] of pairs) {
    for (let h = 0; h < b.length; h++) {
      const scale = Math.max(1, Math.abs(b[h]));
      assert.ok(Math.abs(a[h] - b[h]) <= tolerance * scale, `${label} ${what}[${h}]: ${a[h]} vs R ${b[h]}`);
    }
  }
}

for (const [id, f] of Object.entries(fixtures)) {
  const y = Float64Array.from(f.y);
  test(`naive, snaive and drift match R exactly on ${id} (1e-10)`, () => {
    for (const name of ['naive', 'snaive', 'drift']) {
      const { definition, spec } = resolveModel(name);
      const fit = definition.fit({ y, seasonLength: 4 }, spec);
      assertMatches(definition.forecast(fit, 6, [80, 95]), f[name], 1e-10, `${id} ${name}`);
    }
  });

  test(`mean matches R meanf() on ${id} (t quantiles: 1e-6 relative)`, () => {
    const { definition, spec } = resolveModel('mean');
    assertMatches(
      definition.forecast(definition.fit({ y, seasonLength: 4 }, spec), 6, [80, 95]),
      f.mean,
      1e-6,
      `${id} mean`,
    );
  });

  test(`ses, holt and damped (ETS by MSE) match R on ${id} (1e-4 relative)`, () => {
    const cases = [
      ['ses', 'none'],
      ['holt', 'linear'],
      ['damped', 'damped'],
    ] as const;
    for (const [name, trend] of cases) {
      const fc = forecastEts(fitSmoothing(y, trend), 6, [80, 95]);
      assertMatches(fc, f[name], 1e-4, `${id} ${name}`);
    }
  });
}

test('models that take no option reject one', () => {
  assert.throws(() => resolveModel('naive:3'), /takes no option/);
  assert.throws(() => resolveModel('comb:x'), /takes no option/);
});

test('naive2 uses the seasonal adjustment only when the series is seasonal', () => {
  const seasonal = Float64Array.from({ length: 40 }, (_, t) => (100 + t) * [0.8, 1.3, 0.9, 1.0][t % 4]);
  const { definition, spec } = resolveModel('naive2');
  const fit = definition.fit({ y: seasonal, seasonLength: 4 }, spec);
  assert.match(String(fit.details?.seasonalAdjustment), /^seasonal at lag 4/);
  const fc = definition.forecast(fit, 4, [95]);
  // the last adjusted value times each season's index: the forecast repeats the seasonal shape
  assert.ok(fc.mean[1] > fc.mean[0] && fc.mean[1] > fc.mean[2]);
  const rng = createRng(7);
  const flat = Float64Array.from({ length: 40 }, () => 100 + rng.normal());
  const fitFlat = definition.fit({ y: flat, seasonLength: 4 }, spec);
  assert.match(String(fitFlat.details?.seasonalAdjustment), /not seasonal/);
  assert.equal(definition.forecast(fitFlat, 3, []).mean[2], flat[39]);
});
