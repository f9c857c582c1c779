import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScaling, runScalingFit, runScalingAsk, runScalingCluster, runScalingTrend } from './scaling.js';
import { DEFAULT_CLUSTER_CURVE } from '../scaling/cluster.js';
import type { ScalingFitFile } from '../scaling/fit-file.js';
import { isForesightError } from '../core/errors.js';

const RUNS = new URL('../../examples/scaling/chinchilla_runs.csv', import.meta.url).pathname;

test('scaling fit --form all prints the Chinchilla table and the power-vs-log comparison, and writes the fit', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'scaling-cli-')), 'fit.json');
  const text = runScalingFit({
    input: RUNS,
    form: 'all',
    exclude: '5',
    bootstrap: '4',
    seed: '3',
    quickGrid: true,
    output: out,
  });
  assert.match(text, /240 runs \(5 with the fewest tokens per parameter excluded\)/);
  // Golden numbers from Epoch AI's replication of Chinchilla on these 240 runs (Besiroglu et al. 2024, Table 1:
  // E = 1.8172, alpha = 0.3478, beta = 0.3658), matched to the digits shown by the 48-start quick grid
  assert.match(text, /^E\s+1\.817\s/m);
  assert.match(text, /^alpha\s+0\.347\d\s/m);
  assert.match(text, /RMSE 0\.0075\d in sample, 0\.008\d+ held out \(one half-decade compute bin at a time, 9 bins\)/);
  assert.match(text, /Better: power \(held-out RMSE 5\.\d+x lower\)/);
  const fit = JSON.parse(readFileSync(out, 'utf8')) as ScalingFitFile;
  assert.equal(fit.kind, 'foresight.scaling.fit');
  assert.equal(fit.chinchilla!.replicates.length + fit.chinchilla!.failures.length, 4);
  assert.equal(fit.comparison!.better, 'power');

  // scaling ask on the saved fit: 2x parameters needs 2^(1/a) ≈ 3.85x compute on the frontier
  const ask = runScalingAsk({
    fit: out,
    paramsMultiplier: '2',
    computeMultiplier: 2,
    budgetUsd: '1e8',
    spendMultiplier: '2',
    kneeLoss: '0.01',
  });
  // $100M of H100 time for 90 days at the default utilisation curve, by hand: $1e8 / ($4.40 · 2160 h) = 10,522
  // chips, u = 0.38 / (1 + 8.3e-6 · 10,521) = 34.9% MFU, C = chips · 989.4e12 · u · 90 days = 2.83e25 FLOP;
  // doubling the spend doubles the chips and lowers u to 32.1%: 2 · 32.1 / 34.9 = 1.851x the compute
  assert.match(ask, /10500 chips at 34\.9% MFU -> 2\.829e\+25 FLOP/);
  assert.match(ask, /2x the spend \(\$2\.000e8\) buys 1\.851x the compute/);
  const a = fit.chinchilla!.exponents.a;
  assert.match(
    ask,
    new RegExp(`stay compute-optimal: compute × k\\^\\(1/a\\)\\s+${(2 ** (1 / a)).toPrecision(4).replace('.', '\\.')}`),
  );
  assert.match(ask, /^chinchilla\s+1\.974\s/m);
  assert.match(ask, /^log\s/m);
  assert.match(ask, /Cost knee: doubling beyond \$6\.400e7 buys less than 0\.01/);
  const json = JSON.parse(runScalingAsk({ fit: out, computeMultiplier: '2', json: true }));
  assert.equal(json.computeMultiplier.forms.length, 3);
  assert.throws(() => runScalingAsk({ fit: out }), /give --params-multiplier, --compute-multiplier or --budget-usd/);
  // 1e300 dollars was 'compute budget Infinity must be a positive number', naming no flag
  assert.throws(
    () => runScalingAsk({ fit: out, budgetUsd: '1e300' }),
    (e) =>
      isForesightError(e, 'invalid_argument') &&
      /--budget-usd "1e300" is not a number above 0 at most 1000000000000000/.test((e as Error).message),
  );
  assert.throws(
    () => runScalingAsk({ fit: out, budgetUsd: '1e8', days: '1e9' }),
    /--days "1e9" is not a number above 0 at most 36500/,
  );
});

test('the default utilisation curve of scaling ask is the cluster fit on the bundled data, rounded', async () => {
  const { fitUtilisation } = await import('../scaling/cluster.js');
  const { loadNotableModels } = await import('../scaling/load.js');
  const m = loadNotableModels(new URL('../../examples/scaling/notable_models.csv', import.meta.url).pathname);
  const c = fitUtilisation(m.chips, m.mfu).curve;
  assert.equal(Number(c.peakUtilisation.toFixed(2)), DEFAULT_CLUSTER_CURVE.peakUtilisation);
  assert.equal(Number(c.latencyCost.toPrecision(2)), DEFAULT_CLUSTER_CURVE.latencyCost);
});

test('scaling cluster fits the bundled notable-models data and evaluates a ring all-reduce model', () => {
  const text = runScalingCluster({ bootstrap: '3' });
  assert.match(text, /MFU vs chips, 56 runs/);
  assert.match(text, /Knee: beyond \d+ chips a doubling adds less than 50% throughput/);
  const ring = runScalingCluster({
    flopsPerStep: '4.947e14',
    gradientBytes: '1e9',
    bandwidth: '1e11',
    latency: '5e-6',
    computeUtilisation: '0.5',
    fraction: '0.5',
  });
  // compute 1 s per step: beta = 0.01, lambda = 1e-5
  assert.match(ring, /u\(n\) = 0\.5 \/ \(1 \+ 0\.01·2\(n-1\)\/n \+ 0\.00001·\(n-1\)\)/);
});

test('scaling trend forecasts the frontier with the drift model by default', () => {
  const text = runScalingTrend({});
  assert.match(text, /Model drift: 3\.69x a year/);
  assert.match(text, /Crosses 1e\+27 FLOP at 2025-1\d \(95% interval/);
  assert.throws(
    () => runScalingTrend({ model: 'nope' }),
    (e) => isForesightError(e, 'unknown_model'),
  );
});

test('runScaling dispatches actions and names unknown ones', () => {
  assert.throws(() => runScaling('fly', {}), /unknown scaling action "fly"; use fit, ask, cluster, trend/);
  assert.throws(() => runScaling('fit', {}), /--input FILE is required/);
  assert.throws(
    () => runScalingFit({ input: RUNS, form: 'cubic' }),
    /--form "cubic": use chinchilla, power, log or all/,
  );
});

test('scaling trend takes --level like the other commands, --levels as its old name, and any registry model', () => {
  const text = runScalingTrend({ level: '90' });
  assert.match(text, /^period end\s+log10 FLOP\s+lo 90%\s+hi 90%$/m);
  assert.match(text, /Crosses 1e\+27 FLOP at 2025-1\d \(90% interval/);
  assert.match(runScalingTrend({ levels: '80,90' }), /lo 80%\s+hi 80%\s+lo 90%\s+hi 90%/);
  assert.throws(
    () => runScalingTrend({ level: '80', levels: '90' }),
    (e) => isForesightError(e, 'invalid_argument'),
  );
  assert.throws(() => runScalingTrend({ level: '0.95,120' }), /--level "120" is not a percentage/);
  // the fusion models resolve through the full registry, as in forecast --model
  assert.match(
    runScalingTrend({ model: 'ensemble:mean/drift+naive', horizon: '8' }),
    /Model ensemble:mean\/drift\+naive: \d/,
  );
});

test('bad numbers are usage errors naming the flag: --bootstrap=-5, --fraction 2, --seed x', () => {
  const usage = (message: RegExp) => (e: unknown) =>
    isForesightError(e, 'invalid_argument') && message.test((e as Error).message);
  assert.throws(
    () => runScalingFit({ input: RUNS, bootstrap: -5 }),
    usage(/--bootstrap "-5" is not a whole number at least 0/),
  );
  assert.throws(() => runScalingFit({ input: RUNS, exclude: '2.5' }), usage(/--exclude "2\.5" is not a whole number/));
  assert.throws(() => runScalingCluster({ fraction: '2' }), usage(/--fraction "2" is not a number above 0 below 1/));
  assert.throws(() => runScalingCluster({ seed: 'x', bootstrap: '2' }), usage(/--seed "x"/));
  assert.throws(() => runScalingTrend({ horizon: '0' }), usage(/--horizon "0" is not a whole number at least 1/));
});

test('scaling ask refuses a file that is not a saved fit, naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scaling-ask-'));
  const bad = join(dir, 'not-a-fit.json');
  writeFileSync(bad, JSON.stringify({ kind: 'something else' }));
  assert.throws(
    () => runScalingAsk({ fit: bad, computeMultiplier: '2' }),
    (e) => isForesightError(e, 'invalid_input') && e.message.startsWith(`${bad}: not a scaling fit`),
  );
  assert.throws(
    () => runScalingAsk({ fit: join(dir, 'missing.json'), computeMultiplier: '2' }),
    (e) => isForesightError(e, 'io_error') && (e as Error).cause !== undefined,
  );
});

test('scaling cluster on a file with too few (chips, MFU) runs names the file, not the fitting function', () => {
  const dir = mkdtempSync(join(tmpdir(), 'foresight-cluster-'));
  const path = join(dir, 'few.csv');
  const header = readFileSync(new URL('../../examples/scaling/notable_models.csv', import.meta.url), 'utf8').split(
    '\n',
  )[0];
  const columns = header.split(',');
  const row = (chips: number, mfu: number) =>
    columns
      .map((c) => (c === 'model' ? `m${chips}` : c === 'hardware_quantity' ? chips : c === 'mfu' ? mfu : ''))
      .join(',');
  writeFileSync(path, [header, row(1000, 0.4), row(4000, 0.35)].join('\n') + '\n');
  assert.throws(
    () => runScalingCluster({ input: path, bootstrap: '3' }),
    (e) => isForesightError(e, 'too_short') && e.message.startsWith(`${path}: `) && !/fitUtilisation/.test(e.message),
  );
});
