/**
 * One entry point for every reconciliation method: bottom-up, top-down and middle-out (forecast proportions),
 * and the least-squares family OLS, WLS (structural or variance scaling), MinT (sample or shrinkage
 * covariance), each optionally non-negative.
 */
import { ForesightError } from '../core/errors.js';
import { bottomUp } from './bottom-up.js';
import {
  identityWeights,
  sampleCovariance,
  shrinkageCovariance,
  structuralWeights,
  varianceWeights,
  type ResidualMatrix,
  type WeightMatrix,
} from './covariance.js';
import { nonNegativeReconcile } from './non-negative.js';
import { projectCoherent, type ProjectionOptions } from './projection.js';
import { coherenceError, type Hierarchy } from './structure.js';
import { middleOut, topDown } from './top-down.js';

/** Method names. */
export const RECONCILE_METHODS = [
  'bu',
  'td',
  'middle_out',
  'ols',
  'wls_struct',
  'wls_var',
  'mint_sample',
  'mint_shrink',
] as const;
/** A method name. */
export type ReconcileMethodName = (typeof RECONCILE_METHODS)[number];

/** A parsed method: `mint_shrink`, `middle_out:state`, `ols:nonnegative`. */
export interface ReconcileMethod {
  name: ReconcileMethodName;
  /** Level of middle-out. */
  middleLevel?: string;
  /** Constrain bottom series to be >= 0 (least-squares methods). */
  nonnegative?: boolean;
}

const ALIASES: Record<string, ReconcileMethodName> = {
  bottom_up: 'bu',
  top_down: 'td',
  mo: 'middle_out',
  wls: 'wls_struct',
  mint: 'mint_shrink',
  mint_cov: 'mint_sample',
};

/**
 * Parses a method text: a name (or alias: bottom_up, top_down, mint, mint_cov, wls), then `:LEVEL` for
 * middle_out or `:nonnegative` (`:nn`) for the least-squares methods. Throws ForesightError('invalid_argument')
 * naming the known methods.
 *
 * @example
 * parseReconcileMethod('mint_shrink:nn') // { name: 'mint_shrink', nonnegative: true }
 */
export function parseReconcileMethod(text: string): ReconcileMethod {
  const [head, ...rest] = text.trim().split(':');
  const option = rest.join(':').trim();
  const lower = head.trim().toLowerCase().replace(/-/g, '_');
  const name = (ALIASES[lower] ?? lower) as ReconcileMethodName;
  if (!RECONCILE_METHODS.includes(name)) {
    throw new ForesightError(
      'invalid_argument',
      `unknown reconciliation method "${text}"; known: ${RECONCILE_METHODS.join(', ')} (middle_out:LEVEL; add :nonnegative to a least-squares method)`,
      { value: text },
    );
  }
  if (name === 'middle_out') {
    if (!option)
      throw new ForesightError(
        'invalid_argument',
        `middle_out needs a level: middle_out:LEVEL (e.g. middle_out:state)`,
        { value: text },
      );
    return { name, middleLevel: option };
  }
  if (option) {
    if (!['nonnegative', 'nn'].includes(option.toLowerCase()) || ['bu', 'td'].includes(name)) {
      throw new ForesightError(
        'invalid_argument',
        `reconciliation method "${text}": option "${option}" is not understood (least-squares methods take :nonnegative)`,
        { value: text },
      );
    }
    return { name, nonnegative: true };
  }
  return { name };
}

/** Whether a method needs in-sample residuals. */
export function needsResiduals(method: ReconcileMethod): boolean {
  return method.name === 'wls_var' || method.name === 'mint_sample' || method.name === 'mint_shrink';
}

/**
 * The weight matrix of a least-squares method. Throws ForesightError('invalid_argument') when residuals are
 * needed and missing or the method is not a least-squares one.
 */
export function methodWeights(
  method: ReconcileMethod,
  h: Hierarchy,
  residuals?: ResidualMatrix,
): WeightMatrix & { lambda?: number } {
  const n = h.aggregateCount + h.bottomCount;
  if (needsResiduals(method) && !residuals)
    throw new ForesightError('invalid_argument', `${method.name} needs the in-sample residuals of every series`);
  if (residuals && residuals.n !== n)
    throw new ForesightError('invalid_argument', `residuals cover ${residuals.n} series but the structure has ${n}`);
  switch (method.name) {
    case 'ols':
      return identityWeights(n);
    case 'wls_struct':
      return structuralWeights(h);
    case 'wls_var':
      return varianceWeights(residuals!);
    case 'mint_sample':
      return sampleCovariance(residuals!);
    case 'mint_shrink':
      return shrinkageCovariance(residuals!);
    default:
      throw new ForesightError('invalid_argument', `${method.name} is not a least-squares method`);
  }
}

/** Options of `reconcile`. */
export interface ReconcileOptions extends ProjectionOptions {
  /** In-sample one-step residuals of all n series (wls_var, mint_sample, mint_shrink). */
  residuals?: ResidualMatrix;
  /**
   * Series whose base forecasts are known exactly (a share total of 100): least-squares methods give them zero
   * error variance, so they keep their base values and the others adjust.
   */
  exact?: readonly number[];
}

/** Reconciled values and diagnostics. */
export interface ReconcileResult {
  /** n x width, row-major, the structure's series order. */
  values: Float64Array;
  method: string;
  /** Largest |aggregate - sum of its bottom series| before and after. */
  coherenceBefore: number;
  coherenceAfter: number;
  /** Shrinkage intensity of mint_shrink. */
  lambda?: number;
}

/**
 * Reconciles base forecasts of all n series (n x `width`, row-major). Throws ForesightError
 * ('invalid_argument') for size mismatches or missing residuals, and what the methods throw.
 *
 * @example
 * const h = buildHierarchy(['k'], [['a'], ['b']], [['k']]);
 * reconcile(h, Float64Array.of(9, 3, 3), 1, parseReconcileMethod('ols')).values // [8, 4, 4]
 */
export function reconcile(
  h: Hierarchy,
  base: Float64Array,
  width: number,
  method: ReconcileMethod,
  options: ReconcileOptions = {},
): ReconcileResult {
  const n = h.aggregateCount + h.bottomCount;
  if (base.length !== n * width)
    throw new ForesightError(
      'invalid_argument',
      `base forecasts have ${base.length} values; ${n} series x ${width} columns need ${n * width}`,
    );
  for (let i = 0; i < base.length; i++) {
    if (!Number.isFinite(base[i]))
      throw new ForesightError(
        'invalid_input',
        `base forecast of series "${h.ids[Math.floor(i / width)]}" (column ${(i % width) + 1}) is not finite`,
        { value: h.ids[Math.floor(i / width)] },
      );
  }
  const coherenceBefore = coherenceError(h, base, width);
  let values: Float64Array;
  let lambda: number | undefined;
  if (method.name === 'bu') values = bottomUp(h, base, width);
  else if (method.name === 'td') values = topDown(h, base, width);
  else if (method.name === 'middle_out') values = middleOut(h, base, width, method.middleLevel ?? '');
  else {
    const w = exactWeights(method, h, options.residuals, options.exact ?? []);
    lambda = w.lambda;
    values = method.nonnegative
      ? nonNegativeReconcile(h, base, w, width, options)
      : projectCoherent(h, base, w, width, options).values;
  }
  const label =
    method.name + (method.middleLevel ? `:${method.middleLevel}` : '') + (method.nonnegative ? ':nonnegative' : '');
  return {
    values,
    method: label,
    coherenceBefore,
    coherenceAfter: coherenceError(h, values, width),
    ...(lambda !== undefined ? { lambda } : {}),
  };
}

/**
 * W with zero rows and columns for series known exactly; residual-based estimates use the other series only (a
 * known series has no forecast error, and a zero variance would break the scaling).
 */
function exactWeights(
  method: ReconcileMethod,
  h: Hierarchy,
  residuals: ResidualMatrix | undefined,
  exact: readonly number[],
): WeightMatrix & { lambda?: number } {
  if (exact.length === 0) return methodWeights(method, h, residuals);
  if (!needsResiduals(method) || !residuals) return withExact(methodWeights(method, h, residuals), exact);
  const n = h.aggregateCount + h.bottomCount;
  if (residuals.n !== n)
    throw new ForesightError('invalid_argument', `residuals cover ${residuals.n} series but the structure has ${n}`);
  const skip = new Set(exact);
  const keep = Array.from({ length: n }, (_, i) => i).filter((i) => !skip.has(i));
  const T = residuals.T,
    k = keep.length;
  const values = new Float64Array(T * k);
  for (let t = 0; t < T; t++) keep.forEach((i, c) => (values[t * k + c] = residuals.values[t * n + i]));
  const sub = { n: k, T, values };
  const w =
    method.name === 'wls_var'
      ? varianceWeights(sub)
      : method.name === 'mint_sample'
        ? sampleCovariance(sub)
        : shrinkageCovariance(sub);
  if (w.kind === 'dense') {
    const matrix = new Float64Array(n * n);
    keep.forEach((i, a) => keep.forEach((j, b) => (matrix[i * n + j] = w.matrix[a * k + b])));
    return { kind: 'dense', n, matrix };
  }
  const diagonal = new Float64Array(n);
  keep.forEach((i, a) => (diagonal[i] = w.diagonal[a]));
  if (w.kind === 'low-rank') {
    const factor = new Float64Array(n * w.rank);
    keep.forEach((i, a) => factor.set(w.factor.subarray(a * w.rank, (a + 1) * w.rank), i * w.rank));
    return { kind: 'low-rank', diagonal, factor, rank: w.rank, lambda: (w as { lambda?: number }).lambda };
  }
  return { kind: 'diagonal', diagonal };
}

/** Zeroes the rows and columns of W for series known exactly. */
function withExact<W extends WeightMatrix & { lambda?: number }>(w: W, exact: readonly number[]): W {
  if (exact.length === 0) return w;
  if (w.kind === 'dense') {
    const matrix = w.matrix.slice();
    for (const i of exact) for (let j = 0; j < w.n; j++) matrix[i * w.n + j] = matrix[j * w.n + i] = 0;
    return { ...w, matrix };
  }
  const diagonal = w.diagonal.slice();
  for (const i of exact) diagonal[i] = 0;
  if (w.kind === 'low-rank') {
    const factor = w.factor.slice();
    for (const i of exact) factor.fill(0, i * w.rank, (i + 1) * w.rank);
    return { ...w, diagonal, factor };
  }
  return { ...w, diagonal };
}
