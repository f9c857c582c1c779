/**
 * The conformance suite (test/conformance.ts) over every model family of the registry at its default spec, and
 * over a list of variant specs: fixed ETS forms, fixed and seasonal ARIMA orders, each Theta variant, MSTL with
 * another trend model, the intermittent models' options. The fusion models run the same suite in
 * src/ensemble/conformance.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURES, checkConformance } from '../../test/conformance.js';
import { listModels, resolveModel } from './registry.js';

/** Variant specs, beyond each family's default. Seasonal ARIMA orders run on the seasonal fixtures only. */
const SEASONAL_ONLY = new Set(['arima:0,1,1:0,1,1']);
const VARIANTS = [
  'ets:AAdN',
  'ets:MAM',
  'ets:ANA',
  'arima:1,1,1',
  'arima:0,1,1:0,1,1',
  'theta:stm',
  'theta:otm',
  'theta:dstm',
  'theta:any',
  'mstl:4,trend=theta:otm',
  'croston:sba',
  'tsb:0.2,0.1',
];

for (const definition of listModels()) {
  test(`conformance: ${definition.name}`, () => {
    for (const [label, series] of Object.entries(FIXTURES))
      checkConformance(resolveModel(definition.name), label, series);
  });
}

for (const name of VARIANTS) {
  test(`conformance: ${name}`, () => {
    for (const [label, series] of Object.entries(FIXTURES)) {
      if (SEASONAL_ONLY.has(name) && series.seasonLength < 2) continue;
      checkConformance(resolveModel(name), label, series);
    }
  });
}

test('the variant list names only registered families, each at least once besides its default', () => {
  const families = new Set(listModels().map((d) => d.name));
  for (const name of VARIANTS) assert.ok(families.has(name.split(':')[0]), name);
  for (const family of ['ets', 'arima', 'theta', 'mstl', 'croston', 'tsb'])
    assert.ok(
      VARIANTS.some((v) => v.startsWith(`${family}:`)),
      family,
    );
});
