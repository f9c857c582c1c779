import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  arIsStationary,
  difference,
  differencingPolynomial,
  expandSeasonal,
  invPartrans,
  maInvert,
  minRootModulus,
  partrans,
  polyRoots,
} from './polynomial.js';

// Reference: R 4.x polyroot(c(1, -0.5, 0.3, 0.2)) = 0.7166768742891 ± 1.09128724417069i, -2.9333537485782.
test('polyRoots matches R polyroot', () => {
  const roots = polyRoots([1, -0.5, 0.3, 0.2]).sort((a, b) => a.re - b.re);
  assert.ok(Math.abs(roots[0].re - -2.9333537485782) < 1e-12 && Math.abs(roots[0].im) < 1e-12);
  assert.ok(Math.abs(roots[1].re - 0.7166768742891) < 1e-12);
  assert.ok(Math.abs(Math.abs(roots[1].im) - 1.09128724417069) < 1e-12);
});

test('stationarity and root moduli', () => {
  assert.equal(arIsStationary([0.5]), true);
  assert.equal(arIsStationary([1.2]), false);
  assert.equal(arIsStationary([0.5, 0.6]), false); // 1 - 0.5z - 0.6z^2 has a root inside
  assert.ok(Math.abs(minRootModulus([0.5], -1) - 2) < 1e-12);
  assert.equal(minRootModulus([0, 0], 1), Infinity);
});

test('maInvert reflects roots as R does', () => {
  assert.deepEqual(maInvert([2, 0]), [0.5, 0]);
  // R: stats:::arima's maInvert(c(-2.5, 1)) = c(-1, 0.25) (roots 0.5 and 2 become 2 and 2)
  const r = maInvert([-2.5, 1]);
  assert.ok(Math.abs(r[0] - -1) < 1e-10 && Math.abs(r[1] - 0.25) < 1e-10, `${r}`);
  assert.deepEqual(maInvert([0.3]), [0.3]);
});

test('partrans and its inverse round-trip, output is stationary', () => {
  const raw = [0.8, -1.5, 2.2];
  const phi = partrans(raw);
  assert.ok(arIsStationary(phi));
  const back = invPartrans(phi);
  raw.forEach((v, i) => assert.ok(Math.abs(back[i] - v) < 1e-10));
});

test('seasonal expansion and differencing', () => {
  assert.deepEqual(Array.from(expandSeasonal([0.5], [0.2], [], [], 4).phi), [0.5, 0, 0, 0.2, -0.1]);
  assert.deepEqual(Array.from(expandSeasonal([], [], [0.5], [0.2], 2).theta), [0.5, 0.2, 0.1]);
  assert.deepEqual(
    Array.from(differencingPolynomial(1, 1, 4), (v) => v + 0),
    [1, 0, 0, 1, -1],
  );
  assert.deepEqual(Array.from(difference(Float64Array.of(1, 4, 9, 16), 1, 0, 1)), [3, 5, 7]);
  assert.deepEqual(Array.from(difference(Float64Array.of(1, 4, 9, 16, 25), 0, 1, 2)), [8, 12, 16]);
});
