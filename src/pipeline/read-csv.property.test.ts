/**
 * Properties of the reader and the batch on arbitrary input (fast-check), and a fuzz run of the reader bounded
 * in time: whatever the bytes, reading ends in a dataset that accounts for every id or in a ForesightError,
 * never another exception; forecasting accounts for every series with ordered intervals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { isForesightError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { forecastDataset } from './forecast-batch.js';
import { readSeriesCsv } from '../data/read-csv.js';
import type { Dataset } from '../data/series.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'foresight-property-'));
let counter = 0;

/** Reads bytes; returns the dataset, or null after checking the error is a ForesightError with a message. */
async function readOrError(
  content: string | Uint8Array,
  path = join(dir, `p-${++counter}.csv`),
): Promise<Dataset | null> {
  writeFileSync(path, content);
  try {
    const data = await readSeriesCsv(path);
    const accounted = [...data.series.map((s) => s.id), ...data.invalid.map((s) => s.id)].sort();
    assert.deepEqual(accounted, [...data.ids].sort(), 'every id is read or set aside, once');
    for (const s of data.series) {
      assert.ok(s.y.every(Number.isFinite), `series ${s.id} holds finite values only`);
      assert.ok(s.y.length <= 1_000_000);
    }
    return data;
  } catch (e) {
    assert.ok(isForesightError(e), `a ForesightError, not ${(e as Error)?.stack}`);
    assert.ok(e.message.length > 0 && !/\n\s+at /.test(e.message));
    return null;
  }
}

const CELL_CHARS = [
  'a',
  'b',
  '1',
  '2',
  '9',
  '0',
  '-',
  '.',
  ',',
  ';',
  '"',
  '\n',
  '\r',
  ' ',
  'Q',
  'W',
  'e',
  'x',
  '/',
  ':',
  'T',
  '\u00e9',
  '\u20ac',
  'N',
  'A',
];
const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom(...CELL_CHARS), maxLength: 8 }),
  fc.integer({ min: -5, max: 40 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom(
    '2024-01-31',
    '2024Q1',
    '2024-W05',
    'Jan 2024',
    '1956.25',
    '0050-01-01',
    '+010000-01-01',
    '01/03/2024',
    'NA',
    '',
    '0x10',
    '1e400',
  ),
);
const headers = fc.constantFrom(
  'unique_id,ds,y',
  'unique_id,ds,y,price',
  'date,value',
  'ds,a,b',
  ',time,value',
  'id;ds;y',
  'x,y,z',
  '',
);

test('property: any CSV text ends in a dataset that accounts for every id, or in a ForesightError', async () => {
  await fc.assert(
    fc.asyncProperty(
      headers,
      fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 30 }),
      fc.constantFrom(',', ';', '\t'),
      async (header, records, sep) => {
        await readOrError([header, ...records.map((r) => r.join(sep))].join('\n'));
      },
    ),
    { numRuns: 150, seed: 13 },
  );
});

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e160, -1e200, 1e-300, 0, 5) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);

test('property: every series of a batch is in the result, with ordered finite intervals or a recorded reason', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(value, { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 4 }),
      async (columns) => {
        const lines = ['unique_id,ds,y'];
        columns.forEach((ys, s) => ys.forEach((y, t) => lines.push(`s${s},${t + 1},${Number.isNaN(y) ? 'NA' : y}`)));
        const data = (await readOrError(lines.join('\n') + '\n'))!;
        assert.ok(data);
        const models = ['naive', 'ses', 'theta', 'drift'];
        const results = forecastDataset(data, { models, horizon: 3, levels: [80, 95] });
        assert.deepEqual(
          results.map((r) => r.id),
          data.ids,
        );
        for (const r of results) {
          if (r.invalid) continue;
          assert.equal(r.runs.length, models.length);
          for (const run of r.runs) {
            if (!run.forecast) {
              assert.ok(run.fallbackReason, 'no forecast only with a reason');
              continue;
            }
            const f = run.forecast;
            assert.ok(f.mean.every(Number.isFinite), `${r.id} ${run.model}: finite mean`);
            for (let h = 0; h < 3; h++) {
              const [lo80, hi80, lo95, hi95] = [f.lower[0][h], f.upper[0][h], f.lower[1][h], f.upper[1][h]];
              if ([lo80, hi80, lo95, hi95].some((v) => !Number.isFinite(v))) {
                assert.ok(run.fallbackReason, `${r.id} ${run.model}: empty bounds only with a reason`);
                continue;
              }
              assert.ok(
                lo95 <= lo80 && lo80 <= f.mean[h] && f.mean[h] <= hi80 && hi80 <= hi95,
                `${r.id} ${run.model} step ${h + 1}: ordered bounds`,
              );
            }
          }
        }
      },
    ),
    { numRuns: 25, seed: 7 },
  );
});

test('property: the CLI on any file exits as documented, lists every series, never prints a stack trace', async () => {
  await fc.assert(
    fc.asyncProperty(
      headers,
      fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 12 }),
      async (header, records) => {
        const content = [header, ...records.map((r) => r.join(','))].join('\n');
        const path = join(dir, `cli-${++counter}.csv`);
        const data = await readOrError(content, path);
        const r = spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            join(ROOT, 'src/cli/main.ts'),
            'forecast',
            '--input',
            path,
            '--horizon',
            '2',
            '--model',
            'naive',
          ],
          { encoding: 'utf8' },
        );
        assert.doesNotMatch(r.stderr, /^\s+at /m);
        // a file that cannot be read, or whose every series is set aside, is a data error (1); otherwise 0
        assert.equal(r.status, data && data.series.length > 0 ? 0 : 1, r.stderr);
        if (r.status === 1) assert.match(r.stderr, /^error: /m);
        if (data) {
          const rows = parseCsv(r.stdout, { relax_column_count: true }) as string[][];
          const ids = new Set(rows.slice(1).map((row) => row[0]));
          for (const id of data.ids) assert.ok(ids.has(id), `series ${JSON.stringify(id)} is in the output`);
        }
      },
    ),
    { numRuns: 3, seed: 3 },
  );
});

test('fuzz: mutated real files for two seconds never escape as anything but a ForesightError', async () => {
  const seeds = [
    'examples/industry.csv',
    'examples/inputs/wide.csv',
    'examples/inputs/semicolon.csv',
    'examples/inputs/decimal-years.csv',
  ].map((p) => readFileSync(join(ROOT, p)));
  const rng = createRng(2024);
  const deadline = Date.now() + 2000;
  let runs = 0;
  const specials = [0x2c, 0x3b, 0x22, 0x0a, 0x0d, 0x00, 0xff, 0xc3, 0x2d, 0x51, 0x57, 0x2e, 0x30, 0x39];
  while (Date.now() < deadline) {
    const base = seeds[runs % seeds.length];
    const bytes = Buffer.from(base.subarray(0, Math.min(base.length, 4000)));
    const edits = 1 + rng.int(8);
    for (let k = 0; k < edits; k++) {
      const at = rng.int(bytes.length);
      bytes[at] = rng.uniform() < 0.5 ? specials[rng.int(specials.length)] : rng.int(256);
    }
    await readOrError(bytes);
    runs++;
  }
  assert.ok(runs > 20, `${runs} fuzz runs`);
});
