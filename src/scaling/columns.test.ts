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

test('runsFromRows refuses magnitudes no training run has (they overflowed the fits), naming file, line and value', () => {
  const one = (header: string[], row: string[]) => () => runsFromRows(header, [row], [7], {}, 'runs.csv');
  // 1e300 parameters and tokens: C = 6ND was Infinity ("leaveOneGroupOut: 1 group; need at least 2")
  assert.throws(
    one(['N', 'D', 'loss'], ['1e300', '2e300', '2.5']),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      e.message ===
        'runs.csv line 7: N "1e300" is outside the range a training run can have (at least 1, at most 1e+100)',
  );
  assert.throws(one(['N', 'D', 'loss'], ['1e60', '1e60', '2.5']), /line 7: compute 6ND = 6e\+120 is outside the range/);
  // a loss of 1e300 made the compute forms' least squares infinite ("lbfgs: objective ... not finite", exit 2)
  assert.throws(one(['N', 'D', 'loss'], ['1e9', '2e10', '1e300']), /line 7: loss "1e300" is outside the range/);
  // fewer than one parameter: no start of the grid reached an optimum
  assert.throws(one(['N', 'C', 'loss'], ['1e-292', '6e19', '2.5']), /line 7: N "1e-292" is outside the range/);
  assert.equal(runsFromRows(['N', 'C', 'loss'], [['1', '6', '1e-3']], [2], {}, 'runs.csv').tokens[0], 1);
});
