import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { forecastReport, forecastReportHtml } from './forecast-report.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-charts-'));

test('a report of short and unreadable series: every series appears, the reasons are warnings, no empty charts', async () => {
  const input = join(dir, 'short.csv');
  writeFileSync(
    input,
    'unique_id,ds,y\n' +
      [1, 2, 3, 4, 5].map((t) => `a,${t},${10 + t}`).join('\n') +
      '\nb,1,3\nb,2,abc\nb,3,4\n' +
      [1, 2, 3, 4, 5].map((t) => `c & d,${t},${t * t}`).join('\n') +
      '\n',
  );
  const report = await forecastReport({ input, horizon: 4, models: ['naive'], backtestWindows: 3 });
  assert.equal(report.results.length, 3);
  assert.equal(report.backtest!.origins, 0);
  const { html, charts } = await forecastReportHtml(report);
  const root = parse(html);
  const text = root.text;
  assert.match(text, /backtest: no series is long enough for a forecast origin/);
  assert.match(text, /b: not forecast: .*short\.csv line 8: y "abc" is not a number/);
  assert.ok(root.querySelectorAll('h2').some((h) => h.text === 'c & d'));
  assert.equal(root.querySelectorAll('#backtest').length, 0, 'no backtest section without origins');
  // two fan charts (a and c & d), no skill, MASE or coverage charts
  assert.equal(charts, 2);
  assert.deepEqual(
    root.querySelectorAll('figure[data-chart]').map((f) => f.getAttribute('data-chart')),
    ['fan', 'fan'],
  );
  // the forecast table of a: four steps continuing the index, with both levels' bounds
  const table = root.querySelectorAll('table')[0];
  assert.deepEqual(
    table.querySelectorAll('thead th').map((th) => th.text),
    ['ds', 'forecast', 'lo 80%', 'hi 80%', 'lo 95%', 'hi 95%'],
  );
  assert.deepEqual(
    table.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td')[0].text),
    ['6', '7', '8', '9'],
  );
  assert.equal(table.querySelectorAll('tbody tr')[0].querySelectorAll('td')[1].text, '15');
});

test('report options are checked before any work', async () => {
  await assert.rejects(
    forecastReport({ input: join(dir, 'short.csv'), horizon: 2, backtestWindows: -1 }),
    /backtest windows -1 is not a whole number/,
  );
});
