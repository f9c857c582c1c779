import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import { workerError } from './worker-pool.js';

test('an error from a worker keeps its code, file, line and value on the main thread', () => {
  const e = workerError({
    message: 'future.csv line 7: x "abc" is not a number',
    code: 'invalid_input',
    file: 'future.csv',
    line: 7,
    value: 'abc',
  });
  assert.ok(isForesightError(e, 'invalid_input'));
  assert.deepEqual(
    [e.message, e.file, e.line, e.value],
    ['future.csv line 7: x "abc" is not a number', 'future.csv', 7, 'abc'],
  );
  const plain = workerError({ message: 'boom' });
  assert.ok(isForesightError(plain, 'internal'));
  assert.equal(plain.file, undefined);
});
