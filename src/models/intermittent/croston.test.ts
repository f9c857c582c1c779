import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CROSTON, fitCroston } from './croston.js';

interface CrostonCase {
  y: number[];
  mean: number[];
  fitted: (number | string | null)[];
}
const CASES: CrostonCase[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/theta/croston.json', import.meta.url), 'utf8'),
);
/** R's values are stored to 10 significant digits. */
const R_TOLERANCE = 1e-8;

test('croston matches R forecast::croston (mean and fitted) on three seeded spare-part demand series', () => {
  for (const c of CASES) {
    const y = Float64Array.from(c.y);
    const fit = fitCroston(y, { variant: 'classic', alpha: 0.1 });
    const forecast = CROSTON.forecast(fit, 6, [80]);
    for (const v of forecast.mean) assert.ok(Math.abs(v - c.mean[0]) <= R_TOLERANCE * Math.abs(c.mean[0]));
    c.fitted.forEach((r, t) => {
      if (typeof r !== 'number') assert.ok(Number.isNaN(fit.fitted[t]), `fitted[${t}] should be NaN`);
      else
        assert.ok(
          Math.abs(fit.fitted[t] - r) <= R_TOLERANCE * Math.max(1, Math.abs(r)),
          `fitted[${t}] ${fit.fitted[t]} vs R ${r}`,
        );
    });
  }
});

test('croston:sba is Croston times (1 - alpha/2)', () => {
  const y = Float64Array.from(CASES[0].y);
  const classic = fitCroston(y, CROSTON.parse(undefined));
  const sba = fitCroston(y, CROSTON.parse('sba'));
  assert.equal(sba.model, 'croston:sba');
  const ratio = (sba.state as { forecast: number }).forecast / (classic.state as { forecast: number }).forecast;
  assert.ok(Math.abs(ratio - 0.95) < 1e-14);
});

test('croston hand-checked: sizes 2 -> 2.2, intervals 2 -> 2.1', () => {
  const fit = fitCroston(Float64Array.of(0, 2, 0, 0, 4), { variant: 'classic', alpha: 0.1 });
  assert.ok(Math.abs((fit.state as { forecast: number }).forecast - 2.2 / 2.1) < 1e-14);
  assert.deepEqual(fit.fitted.slice(1), [0, 1, 1, 1]);
});

test('croston intervals widen with h, stay non-negative, and the fit survives JSON', () => {
  const fit = JSON.parse(JSON.stringify(fitCroston(Float64Array.from(CASES[1].y), CROSTON.parse(undefined))));
  const f = CROSTON.forecast(fit, 12, [80, 95]);
  for (let h = 1; h < 12; h++) assert.ok(f.upper[1][h] > f.upper[1][h - 1]);
  for (const lower of f.lower) for (const v of lower) assert.ok(v >= 0);
  assert.ok(f.upper[1][0] > f.upper[0][0]);
});

test('croston rejects bad input and options', () => {
  assert.throws(() => fitCroston(Float64Array.of(1, -2, 0), CROSTON.parse(undefined)), /y\[1\] is -2/);
  assert.throws(() => fitCroston(Float64Array.of(1), CROSTON.parse(undefined)), /at least 2/);
  assert.throws(() => CROSTON.parse('optimal'), /unknown option/);
  assert.throws(() => CROSTON.parse('sba,2'), /not a number in \(0, 1\]/);
  assert.equal(
    (fitCroston(Float64Array.of(0, 0, 0), CROSTON.parse(undefined)).state as { forecast: number }).forecast,
    0,
  );
});
