import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkOutputs,
  parseLevel,
  parseLevels,
  parseNumber,
  parsePositiveInt,
  rawArgument,
  readOptions,
  required,
} from './options.js';

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

test('parsePositiveInt takes decimal digits only, up to its limit', () => {
  assert.equal(parsePositiveInt('8', '--horizon'), 8);
  assert.throws(() => parsePositiveInt(undefined, '--horizon'), /--horizon is required/);
  for (const bad of ['0', '-1', '2.5', '1e3', '0x10', 'abc', '9007199254740993'])
    assert.throws(() => parsePositiveInt(bad, '--horizon'), new RegExp(`"${bad}" is not a positive integer`));
  assert.throws(() => parsePositiveInt('11', '--horizon', 10), /--horizon 11 is above the limit of 10/);
});

test('rawArgument recovers the text the argument parser turned into a number', () => {
  assert.equal(rawArgument('--horizon', ['node', 'main', '--horizon', '0x10']), '0x10');
  assert.equal(rawArgument('--horizon', ['--horizon=1e9']), '1e9');
  assert.equal(rawArgument('--horizon', ['--level', '5']), undefined);
});

test('parseLevels reads percentages, or fractions with a note, and refuses a mix', () => {
  assert.deepEqual(parseLevels('80,95'), [80, 95]);
  const notes: string[] = [];
  assert.deepEqual(
    parseLevels('0.8,0.95', '--level', (n) => notes.push(n)),
    [80, 95],
  );
  assert.deepEqual(notes, ['--level 0.8,0.95 read as fractions: 80, 95% intervals']);
  assert.throws(() => parseLevels('0.8,95'), /mixes fractions and percentages/);
  assert.throws(() => parseLevels('150'), /not a percentage/);
  assert.throws(() => parseLevels('0x50'), /not a percentage/);
});

test('readOptions names delimiters and date orders', () => {
  const o = readOptions({ delimiter: 'tab', dateFormat: 'DD/MM/YYYY', encoding: 'ISO-8859-1' });
  assert.deepEqual([o.delimiter, o.dateFormat, o.encoding], ['\t', 'DMY', 'latin1']);
  assert.throws(() => readOptions({ delimiter: '::' }), /--delimiter "::" is not one character/);
  assert.throws(() => readOptions({ encoding: 'ebcdic' }), /--encoding "ebcdic" is not utf8 or latin1/);
});

test('a single-valued flag given twice is refused, not joined into "a.csv,b.csv"', () => {
  assert.throws(
    () => required(['a.csv', 'b.csv'], '--input'),
    /^ForesightError: --input is given 2 times \(a\.csv, b\.csv\); give it once$/,
  );
  assert.throws(() => parsePositiveInt([2, 3], '--horizon'), /--horizon is given 2 times \(2, 3\)/);
  assert.throws(() => parseNumber([1, 2], '--unit'), /--unit is given 2 times/);
  assert.throws(() => readOptions({ id: ['a', 'b'] }), /--id is given 2 times/);
  // a list flag given twice is still one list
  assert.deepEqual(parseLevels(['80', '95']), [80, 95]);
});

test('checkOutputs: an output naming an input or another output is refused; distinct files pass', () => {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-outputs-'));
  const input = join(dir, 'in.csv');
  writeFileSync(input, 'x');
  checkOutputs({ '--input': input }, { '--output': join(dir, 'out.csv'), '--report': join(dir, 'r.json') });
  checkOutputs({ '--input': '-' }, { '--output': '-' });
  assert.throws(
    () => checkOutputs({ '--input': input }, { '--output': join(dir, '.', 'in.csv') }),
    /--output ".*in\.csv" is the same file as --input ".*in\.csv"; it would be overwritten/,
  );
  assert.throws(
    () =>
      checkOutputs({ '--input': input, '--scenario': ['x.csv', input] }, { '--output': undefined, '--report': input }),
    /--report ".*" is the same file as --input/,
  );
  assert.throws(
    () => checkOutputs({}, { '--output': join(dir, 'o.csv'), '--report': join(dir, 'o.csv') }),
    /one would overwrite the other/,
  );
});
