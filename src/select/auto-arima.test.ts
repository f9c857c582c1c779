import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { autoArimaForecast } from './auto-arima.js';
import { createRng } from '../core/random.js';

// Reference: R forecast 8.20, forecast(auto.arima(AirPassengers), h = 12) (test/fixtures/arima/auto.json).
const CASES = JSON.parse(readFileSync(new URL('../../test/fixtures/arima/auto.json', import.meta.url), 'utf8'));
const MEAN_REL_TOL = 1e-4;

test('select, fit and forecast in one call: AirPassengers as R auto.arima', () => {
  const c = CASES.find((k: { name: string }) => k.name === 'AirPassengers');
  const r = autoArimaForecast(Float64Array.from(c.y), { seasonLength: 12 }, 12, [80, 95], undefined, {
    count: 20,
    rng: createRng(1),
  });
  const o = r.selection.fit.order;
  assert.deepEqual([o.p, o.d, o.q, o.P, o.D, o.Q], [2, 1, 1, 0, 1, 0]);
  c.mean.forEach((v: number, t: number) =>
    assert.ok(Math.abs(r.forecast.mean[t] / v - 1) < MEAN_REL_TOL, `mean[${t}]`),
  );
  assert.equal(r.paths!.length, 20);
  assert.ok(r.forecast.upper[1][11] > r.forecast.upper[0][11]);
});
