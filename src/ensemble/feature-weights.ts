/**
 * Feature-based combination weights in the spirit of FFORMA (Montero-Manso, Athanasopoulos, Hyndman & Talagala
 * 2020, "FFORMA: Feature-based forecast model averaging", IJF 36(1)): a model maps the features of a series
 * (features.ts) to weights on the simplex, one per member, trained on a collection of series to minimize the
 * expected scaled error sum_j w_j(x_i) L_ij, where L_ij is the error of member j on series i (FFORMA's OWA
 * contribution). FFORMA uses gradient-boosted trees with a softmax output; here the softmax is of a linear
 * function of the standardized features, z = (x - center) / scale clipped to [-6, 6]:
 *   w_j(x) = exp(a_j + b_j·z) / sum_k exp(a_k + b_k·z),
 * fitted by L-BFGS with an L2 penalty lambda·(sum a^2 + sum b^2) on all coefficients, intercepts included, so
 * that a strong penalty pulls the weights toward the equal weights (the member mean) rather than toward the
 * single member that is best on average (the expected loss is linear in w, so without the penalty the model
 * would put all weight on one member wherever it can).
 */
import { ForesightError } from '../core/errors.js';
import { lbfgs } from '../core/optimize/lbfgs.js';
import shipped from './feature-weights.json' with { type: 'json' };

/** A trained feature-weight model (plain JSON). */
export interface FeatureWeightModel {
  /** Member names, in the order of the weights. */
  members: string[];
  /** Feature names, in the order of the feature vector (features.ts `FEATURE_NAMES`). */
  featureNames: string[];
  /** Standardization: z = (x - center) / scale. */
  center: number[];
  scale: number[];
  /** One row per member: [intercept, coefficient per feature]. */
  coefficients: number[][];
  /** The L2 penalty it was trained with. */
  lambda: number;
  /** Free-text provenance (training collection, command). */
  trainedOn?: string;
}

/** One training series: its features and the scaled error of each member (same order as `members`). */
export interface FeatureWeightExample {
  features: Float64Array;
  losses: Float64Array;
}

/** Options of {@link trainFeatureWeights}. */
export interface TrainFeatureWeightsOptions {
  members: readonly string[];
  featureNames: readonly string[];
  /** L2 penalty on all coefficients (default 0.01). */
  lambda?: number;
  /** L-BFGS iteration limit (default 500). */
  maxIterations?: number;
  trainedOn?: string;
}

const Z_LIMIT = 6;

/**
 * The shipped model (feature-weights.json), trained on M4 weekly and hourly training data by
 * `npm run train-weights` (scripts/train-feature-weights.ts); used by `ensemble:features`.
 *
 * @example
 * SHIPPED_FEATURE_WEIGHTS.members // ['ets', 'arima', 'theta', 'damped', 'snaive']
 */
export const SHIPPED_FEATURE_WEIGHTS: FeatureWeightModel = shipped as FeatureWeightModel;

/**
 * Trains the softmax-linear weight model by minimizing
 * (1/N) sum_i sum_j w_j(x_i) L_ij + lambda ||theta||^2 with L-BFGS from theta = 0 (equal weights).
 * Mirrors the FFORMA objective (Montero-Manso et al. 2020, eq. 1) with a linear model instead of boosted trees.
 * Throws ForesightError('invalid_argument') for no examples, fewer than 2 members, or a negative lambda, and
 * ('invalid_input') naming the example whose features or losses have the wrong length or are not finite.
 *
 * @example
 * // member b is better wherever feature 0 is high, member a elsewhere
 * const ex = [0, 1, 2, 3].map((i) => ({ features: Float64Array.of(i), losses: Float64Array.of(i, 3 - i) }));
 * const model = trainFeatureWeights(ex, { members: ['a', 'b'], featureNames: ['x'], lambda: 0.001 });
 * featureWeights(model, Float64Array.of(3))[1] > 0.9 // true
 */
export function trainFeatureWeights(
  examples: readonly FeatureWeightExample[],
  options: TrainFeatureWeightsOptions,
): FeatureWeightModel {
  const N = examples.length;
  const k = options.members.length;
  const p = options.featureNames.length;
  const lambda = options.lambda ?? 0.01;
  if (N === 0) throw new ForesightError('invalid_argument', 'trainFeatureWeights: no training examples');
  if (k < 2) throw new ForesightError('invalid_argument', `trainFeatureWeights: ${k} member(s); at least 2 needed`);
  if (!(lambda >= 0))
    throw new ForesightError('invalid_argument', `trainFeatureWeights: lambda ${lambda} is not a non-negative number`);
  examples.forEach((e, i) => {
    if (e.features.length !== p || e.losses.length !== k) {
      throw new ForesightError(
        'invalid_input',
        `trainFeatureWeights: example ${i} has ${e.features.length} features and ${e.losses.length} losses; expected ${p} and ${k}`,
      );
    }
    if (!e.features.every(Number.isFinite) || !e.losses.every(Number.isFinite)) {
      throw new ForesightError('invalid_input', `trainFeatureWeights: example ${i} has a non-finite feature or loss`);
    }
  });
  const center = new Array<number>(p).fill(0);
  const scale = new Array<number>(p).fill(1);
  for (let f = 0; f < p; f++) {
    let s = 0;
    for (const e of examples) s += e.features[f];
    center[f] = s / N;
    let v = 0;
    for (const e of examples) v += (e.features[f] - center[f]) ** 2;
    const sd = Math.sqrt(v / Math.max(1, N - 1));
    scale[f] = sd > 0 ? sd : 1;
  }
  const rows = p + 1;
  const design = examples.map((e) => standardize(e.features, center, scale));
  const weights = new Float64Array(k);
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let total = 0;
    for (let i = 0; i < N; i++) {
      const z = design[i];
      softmax(theta, z, rows, weights);
      const L = examples[i].losses;
      let expected = 0;
      for (let j = 0; j < k; j++) expected += weights[j] * L[j];
      total += expected;
      for (let j = 0; j < k; j++) {
        const g = (weights[j] * (L[j] - expected)) / N;
        gradient[j * rows] += g;
        for (let f = 0; f < p; f++) gradient[j * rows + 1 + f] += g * z[f];
      }
    }
    let penalty = 0;
    for (let q = 0; q < theta.length; q++) {
      penalty += theta[q] * theta[q];
      gradient[q] += 2 * lambda * theta[q];
    }
    return total / N + lambda * penalty;
  };
  const result = lbfgs(objective, new Float64Array(k * rows), { maxIterations: options.maxIterations ?? 500 });
  const coefficients = Array.from({ length: k }, (_, j) => Array.from(result.x.subarray(j * rows, (j + 1) * rows)));
  return {
    members: [...options.members],
    featureNames: [...options.featureNames],
    center,
    scale,
    coefficients,
    lambda,
    ...(options.trainedOn ? { trainedOn: options.trainedOn } : {}),
  };
}

/**
 * The weights (on the simplex, in `model.members` order) for a series with the given features.
 * Throws ForesightError('invalid_argument') when the feature vector's length differs from the model's.
 *
 * @example
 * const model = { members: ['a', 'b'], featureNames: ['x'], center: [0], scale: [1], coefficients: [[0, 1], [0, -1]], lambda: 0 };
 * featureWeights(model, Float64Array.of(0)) // Float64Array [0.5, 0.5]
 */
export function featureWeights(model: FeatureWeightModel, features: Float64Array): Float64Array {
  const p = model.featureNames.length;
  if (features.length !== p) {
    throw new ForesightError(
      'invalid_argument',
      `featureWeights: ${features.length} features given; the model expects ${p} (${model.featureNames.join(', ')})`,
    );
  }
  const z = standardize(features, model.center, model.scale);
  const theta = Float64Array.from(model.coefficients.flat());
  const out = new Float64Array(model.members.length);
  softmax(theta, z, p + 1, out);
  return out;
}

/**
 * The weights of `members` (a subset of the model's members, any order), renormalized to the simplex.
 * Throws ForesightError('invalid_argument') naming a member the model was not trained with.
 *
 * @example
 * const model = { members: ['a', 'b', 'c'], featureNames: ['x'], center: [0], scale: [1], coefficients: [[0, 0], [0, 0], [0, 0]], lambda: 0 };
 * memberFeatureWeights(model, ['c', 'a'], Float64Array.of(1)) // Float64Array [0.5, 0.5]
 */
export function memberFeatureWeights(
  model: FeatureWeightModel,
  members: readonly string[],
  features: Float64Array,
): Float64Array {
  checkMembers(model, members);
  const all = featureWeights(model, features);
  const picked = Float64Array.from(members, (m) => all[model.members.indexOf(m)]);
  const total = picked.reduce((a, b) => a + b, 0);
  return picked.map((w) => w / total);
}

/**
 * Throws ForesightError('invalid_argument') unless every member is one the model was trained with.
 *
 * @example
 * checkMembers({ members: ['ets', 'theta'] } as FeatureWeightModel, ['naive']) // throws: member "naive" is not one of ets, theta
 */
export function checkMembers(model: FeatureWeightModel, members: readonly string[]): void {
  for (const m of members) {
    if (!model.members.includes(m)) {
      throw new ForesightError(
        'invalid_argument',
        `feature weights: member "${m}" is not one of the trained members ${model.members.join(', ')}`,
        { value: m },
      );
    }
  }
}

function standardize(x: Float64Array, center: readonly number[], scale: readonly number[]): Float64Array {
  return Float64Array.from(x, (v, f) => Math.max(-Z_LIMIT, Math.min(Z_LIMIT, (v - center[f]) / scale[f])));
}

/** Writes softmax_j(theta_j0 + theta_j·z) into `out` (theta stored row by row, `rows` = 1 + features). */
function softmax(theta: Float64Array, z: Float64Array, rows: number, out: Float64Array): void {
  let max = -Infinity;
  for (let j = 0; j < out.length; j++) {
    let s = theta[j * rows];
    for (let f = 0; f < z.length; f++) s += theta[j * rows + 1 + f] * z[f];
    out[j] = s;
    if (s > max) max = s;
  }
  let total = 0;
  for (let j = 0; j < out.length; j++) {
    out[j] = Math.exp(out[j] - max);
    total += out[j];
  }
  for (let j = 0; j < out.length; j++) out[j] /= total;
}
