import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readSeriesCsv, seriesNameOfFile } from './read-csv.js';
import { isForesightError } from '../core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-read-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('a missing file is an io_error naming the file', async () => {
  await assert.rejects(
    readSeriesCsv(join(dir, 'nope.csv')),
    (e) => isForesightError(e, 'io_error') && /nope\.csv/.test(e.message),
  );
});

test('an empty file and a header without data are invalid_input', async () => {
  await assert.rejects(
    readSeriesCsv(file('empty.csv', '')),
    (e) => isForesightError(e, 'invalid_input') && /empty\.csv: the file is empty/.test(e.message),
  );
  await assert.rejects(readSeriesCsv(file('header-only.csv', 'unique_id,ds,y\n')), /no data rows/);
});

test('a header lacking columns names the file, line 1 and the missing column', async () => {
  await assert.rejects(
    readSeriesCsv(file('bad-header.csv', 'when,amount\na,2\n')),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      e.line === 1 &&
      /bad-header\.csv line 1: header "when,amount" lacks a time column/.test(e.message),
  );
  await assert.rejects(
    readSeriesCsv(file('no-value.csv', 'id,ds\na,1\n')),
    (e) =>
      isForesightError(e, 'invalid_input') && /no-value\.csv line 1: header "id,ds" lacks column y/.test(e.message),
  );
  // common names are detected: id,ds,value is a long file
  const data = await readSeriesCsv(file('id-ds-value.csv', 'id,ds,value\na,1,2\na,2,3\n'));
  assert.deepEqual(Array.from(data.series[0].y), [2, 3]);
});

test('row-level errors mark only their series invalid, naming file, line and value', async () => {
  const path = file(
    'mixed.csv',
    [
      'unique_id,ds,y',
      'good,1,10',
      'good,2,11',
      'good,3,12',
      'text,1,5',
      'text,2,abc',
      'text,3,7',
      'badds,1,5',
      'badds,two,6',
      'dup,1,5',
      'dup,2,6',
      'dup,2,7',
      'kinds,1,5',
      'kinds,2024-01-01,6',
      'fields,1,5,9',
      'good2,3,3',
      'good2,1,1',
      'good2,2,2',
    ].join('\n') + '\n',
  );
  const data = await readSeriesCsv(path);
  assert.deepEqual(data.ids, ['good', 'text', 'badds', 'dup', 'kinds', 'fields', 'good2']);
  assert.deepEqual(
    data.series.map((s) => s.id),
    ['good', 'good2'],
  );
  const reason = (id: string) => data.invalid.find((s) => s.id === id)!.reason;
  assert.equal(reason('text'), `${path} line 6: y "abc" is not a number`);
  assert.match(reason('badds'), /line 9: ds "two" is not an integer index/);
  assert.match(reason('dup'), /line 12: duplicate ds "2" for series "dup" \(also on line 11\)/);
  assert.match(
    reason('kinds'),
    /line 14: ds "2024-01-01" is dates but earlier rows of series "kinds" are integer indexes/,
  );
  assert.match(reason('fields'), /line 15: expected 3 fields/);
  // rows given out of order are sorted
  assert.deepEqual(Array.from(data.series[1].y), [1, 2, 3]);
});

test('strict mode throws on the first invalid row', async () => {
  const path = file('strict.csv', 'unique_id,ds,y\na,1,1\na,2,x\n');
  await assert.rejects(
    readSeriesCsv(path, { strict: true }),
    (e) => isForesightError(e, 'invalid_input') && e.line === 3 && e.value === 'x',
  );
});

test('mixed frequencies within a series are reported with the offending date', async () => {
  const path = file(
    'freq.csv',
    'unique_id,ds,y\nm,2024-01-31,1\nm,2024-02-29,2\nm,2024-03-31,3\nm,2024-04-02,4\nm,2024-04-30,5\n',
  );
  const data = await readSeriesCsv(path);
  assert.equal(data.series.length, 0);
  assert.match(
    data.invalid[0].reason,
    /line 5: ds "2024-04-02" does not fit the monthly frequency of series "m" \(previous ds "2024-03-31"\): mixed frequencies/,
  );
});

test('missing values and gaps: leading dropped, interior interpolated, trailing carried forward', async () => {
  const path = file('gaps.csv', 'unique_id,ds,y\ns,1,NA\ns,2,10\ns,3,\ns,5,16\ns,6,NaN\n');
  const data = await readSeriesCsv(path);
  const s = data.series[0];
  // grid 1..6: NA, 10, missing, (4 is a gap), 16, NaN -> drop 1, interpolate 12, 14, carry 16
  assert.deepEqual(Array.from(s.y), [10, 12, 14, 16, 16]);
  assert.equal(s.filled, 3);
  assert.ok(
    s.notes.some((n) => /1 missing period/.test(n)) && s.notes.some((n) => /1 leading missing value dropped/.test(n)),
  );
});

test('an all-missing series is kept with no observations', async () => {
  const data = await readSeriesCsv(file('allna.csv', 'unique_id,ds,y\nz,1,NA\nz,2,\nok,1,1\nok,2,2\n'));
  assert.deepEqual(data.ids, ['z', 'ok']);
  assert.equal(data.series.find((s) => s.id === 'z')!.y.length, 0);
});

test('frequencies and default season lengths are inferred from dates', async () => {
  const rows = (id: string, dates: string[]) => dates.map((d, i) => `${id},${d},${i + 1}`);
  const text = [
    'unique_id,ds,y',
    ...rows('hourly', ['2024-01-01T00:00:00', '2024-01-01T01:00:00', '2024-01-01T02:00:00']),
    ...rows('daily', ['2024-01-05', '2024-01-06', '2024-01-07']),
    ...rows('bday', ['2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09']),
    ...rows('weekly', ['2024-01-07', '2024-01-14', '2024-01-21']),
    ...rows('monthly', ['2024-01-31', '2024-02-29', '2024-03-31']),
    ...rows('quarterly', ['2023-12-31', '2024-03-31', '2024-06-30']),
    ...rows('yearly', ['2021-12-31', '2022-12-31', '2023-12-31']),
    ...rows('index', ['7', '8', '9']),
  ].join('\n');
  const data = await readSeriesCsv(file('freqs.csv', text + '\n'));
  const got = Object.fromEntries(data.series.map((s) => [s.id, [s.frequency, s.seasonLengths[0]]]));
  assert.deepEqual(got, {
    hourly: ['hourly', 24],
    daily: ['daily', 7],
    bday: ['business-daily', 5],
    weekly: ['weekly', 52],
    monthly: ['monthly', 12],
    quarterly: ['quarterly', 4],
    yearly: ['yearly', 1],
    index: ['index', 1],
  });
  // hourly data also carry the weekly cycle for multi-seasonal models; the others have one season
  assert.deepEqual(data.series.find((s) => s.id === 'hourly')!.seasonLengths, [24, 168]);
  assert.deepEqual(data.series.find((s) => s.id === 'daily')!.seasonLengths, [7]);
  const overridden = await readSeriesCsv(file('freqs2.csv', text + '\n'), { seasonLengths: [12] });
  assert.deepEqual(overridden.series[0].seasonLengths, [12]);
});

test('extra numeric columns are carried as regressors; text in them is an error', async () => {
  const data = await readSeriesCsv(file('exog.csv', 'unique_id,ds,y,price\na,1,1,5\na,2,2,\na,3,3,7\nb,1,1,x\n'));
  assert.deepEqual(data.exogColumns, ['price']);
  assert.deepEqual(Array.from(data.series[0].exog.price), [5, 6, 7]);
  assert.match(data.invalid[0].reason, /line 5: price "x" is not a number/);
});

test('malformed CSV (an unclosed quote) names the file', async () => {
  await assert.rejects(
    readSeriesCsv(file('quote.csv', 'unique_id,ds,y\n"a,1,2\n')),
    (e) => isForesightError(e, 'invalid_input') && /quote\.csv.*malformed CSV/.test(e.message),
  );
});

test('a gzip file is read as the CSV inside it; damaged gzip data is an invalid_input naming the file', async () => {
  const text = 'unique_id,ds,y\na,2020-01-01,1\na,2020-02-01,2\na,2020-03-01,3\nb,2020-01-01,5\nb,2020-02-01,6\n';
  const plain = await readSeriesCsv(file('plain.csv', text));
  const packed = gzipSync(Buffer.from(text));
  const gz = join(dir, 'packed.csv.gz');
  writeFileSync(gz, packed);
  const unpacked = await readSeriesCsv(gz);
  assert.deepEqual(
    unpacked.series.map((s) => [s.id, Array.from(s.y)]),
    plain.series.map((s) => [s.id, Array.from(s.y)]),
  );
  // known by its first bytes, not its name
  const renamed = join(dir, 'packed-without-suffix.csv');
  writeFileSync(renamed, packed);
  assert.equal((await readSeriesCsv(renamed)).series.length, 2);
  const cut = join(dir, 'cut.csv.gz');
  writeFileSync(cut, packed.subarray(0, packed.length - 12));
  await assert.rejects(
    readSeriesCsv(cut),
    (e) =>
      isForesightError(e, 'invalid_input') && /cut\.csv\.gz: the gzip data is damaged or cut short/.test(e.message),
  );
});

test('a lone series is named after its file, a gzip suffix and the extension removed', async () => {
  assert.equal(seriesNameOfFile('data/months.csv'), 'months');
  assert.equal(seriesNameOfFile('data/months.csv.gz'), 'months');
  assert.equal(seriesNameOfFile('data/MONTHS.CSV.GZ'), 'MONTHS');
  assert.equal(seriesNameOfFile('data/months.gz'), 'months');
  assert.equal(seriesNameOfFile('data/months'), 'months');
  assert.equal(seriesNameOfFile('.gz'), '.gz');
  const text = 'date,value\n2020-01,1\n2020-02,2\n2020-03,3\n';
  const gz = join(dir, 'visitors.csv.gz');
  writeFileSync(gz, gzipSync(Buffer.from(text)));
  assert.deepEqual((await readSeriesCsv(gz)).ids, ['visitors']);
  assert.deepEqual((await readSeriesCsv(file('visitors.csv', text))).ids, ['visitors']);
});
