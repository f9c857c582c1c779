/**
 * The conformance suite (test/conformance.ts) over the fusion models, which live in this layer: `ensemble` and
 * `auto` at their defaults and a list of variant specs (every combination rule, a small member set, transforms).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURES, checkConformance } from '../../test/conformance.js';
import { listModels as familyModels } from '../models/registry.js';
import { listModels, resolveModel } from './registry.js';

const VARIANTS = [
  'ensemble:mean/ets+theta',
  'ensemble:median/arima+damped+naive',
  'ensemble:trimmed/ets+arima+theta',
  'auto:mean/ets+theta',
  'boxcox:auto/ets',
  'boxcox:0.5,biasadj/ets:AAN',
];

const families = new Set(familyModels().map((d) => d.name));
const fusion = listModels().filter((d) => !families.has(d.name));

test('the fusion models are ensemble and auto, and the transform wrapper boxcox', () => {
  assert.deepEqual(
    fusion.map((d) => d.name),
    ['ensemble', 'auto', 'boxcox'],
  );
});

// boxcox has no default: it is checked through the variants that name its model
for (const name of [...fusion.map((d) => d.name).filter((n) => n !== 'boxcox'), ...VARIANTS]) {
  test(`conformance: ${name}`, () => {
    for (const [label, series] of Object.entries(FIXTURES)) checkConformance(resolveModel(name), label, series);
  });
}
