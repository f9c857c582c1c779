import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, summarize, resampleIndices } from './bootstrap.js';
import { quantileSorted } from '../core/stats/summary.js';
import { createRng } from '../core/random.js';

test('quantileSorted is R type 7', () => {
  // R: quantile(c(1, 2, 3, 4, 10), c(0.1, 0.5, 0.9)) = 1.4, 3.0, 7.6
  const v = Float64Array.of(1, 2, 3, 4, 10);
  assert.ok(Math.abs(quantileSorted(v, 0.1) - 1.4) < 1e-12);
  assert.equal(quantileSorted(v, 0.5), 3);
  assert.ok(Math.abs(quantileSorted(v, 0.9) - 7.6) < 1e-12);
});

test('summarize gives the replicate SD and percentile bounds, dropping non-finite replicates', () => {
  const s = summarize(2, [3, 1, NaN, 2], 50);
  assert.deepEqual(s, { estimate: 2, se: 1, lower: 1.5, upper: 2.5, level: 50 });
  assert.throws(() => summarize(1, [1], 100), /strictly between 0 and 100/);
});

test('bootstrap of the mean has SE close to s/sqrt(n) and records failed resamples', () => {
  const rng = createRng(7);
  const n = 50;
  const x = Float64Array.from({ length: n }, () => rng.normal());
  let m = 0;
  for (const v of x) m += v;
  m /= n;
  let ss = 0;
  for (const v of x) ss += (v - m) ** 2;
  const analytic = Math.sqrt(ss / (n - 1) / n);
  const r = bootstrap(n, 2000, createRng(1), (idx) => {
    let s = 0;
    for (const i of idx) s += x[i];
    return s / n;
  });
  const se = summarize(m, r.samples).se;
  // Monte Carlo error of a 2000-replicate SE is about 1.6 %; the bootstrap SE is also biased by sqrt((n-1)/n)
  assert.ok(Math.abs(se / analytic - 1) < 0.06, `bootstrap se ${se} vs ${analytic}`);
  let k = 0;
  const f = bootstrap(5, 4, createRng(1), () => {
    if (k++ === 1) throw new Error('degenerate');
    return 1;
  });
  assert.equal(f.samples.length, 3);
  assert.deepEqual(f.failures, ['resample 2: degenerate']);
});

test('resampleIndices is reproducible from the seed', () => {
  assert.deepEqual(Array.from(resampleIndices(10, createRng(3))), Array.from(resampleIndices(10, createRng(3))));
  assert.ok(resampleIndices(1000, createRng(3)).every((i) => i >= 0 && i < 1000));
});
