/**
 * The saved scaling fit: what `foresight scaling fit --output` writes and `scaling ask --fit` reads. One
 * function fits the chosen forms to training runs with bootstrap intervals and returns the record
 * (`fitScalingLaws`); `readScalingFit` reads and checks a saved one. The record is plain JSON.
 */
import { readFileSync } from 'node:fs';
import { ForesightError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { summarize, type Estimate } from './bootstrap.js';
import { bootstrapChinchilla, fitChinchilla, HOFFMANN_GRID, SMALL_GRID, type ChinchillaParams } from './chinchilla.js';
import { dropFewestTokensPerParameter, selectRuns, type ColumnMapping, type ScalingRuns } from './columns.js';
import {
  chinchillaHeldOut,
  compareComputeForms,
  informationCriteria,
  type ChinchillaHeldOut,
  type ComputeFormsComparison,
  type InformationCriteria,
} from './compare.js';
import {
  bootstrapComputeForms,
  computeFrontier,
  fitLogLaw,
  fitPowerLaw,
  type LogLawParams,
  type PowerLawParams,
} from './compute-forms.js';
import { loadRuns, namingFile } from './load.js';

/** The forms `fitScalingLaws` fits: the Chinchilla law, the compute-frontier power and log forms, or all three. */
export type ScalingForm = 'chinchilla' | 'power' | 'log' | 'all';

/** The scaling forms by name, in the order the CLI lists them. */
export const SCALING_FORMS: readonly ScalingForm[] = ['chinchilla', 'power', 'log', 'all'];

/** The Chinchilla law's estimates, by parameter, plus the exponent a = beta / (alpha + beta). */
export type ChinchillaEstimates = Record<'E' | 'A' | 'B' | 'alpha' | 'beta' | 'a', Estimate>;

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
  /** Compute bin width (decades) of the frontier the power and log forms are fitted to. */
  bin?: number;
  chinchilla?: {
    params: ChinchillaParams;
    exponents: { a: number; b: number };
    objective: number;
    huberDelta?: number;
    nobs: number;
    starts: number;
    estimates: ChinchillaEstimates;
    replicates: ChinchillaParams[];
    failures: string[];
    residuals: number[];
    /** Gaussian criteria of the log-loss residuals (the fit itself minimises a Huber loss). */
    criteria: InformationCriteria;
    heldOut: ChinchillaHeldOut;
  };
  power?: {
    params: PowerLawParams;
    rss: number;
    nobs: number;
    replicates: PowerLawParams[];
    estimates?: Record<keyof PowerLawParams, Estimate>;
  };
  log?: {
    params: LogLawParams;
    rss: number;
    nobs: number;
    replicates: LogLawParams[];
    estimates?: Record<'intercept' | 'slope', Estimate>;
  };
  comparison?: ComputeFormsComparison;
}

/** The fit's settings of {@link fitScalingRuns}; every number has been checked by the caller. */
export interface ScalingRunsFitOptions {
  form?: ScalingForm;
  /** What the record names as its input (a file, or the HTTP request); default 'runs'. */
  input?: string;
  /** The column mapping and the runs dropped before the fit, recorded as they were. */
  columns?: ColumnMapping;
  excluded?: number;
  /** Bootstrap resamples (0 for none) and their seed. Defaults 200 and 1. */
  resamples?: number;
  seed?: number;
  /** Interval level in percent. Default 95. */
  level?: number;
  /** Compute unit of the log form. Default 1e18. */
  unit?: number;
  /** Compute bin width in decades for the frontier. Default 0.1. */
  bin?: number;
  /** 48 Chinchilla starts instead of the 4,500 of Hoffmann et al. */
  quickGrid?: boolean;
}

/** Options of {@link fitScalingLaws}: the runs' file and its mapping, and the fit's settings. */
export interface ScalingFitOptions extends Omit<ScalingRunsFitOptions, 'input' | 'columns' | 'excluded'> {
  /** CSV of training runs and its column mapping. */
  input: string;
  columns?: ColumnMapping;
  /** Runs with the fewest tokens per parameter to drop first (Epoch AI drop 5). Default 0. */
  exclude?: number;
}

/**
 * Loads the runs of `options.input` and fits the chosen forms with bootstrap intervals: the Chinchilla law
 * (Huber loss on log loss, grid of starts, held-out RMSE by half-decade bins, Gaussian criteria of its log
 * residuals) and/or the power and log forms on the compute frontier (and their comparison for `all`).
 * Throws ForesightError('invalid_argument') for an unknown form; loader and fit errors propagate.
 *
 * @example
 * fitScalingLaws({ input: 'examples/scaling/chinchilla_runs.csv', form: 'power', resamples: 0 }).power?.nobs // frontier points
 */
export function fitScalingLaws(options: ScalingFitOptions): ScalingFitFile {
  checkForm(options.form ?? 'chinchilla');
  const columns = options.columns ?? {};
  const all = loadRuns(options.input, columns);
  const excluded = options.exclude ?? 0;
  const runs: ScalingRuns = excluded > 0 ? selectRuns(all, dropFewestTokensPerParameter(all, excluded)) : all;
  return namingFile(
    options.input,
    () => fitScalingRuns(runs, { ...options, input: options.input, columns, excluded }),
    excluded > 0 ? ` (after --exclude ${excluded})` : '',
    String(runs.loss.length),
  );
}

/**
 * Runs that are all alike leave a law undetermined (a perfect fit with zero residuals, whose information
 * criteria do not exist): refused as ForesightError('invalid_input') naming the input, before any fit.
 */
function checkRunsDiffer(runs: ScalingRuns, input: string): void {
  const n = runs.loss.length;
  if (n < 2) return; // too few runs: the fit says how many it needs
  const same = (v: Float64Array) => v.every((x) => x === v[0]);
  if (same(runs.loss))
    throw new ForesightError(
      'invalid_input',
      `${input}: all ${n} runs have the same loss ${runs.loss[0]}: a scaling law needs runs whose loss differs`,
      { file: input, value: String(runs.loss[0]) },
    );
  if (same(runs.parameters) && same(runs.tokens))
    throw new ForesightError(
      'invalid_input',
      `${input}: all ${n} runs have the same parameters and tokens (${runs.parameters[0]}, ${runs.tokens[0]}): a scaling law needs runs of different sizes`,
      { file: input },
    );
}

function checkForm(form: ScalingForm): void {
  if (!SCALING_FORMS.includes(form)) {
    throw new ForesightError('invalid_argument', `form "${form}": use ${SCALING_FORMS.join(', ')}`, {
      value: String(form),
    });
  }
}

/**
 * Fits the chosen forms to training runs already in memory, with bootstrap intervals: the one fit assembly
 * behind `foresight scaling fit` (through {@link fitScalingLaws}) and `POST /v1/scaling/fit`. The Chinchilla
 * law by Huber loss on log loss from a grid of starts, with held-out RMSE by half-decade bins and Gaussian
 * criteria of its log residuals; the power and log forms on the compute frontier (and their comparison for
 * `all`). Throws ForesightError('invalid_argument') for an unknown form; fit errors (too few runs) propagate.
 *
 * @example
 * const runs = runsFromRows(['parameters', 'compute', 'loss'], [['1e8', '1e18', '3'], ['1e9', '1e19', '2.7'], ['1e10', '1e20', '2.45'], ['1e11', '1e21', '2.3']], [2, 3, 4, 5], {}, 'runs');
 * fitScalingRuns(runs, { form: 'power', resamples: 0 }).power?.nobs // 4
 */
export function fitScalingRuns(runs: ScalingRuns, options: ScalingRunsFitOptions = {}): ScalingFitFile {
  const form = options.form ?? 'chinchilla';
  checkForm(form);
  checkRunsDiffer(runs, options.input ?? 'runs');
  const columns = options.columns ?? {};
  const excluded = options.excluded ?? 0;
  const resamples = options.resamples ?? 200;
  const seed = options.seed ?? 1;
  const level = options.level ?? 95;
  const unit = options.unit ?? 1e18;
  const out: ScalingFitFile = {
    kind: 'foresight.scaling.fit',
    version: 1,
    input: options.input ?? 'runs',
    columns,
    excluded,
    resamples,
    seed,
    level,
    computeUnit: unit,
  };
  if (form === 'chinchilla' || form === 'all') {
    const fit = fitChinchilla(runs, { grid: options.quickGrid ? SMALL_GRID : HOFFMANN_GRID });
    const boot =
      resamples > 0 ? bootstrapChinchilla(runs, fit, resamples, createRng(seed)) : { samples: [], failures: [] };
    const estimates: ChinchillaEstimates = {
      ...estimatesOf(fit.params, boot.samples, ['E', 'A', 'B', 'alpha', 'beta'], level),
      a: summarize(
        fit.exponents.a,
        boot.samples.map((p) => p.beta / (p.alpha + p.beta)),
        level,
      ),
    };
    out.chinchilla = {
      params: fit.params,
      exponents: fit.exponents,
      objective: fit.objective,
      huberDelta: fit.huberDelta,
      nobs: fit.nobs,
      starts: fit.starts,
      estimates,
      replicates: boot.samples,
      failures: boot.failures,
      residuals: fit.residuals,
      criteria: informationCriteria(
        fit.residuals.reduce((s, r) => s + r * r, 0),
        fit.nobs,
        5,
      ),
      heldOut: chinchillaHeldOut(runs, fit, 0.5),
    };
  }
  if (form !== 'chinchilla') {
    const bin = options.bin ?? 0.1;
    out.bin = bin;
    const points = computeFrontier(runs, bin);
    const boot =
      resamples > 0
        ? bootstrapComputeForms(points, resamples, createRng(seed), unit)
        : { power: [], log: [], failures: [] };
    if (form === 'power' || form === 'all') {
      const f = fitPowerLaw(points.compute, points.loss);
      out.power = {
        params: f.params,
        rss: f.rss,
        nobs: f.nobs,
        replicates: boot.power,
        estimates: estimatesOf(f.params, boot.power, ['E', 'K', 'gamma'], level),
      };
    }
    if (form === 'log' || form === 'all') {
      const f = fitLogLaw(points.compute, points.loss, unit);
      out.log = {
        params: f.params,
        rss: f.rss,
        nobs: f.nobs,
        replicates: boot.log,
        estimates: estimatesOf(f.params, boot.log, ['intercept', 'slope'], level),
      };
    }
    if (form === 'all') out.comparison = compareComputeForms(points, unit);
  }
  return out;
}

/** The bootstrap estimate of each named parameter: the full-data value and the replicates' percentile interval. */
function estimatesOf<P extends object, K extends keyof P & string>(
  params: P,
  replicates: readonly P[],
  keys: readonly K[],
  level: number,
): Record<K, Estimate> {
  const value = (p: P, k: K) => p[k] as number;
  return Object.fromEntries(
    keys.map((k) => [
      k,
      summarize(
        value(params, k),
        replicates.map((r) => value(r, k)),
        level,
      ),
    ]),
  ) as Record<K, Estimate>;
}

/**
 * Reads a fit saved by `scaling fit --output`. Throws ForesightError('io_error') naming the file when it cannot be
 * read or parsed, ('invalid_input') when it is not a scaling fit or holds no fitted form.
 *
 * @example
 * readScalingFit('fit.json').kind // 'foresight.scaling.fit'
 */
export function readScalingFit(file: string): ScalingFitFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ForesightError('io_error', `${file}: cannot read a fit (${(e as Error).message})`, { file, cause: e });
  }
  const fit = parsed as Partial<ScalingFitFile> | null;
  if (!fit || typeof fit !== 'object' || fit.kind !== 'foresight.scaling.fit') {
    throw new ForesightError(
      'invalid_input',
      `${file}: not a scaling fit (write one with foresight scaling fit --output)`,
      { file },
    );
  }
  if (fit.version !== 1)
    throw new ForesightError(
      'invalid_input',
      `${file}: scaling fit version ${String(fit.version)}; this build reads version 1`,
      { file, value: String(fit.version) },
    );
  if (!fit.chinchilla && !fit.power && !fit.log)
    throw new ForesightError('invalid_input', `${file}: the fit holds no fitted form`, { file });
  if (!(typeof fit.level === 'number' && fit.level > 0 && fit.level < 100)) {
    throw new ForesightError('invalid_input', `${file}: level ${String(fit.level)} is not a percentage`, {
      file,
      value: String(fit.level),
    });
  }
  return fit as ScalingFitFile;
}
