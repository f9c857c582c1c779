import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRng } from '../../core/random.js';
import { resolveModel } from '../registry.js';
import { MSTL, parseMstlOption } from './mstl.js';

interface MstlForecastCase {
  y: number[];
  seasonLengths: number[];
  etsMethod: string;
  mean: number[];
  lower95: number[];
  upper95: number[];
}
const H1: MstlForecastCase = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/theta/mstl.json', import.meta.url), 'utf8'),
);
/** Same decomposition and the same ETS(A,Ad,N) fit as R; R's values are stored to 10 significant digits. */
const R_TOLERANCE = 1e-7;

test('mstl:24,168 matches R forecast(mstl(msts(y, c(24, 168)))) on M4 hourly H1 (ETS(A,Ad,N) on the adjusted series)', () => {
  const fit = MSTL.fit(
    { y: Float64Array.from(H1.y), seasonLength: 24, seasonLengths: [24, 168] },
    MSTL.parse(undefined),
  );
  assert.equal(fit.model, 'mstl:24,168');
  assert.equal(fit.details!.trendModel, 'ets:AAdN');
  assert.match(H1.etsMethod, /ETS\(A,Ad,N\)/);
  const f = MSTL.forecast(JSON.parse(JSON.stringify(fit)), 48, [80, 95]);
  for (let h = 0; h < 48; h++) {
    const scale = Math.abs(H1.mean[h]);
    assert.ok(Math.abs(f.mean[h] - H1.mean[h]) < R_TOLERANCE * scale, `mean[${h}] ${f.mean[h]} vs R ${H1.mean[h]}`);
    assert.ok(Math.abs(f.lower[1][h] - H1.lower95[h]) < R_TOLERANCE * scale, `lower95[${h}]`);
    assert.ok(Math.abs(f.upper[1][h] - H1.upper95[h]) < R_TOLERANCE * scale, `upper95[${h}]`);
  }
});

test('mstl option parsing: season lengths and trend model', () => {
  assert.deepEqual(parseMstlOption(undefined), { seasonLengths: null, trendModel: 'ets:ZZN' });
  assert.deepEqual(parseMstlOption('24,168'), { seasonLengths: [24, 168], trendModel: 'ets:ZZN' });
  assert.deepEqual(parseMstlOption('24,168,trend=theta:dotm'), { seasonLengths: [24, 168], trendModel: 'theta:dotm' });
  assert.deepEqual(parseMstlOption('trend=naive'), { seasonLengths: null, trendModel: 'naive' });
  assert.throws(() => parseMstlOption('24,x'), /season length "x"/);
  assert.throws(() => parseMstlOption('24,trend=prophet'), /trend model "prophet" is not available/);
  assert.deepEqual(resolveModel('mstl:24,168').spec, { seasonLengths: [24, 168], trendModel: 'ets:ZZN' });
});

test('mstl takes season lengths from the series, carries the seasons forward and simulates', () => {
  const y = Float64Array.from(
    { length: 24 * 21 },
    (_, t) =>
      50 + 0.05 * t + 8 * Math.sin((2 * Math.PI * t) / 24) + 3 * Math.cos((2 * Math.PI * t) / 168) + Math.sin(t * 1.3),
  );
  const fit = MSTL.fit({ y, seasonLength: 24, seasonLengths: [24, 168] }, MSTL.parse('trend=theta:stm'));
  assert.equal(fit.model, 'mstl:24,168');
  const f = MSTL.forecast(fit, 48, [95]);
  // the forecast repeats the daily shape: peak near hour 6 of each day, trough near hour 18
  const n = y.length;
  assert.ok(f.mean[(30 - (n % 24) + 24) % 24] > f.mean[(42 - (n % 24) + 24) % 24]);
  for (let h = 1; h < 48; h++) assert.ok(f.upper[0][h] - f.lower[0][h] >= f.upper[0][h - 1] - f.lower[0][h - 1] - 1e-9);
  const paths = MSTL.simulate!(fit, 48, 200, createRng(3));
  let mean = 0;
  for (const p of paths) mean += p[10] / paths.length;
  assert.ok(Math.abs(mean - f.mean[10]) < 0.5 * (f.upper[0][10] - f.mean[10]));
});

test('the trend model is any single family by registry name (arima included); others are refused by name', async () => {
  const { parseMstlOption: parse } = await import('./mstl.js');
  const { isForesightError } = await import('../../core/errors.js');
  assert.deepEqual(parse('4,trend=arima:0,1,1'), { seasonLengths: [4], trendModel: 'arima:0,1,1' });
  assert.throws(
    () => parse('4,trend=mstl'),
    (e) =>
      isForesightError(e, 'invalid_argument') &&
      /^mstl: trend model "mstl" is not available; known models: naive, /.test(e.message),
  );
});

test('the fitted name is a registry name, with or without seasons (seventh hostile sweep)', () => {
  const y = Float64Array.from({ length: 20 }, (_, t) => 10 + (t % 3));
  // m = 1: no season to decompose; the form column said 'mstl:'
  const plain = MSTL.fit({ y, seasonLength: 1 }, MSTL.parse(undefined));
  assert.equal(plain.model, 'mstl');
  assert.equal(resolveModel(plain.model).definition, MSTL);
  assert.equal(MSTL.fit({ y, seasonLength: 4 }, MSTL.parse(undefined)).model, 'mstl:4');
});
