/**
 * The scaling-law computations behind `POST /v1/scaling/fit` and `POST /v1/scaling/ask`, composed from the
 * library in src/scaling exactly as `foresight scaling fit | ask` composes them: the Chinchilla law by Huber
 * loss with bootstrap replicates, the power and logarithmic compute forms on the compute frontier, and the
 * questions (k x parameters, k x compute, compute-optimal allocation) answered with bootstrap intervals.
 */
import { ForesightError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import type { JsonValue } from '../models/types.js';
import { summarize } from '../scaling/bootstrap.js';
import {
  bootstrapChinchilla,
  fitChinchilla,
  HOFFMANN_GRID,
  SMALL_GRID,
  type ChinchillaParams,
} from '../scaling/chinchilla.js';
import { runsFromRows, type ScalingRuns } from '../scaling/columns.js';
import { compareComputeForms } from '../scaling/compare.js';
import {
  bootstrapComputeForms,
  computeFrontier,
  fitLogLaw,
  fitPowerLaw,
  type LogLawParams,
  type PowerLawParams,
} from '../scaling/compute-forms.js';
import { computeMultiplier, optimalAllocation, parametersMultiplier, type FittedForms } from '../scaling/questions.js';

/** What `POST /v1/scaling/fit` receives (columns of training runs and the fit's settings). */
export interface ScalingFitSpec {
  parameters?: number[];
  tokens?: number[];
  compute?: number[];
  loss: number[];
  form?: 'chinchilla' | 'power' | 'log' | 'all';
  bootstrap?: number;
  seed?: number;
  level?: number;
  quickGrid?: boolean;
  unit?: number;
  bin?: number;
}

/** A stored scaling fit: estimates with their bootstrap replicates (what `ask` needs), plain JSON. */
export interface StoredScalingFit {
  level: number;
  nobs: number;
  chinchilla?: {
    params: ChinchillaParams;
    exponents: { a: number; b: number };
    replicates: ChinchillaParams[];
    failures: string[];
    estimates: { [key: string]: JsonValue };
  };
  power?: { params: PowerLawParams; rss: number; nobs: number; replicates: PowerLawParams[] };
  log?: { params: LogLawParams; rss: number; nobs: number; replicates: LogLawParams[] };
  comparison?: JsonValue;
}

/**
 * The training runs of a request, checked (cheap: the server calls it before queueing a fit). Throws
 * ForesightError('invalid_input') when the columns differ in length or fewer than two of parameters, tokens,
 * compute are given.
 */
export function scalingRuns(spec: ScalingFitSpec): ScalingRuns {
  const columns = (['parameters', 'tokens', 'compute'] as const).filter((k) => spec[k] !== undefined);
  for (const k of columns) {
    if (spec[k]!.length !== spec.loss.length) {
      throw new ForesightError(
        'invalid_input',
        `scaling fit: ${k} has ${spec[k]!.length} values but loss has ${spec.loss.length}`,
        { value: k },
      );
    }
  }
  const header = [...columns, 'loss'];
  const rows = spec.loss.map((l, i) => [...columns.map((k) => String(spec[k]![i])), String(l)]);
  return runsFromRows(
    header,
    rows,
    rows.map((_, i) => i + 2),
    {},
    'runs',
  );
}

/**
 * Fits the requested form(s). Throws as {@link scalingRuns}; fit errors (too few runs) propagate.
 *
 * @example
 * fitScaling({ compute: [...], loss: [...], form: 'power', bootstrap: 0 }).power.params.gamma // the fitted exponent
 */
export function fitScaling(spec: ScalingFitSpec): StoredScalingFit {
  const runs = scalingRuns(spec);
  const form = spec.form ?? 'chinchilla';
  const resamples = spec.bootstrap ?? 200;
  const seed = spec.seed ?? 1;
  const level = spec.level ?? 95;
  const unit = spec.unit ?? 1e18;
  const out: StoredScalingFit = { level, nobs: runs.loss.length };
  if (form === 'chinchilla' || form === 'all') {
    const fit = fitChinchilla(runs, { grid: spec.quickGrid ? SMALL_GRID : HOFFMANN_GRID });
    const boot =
      resamples > 0 ? bootstrapChinchilla(runs, fit, resamples, createRng(seed)) : { samples: [], failures: [] };
    const keys = ['E', 'A', 'B', 'alpha', 'beta'] as const;
    const estimates: { [key: string]: JsonValue } = {};
    for (const k of keys)
      estimates[k] = {
        ...summarize(
          fit.params[k],
          boot.samples.map((s) => s[k]),
          level,
        ),
      };
    estimates.a = {
      ...summarize(
        fit.exponents.a,
        boot.samples.map((s) => s.beta / (s.alpha + s.beta)),
        level,
      ),
    };
    out.chinchilla = {
      params: fit.params,
      exponents: fit.exponents,
      replicates: boot.samples,
      failures: boot.failures,
      estimates,
    };
  }
  if (form !== 'chinchilla') {
    const points = computeFrontier(runs, spec.bin ?? 0.1);
    const boot =
      resamples > 0
        ? bootstrapComputeForms(points, resamples, createRng(seed), unit)
        : { power: [], log: [], failures: [] };
    if (form === 'power' || form === 'all') {
      const f = fitPowerLaw(points.compute, points.loss);
      out.power = { params: f.params, rss: f.rss, nobs: f.nobs, replicates: boot.power };
    }
    if (form === 'log' || form === 'all') {
      const f = fitLogLaw(points.compute, points.loss, unit);
      out.log = { params: f.params, rss: f.rss, nobs: f.nobs, replicates: boot.log };
    }
    if (form === 'all') out.comparison = JSON.parse(JSON.stringify(compareComputeForms(points, unit))) as JsonValue;
  }
  return out;
}

/** What `POST /v1/scaling/ask` receives besides the fit. */
export interface ScalingQuestion {
  atCompute?: number;
  paramsMultiplier?: number;
  computeMultiplier?: number;
  allocation?: boolean;
}

/**
 * Answers questions from a stored fit, with the fit's bootstrap intervals. Throws
 * ForesightError('invalid_argument') when nothing is asked or a question needs a law the fit lacks.
 */
export function askScaling(
  fit: StoredScalingFit,
  q: ScalingQuestion,
): { atCompute: number; level: number; paramsMultiplier?: unknown; computeMultiplier?: unknown; allocation?: unknown } {
  const atCompute = q.atCompute ?? 5.76e23;
  if (q.paramsMultiplier === undefined && q.computeMultiplier === undefined && !q.allocation) {
    throw new ForesightError('invalid_argument', 'scaling ask: give paramsMultiplier, computeMultiplier or allocation');
  }
  const forms: FittedForms = {};
  if (fit.chinchilla) forms.chinchilla = { estimate: fit.chinchilla.params, replicates: fit.chinchilla.replicates };
  if (fit.power) forms.power = { estimate: fit.power.params, replicates: fit.power.replicates };
  if (fit.log) forms.log = { estimate: fit.log.params, replicates: fit.log.replicates };
  const chinchilla = (what: string) => {
    if (!forms.chinchilla)
      throw new ForesightError(
        'invalid_argument',
        `scaling ask ${what}: the fit has no Chinchilla law (fit with form chinchilla or all)`,
      );
    return forms.chinchilla;
  };
  const answer: {
    atCompute: number;
    level: number;
    paramsMultiplier?: unknown;
    computeMultiplier?: unknown;
    allocation?: unknown;
  } = { atCompute, level: fit.level };
  if (q.paramsMultiplier !== undefined) {
    answer.paramsMultiplier = {
      k: q.paramsMultiplier,
      scenarios: parametersMultiplier(chinchilla('paramsMultiplier'), q.paramsMultiplier, atCompute, fit.level),
    };
  }
  if (q.computeMultiplier !== undefined) {
    answer.computeMultiplier = {
      k: q.computeMultiplier,
      forms: computeMultiplier(forms, q.computeMultiplier, atCompute, fit.level),
    };
  }
  if (q.allocation) answer.allocation = optimalAllocation(chinchilla('allocation'), atCompute, fit.level);
  return answer;
}
