import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellText, detectDelimiter } from './sources.js';

test('detectDelimiter takes the most frequent separator outside quotes', () => {
  assert.equal(detectDelimiter('unique_id,ds,y'), ',');
  assert.equal(detectDelimiter('date;value'), ';');
  assert.equal(detectDelimiter('date\tvalue\tprice'), '\t');
  assert.equal(detectDelimiter('a|b'), '|');
  assert.equal(detectDelimiter('"a;b;c",d'), ',');
  assert.equal(detectDelimiter('value'), ',');
});

test('cellText writes workbook and Parquet cells as the CSV reader reads them', () => {
  assert.equal(cellText(new Date(Date.UTC(2024, 2, 31))), '2024-03-31');
  assert.equal(cellText(new Date(Date.UTC(2024, 2, 31, 10, 30))), '2024-03-31T10:30:00');
  assert.equal(cellText(12n), '12');
  assert.equal(cellText(1.5), '1.5');
  assert.equal(cellText(NaN), 'NaN');
  assert.equal(cellText(null), '');
  assert.equal(cellText('  x '), 'x');
});
