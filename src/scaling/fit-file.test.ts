import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isForesightError } from '../core/errors.js';
import { fitPowerLaw, computeFrontier } from './compute-forms.js';
import { fitScalingLaws, fitScalingRuns, readScalingFit } from './fit-file.js';
import { runsFromRows } from './columns.js';
import { loadRuns } from './load.js';

const RUNS = new URL('../../examples/scaling/chinchilla_runs.csv', import.meta.url).pathname;

test('fitScalingLaws(power) holds the frontier fit of compute-forms, its bootstrap and the options', () => {
  const file = fitScalingLaws({ input: RUNS, form: 'power', resamples: 3, seed: 2, bin: 0.2 });
  const points = computeFrontier(loadRuns(RUNS), 0.2);
  const direct = fitPowerLaw(points.compute, points.loss);
  assert.deepEqual(file.power!.params, direct.params);
  assert.equal(file.power!.nobs, direct.nobs);
  assert.equal(file.power!.replicates.length, 3);
  assert.equal(file.power!.estimates!.gamma.estimate, direct.params.gamma);
  assert.deepEqual([file.bin, file.resamples, file.seed, file.level, file.computeUnit], [0.2, 3, 2, 95, 1e18]);
  assert.equal(file.chinchilla, undefined);
  assert.throws(
    () => fitScalingLaws({ input: RUNS, form: 'cubic' as never }),
    (e) => isForesightError(e, 'invalid_argument'),
  );
});

test('fitScalingRuns on runs in memory gives the record fitScalingLaws gives for the file, bar its name', () => {
  const options = { form: 'all' as const, resamples: 4, seed: 3, quickGrid: true };
  const fromFile = fitScalingLaws({ input: RUNS, ...options });
  const fromRuns = fitScalingRuns(loadRuns(RUNS), { ...options, input: 'memory' });
  assert.equal(fromRuns.input, 'memory');
  assert.deepEqual({ ...fromRuns, input: RUNS }, fromFile);
  assert.equal(fromRuns.chinchilla!.replicates.length, 4);
  // the documented example
  const runs = runsFromRows(
    ['parameters', 'compute', 'loss'],
    [
      ['1e8', '1e18', '3'],
      ['1e9', '1e19', '2.7'],
      ['1e10', '1e20', '2.45'],
      ['1e11', '1e21', '2.3'],
    ],
    [2, 3, 4, 5],
    {},
    'runs',
  );
  assert.equal(fitScalingRuns(runs, { form: 'power', resamples: 0 }).power?.nobs, 4);
  assert.throws(
    () => fitScalingRuns(runs, { form: 'cubic' as never }),
    (e) => isForesightError(e, 'invalid_argument'),
  );
});

test('readScalingFit reads back what was written and refuses other JSON with the file named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fit-file-'));
  const path = join(dir, 'fit.json');
  const file = fitScalingLaws({ input: RUNS, form: 'log', resamples: 0 });
  writeFileSync(path, JSON.stringify(file));
  assert.deepEqual(readScalingFit(path), JSON.parse(JSON.stringify(file)));
  writeFileSync(path, JSON.stringify({ ...file, version: 2 }));
  assert.throws(
    () => readScalingFit(path),
    (e) => isForesightError(e, 'invalid_input') && e.file === path && /version 2/.test(e.message),
  );
  writeFileSync(path, '{ not json');
  assert.throws(
    () => readScalingFit(path),
    (e) => isForesightError(e, 'io_error') && e.message.startsWith(`${path}: cannot read a fit`),
  );
});

test('runs that are all alike are refused naming the input, not fitted to zero residuals', () => {
  const rows = (loss: (i: number) => string, size: (i: number) => string) =>
    runsFromRows(
      ['parameters', 'tokens', 'loss'],
      Array.from({ length: 8 }, (_, i) => [size(i), '2e10', loss(i)]),
      Array.from({ length: 8 }, (_, i) => i + 2),
      {},
      'runs.csv',
    );
  // before: "informationCriteria: residual sum of squares 0 must be positive", a usage error (exit 2)
  assert.throws(
    () =>
      fitScalingRuns(
        rows(
          () => '3',
          (i) => `${i + 1}e9`,
        ),
        { input: 'runs.csv', resamples: 0, quickGrid: true },
      ),
    (e) =>
      isForesightError(e, 'invalid_input') &&
      e.message === 'runs.csv: all 8 runs have the same loss 3: a scaling law needs runs whose loss differs',
  );
  assert.throws(
    () =>
      fitScalingRuns(
        rows(
          (i) => `${3 - i / 10}`,
          () => '1e9',
        ),
        { input: 'runs.csv', resamples: 0, quickGrid: true },
      ),
    /runs\.csv: all 8 runs have the same parameters and tokens \(1000000000, 20000000000\)/,
  );
});

test('too few runs for a law is an error naming the file, not the fitting function', () => {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-few-'));
  const path = join(dir, 'four.csv');
  writeFileSync(path, 'parameters,tokens,loss\n1e8,2e9,3.2\n2e8,4e9,3.0\n4e8,8e9,2.9\n8e8,1.6e10,2.8\n');
  assert.throws(
    () => fitScalingLaws({ input: path, form: 'chinchilla', resamples: 5 }),
    (e) =>
      isForesightError(e, 'too_short') &&
      e.message.startsWith(`${path}: 4 runs`) &&
      !e.message.includes('fitChinchilla') &&
      e.file === path,
  );
});
