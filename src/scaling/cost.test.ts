import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { trainingCost, computeForSpend, costKnee, medianPrice, hardwarePreset, HARDWARE } from './cost.js';
import { powerLawLoss } from './compute-forms.js';
import { loadHardwarePrices } from './load.js';

const FLAT = { peakUtilisation: 0.4, bandwidthCost: 0, latencyCost: 0 };

test('trainingCost: chip-hours = C / (peak · u · 3600); Llama 3.1 405B lands near its reported 30.8M GPU-hours', () => {
  const c = trainingCost(3.8e25, { hardware: HARDWARE.h100, chips: 16384, curve: { ...FLAT, peakUtilisation: 0.38 } });
  assert.ok(Math.abs(c.chipHours - 3.8e25 / (989.4e12 * 0.38 * 3600)) < 1e-3);
  // Meta reports 30.84M H100 hours at 38-43 % MFU; ±15 % covers the MFU range
  assert.ok(Math.abs(c.chipHours / 30.84e6 - 1) < 0.15, `chip-hours ${c.chipHours}`);
  assert.ok(Math.abs(c.usd - c.chipHours * 4.4) < 1e-3);
  assert.ok(Math.abs(c.energyKWh - (c.chipHours * 700 * 1.2) / 1000) < 1e-3);
  assert.throws(
    () => trainingCost(0, { hardware: HARDWARE.h100, chips: 1, curve: FLAT }),
    /compute 0 must be a positive number/,
  );
});

test('the H100 and A100 default prices are the medians of the shipped price data', () => {
  const p = loadHardwarePrices(join(new URL('../../examples/scaling/', import.meta.url).pathname, 'hw_prices.csv'));
  assert.equal(medianPrice(p.hardware, p.onDemand, 'H100 SXM5'), hardwarePreset('h100').pricePerChipHour);
  assert.equal(medianPrice(p.hardware, p.onDemand, 'A100 SXM4 80'), hardwarePreset('a100').pricePerChipHour);
  assert.ok(Number.isNaN(medianPrice(p.hardware, p.onDemand, 'no such chip')));
  assert.throws(() => hardwarePreset('b200'), /unknown hardware "b200"; known: h100, a100/);
});

test('costKnee on a power law with flat utilisation hits the closed-form knee', () => {
  // loss reduction of a doubling at spend S: K (κS)^-γ (1 - 2^-γ), κ = FLOP per dollar; below t once
  // S > S* = (K (1 - 2^-γ) / t)^(1/γ) / κ, so the knee is the first doubling step at or above S*
  const law = { E: 1.7, K: 2000, gamma: 0.17 };
  const t = 0.01;
  const kappa = computeForSpend(1, HARDWARE.h100, FLAT, 30).compute;
  const sStar = ((law.K * (1 - 2 ** -law.gamma)) / t) ** (1 / law.gamma) / kappa;
  const r = costKnee(
    1e3,
    (usd) => computeForSpend(usd, HARDWARE.h100, FLAT, 30),
    (c) => powerLawLoss(law, c),
    t,
    60,
  );
  const expected = 1e3 * 2 ** Math.ceil(Math.log2(sStar / 1e3));
  assert.equal(r.kneeUsd, expected);
  const last = r.steps[r.steps.length - 1];
  assert.ok(last.lossReduction < t && r.steps[r.steps.length - 2].lossReduction >= t);
});

test('a falling utilisation curve brings the knee forward', () => {
  const law = { E: 1.7, K: 2000, gamma: 0.17 };
  const knee = (latencyCost: number) =>
    costKnee(
      1e5,
      (usd) => computeForSpend(usd, HARDWARE.h100, { ...FLAT, latencyCost }, 90),
      (c) => powerLawLoss(law, c),
      0.01,
    ).kneeUsd!;
  assert.ok(knee(1e-4) < knee(0), `${knee(1e-4)} vs ${knee(0)}`);
  const s = computeForSpend(1e8, HARDWARE.h100, { ...FLAT, latencyCost: 1e-4 }, 90);
  assert.ok(s.utilisation < 0.4 && Math.abs(s.compute - s.chips * 989.4e12 * s.utilisation * 90 * 86400) < 1e10);
});
