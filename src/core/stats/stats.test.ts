import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acf } from './acf.js';
import { isSeasonal } from './seasonality-test.js';
import { classicalDecomposition } from './decompose.js';
import { normalCdf, normalQuantile, erfc } from './normal.js';
import { isForesightError } from '../errors.js';

test('acf matches R acf() on a short series', () => {
  // R 4.x: acf(c(1, 3, 2, 5, 4, 6), lag.max = 2, plot = FALSE)$acf[-1] = 0.1, 0.342857142857143
  const r = acf(Float64Array.of(1, 3, 2, 5, 4, 6), 2);
  assert.ok(Math.abs(r[0] - 0.1) < 1e-12);
  assert.ok(Math.abs(r[1] - 0.342857142857143) < 1e-12);
});

test('acf of a constant series is NaN and the series is not seasonal', () => {
  assert.ok(Number.isNaN(acf(new Float64Array(10).fill(2), 1)[0]));
  assert.equal(isSeasonal(new Float64Array(40).fill(2), 4), false);
});

test('seasonality test: seasonal pattern yes, white-ish noise and short series no', () => {
  const seasonal = Float64Array.from({ length: 48 }, (_, t) => [1, 5, 2, 8][t % 4] + 0.01 * t);
  assert.equal(isSeasonal(seasonal, 4), true);
  assert.equal(isSeasonal(seasonal.subarray(0, 11), 4), false); // n < 3m
  const trend = Float64Array.from({ length: 48 }, (_, t) => t);
  assert.equal(isSeasonal(trend, 1), false);
});

test('classical decomposition reproduces R decompose() on a multiplicative example', () => {
  // y = (10 + t) * figure[t % 4]: the centred 2x4 MA of a linear trend is exact away from the ends
  const f = [0.8, 1.2, 0.9, 1.1];
  const y = Float64Array.from({ length: 16 }, (_, t) => (10 + t) * f[t % 4]);
  const d = classicalDecomposition(y, 4, 'multiplicative');
  assert.ok(Number.isNaN(d.trend[0]) && Number.isNaN(d.trend[1]) && Number.isNaN(d.trend[14]));
  // R: decompose(ts((10 + 0:15) * c(0.8, 1.2, 0.9, 1.1), frequency = 4), 'multiplicative')$figure
  const rFigure = [0.79877595088564, 1.19826025203904, 0.90138530931514, 1.10157848776018];
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(d.figure[i] - rFigure[i]) < 1e-13, `figure ${i}`);
  const mean = d.figure.reduce((a, b) => a + b, 0) / 4;
  assert.ok(Math.abs(mean - 1) < 1e-12);
  assert.throws(() => classicalDecomposition(y.subarray(0, 7), 4, 'multiplicative'), /2 full seasons/);
});

test('normal distribution functions agree with R to 1e-13 relative', () => {
  // R: qnorm(c(0.975, 0.9)), pnorm(-3), 2 * pnorm(-4 * sqrt(2)) printed with 17 digits
  assert.ok(Math.abs(normalQuantile(0.975) - 1.9599639845400536) < 1e-13);
  assert.ok(Math.abs(normalQuantile(0.9) - 1.2815515655446008) < 1e-13);
  assert.ok(Math.abs(normalQuantile(0.025) + 1.9599639845400536) < 1e-13);
  assert.ok(Math.abs(normalCdf(-3) - 0.0013498980316300946) < 1e-16);
  assert.ok(Math.abs(erfc(4) - 1.5417257900279984e-8) < 1e-20);
  assert.throws(
    () => normalQuantile(1.5),
    (e) => isForesightError(e, 'invalid_argument') && /p = 1.5/.test(e.message),
  );
});

test('Student t quantiles agree with R qt() within the documented error', async () => {
  const { studentTQuantile } = await import('./student-t.js');
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  // R: qt(c(0.9, 0.975, 0.995), 3), qt(c(0.9, 0.975, 0.995), 5), qt(c(0.9, 0.975), 68), qt(0.975, 1), qt(0.975, 2)
  assert.ok(rel(studentTQuantile(0.975, 1), 12.706204736174694) < 1e-12);
  assert.ok(rel(studentTQuantile(0.975, 2), 4.3026527297494619) < 1e-12);
  for (const [p, q] of [
    [0.9, 1.6377443536962091],
    [0.975, 3.1824463052837078],
    [0.995, 5.8409093097333544],
  ])
    assert.ok(rel(studentTQuantile(p, 3), q) < 1e-2);
  for (const [p, q] of [
    [0.9, 1.4758840488244804],
    [0.975, 2.5705818356363137],
    [0.995, 4.0321429835552287],
  ])
    assert.ok(rel(studentTQuantile(p, 5), q) < 2e-3);
  assert.ok(rel(studentTQuantile(0.9, 68), 1.2941256287999663) < 1e-7);
  assert.ok(rel(studentTQuantile(0.975, 68), 1.9954689314298435) < 1e-7);
  assert.ok(Math.abs(studentTQuantile(0.025, 68) + 1.9954689314298435) < 1e-6);
});

test('logGamma agrees with R lgamma()', async () => {
  const { logGamma } = await import('./gamma.js');
  // R: lgamma(c(0.5, 2.5, 10, 0.1, 171.5))
  const cases: [number, number][] = [
    [0.5, 0.5723649429247001],
    [2.5, 0.2846828704729192],
    [10, 12.801827480081469],
    [0.1, 2.252712651734206],
    [171.5, 709.1431630309283],
  ];
  for (const [x, v] of cases) assert.ok(Math.abs(logGamma(x) - v) < 1e-12 * Math.max(1, Math.abs(v)), `lgamma(${x})`);
});
