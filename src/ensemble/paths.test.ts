import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRng } from '../core/random.js';
import { resolveModel } from './registry.js';
import { intervalPaths } from '../models/interval-paths.js';
import type { ModelSpec } from '../models/types.js';

// Microsoft's quarterly capex, in billions
const msft = Float64Array.from(
  readFileSync(new URL('../../examples/industry.csv', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('MSFT:capex,'))
    .map((l) => Number(l.split(',')[2]) / 1e9),
);

function fitted(name: string, change: ModelSpec = {}) {
  const r = resolveModel(name);
  const spec = { ...r.spec, ...change };
  return { definition: r.definition, fit: r.definition.fit({ y: msft, seasonLength: 4 }, spec) };
}

test('ensemble paths: their spread at each step matches the calibrated 80% and 95% intervals', () => {
  // ets and arima simulate themselves; naive gets independent-increment paths
  const { definition, fit } = fitted('ensemble:optimized/ets+arima+naive');
  const forecast = definition.forecast(fit, 4, [80, 95]);
  const paths = definition.simulate!(fit, 4, 4000, createRng(3));
  assert.equal(paths.length, 4000);
  for (let t = 0; t < 4; t++) {
    forecast.levels.forEach((level, i) => {
      const inside =
        paths.filter((p) => p[t] >= forecast.lower[i][t] && p[t] <= forecast.upper[i][t]).length / paths.length;
      // Monte Carlo standard error of a share near 0.8 from 4000 paths is 0.006
      assert.ok(Math.abs(inside - level / 100) < 0.025, `step ${t + 1}, ${level}%: ${inside}`);
    });
  }
  // the same seed gives the same paths
  assert.deepEqual(definition.simulate!(fit, 4, 5, createRng(9)), definition.simulate!(fit, 4, 5, createRng(9)));
});

test("ensemble paths keep the members' dynamics: a naive-only fusion gives random-walk paths", () => {
  // uncalibrated, one member: the paths are the naive model's, whose steps 1 and 4 correlate 1/sqrt(4)
  const { definition, fit } = fitted('ensemble:mean/naive', { conformal: false, serial: false });
  const paths = definition.simulate!(fit, 4, 6000, createRng(5));
  const a = paths.map((p) => p[0]),
    b = paths.map((p) => p[3]);
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a),
    mb = mean(b);
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  const correlation = sab / Math.sqrt(saa * sbb);
  assert.ok(Math.abs(correlation - 0.5) < 0.04, String(correlation));
  assert.ok(Math.abs(ma - msft[msft.length - 1]) < 0.1, `paths centre on the last value: ${ma}`);
});

test('auto: paths of the ensemble path, and on the intermittent path the paths of its model asked for by name', () => {
  const r = resolveModel('auto:optimized/ses+naive');
  const demand = Float64Array.from({ length: 40 }, (_, t) => (t % 3 === 0 ? 2 + (t % 5) : 0));
  const fitDemand = r.definition.fit({ y: demand, seasonLength: 1 }, r.spec);
  // croston:sba has no simulator: the Gaussian paths of its 95% interval (it threw 'has no sample paths', which
  // stopped every probability and event backtest of a file with one intermittent series)
  const sba = resolveModel('croston:sba');
  const sbaFit = sba.definition.fit({ y: demand, seasonLength: 1 }, sba.spec);
  const byName = intervalPaths(sba.definition.forecast(sbaFit, 3, [95]), 3, 10, createRng(1));
  assert.deepEqual(r.definition.simulate!(fitDemand, 3, 10, createRng(1)), byName);
  assert.ok(
    byName.some((p) => p[0] !== byName[0][0]),
    'the paths spread',
  );
  const fitRegular = r.definition.fit({ y: msft, seasonLength: 4 }, r.spec);
  assert.equal(r.definition.simulate!(fitRegular, 3, 10, createRng(1)).length, 10);
  assert.throws(() => r.definition.simulate!(fitRegular, 0, 10, createRng(1)), /must be positive integers/);
});
