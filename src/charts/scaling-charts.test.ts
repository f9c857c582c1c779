import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createRng } from '../core/random.js';
import { clusterKnee } from '../scaling/cluster.js';
import { costKnee } from '../scaling/cost.js';
import { fitScalingLaws } from '../scaling/fit-file.js';
import { loadNotableModels } from '../scaling/load.js';
import { frontierInput, FRONTIER_CURVE_POINTS, FRONTIER_MARKS, scalingFrontierChart } from './frontier-chart.js';
import { renderSvg } from './render-svg.js';
import { markPaths, pathVertices } from './svg-marks.js';
import { costKneeChips, utilisationChart, UTILISATION_MARKS } from './utilisation-chart.js';

const example = (name: string) => fileURLToPath(new URL(`../../examples/scaling/${name}`, import.meta.url));

test('the frontier chart draws the frontier points and one curve per fitted form on log axes', async () => {
  const fit = fitScalingLaws({ input: example('chinchilla_runs.csv'), form: 'all', quickGrid: true, resamples: 0 });
  const input = frontierInput(fit);
  assert.equal(input.points.compute.length, fit.comparison!.points.compute.length);
  const spec = scalingFrontierChart(input);
  const svg = await renderSvg(spec);
  assert.equal(markPaths(svg, FRONTIER_MARKS.points).items, input.points.compute.length);
  const curves = markPaths(svg, FRONTIER_MARKS.laws).paths.map(pathVertices);
  assert.equal(curves.length, 3);
  // the log form goes below zero loss far out and loses those points; the floored laws keep all of them
  assert.equal(curves.filter((v) => v === FRONTIER_CURVE_POINTS).length >= 2, true);
  assert.match(JSON.stringify(spec), /"type":"log"/);
});

test('utilisation vs chips: observed runs, the fitted curve, the throughput knee and the cost knee', async () => {
  const m = loadNotableModels(example('notable_models.csv'));
  const k = clusterKnee(m.chips, m.mfu, 0.5, 20, createRng(1));
  const cost = costKnee(
    1e6,
    (usd) => ({ compute: usd * 1e17, chips: usd / 1e4, utilisation: 0.3 }),
    (c) => 1.8 + 1000 * c ** -0.15,
    0.01,
  );
  assert.ok(cost.kneeUsd !== null);
  const svg = await renderSvg(
    utilisationChart({ chips: m.chips, mfu: m.mfu, curve: k.fit.curve, knee: k.knee, fraction: 0.5, costKnee: cost }),
  );
  const observed = Array.from(m.chips).filter((n, i) => Number.isFinite(n) && Number.isFinite(m.mfu[i])).length;
  assert.equal(observed, k.fit.nobs);
  assert.equal(markPaths(svg, UTILISATION_MARKS.observed).items, observed);
  assert.deepEqual(markPaths(svg, UTILISATION_MARKS.curve).paths.map(pathVertices), [60]);
  assert.equal(markPaths(svg, UTILISATION_MARKS.knee).items, 1);
  assert.equal(markPaths(svg, UTILISATION_MARKS.costKnee).items, 1);
  assert.equal(costKneeChips(cost), cost.kneeUsd! / 1e4);
});
