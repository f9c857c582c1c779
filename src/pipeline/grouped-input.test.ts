import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isForesightError } from '../core/errors.js';
import { readGroupedCsv } from './grouped-input.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-grouped-'));
const BOTTOMS = [
  ['A', 'a1', 'x'],
  ['A', 'a1', 'y'],
  ['A', 'a2', 'x'],
  ['B', 'b1', 'y'],
];

function keyed(rows = 12, edit?: (lines: string[]) => void): string {
  const lines = ['quarter,region,state,purpose,trips'];
  for (let t = 0; t < rows; t++) {
    BOTTOMS.forEach(([state, region, purpose], j) =>
      lines.push(`${2000 + Math.floor(t / 4)} Q${(t % 4) + 1},${region},${state},${purpose},${10 * (j + 1) + t}`),
    );
  }
  edit?.(lines);
  const path = join(dir, `k${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('key columns: the structure, every aggregate summed, quarters like "2000 Q1" on a quarterly grid', async () => {
  const g = await readGroupedCsv(keyed(), { keys: ['state', 'region', 'purpose'] });
  const h = g.hierarchy;
  assert.deepEqual(
    h.levels.map((l) => l.name),
    ['total', 'state', 'purpose', 'state/region', 'state * purpose', 'state/region * purpose'],
  );
  assert.equal(h.bottomCount, 4);
  assert.deepEqual(g.dataset.ids, h.ids);
  const total = g.dataset.series[0];
  assert.equal(total.frequency, 'quarterly');
  assert.equal(total.y.length, 12);
  // at t: 10 + 20 + 30 + 40 + 4t
  assert.deepEqual(Array.from(total.y.subarray(0, 3)), [100, 104, 108]);
  const ax = g.dataset.series[h.ids.indexOf('A/x')];
  assert.deepEqual(Array.from(ax.y.subarray(0, 2)), [10 + 30, 12 + 30]);
});

test('a key missing on a row, a bad value and a duplicate period are errors naming file and line', async () => {
  const missing = keyed(12, (l) => (l[7] = '2001 Q2,,A,x,5'));
  await assert.rejects(
    readGroupedCsv(missing, { keys: ['state', 'region', 'purpose'] }),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      e.line === 8 &&
      new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 8: key "region" is missing`).test(e.message),
  );
  const bad = keyed(12, (l) => (l[5] = '2000 Q2,a1,A,x,abc'));
  await assert.rejects(
    readGroupedCsv(bad, { keys: ['state', 'region', 'purpose'] }),
    /line 6: trips "abc" is not a number/,
  );
  const dup = keyed(12, (l) => l.push('2000 Q1,a1,A,x,3'));
  await assert.rejects(
    readGroupedCsv(dup, { keys: ['state', 'region', 'purpose'] }),
    /line 50: duplicate time "2000-03-31" for series "A\/a1\/x" \(also on line 2\)/,
  );
  await assert.rejects(readGroupedCsv(keyed(), { keys: ['state', 'town'] }), /key column "town" is not in the header/);
  await assert.rejects(
    readGroupedCsv(keyed(), { keys: ['state', 'region', 'purpose'], hierarchy: 'state/region/state * purpose' }),
    /cycle/,
  );
});

test('a gzip-compressed keyed file reads as the plain one; damaged gzip data is an error naming the file', async () => {
  const plainPath = keyed();
  const plain = await readGroupedCsv(plainPath, { keys: ['state', 'region', 'purpose'] });
  const packed = gzipSync(readFileSync(plainPath));
  const gz = join(dir, 'keyed.csv.gz');
  writeFileSync(gz, packed);
  const unpacked = await readGroupedCsv(gz, { keys: ['state', 'region', 'purpose'] });
  assert.deepEqual(unpacked.hierarchy.ids, plain.hierarchy.ids);
  assert.deepEqual(
    unpacked.dataset.series.map((s) => Array.from(s.y)),
    plain.dataset.series.map((s) => Array.from(s.y)),
  );
  const cut = join(dir, 'keyed-cut.csv.gz');
  writeFileSync(cut, packed.subarray(0, packed.length - 12));
  await assert.rejects(
    readGroupedCsv(cut, { keys: ['state', 'region', 'purpose'] }),
    (e) => isForesightError(e, 'invalid_input') && /keyed-cut\.csv\.gz: the gzip data is damaged/.test(e.message),
  );
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('parent links: given aggregates are checked against the sums of their parts', async () => {
  const parents = write('parents.csv', 'unique_id,parent\nAMZN,capex\nMSFT,capex\n');
  const rows = ['unique_id,ds,y'];
  for (let t = 1; t <= 6; t++)
    rows.push(`AMZN,2024-0${t}-01,${t}`, `MSFT,2024-0${t}-01,${2 * t}`, `capex,2024-0${t}-01,${3 * t}`);
  const ok = await readGroupedCsv(write('ok.csv', rows.join('\n')), { hierarchy: parents });
  assert.deepEqual(ok.hierarchy.ids, ['capex', 'AMZN', 'MSFT']);
  assert.ok(ok.notes.some((n) => /1 given aggregate checked/.test(n)));
  rows[12] = 'capex,2024-04-01,13';
  const badPath = write('bad.csv', rows.join('\n'));
  await assert.rejects(
    readGroupedCsv(badPath, { hierarchy: parents }),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      e.line === 13 &&
      e.value === '13' &&
      /line 13: aggregate "capex" at 2024-04-01 is 13 but its parts sum to 12/.test(e.message),
  );
  const cycle = write('cycle.csv', 'unique_id,parent\nAMZN,capex\ncapex,cloud\ncloud,capex\n');
  await assert.rejects(
    readGroupedCsv(write('ok2.csv', rows.join('\n')), { hierarchy: cycle }),
    (e) => isForesightError(e, 'invalid_input') && /cycle\.csv line \d: parent links form a cycle/.test(e.message),
  );
});

test('shares of a known total: the remainder becomes "other" and the total is fixed', async () => {
  const rows = ['unique_id,ds,y'];
  for (let t = 1; t <= 9; t++)
    rows.push(
      `gpu:nvidia,2024-0${t}-28,${70 + t / 10}`,
      `gpu:amd,2024-0${t}-28,${20 - t / 10}`,
      `gpu:intel,2024-0${t}-28,8`,
    );
  const g = await readGroupedCsv(write('shares.csv', rows.join('\n')), { total: 100 });
  assert.deepEqual(g.hierarchy.ids, ['total', 'gpu:nvidia', 'gpu:amd', 'gpu:intel', 'other']);
  assert.ok(Math.abs(g.dataset.series[4].y[0] - 2) < 1e-12);
  assert.deepEqual([...g.fixed], [[0, 100]]);
  assert.ok(g.dataset.series[0].y.every((v) => Math.abs(v - 100) < 1e-9));
});

test('ids that name their parents: the tree from the paths, given aggregates checked', async () => {
  const rows = ['unique_id,ds,y'];
  for (let t = 1; t <= 5; t++)
    rows.push(
      `capex/cloud/MSFT,${t},${t}`,
      `capex/cloud/GOOGL,${t},${2 * t}`,
      `capex/META,${t},5`,
      `capex,${t},${3 * t + 5}`,
    );
  const g = await readGroupedCsv(write('ids.csv', rows.join('\n')), { hierarchy: 'ids' });
  assert.deepEqual(g.hierarchy.ids, ['capex', 'capex/cloud', 'capex/META', 'capex/cloud/MSFT', 'capex/cloud/GOOGL']);
  assert.deepEqual(Array.from(g.dataset.series[1].y), [3, 6, 9, 12, 15]);
  rows[4] = 'capex,1,9';
  await assert.rejects(
    readGroupedCsv(write('ids-bad.csv', rows.join('\n')), { hierarchy: 'ids' }),
    /ids-bad\.csv line 5: aggregate "capex" at 1 is 9 but its parts sum to 8/,
  );
  // an empty level would make a parent of no name
  const empty = [
    'unique_id,ds,y',
    'capex/cloud/MSFT,1,1',
    'capex/cloud/MSFT,2,2',
    'capex//GOOGL,1,2',
    'capex//GOOGL,2,3',
  ];
  await assert.rejects(
    readGroupedCsv(write('ids-empty.csv', empty.join('\n')), { hierarchy: 'ids' }),
    /ids-empty\.csv line 4: series id "capex\/\/GOOGL" has an empty level/,
  );
});
