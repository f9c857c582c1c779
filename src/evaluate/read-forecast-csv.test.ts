/** Forecast files that cannot be scored whole are refused (issue 13, class 8). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isForesightError } from '../core/errors.js';
import { evaluateFiles } from './evaluate.js';
import { readForecastCsv } from './read-forecast-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-evaluate-'));
const write = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const train = write(
  'train.csv',
  'unique_id,ds,y\n' + Array.from({ length: 12 }, (_, t) => `a,${t + 1},${10 + t}`).join('\n') + '\n',
);
const testFile = write('test.csv', 'unique_id,ds,y\na,13,22\na,14,23\n');
const header = 'unique_id,ds,model,yhat,lo-80,hi-80,form\n';

test('a complete forecast file is scored', async () => {
  const forecast = write('ok.csv', header + 'a,13,drift,22,21,23,drift\na,14,drift,23,21,25,drift\n');
  const result = await evaluateFiles({ train, test: testFile, forecast });
  assert.equal(result.models[0].mae, 0);
  assert.equal(result.models[0].intervals[0].coverage, 100); // percent
});

const BAD: [string, string, RegExp][] = [
  [
    'NaN as yhat',
    'a,13,m,NaN,1,2,m\n',
    /line 2: yhat "NaN" is missing; every forecast value and bound must be a number/,
  ],
  ['an empty bound', 'a,13,m,22,,23,m\n', /line 2: lo-80 "" is missing/],
  ['text as yhat', 'a,13,m,abc,1,2,m\n', /line 2: yhat "abc" is not a finite number/],
  ['hexadecimal yhat', 'a,13,m,0x16,1,2,m\n', /line 2: yhat "0x16" is not a finite number/],
  ['lo above hi', 'a,13,m,22,25,20,m\n', /line 2: lo-80 25 is above hi-80 20/],
  [
    'a row given twice',
    'a,13,m,22,21,23,m\na,13,m,22,21,23,m\n',
    /line 3: a second row for model "m", series "a", ds "13" \(first on line 2\)/,
  ],
  ['an unparseable ds', 'a,thirteen,m,22,21,23,m\n', /line 2: ds "thirteen" is not an integer or ISO date/],
];
for (const [name, rows, message] of BAD) {
  test(`evaluate refuses a forecast file with ${name}`, async () => {
    const path = write(`${name.replace(/\W+/g, '-')}.csv`, header + rows);
    await assert.rejects(readForecastCsv(path), (e) => isForesightError(e, 'invalid_input') && message.test(e.message));
  });
}

test('evaluate refuses a forecast file that is not UTF-8, and a missing one', async () => {
  const path = write(
    'latin1.csv',
    Buffer.concat([Buffer.from(header + 'M'), Buffer.from([0xfc]), Buffer.from('n,13,m,22,21,23,m\n')]),
  );
  await assert.rejects(
    readForecastCsv(path),
    (e) => isForesightError(e, 'invalid_input') && /latin1\.csv line 2: the text is not UTF-8/.test(e.message),
  );
  await assert.rejects(
    readForecastCsv(join(dir, 'nope.csv')),
    (e) => isForesightError(e, 'io_error') && /nope\.csv: cannot read/.test(e.message),
  );
});

test('evaluate refuses rows outside the test period and forecasts missing a step', async () => {
  const outside = write('outside.csv', header + 'a,13,m,22,21,23,m\na,14,m,23,21,25,m\na,15,m,24,21,26,m\n');
  await assert.rejects(
    evaluateFiles({ train, test: testFile, forecast: outside }),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      /outside\.csv line 4: model "m" forecasts series "a" at 15, outside its test period 13 to 14/.test(e.message),
  );
  const partial = write('partial.csv', header + 'a,13,m,22,21,23,m\n');
  await assert.rejects(
    evaluateFiles({ train, test: testFile, forecast: partial }),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      /model "m" has no forecast for series "a" at 14 \(step 2 of the test period\)/.test(e.message),
  );
});

test('evaluate refuses a test file with a series it cannot read', async () => {
  const badTest = write('bad-test.csv', 'unique_id,ds,y\na,13,22\na,14,x\n');
  const forecast = write('ok2.csv', header + 'a,13,m,22,21,23,m\na,14,m,23,21,25,m\n');
  await assert.rejects(
    evaluateFiles({ train, test: badTest, forecast }),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      /bad-test\.csv: series "a" could not be read .*y "x" is not a number/.test(e.message),
  );
});
