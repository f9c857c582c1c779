/**
 * The questions an analyst asks of a fitted scaling law, each answered with a bootstrap interval:
 * the compute-optimal N and D for a budget (Hoffmann et al. 2022 eq. 4), the compute needed for k× the
 * parameters, and what k× the compute buys under each fitted form.
 *
 * Closed forms used (C = 6ND): on the compute-optimal frontier N_opt ∝ C^a with a = beta/(alpha+beta), so k×
 * the parameters needs k^(1/a)× the compute; the reducible loss at the optimum falls as
 * C^-(alpha·beta/(alpha+beta)); with data held fixed, k× the parameters is exactly k× the compute.
 */
import { ForesightError } from '../core/errors.js';
import { summarize, type Estimate } from './bootstrap.js';
import { chinchillaLoss, computeOptimal, type ChinchillaParams } from './chinchilla.js';
import { logLawLoss, powerLawLoss, type LogLawParams, type PowerLawParams } from './compute-forms.js';
import { costKnee, type CostKnee, type SpendCompute } from './cost.js';

/** A fitted law with its bootstrap replicates. */
export interface WithReplicates<P> {
  estimate: P;
  replicates: readonly P[];
}

function estimateOf<P>(law: WithReplicates<P>, level: number, f: (p: P) => number): Estimate {
  return summarize(f(law.estimate), law.replicates.map(f), level);
}

function checkPositive(value: number, what: string): void {
  if (!(value > 0) || !Number.isFinite(value))
    throw new ForesightError('invalid_argument', `${what} ${value} must be a positive number`);
}

/** Compute-optimal allocation with intervals. */
export interface AllocationAnswer {
  compute: number;
  parameters: Estimate;
  tokens: Estimate;
  tokensPerParameter: Estimate;
  loss: Estimate;
  reducibleLoss: Estimate;
}

/**
 * Compute-optimal parameters, tokens, tokens per parameter and loss for a compute budget (FLOP).
 * Throws ForesightError('invalid_argument') for a non-positive budget.
 *
 * @example
 * optimalAllocation(chinchilla, 5.76e23).parameters.estimate // ≈ 4.0e10 with Hoffmann's parameters
 */
export function optimalAllocation(
  law: WithReplicates<ChinchillaParams>,
  compute: number,
  level = 95,
): AllocationAnswer {
  checkPositive(compute, 'compute budget');
  return {
    compute,
    parameters: estimateOf(law, level, (p) => computeOptimal(p, compute).parameters),
    tokens: estimateOf(law, level, (p) => computeOptimal(p, compute).tokens),
    tokensPerParameter: estimateOf(law, level, (p) => computeOptimal(p, compute).tokensPerParameter),
    loss: estimateOf(law, level, (p) => computeOptimal(p, compute).loss),
    reducibleLoss: estimateOf(law, level, (p) => computeOptimal(p, compute).reducibleLoss),
  };
}

/** One way of scaling the parameters by k, and what it costs and buys. */
export interface ParametersScenario {
  /** `frontier`: stay compute-optimal; `fixed-ratio`: keep tokens per parameter (D scales with N);
   *  `fixed-data`: keep D. */
  path: 'frontier' | 'fixed-ratio' | 'fixed-data';
  description: string;
  computeMultiplier: Estimate;
  lossBefore: Estimate;
  lossAfter: Estimate;
  /** lossAfter / lossBefore. */
  lossRatio: Estimate;
}

/**
 * The compute multiplier needed for k× the parameters, starting from the compute-optimal model at `compute`:
 * on the compute-optimal frontier (k^(1/a), a = beta/(alpha+beta)), keeping the tokens-per-parameter ratio (k²),
 * and keeping the data fixed (k); each with the loss before and after.
 * Throws ForesightError('invalid_argument') for non-positive k or compute.
 *
 * @example
 * parametersMultiplier(chinchilla, 2, 5.76e23)[0].computeMultiplier.estimate // ≈ 3.86 for a = 0.514
 */
export function parametersMultiplier(
  law: WithReplicates<ChinchillaParams>,
  k: number,
  compute: number,
  level = 95,
): ParametersScenario[] {
  checkPositive(k, 'parameters multiplier');
  checkPositive(compute, 'compute budget');
  const before = (p: ChinchillaParams) => computeOptimal(p, compute);
  const a = (p: ChinchillaParams) => p.beta / (p.alpha + p.beta);
  const lossBefore = estimateOf(law, level, (p) => before(p).loss);
  const scenario = (
    path: ParametersScenario['path'],
    description: string,
    multiplier: (p: ChinchillaParams) => number,
    after: (p: ChinchillaParams) => number,
  ): ParametersScenario => ({
    path,
    description,
    computeMultiplier: estimateOf(law, level, multiplier),
    lossBefore,
    lossAfter: estimateOf(law, level, after),
    lossRatio: estimateOf(law, level, (p) => after(p) / before(p).loss),
  });
  return [
    scenario(
      'frontier',
      `stay compute-optimal: compute × k^(1/a)`,
      (p) => k ** (1 / a(p)),
      (p) => computeOptimal(p, compute * k ** (1 / a(p))).loss,
    ),
    scenario(
      'fixed-ratio',
      'keep tokens per parameter: compute × k²',
      () => k * k,
      (p) => {
        const o = before(p);
        return chinchillaLoss(p, k * o.parameters, k * o.tokens);
      },
    ),
    scenario(
      'fixed-data',
      'keep the training tokens: compute × k',
      () => k,
      (p) => {
        const o = before(p);
        return chinchillaLoss(p, k * o.parameters, o.tokens);
      },
    ),
  ];
}

/** What k× the compute buys under one fitted form. */
export interface ComputeScenario {
  form: 'chinchilla' | 'power' | 'log';
  lossBefore: Estimate;
  lossAfter: Estimate;
  /** lossAfter / lossBefore. */
  lossRatio: Estimate;
  /** lossBefore - lossAfter. */
  lossReduction: Estimate;
  /** (L - E) after / before; null for the logarithmic form, which has no floor. */
  reducibleLossRatio: Estimate | null;
  /** Performance ratio under the form's own reading: for the log form y = -c·ln(x+1) (loss reduction from zero
   *  compute) after/before; for the others the inverse reducible-loss ratio. */
  performanceRatio: Estimate;
}

/** Fitted laws {@link computeMultiplier} compares; any may be absent. */
export interface FittedForms {
  chinchilla?: WithReplicates<ChinchillaParams>;
  power?: WithReplicates<PowerLawParams>;
  log?: WithReplicates<LogLawParams>;
}

/**
 * What k× the compute buys, from `compute` FLOP, under each fitted form: the loss before and after (the
 * Chinchilla law at its compute-optimal allocation), their ratio, the reduction, the reducible-loss ratio and
 * a performance ratio. Throws ForesightError('invalid_argument') for non-positive k or compute, or no form.
 *
 * @example
 * computeMultiplier({ power }, 2, 1e21)[0].reducibleLossRatio.estimate // 2^-gamma
 */
export function computeMultiplier(forms: FittedForms, k: number, compute: number, level = 95): ComputeScenario[] {
  checkPositive(k, 'compute multiplier');
  checkPositive(compute, 'compute budget');
  const out: ComputeScenario[] = [];
  const build = <P>(
    form: ComputeScenario['form'],
    law: WithReplicates<P>,
    loss: (p: P, c: number) => number,
    floor: ((p: P) => number) | null,
    performance: (p: P) => number,
  ): ComputeScenario => ({
    form,
    lossBefore: estimateOf(law, level, (p) => loss(p, compute)),
    lossAfter: estimateOf(law, level, (p) => loss(p, k * compute)),
    lossRatio: estimateOf(law, level, (p) => loss(p, k * compute) / loss(p, compute)),
    lossReduction: estimateOf(law, level, (p) => loss(p, compute) - loss(p, k * compute)),
    reducibleLossRatio: floor
      ? estimateOf(law, level, (p) => (loss(p, k * compute) - floor(p)) / (loss(p, compute) - floor(p)))
      : null,
    performanceRatio: estimateOf(law, level, performance),
  });
  if (forms.chinchilla) {
    const l = (p: ChinchillaParams, c: number) => computeOptimal(p, c).loss;
    out.push(
      build(
        'chinchilla',
        forms.chinchilla,
        l,
        (p) => p.E,
        (p) => (l(p, compute) - p.E) / (l(p, k * compute) - p.E),
      ),
    );
  }
  if (forms.power) {
    out.push(
      build(
        'power',
        forms.power,
        powerLawLoss,
        (p) => p.E,
        (p) => (powerLawLoss(p, compute) - p.E) / (powerLawLoss(p, k * compute) - p.E),
      ),
    );
  }
  if (forms.log) {
    out.push(
      build(
        'log',
        forms.log,
        logLawLoss,
        null,
        (p) => Math.log((k * compute) / p.unit + 1) / Math.log(compute / p.unit + 1),
      ),
    );
  }
  if (out.length === 0) throw new ForesightError('invalid_argument', 'computeMultiplier: no fitted form given');
  return out;
}

/** What k× the spend buys once the cluster's falling utilisation is accounted for. */
export interface SpendAnswer {
  usd: number;
  k: number;
  computeBefore: number;
  computeAfter: number;
  /** computeAfter / computeBefore: below k when utilisation falls with cluster size. */
  computeMultiplier: number;
  lossBefore: Estimate;
  lossAfter: Estimate;
  /** (L - E) after / before at the compute-optimal allocation. */
  reducibleLossRatio: Estimate;
}

/**
 * What k× the spend buys: the compute each spend buys (`computeAt`, e.g. `computeForSpend` with a utilisation
 * curve), and the compute-optimal loss under the Chinchilla law before and after, with bootstrap intervals.
 * Throws ForesightError('invalid_argument') for non-positive spend or k.
 *
 * @example
 * spendMultiplier(chinchilla, 1e8, 2, (usd) => computeForSpend(usd, HARDWARE.h100, curve, 90)).computeMultiplier // ≈ 1.85
 */
export function spendMultiplier(
  law: WithReplicates<ChinchillaParams>,
  usd: number,
  k: number,
  computeAt: (usd: number) => { compute: number },
  level = 95,
): SpendAnswer {
  checkPositive(usd, 'spend (USD)');
  checkPositive(k, 'spend multiplier');
  const c0 = computeAt(usd).compute,
    c1 = computeAt(k * usd).compute;
  return {
    usd,
    k,
    computeBefore: c0,
    computeAfter: c1,
    computeMultiplier: c1 / c0,
    lossBefore: estimateOf(law, level, (p) => computeOptimal(p, c0).loss),
    lossAfter: estimateOf(law, level, (p) => computeOptimal(p, c1).loss),
    reducibleLossRatio: estimateOf(
      law,
      level,
      (p) => computeOptimal(p, c1).reducibleLoss / computeOptimal(p, c0).reducibleLoss,
    ),
  };
}

/** Result of {@link spendKnee}: the knee under the point estimate and its bootstrap interval. */
export interface SpendKneeAnswer extends CostKnee {
  /** The knee spend with the percentile interval of the knees under each bootstrap replicate of the law. */
  interval: Estimate;
}

/**
 * The spend beyond which one more doubling lowers the compute-optimal loss by less than `minLossReduction`
 * ({@link costKnee} from min(usd, $1M), 60 doublings at most), under the law's estimate and under each of its
 * bootstrap replicates (a replicate that never reaches the knee counts as +Infinity), with the percentile
 * interval at `level`. `computeAt` turns a spend into effective compute (computeForSpend with a utilisation
 * curve). Throws ForesightError('invalid_argument') for a non-positive spend or threshold.
 *
 * @example
 * spendKnee(law, 1e8, (u) => computeForSpend(u, h100, curve, 90), 0.01).kneeUsd // 6.4e7 on the bundled runs
 */
export function spendKnee(
  law: WithReplicates<ChinchillaParams>,
  usd: number,
  computeAt: (usd: number) => SpendCompute,
  minLossReduction: number,
  level = 95,
): SpendKneeAnswer {
  checkPositive(usd, 'spend (USD)');
  const start = Math.min(usd, 1e6);
  const kneeOf = (p: ChinchillaParams) =>
    costKnee(start, computeAt, (c) => computeOptimal(p, c).loss, minLossReduction, 60);
  const knee = kneeOf(law.estimate);
  const replicates = law.replicates.map((p) => kneeOf(p).kneeUsd ?? Infinity);
  return { ...knee, interval: summarize(knee.kneeUsd ?? Infinity, replicates, level) };
}
