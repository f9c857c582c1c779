import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseColumnMapping, runsFromRows, selectRuns, dropFewestTokensPerParameter } from './columns.js';
import { isForesightError } from '../core/errors.js';

test('parseColumnMapping reads key=column pairs and rejects unknown keys', () => {
  assert.deepEqual(parseColumnMapping('parameters=Model Size, compute=Training FLOP,loss=loss'), {
    parameters: 'Model Size',
    compute: 'Training FLOP',
    loss: 'loss',
  });
  assert.throws(() => parseColumnMapping('params=N'), /unknown key "params"/);
  assert.throws(() => parseColumnMapping('loss'), /not of the form key=column/);
});

test('runsFromRows derives tokens from C = 6ND, or compute from N and D, using column aliases', () => {
  const a = runsFromRows(['N', 'C', 'loss'], [['1e9', '6e19', '2.5']], [2], {}, 'runs.csv');
  assert.equal(a.tokens[0], 1e10);
  const b = runsFromRows(['params', 'tokens', 'L'], [['2e9', '4e10', '2.1']], [2], {}, 'runs.csv');
  assert.equal(b.compute[0], 6 * 2e9 * 4e10);
  const c = runsFromRows(
    ['size', 'flop', 'y'],
    [['2e9', '4.8e20', '2.1']],
    [2],
    { parameters: 'size', compute: 'flop', loss: 'y' },
    'r.csv',
  );
  assert.equal(c.tokens[0], 4e10);
});

test('runsFromRows errors name file, line, column and value', () => {
  assert.throws(
    () =>
      runsFromRows(
        ['N', 'C', 'loss'],
        [
          ['1e9', '6e19', '2.5'],
          ['1e9', 'abc', '2.4'],
        ],
        [2, 3],
        {},
        'runs.csv',
      ),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      e.message === 'runs.csv line 3: C "abc" is not a positive number' &&
      e.line === 3,
  );
  assert.throws(() => runsFromRows(['N', 'loss'], [], [], {}, 'runs.csv'), /need two of parameters, tokens, compute/);
  assert.throws(() => runsFromRows(['N', 'C'], [], [], {}, 'runs.csv'), /no loss column/);
  assert.throws(
    () => runsFromRows(['N', 'C', 'loss'], [], [], { parameters: 'size' }, 'runs.csv'),
    /column "size" \(for parameters\) not found/,
  );
});

test('selectRuns resamples rows and dropFewestTokensPerParameter drops the lowest D/N', () => {
  const runs = runsFromRows(
    ['N', 'D', 'loss'],
    [
      ['1', '10', '3'],
      ['1', '1', '4'],
      ['1', '5', '2'],
    ],
    [2, 3, 4],
    {},
    'x.csv',
  );
  assert.deepEqual(Array.from(selectRuns(runs, [2, 2, 0]).loss), [2, 2, 3]);
  assert.deepEqual(dropFewestTokensPerParameter(runs, 1), [0, 2]);
});
