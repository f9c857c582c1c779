/**
 * The scaling-law computations behind `POST /v1/scaling/fit` and `POST /v1/scaling/ask`: the request's columns
 * become the library's runs, fitted by the same `fitScalingRuns` as `foresight scaling fit`; the questions
 * (k x parameters, k x compute, compute-optimal allocation) are answered with the fit's bootstrap intervals.
 */
import { ForesightError } from '../core/errors.js';
import { runsFromRows, type ScalingRuns } from '../scaling/columns.js';
import { fitScalingRuns, type ScalingFitFile } from '../scaling/fit-file.js';
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

/** A stored scaling fit: the record `foresight scaling fit --output` writes, with the bootstrap replicates. */
export type StoredScalingFit = ScalingFitFile;

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
 * Fits the requested form(s) with the library's one fit assembly (`fitScalingRuns`, as `foresight scaling fit`).
 * Throws as {@link scalingRuns}; fit errors (too few runs) propagate.
 *
 * @example
 * fitScaling({ compute: [...], loss: [...], form: 'power', bootstrap: 0 }).power.params.gamma // the fitted exponent
 */
export function fitScaling(spec: ScalingFitSpec): StoredScalingFit {
  return fitScalingRuns(scalingRuns(spec), {
    input: 'request',
    form: spec.form,
    resamples: spec.bootstrap,
    seed: spec.seed,
    level: spec.level,
    unit: spec.unit,
    bin: spec.bin,
    quickGrid: spec.quickGrid,
  });
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
