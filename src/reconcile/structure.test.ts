import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForesightError } from '../core/errors.js';
import {
  buildHierarchy,
  coherenceError,
  formatHierarchySpec,
  inferHierarchySpec,
  parseHierarchySpec,
  structureFromParents,
  summingMultiply,
} from './structure.js';

const KEYS = ['state', 'region', 'purpose'];
const BOTTOMS = [
  ['A', 'a1', 'x'],
  ['A', 'a1', 'y'],
  ['A', 'a2', 'x'],
  ['A', 'a2', 'y'],
  ['B', 'b1', 'x'],
  ['B', 'b1', 'y'],
];

test('a nested chain crossed with a grouping gives every combination of levels (fable (state/region)*purpose)', () => {
  const h = buildHierarchy(KEYS, BOTTOMS, parseHierarchySpec('(state/region)*purpose'));
  assert.deepEqual(
    h.levels.map((l) => l.name),
    ['total', 'state', 'purpose', 'state/region', 'state * purpose', 'state/region * purpose'],
  );
  assert.deepEqual(h.ids, [
    'total',
    'A',
    'B',
    'x',
    'y',
    'A/a1',
    'A/a2',
    'B/b1',
    'A/x',
    'A/y',
    'B/x',
    'B/y',
    'A/a1/x',
    'A/a1/y',
    'A/a2/x',
    'A/a2/y',
    'B/b1/x',
    'B/b1/y',
  ]);
  assert.equal(h.aggregateCount, 12);
  assert.equal(h.bottomCount, 6);
  assert.equal(h.parent, null, 'crossed groupings are not a tree');
  // bottom A/a2/y adds into total, A, y, A/a2, A/y
  const j = 3;
  assert.deepEqual(
    Array.from(h.aggregatesIndex.subarray(h.aggregatesStart[j], h.aggregatesStart[j + 1])).map((i) => h.ids[i]),
    ['total', 'A', 'y', 'A/a2', 'A/y'],
  );
  // aggregate y has the three y bottoms
  const y = h.ids.indexOf('y');
  assert.deepEqual(Array.from(h.bottomsIndex.subarray(h.bottomsStart[y], h.bottomsStart[y + 1])), [1, 3, 5]);
});

test('summing matrix product and coherence error', () => {
  const h = buildHierarchy(
    ['state', 'region'],
    [
      ['A', 'a1'],
      ['A', 'a2'],
      ['B', 'b1'],
    ],
    [['state', 'region']],
  );
  assert.deepEqual(h.ids, ['total', 'A', 'B', 'A/a1', 'A/a2', 'B/b1']);
  assert.deepEqual(Array.from(h.parent!), [-1, 0, 0, 1, 1, 2]);
  // two columns: bottoms (1, 10), (2, 20), (3, 30)
  const all = summingMultiply(h, Float64Array.of(1, 10, 2, 20, 3, 30), 2);
  assert.deepEqual(Array.from(all), [6, 60, 3, 30, 3, 30, 1, 10, 2, 20, 3, 30]);
  assert.equal(coherenceError(h, all, 2), 0);
  all[2] = 4.5; // A off by 1.5
  assert.equal(coherenceError(h, all, 2), 1.5);
});

test('the spec is inferred from functional dependence of the keys', () => {
  assert.deepEqual(inferHierarchySpec(KEYS, BOTTOMS), [['state', 'region'], ['purpose']]);
  assert.equal(formatHierarchySpec(inferHierarchySpec(KEYS, BOTTOMS)), 'state/region * purpose');
  // two unrelated groupings stay crossed
  assert.deepEqual(
    inferHierarchySpec(
      ['g', 'k'],
      [
        ['1', 'x'],
        ['1', 'y'],
        ['2', 'x'],
        ['2', 'y'],
      ],
    ),
    [['g'], ['k']],
  );
});

test('bad specs and keys are errors naming the key, file and line', () => {
  assert.throws(
    () => parseHierarchySpec('state/region/state'),
    (e) => isForesightError(e, 'invalid_argument') && /"state" appears twice.*cycle/.test(e.message),
  );
  assert.throws(() => parseHierarchySpec('state * '), /empty grouping/);
  assert.throws(() => buildHierarchy(KEYS, BOTTOMS, [['state', 'region']]), /leaves out key column purpose/);
  assert.throws(() => buildHierarchy(KEYS, BOTTOMS, [['state', 'city'], ['purpose']]), /"city" is not a key column/);
  const origins = BOTTOMS.map((_, j) => ({ file: 'f.csv', line: 10 + j }));
  const missing = BOTTOMS.map((b) => [...b]);
  missing[2][1] = '';
  assert.throws(
    () => buildHierarchy(KEYS, missing, undefined, origins),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      e.line === 12 &&
      /f\.csv line 12: key "region" is missing/.test(e.message),
  );
  const twice = [...BOTTOMS, ['A', 'a1', 'x']];
  assert.throws(
    () => buildHierarchy(KEYS, twice, undefined, [...origins, { file: 'f.csv', line: 99 }]),
    /f\.csv line 99: bottom series "A\/a1\/x" appears twice \(also bottom series 1, line 10\)/,
  );
});

test('parent links build a tree; leaves at any depth are the bottom series', () => {
  const h = structureFromParents([
    { child: 'AMZN', parent: 'capex' },
    { child: 'cloud', parent: 'capex' },
    { child: 'MSFT', parent: 'cloud' },
    { child: 'GOOGL', parent: 'cloud' },
  ]);
  assert.deepEqual(h.ids, ['capex', 'cloud', 'AMZN', 'MSFT', 'GOOGL']);
  assert.deepEqual(
    h.levels.map((l) => l.name),
    ['depth 0', 'depth 1', 'bottom'],
  );
  assert.deepEqual(Array.from(summingMultiply(h, Float64Array.of(1, 2, 4), 1)), [7, 6, 1, 2, 4]);
  assert.deepEqual(Array.from(h.parent!), [-1, 0, 0, 1, 1]);
});

test('cycles, two parents and several roots in parent links are errors naming the line', () => {
  assert.throws(
    () =>
      structureFromParents(
        [
          { child: 'a', parent: 'T', line: 2 },
          { child: 'b', parent: 'a', line: 3 },
          { child: 'T', parent: 'b', line: 4 },
        ],
        'p.csv',
      ),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      /p\.csv line \d: parent links form a cycle \(. -> . -> . -> .\)/.test(e.message),
  );
  assert.throws(
    () => structureFromParents([{ child: 'a', parent: 'a', line: 7 }], 'p.csv'),
    /p\.csv line 7: series "a" is its own parent/,
  );
  assert.throws(
    () =>
      structureFromParents(
        [
          { child: 'a', parent: 'T', line: 2 },
          { child: 'a', parent: 'U', line: 5 },
        ],
        'p.csv',
      ),
    /p\.csv line 5: series "a" has two parents, "T" \(line 2\) and "U"/,
  );
  assert.throws(
    () =>
      structureFromParents(
        [
          { child: 'a', parent: 'T' },
          { child: 'b', parent: 'U' },
        ],
        'p.csv',
      ),
    /2 roots/,
  );
});
