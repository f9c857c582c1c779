import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import { parseLevel, parseLevels, parseNumber } from './options.js';

const usage = (message: RegExp) => (e: unknown) =>
  isForesightError(e, 'invalid_argument') && message.test((e as Error).message);

test('parseNumber: values within the rule, the fallback when absent, a named error otherwise', () => {
  assert.equal(parseNumber('1e18', '--unit', { above: 0 }), 1e18);
  assert.equal(parseNumber(7, '--seed', { atLeast: 0, integer: true }), 7);
  assert.equal(parseNumber(undefined, '--bootstrap', { atLeast: 0, integer: true }, 200), 200);
  assert.equal(parseNumber(' 0.5 ', '--fraction', { above: 0, below: 1 }), 0.5);
  assert.throws(
    () => parseNumber('-5', '--bootstrap', { atLeast: 0, integer: true }),
    usage(/^--bootstrap "-5" is not a whole number at least 0$/),
  );
  assert.throws(
    () => parseNumber('1', '--fraction', { above: 0, below: 1 }),
    usage(/--fraction "1" is not a number above 0 below 1/),
  );
  assert.throws(() => parseNumber('abc', '--unit'), usage(/--unit "abc" is not a number/));
  assert.throws(() => parseNumber('Infinity', '--unit'), usage(/--unit "Infinity"/));
  assert.throws(() => parseNumber('', '--days', { above: 0 }), usage(/--days needs a number above 0/));
  assert.throws(() => parseNumber(true, '--days'), usage(/--days needs a number/));
});

test('parseLevel takes one level; parseLevels a list', () => {
  assert.equal(parseLevel('90', '--level', 95), 90);
  assert.equal(parseLevel(undefined, '--level', 95), 95);
  assert.throws(() => parseLevel('80,95', '--level', 95), usage(/gives 2 levels; this command takes one/));
  assert.deepEqual(parseLevels('80, 95'), [80, 95]);
  assert.throws(() => parseLevels('100'), usage(/--level "100" is not a percentage strictly between 0 and 100/));
});
