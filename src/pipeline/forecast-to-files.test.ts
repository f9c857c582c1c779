import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { forecastFileToFiles } from './forecast-to-files.js';
import { buildReport, forecastFile, saveForecastCsv } from './run-forecast.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-stream-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('forecastFileToFiles by chunks writes the CSV and the report of the in-memory run, and counts problems', async () => {
  const lines = ['unique_id,ds,y'];
  for (let s = 0; s < 30; s++)
    for (let t = 1; t <= 10; t++) lines.push(`s${s},${t},${s === 5 && t === 3 ? 'oops' : (s + 1) * t + (t % 3)}`);
  const input = join(dir, 'in.csv');
  writeFileSync(input, lines.join('\n') + '\n');
  const options = { input, models: ['naive', 'theta:stm'], horizon: 3, levels: [80, 95], workers: 1 };
  const { data, results } = await forecastFile(options);
  await saveForecastCsv(results, options.models, options.levels, join(dir, 'whole.csv'));
  const summary = await forecastFileToFiles({
    ...options,
    chunkSize: 7,
    output: join(dir, 'chunked.csv'),
    report: join(dir, 'chunked.json'),
  });
  assert.equal(readFileSync(join(dir, 'chunked.csv'), 'utf8'), readFileSync(join(dir, 'whole.csv'), 'utf8'));
  assert.deepEqual(
    JSON.parse(readFileSync(join(dir, 'chunked.json'), 'utf8')),
    JSON.parse(JSON.stringify(buildReport(data, results, options))),
  );
  assert.equal(summary.seriesCount, 30);
  assert.equal(summary.invalidCount, 1);
  assert.deepEqual(
    summary.skipped.map((s) => s.id),
    ['s5'],
  );
  assert.match(summary.skipped[0].reason, /line 54: y "oops" is not a number/);
});

test('forecastFileToFiles: an unknown model fails before the file is read; an unwritable output is an io_error', async () => {
  const input = join(dir, 'small.csv');
  writeFileSync(input, 'unique_id,ds,y\na,1,1\na,2,2\na,3,3\n');
  await assert.rejects(
    forecastFileToFiles({ input, models: ['nope'], horizon: 2, levels: [80], output: join(dir, 'x.csv') }),
    {
      code: 'unknown_model',
    },
  );
  assert.equal(existsSync(join(dir, 'x.csv')), false);
  await assert.rejects(
    forecastFileToFiles({ input, models: ['naive'], horizon: 2, levels: [80], output: join(dir, 'no/such/dir.csv') }),
    { code: 'io_error', message: /no\/such\/dir\.csv: cannot write/ },
  );
  await assert.rejects(forecastFileToFiles({ input, models: ['naive'], horizon: 2, levels: [80], output: dir }), {
    code: 'io_error',
    message: /cannot write \(it is a folder\)/,
  });
});

test('forecastFileToFiles: a run that fails before its first rows leaves an existing output and report as they were', async () => {
  const input = join(dir, 'kept.csv');
  writeFileSync(input, 'unique_id,ds,y\na,1,1\na,2,2\na,3,3\n');
  const output = join(dir, 'kept-forecast.csv');
  const report = join(dir, 'kept-report.json');
  await forecastFileToFiles({ input, models: ['naive'], horizon: 2, levels: [80], output, report });
  const before = [readFileSync(output, 'utf8'), readFileSync(report, 'utf8')];
  assert.match(before[0], /^unique_id,ds,model,yhat,lo-80,hi-80,form\na,4,naive,3,/);
  const again = { horizon: 2, levels: [80], output, report };
  await assert.rejects(forecastFileToFiles({ ...again, input, models: ['naiv'] }), { code: 'unknown_model' });
  await assert.rejects(forecastFileToFiles({ ...again, input: join(dir, 'missing.csv'), models: ['naive'] }), {
    code: 'io_error',
  });
  writeFileSync(join(dir, 'bad-header.csv'), 'when,amount\n1,2\n');
  await assert.rejects(forecastFileToFiles({ ...again, input: join(dir, 'bad-header.csv'), models: ['naive'] }), {
    code: 'invalid_input',
  });
  assert.deepEqual([readFileSync(output, 'utf8'), readFileSync(report, 'utf8')], before);
});
