import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLevels, parsePositiveInt, rawArgument, readOptions } from './options.js';

test('parsePositiveInt takes decimal digits only, up to its limit', () => {
  assert.equal(parsePositiveInt('8', '--horizon'), 8);
  assert.throws(() => parsePositiveInt(undefined, '--horizon'), /--horizon is required/);
  for (const bad of ['0', '-1', '2.5', '1e3', '0x10', 'abc', '9007199254740993']) assert.throws(() => parsePositiveInt(bad, '--horizon'), new RegExp(`"${bad}" is not a positive integer`));
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
  assert.deepEqual(parseLevels('0.8,0.95', '--level', (n) => notes.push(n)), [80, 95]);
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
