/**
 * `foresight report` and `foresight scaling report` as a user runs them: the HTML is parsed, every chart must be
 * present and drawn, user text escaped, and nothing may reference the network or need a script.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { markPaths, pathVertices } from '../charts/svg-marks.js';
import { ROOT, runCli } from '../../test/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'foresight-report-'));

/** `foresight <args>` in a child process (test/cli.ts). */
const foresight = (...args: string[]) => runCli(args);

/** Every attribute that could load something, and every inline style, must stay inside the file. */
function assertOffline(html: string, root: HTMLElement): void {
  assert.equal(root.querySelectorAll('script').length, 0, 'no scripts');
  assert.equal(root.querySelectorAll('link').length, 0, 'no linked style sheets or icons');
  for (const el of root.querySelectorAll('*')) {
    for (const name of ['src', 'href', 'xlink:href', 'action', 'poster', 'data']) {
      const v = el.getAttribute(name);
      if (v !== undefined) assert.match(v, /^#/, `<${el.tagName.toLowerCase()} ${name}="${v}"> leaves the file`);
    }
  }
  assert.doesNotMatch(html, /url\(\s*['"]?(https?:)?\/\//i, 'no url() to the network in CSS');
  assert.doesNotMatch(html, /@import/i);
}

/** The number of drawn items (paths with a non-empty d, rects, lines) in the figure's marks. */
function drawnMarks(figure: HTMLElement): number {
  return figure
    .querySelectorAll('g.role-mark path, g.role-mark rect, g.role-mark line')
    .filter((el) => el.tagName !== 'PATH' || (el.getAttribute('d') ?? '').length > 1).length;
}

test('report on the industry data: one self-contained page with every chart drawn, ids escaped', () => {
  // three series of the bundled data, one renamed to text that is markup
  const lines = readFileSync(join(ROOT, 'examples/industry.csv'), 'utf8').trim().split('\n');
  const keep = lines.filter((l) => /^(NVDA:revenue|AMZN:capex|AMD:revenue),/.test(l));
  const hostile = `AMD<script>alert('x')</script>&co`;
  const csv = [lines[0], ...keep.map((l) => l.replace(/^AMD:revenue/, hostile))].join('\n') + '\n';
  const input = join(dir, 'industry-3.csv');
  writeFileSync(input, csv);
  const output = join(dir, 'report.html');
  const r = foresight(
    'report',
    '--input',
    input,
    '--horizon',
    '3',
    '--model',
    'ensemble:inverse/drift+ses+theta,naive',
    '--backtest',
    '4',
    '--output',
    output,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /wrote .*report\.html: 3 series, \d+ charts/);
  const html = readFileSync(output, 'utf8');
  const root = parse(html);
  assertOffline(html, root);
  // the hostile id is text, never markup
  assert.ok(html.includes('AMD&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;co'));
  assert.ok(root.querySelectorAll('h2').some((h) => h.text === hostile));
  const figures = root.querySelectorAll('figure[data-chart]');
  const kinds = figures.map((f) => f.getAttribute('data-chart'));
  const count = (k: string) => kinds.filter((x) => x === k).length;
  assert.equal(count('fan'), 6, 'a fan chart per series and model');
  assert.equal(count('skill'), 6, 'a skill chart per series and model');
  assert.equal(count('weights'), 1);
  assert.equal(count('mase-by-step'), 1);
  assert.equal(count('coverage'), 1);
  for (const f of figures) {
    assert.ok(f.querySelector('svg'), `${f.getAttribute('data-chart')} has its SVG inline`);
    assert.ok(drawnMarks(f) > 0, `${f.getAttribute('data-chart')} draws something`);
  }
  // each fan chart: the forecast line has one vertex per step, and two bands
  for (const f of figures.filter((x) => x.getAttribute('data-chart') === 'fan')) {
    const svg = f.querySelector('svg')!.toString();
    assert.deepEqual(markPaths(svg, 'forecast').paths.map(pathVertices), [3]);
    assert.equal(markPaths(svg, 'band_outer').paths.length, 1);
    assert.equal(markPaths(svg, 'band_inner').paths.length, 1);
    assert.equal(markPaths(svg, 'history').paths.length, 1);
  }
  // forecast tables: a row per step; the fused members' table with weights summing to 1
  const tables = root.querySelectorAll('table');
  const members = tables.filter((t) => t.querySelector('caption')?.text === 'Fused members and weights');
  assert.equal(members.length, 3);
  for (const t of members) {
    const weights = t.querySelectorAll('tbody tr').map((row) => Number(row.querySelectorAll('td')[2].text));
    assert.equal(weights.length, 3);
    assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 0.01);
  }
  assert.match(root.text, /reliable up to step \d+ of 3 against naive/i);
  assert.match(root.text, /"reliable up to step k" means k is the last such step/);
});

test('report errors are one line naming the file or flag, never a trace', () => {
  const missing = foresight(
    'report',
    '--input',
    join(dir, 'nope.csv'),
    '--horizon',
    '2',
    '--output',
    join(dir, 'x.html'),
  );
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: .*nope\.csv/);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);
  const noOutput = foresight('report', '--input', 'examples/industry.csv', '--horizon', '2');
  assert.equal(noOutput.code, 2);
  assert.match(noOutput.stderr, /--output is required/);
  const badBacktest = foresight(
    'report',
    '--input',
    'examples/industry.csv',
    '--horizon',
    '2',
    '--backtest=-1',
    '--output',
    join(dir, 'x.html'),
  );
  assert.equal(badBacktest.code, 2);
  assert.match(badBacktest.stderr, /--backtest/);
});

test('scaling report: the three claims with their verdicts, the frontier and utilisation charts, offline', () => {
  const output = join(dir, 'scaling.html');
  const r = foresight('scaling', 'report', '--output', output, '--quick-grid', '--bootstrap', '5');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /wrote .*scaling\.html: 2 charts/);
  const html = readFileSync(output, 'utf8');
  const root = parse(html);
  assertOffline(html, root);
  const claims = root.querySelectorAll('div.claim').map((d) => d.text);
  assert.equal(claims.length, 3);
  assert.match(claims[0], /^Not supported: the power law with a floor fits better/);
  assert.match(claims[1], /^Not supported: staying compute-optimal, 2x the parameters needs 3\.8\dx the compute/);
  assert.match(claims[2], /^Holds: 2x the spend buys 1\.8\dx the compute/);
  const figures = root.querySelectorAll('figure[data-chart]');
  assert.deepEqual(
    figures.map((f) => f.getAttribute('data-chart')),
    ['frontier', 'utilisation'],
  );
  for (const f of figures) assert.ok(drawnMarks(f) > 0);
  const frontier = figures[0].querySelector('svg')!.toString();
  assert.equal(markPaths(frontier, 'laws').paths.length, 3, 'Chinchilla, power and log curves');
  const util = figures[1].querySelector('svg')!.toString();
  assert.equal(markPaths(util, 'knee').items, 1);
  assert.equal(markPaths(util, 'cost_knee').items, 1);
});
