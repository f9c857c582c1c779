import { test } from 'node:test';
import assert from 'node:assert/strict';
import { continueTime, formatTime, gridSteps, inferFrequency, parseTime } from './time.js';

const d = (s: string) => parseTime(s)!.value;

test('parseTime reads integers, dates and date-times and rejects impossible dates', () => {
  assert.deepEqual(parseTime('42'), { kind: 'index', value: 42 });
  assert.equal(parseTime('2024-02-29')!.kind, 'date');
  assert.equal(parseTime('2023-02-29'), null);
  assert.equal(parseTime('2024-13-01'), null);
  assert.equal(parseTime('yesterday'), null);
  assert.equal(parseTime('2024-01-01T10:00:00+02:00')!.value, Date.UTC(2024, 0, 1, 8));
  assert.equal(formatTime(d('2024-01-01 10:30:00'), 'datetime'), '2024-01-01T10:30:00');
});

test('continueTime keeps month ends, fiscal weeks, business days and the index', () => {
  const fmt = (v: number[]) => v.map((x) => formatTime(x, 'date'));
  assert.deepEqual(fmt(continueTime([d('2024-01-31'), d('2024-02-29')], 'monthly', 3)), [
    '2024-03-31',
    '2024-04-30',
    '2024-05-31',
  ]);
  assert.deepEqual(fmt(continueTime([d('2023-12-31'), d('2024-03-31')], 'quarterly', 2)), ['2024-06-30', '2024-09-30']);
  // a 52/53-week fiscal calendar (NVIDIA-like): 13-week steps keep the weekday
  assert.deepEqual(fmt(continueTime([d('2025-10-26'), d('2026-01-25'), d('2026-04-26')], 'quarterly', 1)), [
    '2026-07-26',
  ]);
  // mid-month dates keep their day, clamped to the month's end
  assert.deepEqual(fmt(continueTime([d('2023-11-30'), d('2023-12-30'), d('2024-01-30')], 'monthly', 1)), [
    '2024-02-29',
  ]);
  assert.deepEqual(fmt(continueTime([d('2024-01-04'), d('2024-01-05')], 'business-daily', 2)), [
    '2024-01-08',
    '2024-01-09',
  ]);
  assert.deepEqual(continueTime([5, 6], 'index', 2), [7, 8]);
});

test('gridSteps finds gaps and flags spacings off the grid', () => {
  assert.deepEqual(gridSteps([1, 2, 4], 'index'), { steps: [1, 2], badIndex: -1 });
  assert.equal(gridSteps([d('2024-01-01'), d('2024-01-08'), d('2024-01-11')], 'weekly').badIndex, 2);
  assert.equal(inferFrequency([d('2024-01-01'), d('2024-01-02')], 'date'), 'daily');
  assert.throws(
    () => inferFrequency([d('2024-01-01'), d('2024-01-16'), d('2024-01-31')], 'date'),
    /not a supported frequency/,
  );
});
