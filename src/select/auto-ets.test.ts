import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoEtsForecast } from './auto-ets.js';
import { createRng } from '../core/random.js';

const y = Float64Array.from(
  { length: 120 },
  (_, t) => 200 + 2 * t + 10 * Math.sin((2 * Math.PI * t) / 12) + ((t * 37) % 11),
);

test('autoEtsForecast: seasonal data with m = 12 gets a seasonal form, forecasts and seeded paths', () => {
  const r = autoEtsForecast(y, { seasonLength: 12 }, 12, [80, 95], { count: 50, rng: createRng(1) });
  assert.match(r.fit.model, /^ets:[AM]A?d?[AM]$/);
  assert.equal(r.forecast.mean.length, 12);
  assert.equal(r.paths!.length, 50);
  const again = autoEtsForecast(y, { seasonLength: 12 }, 12, [80, 95], { count: 50, rng: createRng(1) });
  assert.deepEqual(Array.from(again.paths![49]), Array.from(r.paths![49]));
});

test('autoEtsForecast: seasonal: false and damped: true restrict the form', () => {
  const r = autoEtsForecast(y, { seasonLength: 12, seasonal: false, damped: true }, 6, [95]);
  assert.match(r.fit.model, /^ets:[AM]AdN$/);
});
