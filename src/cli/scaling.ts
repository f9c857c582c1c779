/**
 * `foresight scaling fit | ask | cluster | trend`: scaling economics from the command line. Thin: each command
 * parses its flags, calls the library in src/scaling and formats a table (or JSON with --json). The `run*`
 * functions return the text printed so they can be tested without spawning a process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CAC } from 'cac';
import { ForesightError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { resolveModel } from '../models/registry.js';
import { fmt, formatTable } from '../pipeline/format.js';
import { examplePath } from './paths.js';
import { dropFewestTokensPerParameter, parseColumnMapping, selectRuns, type ColumnMapping } from '../scaling/columns.js';
import { loadNotableModels, loadRuns } from '../scaling/load.js';
import { bootstrapChinchilla, fitChinchilla, HOFFMANN_GRID, SMALL_GRID, type ChinchillaParams } from '../scaling/chinchilla.js';
import { bootstrapComputeForms, computeFrontier, fitLogLaw, fitPowerLaw, type LogLawParams, type PowerLawParams } from '../scaling/compute-forms.js';
import { chinchillaHeldOut, compareComputeForms, informationCriteria, type ChinchillaHeldOut, type ComputeFormsComparison, type InformationCriteria } from '../scaling/compare.js';
import { summarize, type Estimate } from '../scaling/bootstrap.js';
import { computeMultiplier, optimalAllocation, parametersMultiplier, spendMultiplier, type FittedForms } from '../scaling/questions.js';
import { bootstrapUtilisation, fitUtilisation, ringAllReduceCurve, throughputKnee, utilisation, type UtilisationCurve } from '../scaling/cluster.js';
import { computeForSpend, costKnee, hardwarePreset, trainingCost } from '../scaling/cost.js';
import { frontierSeries, frontierTrend } from '../scaling/trend.js';

/** Option values as cac delivers them (numbers may arrive as strings or numbers). */
type Flag = string | number | boolean | undefined;

function num(value: Flag, name: string, fallback?: number): number {
  if (value === undefined || value === '' || value === true) {
    if (fallback !== undefined) return fallback;
    throw new ForesightError('invalid_argument', `--${name} needs a number`);
  }
  const v = Number(value);
  if (!Number.isFinite(v)) throw new ForesightError('invalid_argument', `--${name} "${value}" is not a number`, { value: String(value) });
  return v;
}

/** Four significant digits, in exponent form from a million up (parameter and token counts). */
function sci(value: number, digits = 4): string {
  if (Number.isFinite(value) && Math.abs(value) >= 1e6) return value.toExponential(digits - 1).replace('e+', 'e');
  return fmt(value, digits);
}

const est = (e: Estimate): string[] => [sci(e.estimate), sci(e.se, 3), `[${sci(e.lower)}, ${sci(e.upper)}]`];

/** What `scaling fit` writes with --output and `scaling ask` reads with --fit. */
export interface ScalingFitFile {
  kind: 'foresight.scaling.fit';
  version: 1;
  input: string;
  columns: ColumnMapping;
  excluded: number;
  resamples: number;
  seed: number;
  level: number;
  computeUnit: number;
  chinchilla?: {
    params: ChinchillaParams;
    exponents: { a: number; b: number };
    objective: number;
    nobs: number;
    starts: number;
    estimates: Record<'E' | 'A' | 'B' | 'alpha' | 'beta' | 'a', Estimate>;
    replicates: ChinchillaParams[];
    failures: string[];
    residuals: number[];
    /** Gaussian criteria of the log-loss residuals (the fit itself minimises a Huber loss). */
    criteria: InformationCriteria;
    heldOut: ChinchillaHeldOut;
  };
  power?: { params: PowerLawParams; rss: number; nobs: number; replicates: PowerLawParams[] };
  log?: { params: LogLawParams; rss: number; nobs: number; replicates: LogLawParams[] };
  comparison?: ComputeFormsComparison;
}

/** Options of {@link runScalingFit} (the CLI flags in camelCase). */
export interface ScalingFitOptions {
  input: string;
  form?: string;
  columns?: string;
  exclude?: Flag;
  bootstrap?: Flag;
  seed?: Flag;
  level?: Flag;
  unit?: Flag;
  bin?: Flag;
  quickGrid?: boolean;
  output?: string;
  json?: boolean;
}

/**
 * Fits the chosen form(s) to training runs, with bootstrap intervals; writes the fit file with --output.
 * Throws ForesightError('invalid_argument') for an unknown form; loader and fit errors propagate.
 */
export function runScalingFit(o: ScalingFitOptions): string {
  const form = String(o.form ?? 'chinchilla');
  if (!['chinchilla', 'power', 'log', 'all'].includes(form)) {
    throw new ForesightError('invalid_argument', `--form "${form}": use chinchilla, power, log or all`, { value: form });
  }
  const columns = o.columns ? parseColumnMapping(String(o.columns)) : {};
  const all = loadRuns(o.input, columns);
  const excluded = num(o.exclude, 'exclude', 0);
  const runs = excluded > 0 ? selectRuns(all, dropFewestTokensPerParameter(all, excluded)) : all;
  const resamples = num(o.bootstrap, 'bootstrap', 200);
  const seed = num(o.seed, 'seed', 1);
  const level = num(o.level, 'level', 95);
  const unit = num(o.unit, 'unit', 1e18);
  const out: ScalingFitFile = { kind: 'foresight.scaling.fit', version: 1, input: o.input, columns, excluded, resamples, seed, level, computeUnit: unit };
  const text: string[] = [];
  if (form === 'chinchilla' || form === 'all') {
    const fit = fitChinchilla(runs, { grid: o.quickGrid ? SMALL_GRID : HOFFMANN_GRID });
    const boot = resamples > 0 ? bootstrapChinchilla(runs, fit, resamples, createRng(seed)) : { samples: [], failures: [] };
    const keys = ['E', 'A', 'B', 'alpha', 'beta'] as const;
    const estimates = Object.fromEntries(keys.map((k) => [k, summarize(fit.params[k], boot.samples.map((s) => s[k]), level)])) as ScalingFitFile['chinchilla'] extends infer T ? T extends { estimates: infer E } ? E : never : never;
    estimates.a = summarize(fit.exponents.a, boot.samples.map((s) => s.beta / (s.alpha + s.beta)), level);
    const heldOut = chinchillaHeldOut(runs, fit, 0.5);
    const criteria = informationCriteria(fit.residuals.reduce((s, r) => s + r * r, 0), fit.nobs, 5);
    out.chinchilla = {
      params: fit.params, exponents: fit.exponents, objective: fit.objective, nobs: fit.nobs, starts: fit.starts,
      estimates, replicates: boot.samples, failures: boot.failures, residuals: fit.residuals, criteria, heldOut,
    };
    text.push(
      `Chinchilla law L(N, D) = E + A/N^alpha + B/D^beta: ${fit.nobs} runs${excluded ? ` (${excluded} with the fewest tokens per parameter excluded)` : ''}, ` +
        `Huber delta ${fit.huberDelta} on log loss, best of ${fit.starts} L-BFGS starts; ${boot.samples.length} bootstrap resamples (seed ${seed})`,
      formatTable(['parameter', 'estimate', 'SE', `${level}% interval`], [
        ...keys.map((k) => [k, ...est(estimates[k])]),
        ['a = beta/(alpha+beta)', ...est(estimates.a)],
      ]),
      `Log-loss residuals: RMSE ${fmt(heldOut.inSampleRmseLog, 3)} in sample, ${fmt(heldOut.rmseLog, 3)} held out (one half-decade compute bin at a time, ${heldOut.groups} bins); ` +
        `AIC ${fmt(criteria.aic)}, BIC ${fmt(criteria.bic)} (Gaussian on log loss)`,
      '',
    );
  }
  if (form !== 'chinchilla') {
    const points = computeFrontier(runs, num(o.bin, 'bin', 0.1));
    const boot = resamples > 0 ? bootstrapComputeForms(points, resamples, createRng(seed), unit) : { power: [], log: [], failures: [] };
    if (form === 'power' || form === 'all') {
      const f = fitPowerLaw(points.compute, points.loss);
      out.power = { params: f.params, rss: f.rss, nobs: f.nobs, replicates: boot.power };
      const e = (k: keyof PowerLawParams) => est(summarize(f.params[k], boot.power.map((p) => p[k]), level));
      text.push(`Power law L(C) = E + K·C^-gamma on the compute frontier (${f.nobs} points, lowest loss per ${num(o.bin, 'bin', 0.1)} decade of compute)`,
        formatTable(['parameter', 'estimate', 'SE', `${level}% interval`], [['E', ...e('E')], ['K', ...e('K')], ['gamma', ...e('gamma')]]), '');
    }
    if (form === 'log' || form === 'all') {
      const f = fitLogLaw(points.compute, points.loss, unit);
      out.log = { params: f.params, rss: f.rss, nobs: f.nobs, replicates: boot.log };
      const e = (k: 'intercept' | 'slope') => est(summarize(f.params[k], boot.log.map((p) => p[k]), level));
      text.push(`Logarithmic form L(C) = b + c·ln(C/${unit.toExponential()} + 1) on the same frontier (${f.nobs} points)`,
        formatTable(['parameter', 'estimate', 'SE', `${level}% interval`], [['b', ...e('intercept')], ['c', ...e('slope')]]), '');
    }
    if (form === 'all') {
      const c = compareComputeForms(points, unit);
      out.comparison = c;
      text.push('Power law vs logarithmic form on the same frontier points (held out: one compute bin at a time)',
        formatTable(['form', 'coefficients', 'RSS', 'AIC', 'BIC', 'delta AIC', 'Akaike weight', 'held-out RMSE'], c.rows.map((r) => [
          r.form, String(r.coefficients), fmt(r.rss), fmt(r.criteria.aic), fmt(r.criteria.bic), fmt(r.deltaAic), fmt(r.akaikeWeight, 3), fmt(r.heldOut.rmse),
        ])),
        `Better: ${c.better} (held-out RMSE ${fmt(c.heldOutRmseRatio, 3)}x lower)`, '');
    }
  }
  if (o.output) {
    writeFileSync(String(o.output), JSON.stringify(out) + '\n');
    text.push(`fit written to ${o.output}`);
  }
  return o.json ? JSON.stringify(out, null, 2) + '\n' : text.join('\n') + '\n';
}

/** Options of {@link runScalingAsk}. */
export interface ScalingAskOptions {
  fit: string;
  paramsMultiplier?: Flag;
  computeMultiplier?: Flag;
  budgetUsd?: Flag;
  atCompute?: Flag;
  hardware?: string;
  days?: Flag;
  mfu?: Flag;
  latencyCost?: Flag;
  kneeLoss?: Flag;
  spendMultiplier?: Flag;
  json?: boolean;
}

/**
 * Utilisation curve used by `ask` unless overridden: u0 = 0.38, lambda = 8.3e-6, the fit of
 * `foresight scaling cluster` to the 56 (chips, MFU) pairs of examples/scaling/notable_models.csv.
 */
export const DEFAULT_CLUSTER_CURVE: UtilisationCurve = { peakUtilisation: 0.38, bandwidthCost: 0, latencyCost: 8.3e-6 };

function readFit(file: string): ScalingFitFile {
  let parsed: ScalingFitFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as ScalingFitFile;
  } catch (e) {
    throw new ForesightError('io_error', `${file}: cannot read a fit (${(e as Error).message})`, { file });
  }
  if (parsed.kind !== 'foresight.scaling.fit') throw new ForesightError('invalid_input', `${file}: not a scaling fit (write one with foresight scaling fit --output)`, { file });
  return parsed;
}

/**
 * Answers "k x the parameters", "k x the compute" and "what does $X buy" from a saved fit, with bootstrap intervals.
 * Throws ForesightError('invalid_argument') when no question is asked or the fit lacks the Chinchilla law.
 */
export function runScalingAsk(o: ScalingAskOptions): string {
  const file = readFit(o.fit);
  const level = file.level;
  const atCompute = num(o.atCompute, 'at-compute', 5.76e23);
  const forms: FittedForms = {};
  if (file.chinchilla) forms.chinchilla = { estimate: file.chinchilla.params, replicates: file.chinchilla.replicates };
  if (file.power) forms.power = { estimate: file.power.params, replicates: file.power.replicates };
  if (file.log) forms.log = { estimate: file.log.params, replicates: file.log.replicates };
  const answer: Record<string, unknown> = { fit: o.fit, atCompute, level };
  const text: string[] = [];
  const asked = o.paramsMultiplier !== undefined || o.computeMultiplier !== undefined || o.budgetUsd !== undefined;
  if (!asked) throw new ForesightError('invalid_argument', 'scaling ask: give --params-multiplier, --compute-multiplier or --budget-usd');
  const needChinchilla = (what: string) => {
    if (!forms.chinchilla) throw new ForesightError('invalid_argument', `scaling ask ${what}: the fit file has no Chinchilla law (fit with --form chinchilla or all)`);
    return forms.chinchilla;
  };
  if (o.paramsMultiplier !== undefined) {
    const k = num(o.paramsMultiplier, 'params-multiplier');
    const rows = parametersMultiplier(needChinchilla('--params-multiplier'), k, atCompute, level);
    answer.paramsMultiplier = { k, scenarios: rows };
    text.push(`${k}x the parameters, from the compute-optimal model at ${atCompute.toExponential(3)} FLOP (${level}% bootstrap intervals)`,
      formatTable(['path', 'compute multiplier', 'interval', 'loss before', 'loss after', 'interval'], rows.map((r) => [
        r.description, fmt(r.computeMultiplier.estimate), `[${fmt(r.computeMultiplier.lower)}, ${fmt(r.computeMultiplier.upper)}]`,
        fmt(r.lossBefore.estimate), fmt(r.lossAfter.estimate), `[${fmt(r.lossAfter.lower)}, ${fmt(r.lossAfter.upper)}]`,
      ])), '');
  }
  if (o.computeMultiplier !== undefined) {
    const k = num(o.computeMultiplier, 'compute-multiplier');
    const rows = computeMultiplier(forms, k, atCompute, level);
    answer.computeMultiplier = { k, forms: rows };
    text.push(`${k}x the compute from ${atCompute.toExponential(3)} FLOP under each fitted form (${level}% bootstrap intervals)`,
      formatTable(['form', 'loss before', 'loss after', 'interval', 'loss ratio', 'reducible-loss ratio', 'interval', 'performance ratio'], rows.map((r) => [
        r.form, fmt(r.lossBefore.estimate), fmt(r.lossAfter.estimate), `[${fmt(r.lossAfter.lower)}, ${fmt(r.lossAfter.upper)}]`, fmt(r.lossRatio.estimate),
        r.reducibleLossRatio ? fmt(r.reducibleLossRatio.estimate) : '-',
        r.reducibleLossRatio ? `[${fmt(r.reducibleLossRatio.lower)}, ${fmt(r.reducibleLossRatio.upper)}]` : '-', fmt(r.performanceRatio.estimate),
      ])),
      'performance ratio: 1/(reducible-loss ratio) for chinchilla and power; ln(kx+1)/ln(x+1) for the log form (x in its compute unit)', '');
  }
  if (o.budgetUsd !== undefined) {
    const usd = num(o.budgetUsd, 'budget-usd');
    const hardware = hardwarePreset(String(o.hardware ?? 'h100'));
    const days = num(o.days, 'days', 90);
    const curve: UtilisationCurve = {
      peakUtilisation: num(o.mfu, 'mfu', DEFAULT_CLUSTER_CURVE.peakUtilisation), bandwidthCost: 0,
      latencyCost: num(o.latencyCost, 'latency-cost', DEFAULT_CLUSTER_CURVE.latencyCost),
    };
    const spend = computeForSpend(usd, hardware, curve, days);
    const law = needChinchilla('--budget-usd');
    const alloc = optimalAllocation(law, spend.compute, level);
    const cost = trainingCost(spend.compute, { hardware, chips: spend.chips, curve });
    answer.budget = { usd, hardware, days, curve, spend, allocation: alloc, cost };
    text.push(`$${sci(usd)} on ${hardware.name} at $${hardware.pricePerChipHour}/chip-hour for ${days} days: ${fmt(spend.chips, 3)} chips at ${fmt(spend.utilisation * 100, 3)}% MFU -> ${spend.compute.toExponential(3)} FLOP, ${sci(cost.chipHours)} chip-hours, ${fmt(cost.energyKWh / 1e6)} GWh`,
      formatTable(['compute-optimal', 'estimate', 'SE', `${level}% interval`], [
        ['parameters', ...est(alloc.parameters)], ['tokens', ...est(alloc.tokens)], ['tokens per parameter', ...est(alloc.tokensPerParameter)],
        ['loss', ...est(alloc.loss)], ['reducible loss', ...est(alloc.reducibleLoss)],
      ]), '');
    if (o.spendMultiplier !== undefined) {
      const k = num(o.spendMultiplier, 'spend-multiplier');
      const s = spendMultiplier(law, usd, k, (u) => computeForSpend(u, hardware, curve, days), level);
      answer.spendMultiplier = s;
      text.push(`${k}x the spend ($${sci(k * usd)}) buys ${fmt(s.computeMultiplier)}x the compute (${s.computeAfter.toExponential(3)} FLOP): ` +
        `loss ${fmt(s.lossBefore.estimate)} -> ${fmt(s.lossAfter.estimate)} [${fmt(s.lossAfter.lower)}, ${fmt(s.lossAfter.upper)}], ` +
        `reducible loss x${fmt(s.reducibleLossRatio.estimate)} [${fmt(s.reducibleLossRatio.lower)}, ${fmt(s.reducibleLossRatio.upper)}]`, '');
    }
    if (o.kneeLoss !== undefined) {
      const t = num(o.kneeLoss, 'knee-loss');
      const knee = costKnee(Math.min(usd, 1e6), (u) => computeForSpend(u, hardware, curve, days), (c) => optimalAllocation({ estimate: law.estimate, replicates: [] }, c).loss.estimate, t, 60);
      const kneeReps = law.replicates.map((p) => costKnee(Math.min(usd, 1e6), (u) => computeForSpend(u, hardware, curve, days), (c) => optimalAllocation({ estimate: p, replicates: [] }, c).loss.estimate, t, 60).kneeUsd ?? Infinity);
      const ke = summarize(knee.kneeUsd ?? Infinity, kneeReps, level);
      answer.knee = { ...knee, interval: ke };
      text.push(`Cost knee: doubling beyond $${sci(knee.kneeUsd ?? NaN)} buys less than ${t} in loss (${level}% interval [$${sci(ke.lower)}, $${sci(ke.upper)}])`,
        formatTable(['spend USD', 'chips', 'MFU', 'compute FLOP', 'loss', 'reduction from last doubling'], knee.steps.map((s) => [
          sci(s.usd), fmt(s.chips, 4), fmt(s.utilisation, 3), s.compute.toExponential(2), fmt(s.loss), fmt(s.lossReduction, 3),
        ])), '');
    }
  }
  return o.json ? JSON.stringify(answer, null, 2) + '\n' : text.join('\n') + '\n';
}

/** Options of {@link runScalingCluster}. */
export interface ScalingClusterOptions {
  input?: string;
  fraction?: Flag;
  bootstrap?: Flag;
  seed?: Flag;
  level?: Flag;
  chips?: string;
  computeUtilisation?: Flag;
  peakFlops?: Flag;
  flopsPerStep?: Flag;
  gradientBytes?: Flag;
  bandwidth?: Flag;
  latency?: Flag;
  json?: boolean;
}

/**
 * Fits utilisation vs chips to the notable-models data (or evaluates a ring all-reduce model when its flags are
 * given) and reports the throughput knee with a bootstrap interval.
 */
export function runScalingCluster(o: ScalingClusterOptions): string {
  const fraction = num(o.fraction, 'fraction', 0.5);
  const level = num(o.level, 'level', 95);
  const chipsList = String(o.chips ?? '8,64,512,4096,16384,65536,262144').split(',').map((c) => num(c, 'chips'));
  const text: string[] = [];
  const result: Record<string, unknown> = { fraction };
  let curve: UtilisationCurve;
  if (o.bandwidth !== undefined || o.gradientBytes !== undefined || o.flopsPerStep !== undefined) {
    curve = ringAllReduceCurve({
      computeUtilisation: num(o.computeUtilisation, 'compute-utilisation', 0.5),
      peakFlops: num(o.peakFlops, 'peak-flops', 989.4e12),
      flopsPerStepPerChip: num(o.flopsPerStep, 'flops-per-step'),
      gradientBytes: num(o.gradientBytes, 'gradient-bytes'),
      bandwidth: num(o.bandwidth, 'bandwidth'),
      latency: num(o.latency, 'latency', 5e-6),
    });
    const knee = throughputKnee(curve, fraction);
    result.model = 'ring-all-reduce';
    result.curve = curve;
    result.knee = knee;
    text.push(`Ring all-reduce model: u(n) = ${fmt(curve.peakUtilisation)} / (1 + ${fmt(curve.bandwidthCost)}·2(n-1)/n + ${fmt(curve.latencyCost)}·(n-1))`,
      `Knee: beyond ${fmt(knee)} chips a doubling adds less than ${fraction * 100}% throughput`);
  } else {
    const file = o.input ?? examplePath('scaling/notable_models.csv');
    const m = loadNotableModels(file);
    const fit = fitUtilisation(m.chips, m.mfu);
    curve = fit.curve;
    const reps = bootstrapUtilisation(m.chips, m.mfu, num(o.bootstrap, 'bootstrap', 200), createRng(num(o.seed, 'seed', 1)));
    const knee = summarize(throughputKnee(curve, fraction), reps.map((c) => throughputKnee(c, fraction)), level);
    const lambda = summarize(curve.latencyCost, reps.map((c) => c.latencyCost), level);
    result.model = 'fitted';
    result.fit = fit;
    result.knee = knee;
    result.latencyCost = lambda;
    text.push(`MFU vs chips, ${fit.nobs} runs with both in ${file}: u(n) = u0 / (1 + lambda·(n-1)), u0 = ${fmt(curve.peakUtilisation, 3)}, lambda = ${curve.latencyCost.toExponential(2)} (${level}% interval [${lambda.lower.toExponential(2)}, ${lambda.upper.toExponential(2)}])`,
      `Log-linear trend: ln MFU changes by ${fmt(fit.perDoubling.slope, 3)} per doubling of chips (SE ${fmt(fit.perDoubling.se, 3)}, t = ${fmt(fit.perDoubling.t, 3)}); residual SD ${fmt(fit.sigma, 3)} on the log scale`,
      `Knee: beyond ${fmt(knee.estimate, 3)} chips a doubling adds less than ${fraction * 100}% throughput (${level}% interval [${fmt(knee.lower, 3)}, ${fmt(knee.upper, 3)}])`);
  }
  const rows = chipsList.map((n) => [fmt(n), fmt(utilisation(curve, n), 3), fmt(n * utilisation(curve, n))]);
  result.table = chipsList.map((n) => ({ chips: n, utilisation: utilisation(curve, n), throughput: n * utilisation(curve, n) }));
  text.push('', formatTable(['chips', 'utilisation', 'throughput (chip-equivalents at 100%)'], rows));
  return o.json ? JSON.stringify(result, null, 2) + '\n' : text.join('\n') + '\n';
}

/** Options of {@link runScalingTrend}. */
export interface ScalingTrendOptions {
  input?: string;
  model?: string;
  start?: Flag;
  step?: Flag;
  horizon?: Flag;
  threshold?: Flag;
  levels?: string;
  json?: boolean;
}

const yearText = (y: number | null): string => {
  if (y === null) return 'beyond the horizon';
  const year = Math.floor(y);
  return `${year}-${String(Math.min(12, Math.floor((y - year) * 12) + 1)).padStart(2, '0')}`;
};

/** Forecasts frontier training compute (log10 FLOP) with a registry model and reports the threshold crossing. */
export function runScalingTrend(o: ScalingTrendOptions): string {
  const file = o.input ?? examplePath('scaling/notable_models.csv');
  const m = loadNotableModels(file);
  const step = num(o.step, 'step', 0.25);
  const series = frontierSeries(m.year, m.trainingFlop, m.model, num(o.start, 'start', 2010), step);
  const levels = String(o.levels ?? '80,95').split(',').map((l) => num(l, 'levels'));
  const model = resolveModel(String(o.model ?? 'drift'));
  const t = frontierTrend(series, model, num(o.horizon, 'horizon', 60), levels, num(o.threshold, 'threshold', 1e27));
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
  const rows = t.time.map((time, i) => [time, i] as const).filter(([, i]) => (i + 1) % every === 0).map(([time, i]) => [
    yearText(time - 1e-9), fmt(t.mean[i], 4), ...t.levels.flatMap((_, j) => [fmt(t.lower[j][i], 4), fmt(t.upper[j][i], 4)]),
  ]);
  lines.push(formatTable(['period end', 'log10 FLOP', ...t.levels.flatMap((l) => [`lo ${l}%`, `hi ${l}%`])], rows));
  return lines.join('\n') + '\n';
}

/** Subcommands of `foresight scaling`. */
export const SCALING_ACTIONS = ['fit', 'ask', 'cluster', 'trend'] as const;

/**
 * Runs one `foresight scaling <action>` with the parsed flags and returns the text to print.
 * Throws ForesightError('invalid_argument') for an unknown action or a missing required flag.
 *
 * @example
 * runScaling('trend', { model: 'drift' }) // the frontier-compute forecast table
 */
export function runScaling(action: string, options: Record<string, unknown>): string {
  switch (action) {
    case 'fit':
      if (!options.input) throw new ForesightError('invalid_argument', 'scaling fit: --input FILE is required');
      return runScalingFit(options as unknown as ScalingFitOptions);
    case 'ask':
      if (!options.fit) throw new ForesightError('invalid_argument', 'scaling ask: --fit FILE is required');
      return runScalingAsk(options as unknown as ScalingAskOptions);
    case 'cluster':
      return runScalingCluster(options as ScalingClusterOptions);
    case 'trend':
      return runScalingTrend(options as ScalingTrendOptions);
    default:
      throw new ForesightError('invalid_argument', `unknown scaling action "${action}"; use ${SCALING_ACTIONS.join(', ')}`, { value: action });
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
    .command('scaling <action>', 'Scaling economics: fit | ask | cluster | trend (see the README section "Scaling economics")')
    .usage('scaling fit --input runs.csv [--form chinchilla|power|log|all] [--columns ...] [--output fit.json]\n' +
      '  scaling ask --fit fit.json --params-multiplier 2 | --compute-multiplier 2 | --budget-usd 1e8 [--spend-multiplier 2] [--knee-loss 0.01]\n' +
      '  scaling cluster [--input notable_models.csv] [--fraction 0.5] | [--flops-per-step F --gradient-bytes G --bandwidth B]\n' +
      '  scaling trend [--model drift] [--threshold 1e27]')
    // fit
    .option('--input <file>', 'fit: CSV of training runs; cluster/trend: notable-models CSV (default: bundled examples/scaling/notable_models.csv)')
    .option('--form <form>', 'fit: chinchilla | power | log | all (default chinchilla)')
    .option('--columns <map>', 'fit: column mapping, e.g. parameters=Model Size,compute=Training FLOP,loss=loss')
    .option('--exclude <n>', 'fit: drop the n runs with the fewest tokens per parameter (Epoch AI drop 5; default 0)')
    .option('--unit <flop>', 'fit: compute unit x of the log form (default 1e18)')
    .option('--bin <decades>', 'fit: compute bin width for the frontier and held-out groups (default 0.1)')
    .option('--quick-grid', 'fit: 48 starts instead of the 4,500 of Hoffmann et al.')
    .option('--output <file>', 'fit: write the fit as JSON for scaling ask')
    // ask
    .option('--fit <file>', 'ask: fit JSON written by scaling fit --output')
    .option('--params-multiplier <k>', 'ask: compute needed for k x the parameters')
    .option('--compute-multiplier <k>', 'ask: what k x the compute buys under each form')
    .option('--budget-usd <usd>', 'ask: what a dollar budget buys (compute-optimal N, D, loss)')
    .option('--at-compute <flop>', 'ask: reference compute budget (default 5.76e23, Chinchilla/Gopher)')
    .option('--hardware <chip>', 'ask: h100 | a100 | v100 | tpu-v4 (default h100)')
    .option('--days <days>', 'ask: training duration for --budget-usd (default 90)')
    .option('--mfu <u0>', `ask: utilisation of a small cluster (default ${DEFAULT_CLUSTER_CURVE.peakUtilisation})`)
    .option('--latency-cost <lambda>', `ask: utilisation falls as 1/(1 + lambda (n-1)) (default ${DEFAULT_CLUSTER_CURVE.latencyCost})`)
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
    .option('--levels <list>', 'trend: interval levels (default 80,95)')
    // shared
    .option('--bootstrap <n>', 'fit/cluster: bootstrap resamples (default 200)')
    .option('--seed <n>', 'fit/cluster: random seed (default 1)')
    .option('--level <pct>', 'fit/cluster: interval level (default 95)')
    .option('--json', 'print JSON')
    .action((action: string, options: Record<string, unknown>) => {
      process.stdout.write(runScaling(action, options));
    });
}
