import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectToSimplex, simplexLeastSquares } from './simplex-least-squares.js';

test('projection onto the simplex', () => {
  assert.deepEqual(Array.from(projectToSimplex(Float64Array.of(0.6, 0.6))), [0.5, 0.5]);
  assert.deepEqual(Array.from(projectToSimplex(Float64Array.of(2, 0, -1))), [1, 0, 0]);
  const p = projectToSimplex(Float64Array.of(0.2, 0.3, 0.5));
  assert.ok(Math.abs(p[0] - 0.2) < 1e-15 && Math.abs(p[2] - 0.5) < 1e-15);
});

test('two members: the closed form of the variance-minimizing weight', () => {
  // uncorrelated errors with variances 1 and 4: w1 = 4 / (1 + 4) = 0.8
  const a = Float64Array.of(1, -1, 1, -1);
  const b = Float64Array.of(2, 2, -2, -2);
  const w = simplexLeastSquares([a, b]);
  assert.ok(Math.abs(w[0] - 0.8) < 1e-8 && Math.abs(w[1] - 0.2) < 1e-8, String(w));
});

test('a dominated member gets zero weight; a perfect member gets all of it', () => {
  const good = Float64Array.of(0.1, -0.1, 0.1);
  const bad = Float64Array.of(5, 6, 7);
  const w = simplexLeastSquares([good, bad]);
  assert.ok(w[1] < 1e-9 && Math.abs(w[0] - 1) < 1e-9);
  const perfect = simplexLeastSquares([Float64Array.of(1, 2), Float64Array.of(0, 0), Float64Array.of(3, 1)]);
  assert.ok(Math.abs(perfect[1] - 1) < 1e-6);
});

test('brute force agrees on a random three-member problem', () => {
  const e = [Float64Array.of(1, -2, 0.5, 3), Float64Array.of(-1, 1, 2, -0.5), Float64Array.of(0.3, 0.2, -1, 1)];
  const w = simplexLeastSquares(e, 5000, 1e-14);
  const loss = (v: number[]) =>
    [0, 1, 2, 3].reduce((s, t) => s + (v[0] * e[0][t] + v[1] * e[1][t] + v[2] * e[2][t]) ** 2, 0);
  let best = Infinity;
  for (let i = 0; i <= 200; i++)
    for (let j = 0; j <= 200 - i; j++) best = Math.min(best, loss([i / 200, j / 200, 1 - (i + j) / 200]));
  assert.ok(loss(Array.from(w)) <= best + 1e-9, `${loss(Array.from(w))} vs grid ${best}`);
});
