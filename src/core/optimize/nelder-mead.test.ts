import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nelderMead } from './nelder-mead.js';
import { isForesightError } from '../errors.js';

// References: R 4.x optim(method = "Nelder-Mead") with default control unless stated (printed with digits = 17).
// Same algorithm and same arithmetic order, so the paths agree to rounding: tolerance 1e-12.
const SAME_PATH = 1e-12;

const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;

test('Rosenbrock from (-1.2, 1) lands exactly where R optim does', () => {
  const r = nelderMead(rosenbrock, Float64Array.of(-1.2, 1));
  assert.ok(Math.abs(r.x[0] - 1.0002601387256695) < SAME_PATH);
  assert.ok(Math.abs(r.x[1] - 1.000505999303765) < SAME_PATH);
  assert.ok(Math.abs(r.value - 8.8252410967227472e-8) < 1e-18);
  assert.equal(r.evaluations, 195);
  assert.equal(r.converged, true);
});

test('four-dimensional quadratic with coupling, maxit 2000, matches R', () => {
  const c = [1, 2, 3, 4];
  const g = (x: Float64Array): number => {
    let s = x[0] * x[1];
    for (let i = 0; i < 4; i++) s += (x[i] - c[i]) ** 2;
    return s;
  };
  const r = nelderMead(g, new Float64Array(4), { maxEvaluations: 2000 });
  const expected = [0.00030200586204526329, 1.9995066069776324, 2.9999113497772276, 3.999667456679215];
  expected.forEach((v, i) => assert.ok(Math.abs(r.x[i] - v) < SAME_PATH, `x[${i}] = ${r.x[i]}`));
  assert.ok(Math.abs(r.value - 1.0000003040805523) < SAME_PATH);
  assert.equal(r.evaluations, 179);
});

test('evaluation budget exhausted: not converged, same point as R (maxit 50)', () => {
  const r = nelderMead(rosenbrock, Float64Array.of(-1.2, 1), { maxEvaluations: 50 });
  assert.equal(r.converged, false);
  assert.equal(r.evaluations, 51);
  assert.ok(Math.abs(r.x[0] + 0.71460362434386515) < SAME_PATH);
  assert.ok(Math.abs(r.x[1] - 0.47018069267272222) < SAME_PATH);
  assert.ok(Math.abs(r.value - 3.1037095813242419) < SAME_PATH);
});

test('infinite values (a barrier) are treated as 1e35, as R does', () => {
  const h = (x: Float64Array): number => (x[0] < 0 ? Infinity : (x[0] - 0.5) ** 2 + (x[1] - 0.2) ** 2);
  const r = nelderMead(h, Float64Array.of(2, 1));
  assert.ok(Math.abs(r.x[0] - 0.50013123166078088) < SAME_PATH);
  assert.ok(Math.abs(r.x[1] - 0.19990631401972669) < SAME_PATH);
  assert.equal(r.evaluations, 63);
});

test('does not modify x0 and rejects bad starts', () => {
  const x0 = Float64Array.of(-1.2, 1);
  nelderMead(rosenbrock, x0);
  assert.deepEqual([...x0], [-1.2, 1]);
  assert.throws(
    () => nelderMead(rosenbrock, new Float64Array(0)),
    (e) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(
    () => nelderMead(() => NaN, Float64Array.of(1)),
    (e) => isForesightError(e, 'invalid_argument'),
  );
});
