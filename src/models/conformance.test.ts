/**
 * The conformance suite: every model in the registry runs the same checks on the standard fixtures —
 * forecasts of length h, finite values, ordered intervals that do not narrow with the horizon, determinism,
 * and a Fit that survives a JSON round trip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { listModels, resolveModel } from './registry.js';
import type { SeriesData } from './types.js';

const industry = readFileSync(new URL('../../examples/industry.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const realSeries = (id: string) => Float64Array.from(industry.filter((r) => r[0] === id).map((r) => Number(r[2]) / 1e9));

const FIXTURES: Record<string, SeriesData> = {
  'AMD revenue (quarterly, m = 4)': { y: realSeries('AMD:revenue'), seasonLength: 4, seasonLengths: [4] },
  'MSFT capex (quarterly, m = 4)': { y: realSeries('MSFT:capex'), seasonLength: 4, seasonLengths: [4] },
  'synthetic trend + season (m = 12)': {
    y: Float64Array.from({ length: 96 }, (_, t) => 50 + 0.5 * t + 8 * Math.sin((2 * Math.PI * t) / 12) + ((t * 7919) % 13) / 6.5),
    seasonLength: 12,
    seasonLengths: [12],
  },
};
const H = 8;
const LEVELS = [80, 95];

for (const definition of listModels()) {
  test(`conformance: ${definition.name}`, () => {
    const { spec } = resolveModel(definition.name);
    for (const [label, series] of Object.entries(FIXTURES)) {
      const where = `${definition.name} on ${label}`;
      const fit = definition.fit(series, spec);
      const fc = definition.forecast(fit, H, LEVELS);
      assert.equal(fc.mean.length, H, `${where}: length`);
      assert.deepEqual(fc.levels, LEVELS, `${where}: levels`);
      for (let h = 0; h < H; h++) {
        assert.ok(Number.isFinite(fc.mean[h]), `${where}: mean[${h}] finite`);
        const [lo80, lo95, hi80, hi95] = [fc.lower[0][h], fc.lower[1][h], fc.upper[0][h], fc.upper[1][h]];
        assert.ok([lo80, lo95, hi80, hi95].every(Number.isFinite), `${where}: bounds finite at ${h}`);
        assert.ok(lo95 <= lo80 + 1e-9 && lo80 <= hi80 && hi80 <= hi95 + 1e-9, `${where}: bounds ordered at ${h}`);
      }
      const width = (h: number) => fc.upper[1][h] - fc.lower[1][h];
      assert.ok(width(H - 1) >= width(0) * (1 - 1e-9), `${where}: 95% interval narrows from ${width(0)} to ${width(H - 1)}`);

      const again = definition.forecast(definition.fit(series, spec), H, LEVELS);
      assert.deepEqual(Array.from(again.mean), Array.from(fc.mean), `${where}: deterministic`);

      const roundTrip = JSON.parse(JSON.stringify(fit));
      const fromJson = definition.forecast(roundTrip, H, LEVELS);
      assert.deepEqual(Array.from(fromJson.mean), Array.from(fc.mean), `${where}: Fit survives JSON`);
      assert.deepEqual(Array.from(fromJson.upper[1]), Array.from(fc.upper[1]), `${where}: Fit survives JSON (bounds)`);
      assert.equal(fit.fitted.length, series.y.length, `${where}: fitted length`);
    }
  });
}
