/**
 * Hostile and real-world input for the reader, one row of the table per case (issue 13, classes 2, 6, 7, 10 and
 * the forms analysts have). Each case states the exact outcome: the series read with their values, the series
 * set aside with their reason, or the file-level error with its code and line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readSeriesCsv, type ReadOptions } from './read-csv.js';
import { isForesightError, type ForesightErrorCode } from '../core/errors.js';
import { formatTime } from './time.js';
import { MAX_GRID_LENGTH, MAX_INVALID_SERIES } from './limits.js';
import type { Dataset } from './series.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-hostile-'));
let counter = 0;
function file(content: string | Buffer, ext = '.csv'): string {
  const path = join(dir, `case-${++counter}${ext}`);
  writeFileSync(path, content);
  return path;
}

interface Case {
  name: string;
  content: string | Buffer;
  options?: ReadOptions;
  /** File-level error: code and message pattern (and line when given). */
  error?: { code: ForesightErrorCode; message: RegExp; line?: number };
  /** Series read: id -> y values. */
  series?: Record<string, number[]>;
  /** Series set aside: id -> reason pattern. */
  invalid?: Record<string, RegExp>;
  /** Extra checks on the dataset. */
  check?: (data: Dataset) => void;
}

const rows = (n: number, f: (t: number) => string) => Array.from({ length: n }, (_, t) => f(t + 1)).join('\n') + '\n';
const ds = (data: Dataset, id: string) => {
  const s = data.series.find((x) => x.id === id)!;
  return Array.from(s.times, (t) => formatTime(t, s.kind));
};

const CASES: Case[] = [
  // whole-file problems
  { name: 'empty file', content: '', error: { code: 'invalid_input', message: /the file is empty/, line: 1 } },
  { name: 'only blank lines', content: '\n\n\n', error: { code: 'invalid_input', message: /the file is empty/ } },
  {
    name: 'header without rows',
    content: 'unique_id,ds,y\n',
    error: { code: 'invalid_input', message: /header but no data rows/ },
  },
  {
    name: 'header without a time column',
    content: 'foo,bar\n1,2\n',
    error: { code: 'invalid_input', message: /line 1: header "foo,bar" lacks a time column/, line: 1 },
  },
  {
    name: 'header without a value column',
    content: 'unique_id,ds\na,1\n',
    error: { code: 'invalid_input', message: /lacks column y/ },
  },
  {
    name: 'duplicate header column',
    content: 'unique_id,ds,y,y\na,1,2,3\n',
    error: { code: 'invalid_input', message: /column "y" appears twice/ },
  },
  {
    name: 'empty id',
    content: 'unique_id,ds,y\na,1,1\n,2,2\n',
    error: { code: 'invalid_input', message: /line 3: unique_id is empty/, line: 3 },
  },
  {
    name: '--value naming no column',
    content: 'date,value\n2024-01-01,1\n',
    options: { value: 'sales' },
    error: { code: 'invalid_argument', message: /--value "sales" is not a column/ },
  },
  // class 10: an unclosed quote is reported where it opens, not at the last line
  {
    name: 'unclosed quote reported at its line',
    content: 'unique_id,ds,y\na,1,1\na,2,2\n"b,3,3\n' + rows(50, (t) => `c,${t},${t}`),
    error: { code: 'invalid_input', message: /line 4: malformed CSV: a quote opened here is never closed/, line: 4 },
  },
  {
    name: 'stray quote inside a field',
    content: 'unique_id,ds,y\na,1,1"2\n',
    error: { code: 'invalid_input', message: /line 2: malformed CSV/ },
  },
  // class 2: bounded memory
  {
    name: 'a record without line breaks is cut at the record limit',
    content: 'unique_id,ds,y\n"' + 'x'.repeat(4_100_000),
    error: { code: 'invalid_input', message: /line 2: malformed CSV: a record longer than 4000000 characters/ },
  },
  {
    name: 'a file of distinct malformed ids is rejected once the set-aside count passes the limit',
    content: 'unique_id,ds,y\n' + rows(MAX_INVALID_SERIES + 5, (t) => `id${t},x${t},?`),
    error: {
      code: 'invalid_input',
      message: new RegExp(
        `more than ${MAX_INVALID_SERIES} series could not be read.*first problems: .*line 2: ds "x1"`,
      ),
    },
  },
  {
    name: 'a gap of 5e7 steps is set aside, not interpolated',
    content: 'unique_id,ds,y\nok,1,1\nok,2,2\ngap,1,1\ngap,2,2\ngap,3,3\ngap,50000000,4\n',
    series: { ok: [1, 2] },
    invalid: {
      gap: new RegExp(`line 7: series "gap" spans 50000000 index periods .* at most ${MAX_GRID_LENGTH} periods`),
    },
  },
  {
    name: 'an index near 2^53 is set aside by the grid limit',
    content: 'unique_id,ds,y\nbig,1,1\nbig,2,2\nbig,9007199254740000,3\nok,1,5\nok,2,6\n',
    series: { ok: [5, 6] },
    invalid: { big: /spans 9007199254740000 index periods/ },
  },
  {
    name: 'an index beyond 2^53 is not exact',
    content: 'unique_id,ds,y\nbig,9007199254740993,1\nok,1,1\n',
    series: { ok: [1] },
    invalid: { big: /ds "9007199254740993" is an integer index beyond 2\^53/ },
  },
  {
    name: 'hourly data spanning 200 years is set aside',
    content: 'unique_id,ds,y\nh,1900-01-01T00:00,1\nh,1900-01-01T01:00,2\nh,1900-01-01T02:00,2\nh,2100-01-01T00:00,3\n',
    invalid: { h: /spans \d+ hourly periods/ },
  },
  // class 6: text that is not UTF-8
  {
    name: 'Latin-1 bytes in an id are an error naming the line and byte',
    content: Buffer.concat([
      Buffer.from('unique_id,ds,y\nM'),
      Buffer.from([0xfc]),
      Buffer.from('nchen,1,1\nM'),
      Buffer.from([0xfd]),
      Buffer.from('nchen,1,2\n'),
    ]),
    error: {
      code: 'invalid_input',
      message:
        /line 2: the text is not UTF-8 \(byte 0xFC at byte 17\); save the file as UTF-8, or give --encoding latin1/,
      line: 2,
    },
  },
  {
    name: 'a bad byte far into the file is found in a later chunk',
    content: Buffer.concat([
      Buffer.from('unique_id,ds,y\n' + rows(20000, (t) => `a,${t},${t}`)),
      Buffer.from([0x62, 0xc3, 0x28, 0x2c, 0x31, 0x2c, 0x31, 0x0a]),
    ]),
    error: { code: 'invalid_input', message: /line 20002: the text is not UTF-8 \(byte 0xC3/, line: 20002 },
  },
  {
    name: 'a multi-byte character cut by the end of the file',
    content: Buffer.concat([Buffer.from('unique_id,ds,y\na,1,1\n\u00e9'), Buffer.from([0xe2, 0x82])]),
    error: { code: 'invalid_input', message: /line 3: the text is not UTF-8 \(byte 0xE2/ },
  },
  {
    name: '--encoding latin1 keeps two ids that differ in accented letters apart',
    content: Buffer.concat([
      Buffer.from('unique_id,ds,y\nM'),
      Buffer.from([0xfc]),
      Buffer.from('nchen,1,1\nM'),
      Buffer.from([0xfd]),
      Buffer.from('nchen,1,2\n'),
    ]),
    options: { encoding: 'latin1' },
    series: { 'M\u00fcnchen': [1], 'M\u00fdnchen': [2] },
  },
  {
    name: 'valid UTF-8 ids of every width',
    content: 'unique_id,ds,y\nZ\u00fcrich \u20ac \u{1F600},1,1\nZ\u00fcrich \u20ac \u{1F600},2,2\n',
    series: { 'Z\u00fcrich \u20ac \u{1F600}': [1, 2] },
  },
  { name: 'a byte-order mark before the header', content: '\uFEFFunique_id,ds,y\na,1,1\n', series: { a: [1] } },
  {
    name: 'UTF-16LE with its byte-order mark (Excel "Unicode Text") is read as text',
    content: Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('unique_id\tds\ty\nZ\u00fcrich\t1\t1.5\n', 'utf16le'),
    ]),
    series: { 'Z\u00fcrich': [1.5] },
  },
  {
    name: 'UTF-16BE with its byte-order mark',
    content: Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from('unique_id,ds,y\na,1,1\na,2,2\n', 'utf16le').swap16(),
    ]),
    series: { a: [1, 2] },
  },
  {
    name: 'a UTF-16 byte-order mark and nothing else is an empty file',
    content: Buffer.from([0xff, 0xfe]),
    error: { code: 'invalid_input', message: /the file is empty/ },
  },
  {
    name: 'UTF-16 with an unpaired surrogate is refused naming the form',
    content: Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('unique_id,ds,y\n', 'utf16le'),
      Buffer.from([0x00, 0xd8]),
    ]),
    error: { code: 'invalid_input', message: /UTF-16LE byte-order mark but is not valid UTF-16LE/ },
  },
  {
    name: 'UTF-16 without a byte-order mark is refused, not read as letters and NUL bytes',
    content: Buffer.from('unique_id,ds,y\na,1,1\n', 'utf16le'),
    error: { code: 'invalid_input', message: /looks like UTF-16 without a byte-order mark/, line: 1 },
  },
  {
    name: 'a header repeated in the middle (files joined) is skipped with a note, not read as a series',
    content: 'unique_id,ds,y\na,1,1\na,2,2\nunique_id,ds,y\nb,1,3\nb,2,4\n unique_id , ds , y \nb,3,5\n',
    series: { a: [1, 2], b: [3, 4, 5] },
    check: (d) => {
      assert.deepEqual(d.ids, ['a', 'b']);
      assert.ok(
        d.notes?.some((n) =>
          /the header is repeated on lines 4, 7 \(files joined together\?\); those 2 rows are skipped/.test(n),
        ),
        String(d.notes),
      );
    },
  },
  // class 10: numbers that are not decimal numbers
  {
    name: 'hexadecimal 0x10 is not 16',
    content: 'unique_id,ds,y\nhex,1,0x10\nok,1,16\n',
    series: { ok: [16] },
    invalid: { hex: /line 2: y "0x10" is not a number/ },
  },
  {
    name: 'binary 0b101 is not 5',
    content: 'unique_id,ds,y\nb,1,0b101\n',
    invalid: { b: /y "0b101" is not a number/ },
  },
  {
    name: 'Infinity is not a number',
    content: 'unique_id,ds,y\ni,1,Infinity\n',
    invalid: { i: /y "Infinity" is not a number/ },
  },
  {
    name: '1e400 overflows: beyond the range of a double',
    content: 'unique_id,ds,y\ni,1,1e400\n',
    invalid: { i: /y "1e400" is beyond the range of a double/ },
  },
  {
    name: 'a regressor in hexadecimal',
    content: 'unique_id,ds,y,price\na,1,1,0xff\n',
    invalid: { a: /price "0xff" is not a number/ },
  },
  {
    name: 'huge finite values are read as they are',
    content: 'unique_id,ds,y\nh,1,1e300\nh,2,-1.5e300\n',
    series: { h: [1e300, -1.5e300] },
  },
  {
    name: 'missing markers: NA, N/A, #N/A, null, none',
    content: 'unique_id,ds,y\na,1,1\na,2,NA\na,3,N/A\na,4,#N/A\na,5,null\na,6,5\n',
    series: { a: [1, 1.8, 2.6, 3.4, 4.2, 5] },
  },
  // series-level problems
  {
    name: 'mixed integer and date ds',
    content: 'unique_id,ds,y\nk,1,1\nk,2024-01-01,2\n',
    invalid: { k: /line 3: ds "2024-01-01" is dates but earlier rows of series "k" are integer indexes/ },
  },
  {
    name: 'duplicate ds',
    content: 'unique_id,ds,y\nd,1,1\nd,1,2\n',
    invalid: { d: /line 3: duplicate ds "1" for series "d" \(also on line 2\)/ },
  },
  {
    name: 'a ragged row',
    content: 'unique_id,ds,y\nr,1,1,9\nok,1,1\n',
    series: { ok: [1] },
    invalid: { r: /line 2: expected 3 fields/ },
  },
  {
    name: 'an impossible date',
    content: 'unique_id,ds,y\nf,2023-02-29,1\n',
    invalid: { f: /ds "2023-02-29" is not a valid calendar date/ },
  },
  { name: 'CRLF line endings', content: 'unique_id,ds,y\r\na,1,1\r\na,2,2\r\n', series: { a: [1, 2] } },
  {
    name: 'a quoted id with a comma and a line break',
    content: 'unique_id,ds,y\n"a,\nb",1,1\n"a,\nb",2,2\n',
    series: { 'a,\nb': [1, 2] },
  },
  {
    name: 'binary garbage behind a valid header sets its series aside or is rejected, never crashes',
    content: Buffer.concat([Buffer.from('unique_id,ds,y\n'), Buffer.from('\u0000\u0001\u0002,\u0003,\u0004\n')]),
    // eslint-disable-next-line no-control-regex -- the case is about control bytes in the input
    invalid: { '\u0000\u0001\u0002': /ds "\u0003" is not an integer/ },
  },
  // class 7: years 0000-0099 and past 9999
  {
    name: 'years 0050-0052 are not 1950-1952',
    content: 'unique_id,ds,y\nr,0050-12-31,1\nr,0051-12-31,2\nr,0052-12-31,3\n',
    series: { r: [1, 2, 3] },
    check: (d) => assert.deepEqual(ds(d, 'r'), ['0050-12-31', '0051-12-31', '0052-12-31']),
  },
  {
    name: 'year 0000 exists',
    content: 'unique_id,ds,y\nz,0000-01-01,1\nz,0000-01-02,2\n',
    series: { z: [1, 2] },
    check: (d) => assert.equal(ds(d, 'z')[0], '0000-01-01'),
  },
  {
    name: 'dates past 9999 in the expanded form',
    content: 'unique_id,ds,y\nf,+010000-01-01,1\nf,+010000-01-02,2\n',
    series: { f: [1, 2] },
    check: (d) => assert.deepEqual(ds(d, 'f'), ['+010000-01-01', '+010000-01-02']),
  },
  {
    name: 'a date-time in year 0099 with an offset',
    content: 'unique_id,ds,y\nt,0099-06-01T10:00:00+02:00,1\nt,0099-06-01T11:00:00+02:00,2\n',
    series: { t: [1, 2] },
    check: (d) => assert.equal(ds(d, 't')[0], '0099-06-01T08:00:00'),
  },
  // the forms analysts have
  {
    name: 'date,value: one series named after the file',
    content: 'date,value\n2024-01-01,1\n2024-01-02,2\n',
    check: (d) => assert.deepEqual([d.series[0].id.startsWith('case-'), Array.from(d.series[0].y)], [true, [1, 2]]),
  },
  {
    name: 'R write.csv of a ts: ,time,value with decimal years',
    content: '"","time","value"\n"1",1949,112\n"2",1949.083,118\n"3",1949.167,132\n"4",1949.25,129\n',
    check: (d) => {
      assert.equal(d.series[0].frequency, 'monthly');
      assert.deepEqual(Array.from(d.series[0].y), [112, 118, 132, 129]);
      assert.deepEqual(ds(d, d.series[0].id), ['1949', '1949.083333', '1949.166667', '1949.25']);
    },
  },
  {
    name: 'quarterly decimal years',
    content: 'time,value\n2020.0,1\n2020.25,2\n2020.5,3\n',
    check: (d) => assert.equal(d.series[0].frequency, 'quarterly'),
  },
  {
    name: 'a decimal year between months',
    content: 'time,value\n2020.1,1\n',
    check: (d) => assert.match(d.invalid[0].reason, /"2020.1" is a decimal year that does not start a month/),
  },
  {
    name: 'a single series with a named value column',
    content: 'month,passengers\n1949-01,112\n1949-02,118\n',
    series: { passengers: [112, 118] },
  },
  {
    name: 'wide file detected from several value columns',
    content: 'date,AMD,NVDA\n2024-01,1,10\n2024-02,2,20\n',
    series: { AMD: [1, 2], NVDA: [10, 20] },
    check: (d) => assert.match(d.notes!.join(' '), /wide: time "date", 2 series/),
  },
  {
    name: '--wide with an empty cell as a missing value',
    content: 'ds,a,b\n1,1,10\n2,,20\n3,3,30\n',
    options: { wide: true },
    series: { a: [1, 2, 3], b: [10, 20, 30] },
  },
  {
    name: 'a wide row longer than its header',
    content: 'ds,a,b\n1,1,10,5\n',
    options: { wide: true },
    error: { code: 'invalid_input', message: /line 2: 4 fields but the header has 3/ },
  },
  {
    name: 'semicolons with decimal commas',
    content: 'unique_id;ds;y\na;1;1,5\na;2;2,25\n',
    series: { a: [1.5, 2.25] },
    check: (d) => assert.match(d.notes!.join(' '), /delimiter ";" detected, decimal commas accepted/),
  },
  { name: 'tab-separated', content: 'unique_id\tds\ty\na\t1\t3\n', series: { a: [3] } },
  { name: 'pipe-separated', content: 'unique_id|ds|y\na|1|3\n', series: { a: [3] } },
  {
    name: 'a delimiter given by flag',
    content: 'unique_id:ds:y\na:1:3\n',
    options: { delimiter: ':' },
    series: { a: [3] },
  },
  {
    name: 'custom column names by flag, the rest as regressors',
    content: 'store,when,units,price\nb,2024-01-01,5,9\nb,2024-02-01,6,8\n',
    options: { id: 'store', time: 'when', value: 'units' },
    series: { b: [5, 6] },
    check: (d) => assert.deepEqual(d.exogColumns, ['price']),
  },
  {
    name: 'pandas index column is ignored',
    content: 'Unnamed: 0,date,value\n0,2024-01-01,1\n1,2024-01-02,2\n',
    check: (d) => assert.deepEqual(Array.from(d.series[0].y), [1, 2]),
  },
  {
    name: 'quarters 2024Q1',
    content: 'period,v\n2024Q1,1\n2024Q2,2\n',
    series: { v: [1, 2] },
    check: (d) => assert.equal(d.series[0].frequency, 'quarterly'),
  },
  {
    name: 'quarters 2024 Q1 and Q3 2024 are the same kind',
    content: 'quarter,v\n2024 Q1,1\nQ2 2024,2\n',
    series: { v: [1, 2] },
  },
  {
    name: 'a single quarter is quarterly',
    content: 'quarter,v\n2024 Q4,1\n',
    check: (d) => assert.deepEqual([d.series[0].frequency, d.series[0].seasonLengths], ['quarterly', [4]]),
  },
  {
    name: 'a single dated row with no other series is set aside: its future dates cannot be told',
    content: 'unique_id,ds,y\na,2020-01-01,1\n',
    invalid: { a: /line 2: series "a" has a single row \(ds "2020-01-01"\): its frequency cannot be told/ },
  },
  {
    name: "a single dated row takes the frequency of the file's other series",
    content: 'unique_id,ds,y\na,2020-01-01,1\nb,2020-01-01,1\nb,2020-02-01,2\n',
    series: { a: [1], b: [1, 2] },
    check: (d) => assert.equal(d.series.find((x) => x.id === 'a')!.frequency, 'monthly'),
  },
  {
    name: 'a 5,000-digit value is quoted by its start and length',
    content: `unique_id,ds,y\na,1,${'9'.repeat(5000)}\na,2,1\n`,
    invalid: { a: /line 2: y "9{60}…" \(5000 characters\) is beyond the range/ },
    check: (d) => assert.ok(d.invalid[0].reason.length < 300, d.invalid[0].reason),
  },
  { name: 'months 1949-01 with a gap', content: 'date,v\n1949-01,1\n1949-03,3\n', series: { v: [1, 2, 3] } },
  {
    name: 'month names Jan 1949, February 1949, Mar-1949',
    content: 'month,v\nJan 1949,1\nFebruary 1949,2\nMar-1949,3\n',
    series: { v: [1, 2, 3] },
    check: (d) => assert.deepEqual(ds(d, 'v'), ['1949-01', '1949-02', '1949-03']),
  },
  {
    name: '01/03/2024 without --date-format is ambiguous',
    content: 'date,v\n01/03/2024,1\n',
    check: (d) =>
      assert.match(d.invalid[0].reason, /ds "01\/03\/2024" is ambiguous .* --date-format DD\/MM\/YYYY or MM\/DD\/YYYY/),
  },
  {
    name: '01/03/2024 with DD/MM/YYYY is March 1st',
    content: 'date,v\n01/03/2024,1\n02/03/2024,2\n',
    options: { dateFormat: 'DD/MM/YYYY' },
    check: (d) => assert.deepEqual(ds(d, 'v'), ['2024-03-01', '2024-03-02']),
  },
  {
    name: '01/03/2024 with MM/DD/YYYY is January 3rd',
    content: 'date,v\n01/03/2024,1\n01/04/2024,2\n',
    options: { dateFormat: 'MDY' },
    check: (d) => assert.deepEqual(ds(d, 'v'), ['2024-01-03', '2024-01-04']),
  },
  {
    name: '31.12.2023 with DD.MM.YYYY',
    content: 'date,v\n30.12.2023,1\n31.12.2023,2\n',
    options: { dateFormat: 'DD.MM.YYYY' },
    check: (d) => assert.deepEqual(ds(d, 'v'), ['2023-12-30', '2023-12-31']),
  },
  {
    name: '13/13/2024 is not a date in any order',
    content: 'date,v\n13/13/2024,1\n',
    options: { dateFormat: 'DD/MM/YYYY' },
    check: (d) => assert.match(d.invalid[0].reason, /not a valid date in the order D\/M\/Y/),
  },
  {
    name: 'ISO weeks 2023-W01',
    content: 'week,v\n2023-W01,1\n2023-W02,2\n',
    series: { v: [1, 2] },
    check: (d) => assert.deepEqual([d.series[0].frequency, ds(d, 'v')], ['weekly', ['2023-W01', '2023-W02']]),
  },
  {
    name: 'ISO week 53 only in long years',
    content: 'week,v\n2020-W53,1\n2021-W53,2\n',
    check: (d) => assert.match(d.invalid[0].reason, /ds "2021-W53" is not a valid calendar date or period/),
  },
];

for (const c of CASES) {
  test(`hostile input: ${c.name}`, async () => {
    const path = file(c.content);
    const read = readSeriesCsv(path, c.options);
    if (c.error) {
      await assert.rejects(read, (e) => {
        assert.ok(isForesightError(e, c.error!.code), `expected ${c.error!.code}, got ${(e as Error).message}`);
        assert.match(e.message, c.error!.message);
        if (c.error!.line !== undefined) assert.equal(e.line, c.error!.line);
        return true;
      });
      return;
    }
    const data = await read;
    // every id is accounted for, exactly once
    assert.deepEqual([...data.series.map((s) => s.id), ...data.invalid.map((s) => s.id)].sort(), [...data.ids].sort());
    if (c.series) {
      for (const [id, values] of Object.entries(c.series)) {
        const s = data.series.find((x) => x.id === id);
        assert.ok(s, `series ${id} read (invalid: ${data.invalid.map((x) => x.reason).join('; ')})`);
        s.y.forEach((v, i) =>
          assert.ok(
            Math.abs(v - values[i]) <= 1e-12 * Math.max(1, Math.abs(values[i])),
            `${id}[${i}] ${v} vs ${values[i]}`,
          ),
        );
        assert.equal(s.y.length, values.length);
      }
      if (!c.invalid) assert.equal(data.invalid.length, 0, data.invalid.map((x) => x.reason).join('; '));
    }
    if (c.invalid) {
      for (const [id, reason] of Object.entries(c.invalid)) {
        const bad = data.invalid.find((x) => x.id === id);
        assert.ok(bad, `series ${id} set aside`);
        assert.match(bad.reason, reason);
      }
    }
    c.check?.(data);
  });
}

test('hostile input: stdin is read like a file', async () => {
  const data = await readSeriesCsv('-', {
    stdin: Readable.from([Buffer.from('date,value\n2024-01-01,'), Buffer.from('1\n2024-01-02,2\n')]),
  });
  assert.equal(data.file, 'stdin');
  assert.deepEqual([data.series[0].id, Array.from(data.series[0].y)], ['series', [1, 2]]);
});

test('hostile input: a missing file, a directory and a .xls are clear errors', async () => {
  await assert.rejects(
    readSeriesCsv(join(dir, 'none.csv')),
    (e) => isForesightError(e, 'io_error') && /none\.csv: cannot read/.test(e.message),
  );
  await assert.rejects(readSeriesCsv(dir), (e) => isForesightError(e, 'io_error') && /not a file/.test(e.message));
  await assert.rejects(
    readSeriesCsv(file('x', '.xls')),
    (e) => isForesightError(e, 'invalid_input') && /\.xls format is not read/.test(e.message),
  );
  await assert.rejects(
    readSeriesCsv(file('not a workbook', '.xlsx')),
    (e) => isForesightError(e, 'invalid_input') && /cannot read the workbook/.test(e.message),
  );
  await assert.rejects(
    readSeriesCsv(file('not parquet', '.parquet')),
    (e) => isForesightError(e, 'invalid_input') && /cannot read the Parquet file/.test(e.message),
  );
});

test('hostile input: the example workbook and Parquet file read as their CSV twins', async () => {
  const xlsx = await readSeriesCsv('examples/inputs/sales.xlsx');
  const months = await readSeriesCsv('examples/inputs/months.csv');
  assert.deepEqual([xlsx.series[0].id, xlsx.series[0].frequency], ['Sales', 'monthly']);
  assert.deepEqual(Array.from(xlsx.series[0].y), Array.from(months.series[0].y));
  assert.deepEqual(Array.from(xlsx.series[0].times), Array.from(months.series[0].times));
  const parquet = await readSeriesCsv('examples/inputs/sales.parquet');
  assert.deepEqual(
    parquet.series.map((s) => s.id),
    ['north', 'south'],
  );
  assert.deepEqual(Array.from(parquet.series[1].y).slice(0, 3), [168, 177, 198]);
  assert.equal(formatTime(parquet.series[0].times[23], parquet.series[0].kind), '1950-12-01');
});

test('hostile input: at least 60 cases in the table', () => {
  assert.ok(CASES.length >= 60, `${CASES.length} cases`);
});
