import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lbfgs, lbfgsBounded, toBounded, fromBounded, type ObjectiveWithGradient } from './lbfgs.js';
import { isForesightError } from '../errors.js';

/** Tolerance on optimum locations reached to the default gradient tolerance. */
const X_TOL = 1e-4;

/** Extended Rosenbrock (Moré, Garbow & Hillstrom 1981, problem 21): minimum 0 at (1, ..., 1). */
const rosenbrock: ObjectiveWithGradient = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i += 2) {
    const t1 = 10 * (x[i + 1] - x[i] * x[i]);
    const t2 = 1 - x[i];
    f += t1 * t1 + t2 * t2;
    g[i] += -40 * x[i] * t1 - 2 * t2;
    g[i + 1] += 20 * t1;
  }
  return f;
};

test('lbfgs reaches the Rosenbrock minimum from the standard start (-1.2, 1)', () => {
  const r = lbfgs(rosenbrock, Float64Array.of(-1.2, 1));
  assert.equal(r.converged, true);
  assert.ok(Math.abs(r.x[0] - 1) < X_TOL && Math.abs(r.x[1] - 1) < X_TOL, `x = ${r.x}`);
  assert.ok(r.value < 1e-9);
  // scipy's L-BFGS-B needs 35-40 iterations here; a broken line search or update would need hundreds
  assert.ok(r.iterations < 80, `iterations ${r.iterations}`);
});

test('lbfgs solves the 20-dimensional extended Rosenbrock function', () => {
  const x0 = new Float64Array(20);
  for (let i = 0; i < 20; i += 2) {
    x0[i] = -1.2;
    x0[i + 1] = 1;
  }
  const r = lbfgs(rosenbrock, x0);
  assert.equal(r.converged, true);
  for (const v of r.x) assert.ok(Math.abs(v - 1) < X_TOL, `x = ${r.x}`);
});

test('lbfgs minimizes an ill-conditioned quadratic (condition number 1e4) exactly', () => {
  const n = 30;
  const scale = Float64Array.from({ length: n }, (_, i) => 10 ** ((4 * i) / (n - 1)));
  const target = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
  const f: ObjectiveWithGradient = (x, g) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const d = x[i] - target[i];
      v += 0.5 * scale[i] * d * d;
      g[i] = scale[i] * d;
    }
    return v;
  };
  const r = lbfgs(f, new Float64Array(n), { gradientTolerance: 1e-8, functionTolerance: 0 });
  assert.equal(r.stop, 'gradient');
  for (let i = 0; i < n; i++) assert.ok(Math.abs(r.x[i] - target[i]) < 1e-6, `x[${i}] = ${r.x[i]}`);
});

test('lbfgs shortens steps that land where the objective is not finite', () => {
  // f = x - log(x) is +Infinity/NaN for x <= 0; minimum at x = 1. The first step from x = 5 overshoots below 0.
  const f: ObjectiveWithGradient = (x, g) => {
    g[0] = 1 - 1 / x[0];
    return x[0] <= 0 ? NaN : x[0] - Math.log(x[0]);
  };
  const r = lbfgs(f, Float64Array.of(5));
  assert.ok(Math.abs(r.x[0] - 1) < X_TOL, `x = ${r.x[0]}`);
});

test('lbfgs rejects an empty start or a non-finite objective at the start', () => {
  assert.throws(
    () => lbfgs(rosenbrock, new Float64Array(0)),
    (e) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(
    () =>
      lbfgs((x, g) => {
        g[0] = 0;
        return Math.log(x[0]);
      }, Float64Array.of(-1)),
    (e) => isForesightError(e, 'invalid_argument') && /not finite/.test(e.message),
  );
});

test('toBounded and fromBounded are inverse maps with the right Jacobian', () => {
  const bounds = { lower: [0, -Infinity, 1, -Infinity], upper: [2, 3, Infinity, Infinity] };
  const x = Float64Array.of(0.3, 2.5, 7, -4);
  const z = fromBounded(x, bounds);
  const back = new Float64Array(4),
    jac = new Float64Array(4);
  toBounded(z, bounds, back, jac);
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(back[i] - x[i]) < 1e-12);
  const h = 1e-6,
    plus = new Float64Array(4),
    minus = new Float64Array(4),
    tmp = new Float64Array(4);
  for (let i = 0; i < 4; i++) {
    const zp = Float64Array.from(z),
      zm = Float64Array.from(z);
    zp[i] += h;
    zm[i] -= h;
    toBounded(zp, bounds, plus, tmp);
    toBounded(zm, bounds, minus, tmp);
    assert.ok(Math.abs((plus[i] - minus[i]) / (2 * h) - jac[i]) < 1e-6 * Math.max(1, Math.abs(jac[i])));
  }
  assert.throws(() => fromBounded(Float64Array.of(2, 0, 2, 0), bounds), /x\[0\] = 2 is not strictly inside/);
});

test('lbfgsBounded stops at an active bound and finds interior optima', () => {
  // minimum of (x0 - 5)^2 + (x1 + 1)^2 on [0, 1] x [-3, 3] is (1, -1)
  const f: ObjectiveWithGradient = (x, g) => {
    g[0] = 2 * (x[0] - 5);
    g[1] = 2 * (x[1] + 1);
    return (x[0] - 5) ** 2 + (x[1] + 1) ** 2;
  };
  const r = lbfgsBounded(f, Float64Array.of(0.5, 0), { lower: [0, -3], upper: [1, 3] });
  assert.ok(r.x[0] <= 1 && r.x[0] > 1 - 1e-3, `x0 = ${r.x[0]}`);
  assert.ok(Math.abs(r.x[1] + 1) < X_TOL, `x1 = ${r.x[1]}`);
  assert.ok(Math.abs(r.gradient[0] - -8) < 0.01, 'gradient is reported in original coordinates');
});

test('lbfgsBounded matches R optim(method = "L-BFGS-B") on the 25-dimensional box-constrained example of ?optim', async () => {
  const { readFileSync } = await import('node:fs');
  // test/fixtures/scaling/lbfgs-flb.R produced the reference
  const ref = JSON.parse(
    readFileSync(new URL('../../../test/fixtures/scaling/lbfgs-flb.json', import.meta.url), 'utf8'),
  ) as { value: number; par: number[] };
  const p = 25;
  const flb: ObjectiveWithGradient = (x, g) => {
    let v = 0;
    g.fill(0);
    for (let i = 0; i < p; i++) {
      const w = i === 0 ? 1 : 4;
      const d = x[i] - (i === 0 ? 1 : x[i - 1] ** 2);
      v += w * d * d;
      g[i] += 2 * w * d;
      if (i > 0) g[i - 1] -= 4 * w * d * x[i - 1];
    }
    return v;
  };
  const r = lbfgsBounded(
    flb,
    new Float64Array(p).fill(3),
    { lower: new Array(p).fill(2), upper: new Array(p).fill(4) },
    { gradientTolerance: 1e-10 },
  );
  /** Bounds by transformation approach an active bound without reaching it: agreement to ~1e-8 relative. */
  const VALUE_TOL = 1e-7;
  assert.ok(Math.abs(r.value / ref.value - 1) < VALUE_TOL, `value ${r.value} vs R ${ref.value}`);
  for (let i = 0; i < p; i++) assert.ok(Math.abs(r.x[i] - ref.par[i]) < 1e-4, `x[${i}] = ${r.x[i]} vs R ${ref.par[i]}`);
});
