import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLayout } from './columns.js';

const layout = (header: string[], options = {}) => detectLayout(header, options, 'file', 'f.csv', 1);

test('detectLayout maps the common names and leaves the rest as regressors', () => {
  assert.deepEqual(layout(['unique_id', 'ds', 'y', 'price']), { kind: 'long', id: 0, time: 1, value: 2, exog: [3] });
  assert.deepEqual(layout(['Date', 'Ticker', 'Value']), { kind: 'long', id: 1, time: 0, value: 2, exog: [] });
  assert.deepEqual(layout(['date', 'value']), { kind: 'single', name: 'file', time: 0, value: 1, exog: [] });
  assert.deepEqual(layout(['month', 'passengers']), {
    kind: 'single',
    name: 'passengers',
    time: 0,
    value: 1,
    exog: [],
  });
  assert.deepEqual(layout(['', 'time', 'value']), { kind: 'single', name: 'file', time: 1, value: 2, exog: [] });
  assert.deepEqual(layout(['date', 'a', 'b']), { kind: 'wide', time: 0, series: [1, 2] });
  assert.deepEqual(layout(['when', 'a'], { wide: true }), { kind: 'wide', time: 0, series: [1] });
  assert.deepEqual(layout(['store', 'when', 'units', 'price'], { id: 'store', time: 'when', value: 'units' }), {
    kind: 'long',
    id: 0,
    time: 1,
    value: 2,
    exog: [3],
  });
});

test('detectLayout names what is missing and flags naming no column', () => {
  assert.throws(() => layout(['a', 'b']), /f\.csv line 1: header "a,b" lacks a time column/);
  assert.throws(() => layout(['id', 'date']), /lacks column y/);
  assert.throws(
    () => layout(['date', 'value'], { id: 'store' }),
    /--id "store" is not a column of f\.csv \(columns: date, value\)/,
  );
  assert.throws(() => layout(['date', ''], { wide: true }), /column 2 of a wide file has no name/);
});
