import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRuns, loadNotableModels, loadHardwarePrices, decimalYear, readCsv } from './load.js';
import { isForesightError } from '../core/errors.js';

const DIR = new URL('../../examples/scaling/', import.meta.url).pathname;

test('loadRuns reads the 245 Chinchilla runs with tokens D = C / 6N', () => {
  const runs = loadRuns(join(DIR, 'chinchilla_runs.csv'), { parameters: 'Model Size', compute: 'Training FLOP' });
  assert.equal(runs.loss.length, 245);
  // first data row: N = 6795600349.289497, C = 9.993852799709755e18, loss 5.005581996196243
  assert.equal(runs.parameters[0], 6795600349.289497);
  assert.ok(Math.abs(runs.tokens[0] - 9.993852799709755e18 / (6 * 6795600349.289497)) < 1e-3);
  assert.equal(runs.line[0], 2);
});

test('loadNotableModels parses dates, quoted multi-valued fields, dollar amounts, and MFU given in percent', () => {
  const m = loadNotableModels(join(DIR, 'notable_models.csv'));
  assert.equal(m.model.length, 1892);
  const i = m.model.indexOf('Llama 3.1-405B');
  assert.equal(m.chips[i], 16384);
  assert.equal(m.mfu[i], 0.4042);
  assert.equal(m.trainingFlop[i], 3.8e25);
  const j = m.model.indexOf('GPT3-2.7B (FlashAttention-2)');
  assert.equal(m.mfu[j], 0.72);
  assert.ok(m.mfu.every((v) => Number.isNaN(v) || (v > 0 && v <= 1)));
});

test('loadHardwarePrices strips the byte-order mark and reads prices per chip-hour', () => {
  const p = loadHardwarePrices(join(DIR, 'hw_prices.csv'));
  // 605 lines after the header, 591 records: some notes are quoted multi-line fields (Python's csv module agrees)
  assert.equal(p.hardware.length, 591);
  assert.equal(p.hardware[0], 'NVIDIA GeForce GTX 580');
  assert.equal(p.purchase[0], 499);
  assert.ok(p.onDemand.some((v) => v === 4.4));
});

test('decimalYear places a day at its middle, leap years included', () => {
  assert.equal(decimalYear('2020-01-01'), 2020 + 0.5 / 366);
  assert.equal(decimalYear('2021-12-31'), 2021 + 364.5 / 365);
  assert.ok(Number.isNaN(decimalYear('June 2020')));
});

test('loaders name file and line of a bad value, and a missing file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scaling-'));
  const f = join(dir, 'runs.csv');
  writeFileSync(f, 'N,D,loss\n1e9,2e10,2.5\n1e9,2e10,-1\n');
  assert.throws(
    () => loadRuns(f),
    (e) => isForesightError(e, 'invalid_input') && e.message === `${f} line 3: loss "-1" is not a positive number`,
  );
  assert.throws(
    () => readCsv(join(dir, 'nope.csv')),
    (e) => isForesightError(e, 'io_error'),
  );
});
