import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { chunkStarts, readSeriesChunks, type DatasetChunk } from './read-chunks.js';
import { readSeriesCsv } from './read-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-chunks-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function all(path: string, chunkSize: number): Promise<DatasetChunk[]> {
  const out: DatasetChunk[] = [];
  for await (const chunk of readSeriesChunks(path, { chunkSize })) out.push(chunk);
  return out;
}

test('chunkStarts: floor(n / size) chunks of nearly equal size, one when n < 2 size', () => {
  assert.deepEqual(chunkStarts(1200, 500), [0, 600, 1200]);
  assert.deepEqual(chunkStarts(300, 500), [0, 300]);
  assert.deepEqual(chunkStarts(999, 500), [0, 999]);
  assert.deepEqual(chunkStarts(1000, 500), [0, 500, 1000]);
  assert.throws(() => chunkStarts(10, 0), /chunk size 0/);
});

test('readSeriesChunks: the chunks together are the whole read, in order, grouped or interleaved', async () => {
  // 25 series, one set aside (a bad y), one with a duplicate ds, one with a single row; rows of s3 come late
  const grouped = ['unique_id,ds,y'];
  for (let s = 0; s < 25; s++) {
    const n = s === 7 ? 1 : 4 + (s % 3);
    for (let t = 1; t <= n; t++) grouped.push(`s${s},2020-0${t}-01,${s === 4 && t === 2 ? 'x' : s * 10 + t}`);
    if (s === 9) grouped.push(`s9,2020-01-01,5`);
  }
  grouped.push('s3,2020-09-01,77');
  const interleaved = [grouped[0], ...grouped.slice(1).sort((a, b) => a.split(',')[1].localeCompare(b.split(',')[1]))];
  for (const [name, lines] of [
    ['grouped', grouped],
    ['interleaved', interleaved],
  ] as const) {
    const path = join(dir, `${name}.csv`);
    writeFileSync(path, lines.join('\n') + '\n');
    const whole = await readSeriesCsv(path);
    const chunks = await all(path, 4);
    assert.deepEqual(
      chunks.map((c) => c.ids.length),
      [4, 4, 4, 4, 4, 5],
      name,
    );
    assert.deepEqual(
      chunks.flatMap((c) => c.ids),
      whole.ids,
    );
    assert.deepEqual(
      chunks.flatMap((c) => c.series),
      whole.series,
    );
    assert.deepEqual(
      chunks.flatMap((c) => c.invalid).sort((a, b) => a.id.localeCompare(b.id)),
      [...whole.invalid].sort((a, b) => a.id.localeCompare(b.id)),
    );
    assert.ok(chunks.every((c, i) => c.index === i && c.chunks === 6 && c.totalSeries === 25));
  }
});

test('readSeriesChunks: a file of one chunk reads as readSeriesCsv; a malformed file is rejected in the first pass', async () => {
  const path = join(dir, 'small.csv');
  writeFileSync(path, 'unique_id,ds,y\na,1,1\na,2,2\nb,1,3\n');
  const [only] = await all(path, 500);
  const whole = await readSeriesCsv(path);
  assert.deepEqual(
    { ...only, index: 0, chunks: 1, start: 0, totalSeries: 2 },
    { ...whole, index: 0, chunks: 1, start: 0, totalSeries: 2 },
  );
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'unique_id,ds,y\n' + Array.from({ length: 10_005 }, (_, t) => `id${t},x${t},?`).join('\n') + '\n');
  await assert.rejects(all(bad, 500), { code: 'invalid_input', message: /more than 10000 series could not be read/ });
});
