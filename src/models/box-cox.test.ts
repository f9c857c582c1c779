import { test } from 'node:test';
import assert from 'node:assert/strict';
import { biasAdjusted, boxCox, guerreroLambda, invBoxCox } from './box-cox.js';
import { brentMinimize } from '../core/optimize/brent.js';
import { readFileSync } from 'node:fs';

// reference values from R's forecast package (test/fixtures/transform/make-fixtures.R)
const REF = JSON.parse(
  readFileSync(new URL('../../test/fixtures/transform/reference.json', import.meta.url), 'utf8'),
) as {
  airPassengers: number[];
  wwwUsage: number[];
  quarterly: number[];
  lambda: { airPassengers: number; wwwUsage: number; quarterly: number };
};

test("Guerrero's lambda equals R's BoxCox.lambda", () => {
  assert.ok(Math.abs(guerreroLambda(REF.airPassengers, 12) - REF.lambda.airPassengers) < 1e-6);
  assert.ok(Math.abs(guerreroLambda(REF.wwwUsage, 1) - REF.lambda.wwwUsage) < 1e-6);
  assert.ok(Math.abs(guerreroLambda(REF.quarterly, 4) - REF.lambda.quarterly) < 1e-6);
});

test("Guerrero's lambda refuses what it cannot use, naming the value", () => {
  assert.throws(() => guerreroLambda([1, 2, 0, 4], 1), /observation 3 is 0/);
  assert.throws(() => guerreroLambda([1, 2, 3], 12), /two blocks of 12/);
});

test('Box-Cox and its inverse are inverse, with the log at lambda 0', () => {
  for (const lambda of [-0.8, -0.3, 0, 0.4, 1, 1.7])
    for (const y of [0.5, 3, 120])
      assert.ok(Math.abs(invBoxCox(boxCox(y, lambda), lambda) - y) < 1e-9 * y, `${lambda} ${y}`);
  assert.equal(boxCox(Math.E, 0), 1);
  assert.ok(Number.isNaN(boxCox(-1, 0)));
  // beyond -1/lambda the transformed scale has no preimage: the bound is unbounded
  assert.equal(invBoxCox(3, -0.5), Infinity);
  // the bias adjustment turns the log-normal median into its mean to first order
  assert.ok(Math.abs(biasAdjusted(0, 0.04, 0) - 1.02) < 1e-12);
});

test("Brent's minimizer finds an interior minimum and an end point minimum", () => {
  const inner = brentMinimize((x) => (x - 0.3) ** 2 + 1, -1, 2);
  assert.ok(Math.abs(inner.x - 0.3) < 1e-4 && Math.abs(inner.value - 1) < 1e-8);
  const edge = brentMinimize((x) => x, -1, 2);
  assert.ok(edge.x < -1 + 1e-3);
  assert.ok(inner.evaluations < 30);
});
