import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorId, escapeHtml, htmlFigure, htmlPage, htmlTable } from './html.js';
import { pathVertices } from './svg-marks.js';

test('escapeHtml makes markup in user text inert, in content and in attributes', () => {
  assert.equal(escapeHtml(`<a href="x" onclick='y'>&`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
  const table = htmlTable(['<id>'], [['<script>alert(1)</script>']], 'a "caption"');
  assert.doesNotMatch(table, /<script>|<id>/);
  assert.match(table, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(htmlFigure('fan" onload="x', '<svg></svg>'), /data-chart="fan&quot; onload=&quot;x"/);
  assert.match(htmlPage('<t>', ''), /<title>&lt;t&gt;<\/title>/);
});

test('anchor ids are letters, digits and dashes, unique by index', () => {
  assert.equal(anchorId('series', 3, 'NVDA:revenue <Q>'), 'series-3-nvda-revenue-q');
  assert.equal(anchorId('series', 4, '***'), 'series-4');
});

test('pathVertices counts the M and L commands of a linear path', () => {
  assert.equal(pathVertices('M0,1L2,3L4,5'), 3);
  assert.equal(pathVertices('M0,1L2,3L4,5L4,9L2,8L0,7Z'), 6);
});
