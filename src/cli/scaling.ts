/**
 * `foresight scaling fit | ask | cluster | trend`: scaling economics from the command line. Thin: each command
 * parses its flags, calls the library in src/scaling and formats a table (or JSON with --json). The `run*`
 * functions return the text printed so they can be tested without spawning a process.
 */
import { writeFileSync } from 'node:fs';
import type { CAC } from 'cac';
import { ForesightError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { resolveModel } from '../ensemble/registry.js';
import { fmt, formatTable } from '../pipeline/format.js';
import type { Estimate } from '../scaling/bootstrap.js';
import {
  clusterKnee,
  DEFAULT_CLUSTER_CURVE,
  ringAllReduceCurve,
  throughputKnee,
  utilisation,
  type UtilisationCurve,
} from '../scaling/cluster.js';
import { parseColumnMapping } from '../scaling/columns.js';
import { computeForSpend, hardwarePreset, trainingCost } from '../scaling/cost.js';
import {
  fitScalingLaws,
  readScalingFit,
  SCALING_FORMS,
  type ScalingFitOptions,
  type ScalingForm,
} from '../scaling/fit-file.js';
import { loadNotableModels, namingFile } from '../scaling/load.js';
import {
  computeMultiplier,
  optimalAllocation,
  parametersMultiplier,
  spendKnee,
  spendMultiplier,
  type FittedForms,
} from '../scaling/questions.js';
import { frontierSeries, frontierTrend } from '../scaling/trend.js';
import { MAX_HORIZON } from '../data/limits.js';
import {
  checkOutputs,
  checkWritable,
  parseIntList,
  parseLevel,
  parseLevels,
  parseNumber,
  required,
} from './options.js';
import { examplePath } from './paths.js';
import { runScalingReport } from './scaling-report.js';

/** Flag values as cac delivers them, by camelCase name (numbers may arrive as strings or numbers). */
export type ScalingFlags = Record<string, unknown>;

const POSITIVE = { above: 0 } as const;
/** A dollar budget or a run's days beyond these overflow the cluster arithmetic (1e300 USD gave Infinity FLOP). */
const BUDGET = { above: 0, atMost: 1e15 } as const;
const DAYS = { above: 0, atMost: 36_500 } as const;
const COUNT = { atLeast: 0, integer: true } as const;
/** Most bootstrap resamples: each refits the law, so 1e9 would run for days instead of failing at once. */
export const MAX_BOOTSTRAP = 10_000;
const RESAMPLES = { ...COUNT, atMost: MAX_BOOTSTRAP } as const;

/** Four significant digits, in exponent form from a million up (parameter and token counts). */
function sci(value: number, digits = 4): string {
  if (Number.isFinite(value) && Math.abs(value) >= 1e6) return value.toExponential(digits - 1).replace('e+', 'e');
  return fmt(value, digits);
}

const est = (e: Estimate): string[] => [sci(e.estimate), sci(e.se, 3), `[${sci(e.lower)}, ${sci(e.upper)}]`];

function formOf(value: unknown): ScalingForm {
  const form = String(value ?? 'chinchilla');
  if (!(SCALING_FORMS as readonly string[]).includes(form)) {
    throw new ForesightError('invalid_argument', `--form "${form}": use chinchilla, power, log or all`, {
      value: form,
    });
  }
  return form as ScalingForm;
}

/**
 * `scaling fit`: parses the flags, fits with {@link fitScalingLaws}, writes the fit file with --output and
 * returns the tables (or JSON with --json). Throws ForesightError('invalid_argument') for a bad flag value.
 */
export function runScalingFit(o: ScalingFlags): string {
  const input = required(o.input, '--input');
  checkOutputs({ '--input': input }, { '--output': o.output });
  // a path that cannot be written is refused before the fit, not after it
  if (o.output) checkWritable(String(o.output), '--output');
  const form = formOf(o.form);
  const options: ScalingFitOptions = {
    input,
    form,
    columns: o.columns ? parseColumnMapping(String(o.columns)) : {},
    exclude: parseNumber(o.exclude, '--exclude', COUNT, 0),
    resamples: parseNumber(o.bootstrap, '--bootstrap', RESAMPLES, 200),
    seed: parseNumber(o.seed, '--seed', COUNT, 1),
    level: parseLevel(o.level, '--level', 95),
    unit: parseNumber(o.unit, '--unit', POSITIVE, 1e18),
    bin: parseNumber(o.bin, '--bin', POSITIVE, 0.1),
    quickGrid: o.quickGrid === true,
  };
  const out = fitScalingLaws(options);
  const { level, excluded, seed } = out;
  const text: string[] = [];
  const c = out.chinchilla;
  if (c) {
    const keys = ['E', 'A', 'B', 'alpha', 'beta'] as const;
    text.push(
      `Chinchilla law L(N, D) = E + A/N^alpha + B/D^beta: ${c.nobs} runs${excluded ? ` (${excluded} with the fewest tokens per parameter excluded)` : ''}, ` +
        `Huber delta ${c.huberDelta} on log loss, best of ${c.starts} L-BFGS starts; ${c.replicates.length} bootstrap resamples (seed ${seed})`,
      formatTable(
        ['parameter', 'estimate', 'SE', `${level}% interval`],
        [...keys.map((k) => [k, ...est(c.estimates[k])]), ['a = beta/(alpha+beta)', ...est(c.estimates.a)]],
      ),
      `Log-loss residuals: RMSE ${fmt(c.heldOut.inSampleRmseLog, 3)} in sample, ${fmt(c.heldOut.rmseLog, 3)} held out (one half-decade compute bin at a time, ${c.heldOut.groups} bins); ` +
        `AIC ${fmt(c.criteria.aic)}, BIC ${fmt(c.criteria.bic)} (Gaussian on log loss)`,
      '',
    );
  }
  if (out.power?.estimates) {
    const e = out.power.estimates;
    text.push(
      `Power law L(C) = E + K·C^-gamma on the compute frontier (${out.power.nobs} points, lowest loss per ${out.bin} decade of compute)`,
      formatTable(
        ['parameter', 'estimate', 'SE', `${level}% interval`],
        [
          ['E', ...est(e.E)],
          ['K', ...est(e.K)],
          ['gamma', ...est(e.gamma)],
        ],
      ),
      '',
    );
  }
  if (out.log?.estimates) {
    const e = out.log.estimates;
    text.push(
      `Logarithmic form L(C) = b + c·ln(C/${out.computeUnit.toExponential()} + 1) on the same frontier (${out.log.nobs} points)`,
      formatTable(
        ['parameter', 'estimate', 'SE', `${level}% interval`],
        [
          ['b', ...est(e.intercept)],
          ['c', ...est(e.slope)],
        ],
      ),
      '',
    );
  }
  const cmp = out.comparison;
  if (cmp) {
    text.push(
      'Power law vs logarithmic form on the same frontier points (held out: one compute bin at a time)',
      formatTable(
        ['form', 'coefficients', 'RSS', 'AIC', 'BIC', 'delta AIC', 'Akaike weight', 'held-out RMSE'],
        cmp.rows.map((r) => [
          r.form,
          String(r.coefficients),
          fmt(r.rss),
          fmt(r.criteria.aic),
          fmt(r.criteria.bic),
          fmt(r.deltaAic),
          fmt(r.akaikeWeight, 3),
          fmt(r.heldOut.rmse),
        ]),
      ),
      `Better: ${cmp.better} (held-out RMSE ${fmt(cmp.heldOutRmseRatio, 3)}x lower)`,
      '',
    );
  }
  if (o.output) {
    const file = String(o.output);
    try {
      writeFileSync(file, JSON.stringify(out) + '\n');
    } catch (e) {
      throw new ForesightError('io_error', `${file}: cannot write (${(e as Error).message})`, { file });
    }
    text.push(`fit written to ${o.output}`);
  }
  return o.json ? JSON.stringify(out, null, 2) + '\n' : text.join('\n') + '\n';
}

/**
 * Answers "k x the parameters", "k x the compute" and "what does $X buy" from a saved fit, with bootstrap intervals.
 * Throws ForesightError('invalid_argument') when no question is asked or the fit lacks the Chinchilla law.
 */
export function runScalingAsk(o: ScalingFlags): string {
  const fitFile = required(o.fit, '--fit');
  const file = readScalingFit(fitFile);
  const level = file.level;
  const atCompute = parseNumber(o.atCompute, '--at-compute', POSITIVE, 5.76e23);
  const forms: FittedForms = {};
  if (file.chinchilla) forms.chinchilla = { estimate: file.chinchilla.params, replicates: file.chinchilla.replicates };
  if (file.power) forms.power = { estimate: file.power.params, replicates: file.power.replicates };
  if (file.log) forms.log = { estimate: file.log.params, replicates: file.log.replicates };
  const answer: Record<string, unknown> = { fit: fitFile, atCompute, level };
  const text: string[] = [];
  const asked = o.paramsMultiplier !== undefined || o.computeMultiplier !== undefined || o.budgetUsd !== undefined;
  if (!asked)
    throw new ForesightError(
      'invalid_argument',
      'scaling ask: give --params-multiplier, --compute-multiplier or --budget-usd',
    );
  const needChinchilla = (what: string) => {
    if (!forms.chinchilla)
      throw new ForesightError(
        'invalid_argument',
        `scaling ask ${what}: the fit file has no Chinchilla law (fit with --form chinchilla or all)`,
      );
    return forms.chinchilla;
  };
  if (o.paramsMultiplier !== undefined) {
    const k = parseNumber(o.paramsMultiplier, '--params-multiplier', POSITIVE);
    const rows = parametersMultiplier(needChinchilla('--params-multiplier'), k, atCompute, level);
    answer.paramsMultiplier = { k, scenarios: rows };
    text.push(
      `${k}x the parameters, from the compute-optimal model at ${atCompute.toExponential(3)} FLOP (${level}% bootstrap intervals)`,
      formatTable(
        ['path', 'compute multiplier', 'interval', 'loss before', 'loss after', 'interval'],
        rows.map((r) => [
          r.description,
          fmt(r.computeMultiplier.estimate),
          `[${fmt(r.computeMultiplier.lower)}, ${fmt(r.computeMultiplier.upper)}]`,
          fmt(r.lossBefore.estimate),
          fmt(r.lossAfter.estimate),
          `[${fmt(r.lossAfter.lower)}, ${fmt(r.lossAfter.upper)}]`,
        ]),
      ),
      '',
    );
  }
  if (o.computeMultiplier !== undefined) {
    const k = parseNumber(o.computeMultiplier, '--compute-multiplier', POSITIVE);
    const rows = computeMultiplier(forms, k, atCompute, level);
    answer.computeMultiplier = { k, forms: rows };
    text.push(
      `${k}x the compute from ${atCompute.toExponential(3)} FLOP under each fitted form (${level}% bootstrap intervals)`,
      formatTable(
        [
          'form',
          'loss before',
          'loss after',
          'interval',
          'loss ratio',
          'reducible-loss ratio',
          'interval',
          'performance ratio',
        ],
        rows.map((r) => [
          r.form,
          fmt(r.lossBefore.estimate),
          fmt(r.lossAfter.estimate),
          `[${fmt(r.lossAfter.lower)}, ${fmt(r.lossAfter.upper)}]`,
          fmt(r.lossRatio.estimate),
          r.reducibleLossRatio ? fmt(r.reducibleLossRatio.estimate) : '-',
          r.reducibleLossRatio ? `[${fmt(r.reducibleLossRatio.lower)}, ${fmt(r.reducibleLossRatio.upper)}]` : '-',
          fmt(r.performanceRatio.estimate),
        ]),
      ),
      'performance ratio: 1/(reducible-loss ratio) for chinchilla and power; ln(kx+1)/ln(x+1) for the log form (x in its compute unit)',
      '',
    );
  }
  if (o.budgetUsd !== undefined) {
    const usd = parseNumber(o.budgetUsd, '--budget-usd', BUDGET);
    const hardware = hardwarePreset(String(o.hardware ?? 'h100'));
    const days = parseNumber(o.days, '--days', DAYS, 90);
    const curve: UtilisationCurve = {
      peakUtilisation: parseNumber(o.mfu, '--mfu', { above: 0, atMost: 1 }, DEFAULT_CLUSTER_CURVE.peakUtilisation),
      bandwidthCost: 0,
      latencyCost: parseNumber(o.latencyCost, '--latency-cost', { atLeast: 0 }, DEFAULT_CLUSTER_CURVE.latencyCost),
    };
    const spend = computeForSpend(usd, hardware, curve, days);
    const law = needChinchilla('--budget-usd');
    const alloc = optimalAllocation(law, spend.compute, level);
    const cost = trainingCost(spend.compute, { hardware, chips: spend.chips, curve });
    answer.budget = { usd, hardware, days, curve, spend, allocation: alloc, cost };
    text.push(
      `$${sci(usd)} on ${hardware.name} at $${hardware.pricePerChipHour}/chip-hour for ${days} days: ${fmt(spend.chips, 3)} chips at ${fmt(spend.utilisation * 100, 3)}% MFU -> ${spend.compute.toExponential(3)} FLOP, ${sci(cost.chipHours)} chip-hours, ${fmt(cost.energyKWh / 1e6)} GWh`,
      formatTable(
        ['compute-optimal', 'estimate', 'SE', `${level}% interval`],
        [
          ['parameters', ...est(alloc.parameters)],
          ['tokens', ...est(alloc.tokens)],
          ['tokens per parameter', ...est(alloc.tokensPerParameter)],
          ['loss', ...est(alloc.loss)],
          ['reducible loss', ...est(alloc.reducibleLoss)],
        ],
      ),
      '',
    );
    if (o.spendMultiplier !== undefined) {
      const k = parseNumber(o.spendMultiplier, '--spend-multiplier', POSITIVE);
      const s = spendMultiplier(law, usd, k, (u) => computeForSpend(u, hardware, curve, days), level);
      answer.spendMultiplier = s;
      text.push(
        `${k}x the spend ($${sci(k * usd)}) buys ${fmt(s.computeMultiplier)}x the compute (${s.computeAfter.toExponential(3)} FLOP): ` +
          `loss ${fmt(s.lossBefore.estimate)} -> ${fmt(s.lossAfter.estimate)} [${fmt(s.lossAfter.lower)}, ${fmt(s.lossAfter.upper)}], ` +
          `reducible loss x${fmt(s.reducibleLossRatio.estimate)} [${fmt(s.reducibleLossRatio.lower)}, ${fmt(s.reducibleLossRatio.upper)}]`,
        '',
      );
    }
    if (o.kneeLoss !== undefined) {
      const t = parseNumber(o.kneeLoss, '--knee-loss', POSITIVE);
      const knee = spendKnee(law, usd, (u) => computeForSpend(u, hardware, curve, days), t, level);
      const ke = knee.interval;
      answer.knee = knee;
      text.push(
        `Cost knee: doubling beyond $${sci(knee.kneeUsd ?? NaN)} buys less than ${t} in loss (${level}% interval [$${sci(ke.lower)}, $${sci(ke.upper)}])`,
        formatTable(
          ['spend USD', 'chips', 'MFU', 'compute FLOP', 'loss', 'reduction from last doubling'],
          knee.steps.map((s) => [
            sci(s.usd),
            fmt(s.chips, 4),
            fmt(s.utilisation, 3),
            s.compute.toExponential(2),
            fmt(s.loss),
            fmt(s.lossReduction, 3),
          ]),
        ),
        '',
      );
    }
  }
  return o.json ? JSON.stringify(answer, null, 2) + '\n' : text.join('\n') + '\n';
}

/**
 * `scaling cluster`: fits utilisation vs chips to the notable-models data (or evaluates a ring all-reduce model
 * when its flags are given) and reports the throughput knee with a bootstrap interval.
 */
export function runScalingCluster(o: ScalingFlags): string {
  const fraction = parseNumber(o.fraction, '--fraction', { above: 0, below: 1 }, 0.5);
  const level = parseLevel(o.level, '--level', 95);
  const chipsList = o.chips === undefined ? [8, 64, 512, 4096, 16384, 65536, 262144] : parseIntList(o.chips, '--chips');
  const text: string[] = [];
  const result: Record<string, unknown> = { fraction };
  let curve: UtilisationCurve;
  if (o.bandwidth !== undefined || o.gradientBytes !== undefined || o.flopsPerStep !== undefined) {
    curve = ringAllReduceCurve({
      computeUtilisation: parseNumber(o.computeUtilisation, '--compute-utilisation', { above: 0, atMost: 1 }, 0.5),
      peakFlops: parseNumber(o.peakFlops, '--peak-flops', POSITIVE, 989.4e12),
      flopsPerStepPerChip: parseNumber(o.flopsPerStep, '--flops-per-step', POSITIVE),
      gradientBytes: parseNumber(o.gradientBytes, '--gradient-bytes', POSITIVE),
      bandwidth: parseNumber(o.bandwidth, '--bandwidth', POSITIVE),
      latency: parseNumber(o.latency, '--latency', { atLeast: 0 }, 5e-6),
    });
    const knee = throughputKnee(curve, fraction);
    result.model = 'ring-all-reduce';
    result.curve = curve;
    result.knee = knee;
    text.push(
      `Ring all-reduce model: u(n) = ${fmt(curve.peakUtilisation)} / (1 + ${fmt(curve.bandwidthCost)}·2(n-1)/n + ${fmt(curve.latencyCost)}·(n-1))`,
      `Knee: beyond ${fmt(knee)} chips a doubling adds less than ${fraction * 100}% throughput`,
    );
  } else {
    const file = o.input === undefined ? examplePath('scaling/notable_models.csv') : String(o.input);
    const m = loadNotableModels(file);
    const resamples = parseNumber(o.bootstrap, '--bootstrap', RESAMPLES, 200);
    const seed = parseNumber(o.seed, '--seed', COUNT, 1);
    const {
      fit,
      knee,
      latencyCost: lambda,
    } = namingFile(file, () => clusterKnee(m.chips, m.mfu, fraction, resamples, createRng(seed), level));
    curve = fit.curve;
    result.model = 'fitted';
    result.fit = fit;
    result.knee = knee;
    result.latencyCost = lambda;
    text.push(
      `MFU vs chips, ${fit.nobs} runs with both in ${file}: u(n) = u0 / (1 + lambda·(n-1)), u0 = ${fmt(curve.peakUtilisation, 3)}, lambda = ${curve.latencyCost.toExponential(2)} (${level}% interval [${lambda.lower.toExponential(2)}, ${lambda.upper.toExponential(2)}])`,
      `Log-linear trend: ln MFU changes by ${fmt(fit.perDoubling.slope, 3)} per doubling of chips (SE ${fmt(fit.perDoubling.se, 3)}, t = ${fmt(fit.perDoubling.t, 3)}); residual SD ${fmt(fit.sigma, 3)} on the log scale`,
      `Knee: beyond ${fmt(knee.estimate, 3)} chips a doubling adds less than ${fraction * 100}% throughput (${level}% interval [${fmt(knee.lower, 3)}, ${fmt(knee.upper, 3)}])`,
    );
  }
  const rows = chipsList.map((n) => [fmt(n), fmt(utilisation(curve, n), 3), fmt(n * utilisation(curve, n))]);
  result.table = chipsList.map((n) => ({
    chips: n,
    utilisation: utilisation(curve, n),
    throughput: n * utilisation(curve, n),
  }));
  text.push('', formatTable(['chips', 'utilisation', 'throughput (chip-equivalents at 100%)'], rows));
  return o.json ? JSON.stringify(result, null, 2) + '\n' : text.join('\n') + '\n';
}

const yearText = (y: number | null): string => {
  if (y === null) return 'beyond the horizon';
  const year = Math.floor(y);
  return `${year}-${String(Math.min(12, Math.floor((y - year) * 12) + 1)).padStart(2, '0')}`;
};

/**
 * `scaling trend`: forecasts frontier training compute (log10 FLOP) with any model of the full registry (fusion
 * included) and reports the threshold crossing. `--level 80,95` as in the other commands; `--levels` is its
 * deprecated alias.
 */
export function runScalingTrend(o: ScalingFlags): string {
  if (o.level !== undefined && o.levels !== undefined)
    throw new ForesightError('invalid_argument', 'give --level (or its old name --levels), not both');
  const file = o.input === undefined ? examplePath('scaling/notable_models.csv') : String(o.input);
  const m = loadNotableModels(file);
  const step = parseNumber(o.step, '--step', POSITIVE, 0.25);
  const series = frontierSeries(m.year, m.trainingFlop, m.model, parseNumber(o.start, '--start', {}, 2010), step);
  const levelFlag = o.levels !== undefined ? '--levels' : '--level';
  const levels = parseLevels(o.level ?? o.levels ?? '80,95', levelFlag);
  const model = resolveModel(String(o.model ?? 'drift'));
  const horizon = parseNumber(o.horizon, '--horizon', { atLeast: 1, atMost: MAX_HORIZON, integer: true }, 60);
  const t = frontierTrend(series, model, horizon, levels, parseNumber(o.threshold, '--threshold', POSITIVE, 1e27));
  if (o.json) return JSON.stringify({ series, forecast: t }, null, 2) + '\n';
  const c = t.crossing;
  const lines = [
    `Frontier training compute (largest run so far, ${file}), ${series.time.length} periods of ${step} years to the end of ${yearText(series.time[series.time.length - 1] - 1e-9)}: ` +
      `${sci(Math.pow(10, series.log10Flop[series.log10Flop.length - 1]), 3)} FLOP (${series.leader[series.leader.length - 1]})`,
    `Model ${t.model}: ${fmt(t.growthPerYear, 3)}x a year`,
    c.observed !== null
      ? `Crossed ${c.threshold.toExponential(0)} FLOP already at ${yearText(c.observed)}`
      : `Crosses ${c.threshold.toExponential(0)} FLOP at ${yearText(c.mean)} (${c.level}% interval ${yearText(c.earliest)} to ${yearText(c.latest)})`,
    '',
  ];
  const every = Math.max(1, Math.round(1 / step));
  const rows = t.time
    .map((time, i) => [time, i] as const)
    .filter(([, i]) => (i + 1) % every === 0)
    .map(([time, i]) => [
      yearText(time - 1e-9),
      fmt(t.mean[i], 4),
      ...t.levels.flatMap((_, j) => [fmt(t.lower[j][i], 4), fmt(t.upper[j][i], 4)]),
    ]);
  lines.push(formatTable(['period end', 'log10 FLOP', ...t.levels.flatMap((l) => [`lo ${l}%`, `hi ${l}%`])], rows));
  return lines.join('\n') + '\n';
}

/** Subcommands of `foresight scaling`. */
export const SCALING_ACTIONS = ['fit', 'ask', 'cluster', 'trend', 'report'] as const;

/**
 * Runs one `foresight scaling <action>` with the parsed flags and returns the text to print.
 * Throws ForesightError('invalid_argument') for an unknown action or a missing required flag.
 *
 * @example
 * runScaling('trend', { model: 'drift' }) // the frontier-compute forecast table
 */
export function runScaling(action: string, options: ScalingFlags): string {
  switch (action) {
    case 'fit':
      if (!options.input) throw new ForesightError('invalid_argument', 'scaling fit: --input FILE is required');
      return runScalingFit(options);
    case 'ask':
      if (!options.fit) throw new ForesightError('invalid_argument', 'scaling ask: --fit FILE is required');
      return runScalingAsk(options);
    case 'cluster':
      return runScalingCluster(options);
    case 'trend':
      return runScalingTrend(options);
    case 'report':
      throw new ForesightError('invalid_argument', 'scaling report writes a file: call runScalingReport');
    default:
      throw new ForesightError(
        'invalid_argument',
        `unknown scaling action "${action}"; use ${SCALING_ACTIONS.join(', ')}`,
        { value: action },
      );
  }
}

/**
 * Adds `foresight scaling <fit|ask|cluster|trend>` to the CLI (cac matches one-word command names, so the
 * four actions share one command and its flags; defaults are applied per action by the run functions).
 *
 * @example
 * registerScalingCommands(cli) // then: foresight scaling fit --input examples/scaling/chinchilla_runs.csv --exclude 5
 */
export function registerScalingCommands(cli: CAC): void {
  cli
    .command(
      'scaling <action>',
      'Scaling economics: fit | ask | cluster | trend | report (see the README section "Scaling economics")',
    )
    .usage(
      'scaling fit --input runs.csv [--form chinchilla|power|log|all] [--columns ...] [--output fit.json]\n' +
        '  scaling ask --fit fit.json --params-multiplier 2 | --compute-multiplier 2 | --budget-usd 1e8 [--spend-multiplier 2] [--knee-loss 0.01]\n' +
        '  scaling cluster [--input notable_models.csv] [--fraction 0.5] | [--flops-per-step F --gradient-bytes G --bandwidth B]\n' +
        '  scaling trend [--model drift|ensemble|...] [--threshold 1e27] [--level 80,95]\n' +
        '  scaling report --output scaling.html [--fit fit.json | --input runs.csv] [--notable notable_models.csv] [--quick-grid]',
    )
    // fit
    .option(
      '--input <file>',
      'fit: CSV of training runs; cluster/trend: notable-models CSV (default: bundled examples/scaling/notable_models.csv)',
    )
    .option('--form <form>', 'fit: chinchilla | power | log | all (default chinchilla)')
    .option('--columns <map>', 'fit: column mapping, e.g. parameters=Model Size,compute=Training FLOP,loss=loss')
    .option('--exclude <n>', 'fit: drop the n runs with the fewest tokens per parameter (Epoch AI drop 5; default 0)')
    .option('--unit <flop>', 'fit: compute unit x of the log form (default 1e18)')
    .option('--bin <decades>', 'fit: compute bin width for the frontier and held-out groups (default 0.1)')
    .option('--quick-grid', 'fit: 48 starts instead of the 4,500 of Hoffmann et al.')
    .option('--output <file>', 'fit: write the fit as JSON for scaling ask; report: the HTML file to write')
    .option('--notable <file>', 'report: notable-models CSV for the cluster curve (default: bundled)')
    // ask
    .option('--fit <file>', 'ask: fit JSON written by scaling fit --output')
    .option('--params-multiplier <k>', 'ask: compute needed for k x the parameters')
    .option('--compute-multiplier <k>', 'ask: what k x the compute buys under each form')
    .option('--budget-usd <usd>', 'ask: what a dollar budget buys (compute-optimal N, D, loss)')
    .option('--at-compute <flop>', 'ask: reference compute budget (default 5.76e23, Chinchilla/Gopher)')
    .option('--hardware <chip>', 'ask: h100 | a100 | v100 | tpu-v4 (default h100)')
    .option('--days <days>', 'ask: training duration for --budget-usd (default 90)')
    .option('--mfu <u0>', `ask: utilisation of a small cluster (default ${DEFAULT_CLUSTER_CURVE.peakUtilisation})`)
    .option(
      '--latency-cost <lambda>',
      `ask: utilisation falls as 1/(1 + lambda (n-1)) (default ${DEFAULT_CLUSTER_CURVE.latencyCost})`,
    )
    .option('--spend-multiplier <k>', 'ask: with --budget-usd, what k x the spend buys after utilisation losses')
    .option('--knee-loss <dL>', 'ask: with --budget-usd, the spend beyond which a doubling buys less than dL')
    // cluster
    .option('--fraction <f>', 'cluster: knee where a doubling adds less than this fraction of throughput (default 0.5)')
    .option('--chips <list>', 'cluster: chip counts to tabulate')
    .option('--compute-utilisation <u>', 'cluster ring model: utilisation without communication (default 0.5)')
    .option('--peak-flops <flops>', 'cluster ring model: peak FLOP/s per chip (default 989.4e12)')
    .option('--flops-per-step <flop>', 'cluster ring model: FLOP per chip per step')
    .option('--gradient-bytes <bytes>', 'cluster ring model: bytes all-reduced per step')
    .option('--bandwidth <bytes>', 'cluster ring model: per-chip all-reduce bandwidth, bytes/s')
    .option('--latency <s>', 'cluster ring model: latency per hop (default 5e-6)')
    // trend
    .option('--model <name>', 'trend: registry model for log10 compute (default drift)')
    .option('--start <year>', 'trend: first year (default 2010)')
    .option('--step <years>', 'trend: period length in years (default 0.25)')
    .option('--horizon <periods>', 'trend: forecast periods (default 60)')
    .option('--threshold <flop>', 'trend: compute threshold (default 1e27)')
    .option('--levels <list>', 'trend: deprecated name of --level')
    // shared
    .option('--bootstrap <n>', 'fit/cluster: bootstrap resamples (default 200)')
    .option('--seed <n>', 'fit/cluster: random seed (default 1)')
    .option('--level <pct>', 'fit/cluster: interval level (default 95); trend: a list (default 80,95)')
    .option('--json', 'print JSON')
    .action(async (action: string, options: Record<string, unknown>) => {
      if (action === 'report') process.stderr.write(await runScalingReport(options));
      else process.stdout.write(runScaling(action, options));
    });
}
