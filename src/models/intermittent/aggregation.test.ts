import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADIDA, IMAPA, aggregateForecast, aggregationLevel, fitAdida, fitImapa } from './aggregation.js';
import { smoothLevel } from './simple-smoothing.js';

test('aggregationLevel rounds the mean inter-demand interval half to even', () => {
  assert.equal(aggregationLevel(Float64Array.of(0, 0, 3, 0, 0, 1)), 3);
  assert.equal(aggregationLevel(Float64Array.of(0, 1, 0, 0, 1)), 2); // mean 2.5 -> 2
  assert.equal(aggregationLevel(Float64Array.of(0, 0, 1, 0, 0, 0, 1)), 4); // mean 3.5 -> 4
  assert.equal(aggregationLevel(Float64Array.of(0, 0, 0)), 1);
});

test('aggregateForecast drops the oldest n mod k values and divides the block forecast by k', () => {
  // n = 7, k = 3: drop y[0] = 100; blocks (0+2+0)=2, (0+0+4)=4; SES from 2: SSE (4-2)^2 minimal at
  // alpha 0.1 -> level 2.2; per period 2.2 / 3.
  const r = aggregateForecast(Float64Array.of(100, 0, 2, 0, 0, 0, 4), 3);
  assert.ok(Math.abs(r.alpha - 0.1) < 1e-9);
  assert.ok(Math.abs(r.forecast - 2.2 / 3) < 1e-9);
  assert.ok(Number.isNaN(r.fitted[0]));
  assert.ok(Math.abs(r.fitted[4] - 2 / 3) < 1e-12);
});

test('adida and imapa hand-checked on a regular pattern', () => {
  const y = Float64Array.of(0, 0, 3, 0, 0, 3, 0, 0, 3);
  const adida = fitAdida(y);
  assert.equal(adida.params.aggregation, 3);
  assert.ok(Math.abs((adida.state as { forecast: number }).forecast - 1) < 1e-12);
  // IMAPA: k = 1 is SES of y itself (alpha in [0.1, 0.3]), k = 2 uses blocks (0+3, 0+0, 3+0, 0+3) after dropping
  // y[0], k = 3 gives 1; the forecast is their mean.
  const k1 = aggregateForecast(y, 1).forecast;
  const k2 = aggregateForecast(y, 2).forecast;
  const imapa = fitImapa(y);
  assert.ok(Math.abs((imapa.state as { forecast: number }).forecast - (k1 + k2 + 1) / 3) < 1e-12);
  // and k = 1 is plain SES with the least-squares weight in [0.1, 0.3]
  const best = Math.min(...[0.1, 0.2, 0.3].map((a) => smoothLevel(y, a).sse));
  assert.ok(smoothLevel(y, aggregateForecast(y, 1).alpha).sse <= best + 1e-12);
});

test('adida and imapa through the registry contract', () => {
  const y = Float64Array.of(0, 2, 0, 0, 1, 0, 3, 0, 0, 0, 2, 0, 1, 0, 0, 4);
  for (const definition of [ADIDA, IMAPA]) {
    const fit = JSON.parse(JSON.stringify(definition.fit({ y, seasonLength: 1 }, definition.parse(undefined))));
    const f = definition.forecast(fit, 5, [90]);
    assert.equal(f.mean.length, 5);
    assert.ok(f.mean.every((v) => v > 0 && v < 4));
    assert.ok(f.upper[0][4] >= f.upper[0][0]);
    assert.throws(() => definition.parse('x'), /takes no option/);
  }
});
