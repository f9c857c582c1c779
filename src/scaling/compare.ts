/**
 * Comparing fitted scaling forms on the same data: Gaussian information criteria (Akaike 1974; Schwarz 1978;
 * Hurvich & Tsai 1989 for AICc, as R's `AIC`/`BIC` on an `lm`/`nls` fit), held-out error with whole
 * compute budgets left out (leave-one-group-out cross-validation), and residuals for plots.
 */
import { ForesightError } from '../core/errors.js';
import { informationCriteria as criteriaOf } from '../core/stats/information-criteria.js';
import {
  fitLogLaw,
  fitPowerLaw,
  logLawLoss,
  powerLawLoss,
  type ComputePoints,
  type ComputeFormFit,
  type LogLawParams,
  type PowerLawParams,
} from './compute-forms.js';
import { chinchillaLoss, fitChinchilla, type ChinchillaFit, type ChinchillaGrid } from './chinchilla.js';
import { selectRuns, type ScalingRuns } from './columns.js';

/** Gaussian log-likelihood and information criteria of a least-squares fit. */
export interface InformationCriteria {
  loglik: number;
  aic: number;
  aicc: number;
  bic: number;
}

/**
 * For a least-squares fit with `coefficients` parameters on n points and residual sum of squares rss, with the
 * error variance estimated by ML (rss/n) and counted as a parameter: loglik = -n/2 (ln(2π rss/n) + 1),
 * AIC = -2 loglik + 2(k+1), BIC = -2 loglik + ln(n)(k+1), AICc = AIC + 2(k+1)(k+2)/(n-k-2) (core's
 * informationCriteria: +Infinity when n = k + 2). Same as R's `AIC(nls(...))`. Throws
 * ForesightError('invalid_argument') when rss is not positive or n ≤ k + 1.
 *
 * @example
 * informationCriteria(2, 10, 1).aic // 10·(ln(2π·0.2) + 1) + 4 ≈ 16.31
 */
export function informationCriteria(rss: number, n: number, coefficients: number): InformationCriteria {
  const k = coefficients + 1;
  if (!(rss > 0))
    throw new ForesightError(
      'invalid_argument',
      `informationCriteria: residual sum of squares ${rss} must be positive`,
    );
  if (!(n > k))
    throw new ForesightError(
      'invalid_argument',
      `informationCriteria: ${n} points for ${coefficients} coefficients plus variance`,
    );
  const loglik = (-n / 2) * (Math.log((2 * Math.PI * rss) / n) + 1);
  return { loglik, ...criteriaOf(-2 * loglik, k, n) };
}

/** Held-out predictions and their errors. */
export interface HeldOut {
  /** Prediction for each point from the fit that left its group out (NaN if that fit failed). */
  predictions: number[];
  rmse: number;
  mae: number;
  /** Groups whose refit failed, with the reason. */
  failures: string[];
}

/**
 * Leave-one-group-out cross-validation: for each distinct group, fit on the other points and predict the
 * group's points. `fitPredict(train, test)` returns predictions for the test indices. A failed refit is
 * recorded and its points excluded from the error.
 * Throws ForesightError('too_short') with fewer than 2 groups.
 *
 * @example
 * leaveOneGroupOut([0, 1, 2], [1, 2, 3], (train, test) => test.map(() => 2)).mae // 2/3
 */
export function leaveOneGroupOut(
  groups: ArrayLike<number>,
  actual: ArrayLike<number>,
  fitPredict: (train: number[], test: number[]) => ArrayLike<number>,
): HeldOut {
  const distinct = [...new Set(Array.from(groups))];
  if (distinct.length < 2)
    throw new ForesightError('too_short', `leaveOneGroupOut: ${distinct.length} group; need at least 2`);
  const predictions = new Array<number>(actual.length).fill(NaN);
  const failures: string[] = [];
  for (const g of distinct) {
    const train: number[] = [],
      test: number[] = [];
    for (let i = 0; i < actual.length; i++) (groups[i] === g ? test : train).push(i);
    try {
      const p = fitPredict(train, test);
      test.forEach((i, j) => {
        predictions[i] = p[j];
      });
    } catch (e) {
      failures.push(`group ${g}: ${(e as Error).message}`);
    }
  }
  let ss = 0,
    sa = 0,
    m = 0;
  for (let i = 0; i < actual.length; i++) {
    if (!Number.isFinite(predictions[i])) continue;
    const r = actual[i] - predictions[i];
    ss += r * r;
    sa += Math.abs(r);
    m++;
  }
  return { predictions, rmse: Math.sqrt(ss / m), mae: sa / m, failures };
}

/** One row of the comparison table. */
export interface FormComparison {
  form: 'power' | 'log';
  equation: string;
  params: PowerLawParams | LogLawParams;
  nobs: number;
  coefficients: number;
  rss: number;
  criteria: InformationCriteria;
  /** AIC minus the best AIC in the table (0 for the best form). */
  deltaAic: number;
  /** Akaike weight exp(-ΔAIC/2) normalised over the table. */
  akaikeWeight: number;
  heldOut: HeldOut;
  /** Residuals L - L̂ by point, for residual plots. */
  residuals: number[];
}

/** Result of {@link compareComputeForms}. */
export interface ComputeFormsComparison {
  points: { compute: number[]; loss: number[] };
  rows: FormComparison[];
  /** The form with the lowest AIC and the factor by which its held-out RMSE beats the other's. */
  better: 'power' | 'log';
  heldOutRmseRatio: number;
}

/**
 * Fits the power-law and logarithmic forms to the same loss-versus-compute points and compares them by
 * AIC/BIC and by held-out RMSE with one compute-budget bin left out at a time.
 * Throws as {@link fitPowerLaw} and {@link fitLogLaw}.
 *
 * @example
 * compareComputeForms(computeFrontier(runs)).better // 'power' on the Chinchilla runs
 */
export function compareComputeForms(points: ComputePoints, unit = 1e18): ComputeFormsComparison {
  const C = points.compute,
    L = points.loss;
  const pick = (idx: number[], a: ArrayLike<number>): number[] => idx.map((i) => a[i]);
  const fits: [ComputeFormFit<PowerLawParams | LogLawParams>, string, HeldOut][] = [
    [
      fitPowerLaw(C, L),
      'L = E + K·C^-gamma',
      leaveOneGroupOut(points.bin, L, (tr, te) => {
        const f = fitPowerLaw(pick(tr, C), pick(tr, L));
        return te.map((i) => powerLawLoss(f.params, C[i]));
      }),
    ],
    [
      fitLogLaw(C, L, unit),
      `L = b + c·ln(C/${unit.toExponential()} + 1)`,
      leaveOneGroupOut(points.bin, L, (tr, te) => {
        const f = fitLogLaw(pick(tr, C), pick(tr, L), unit);
        return te.map((i) => logLawLoss(f.params, C[i]));
      }),
    ],
  ];
  const rows = fits.map(([fit, equation, heldOut]) => ({
    form: fit.form,
    equation,
    params: fit.params,
    nobs: fit.nobs,
    coefficients: fit.coefficients,
    rss: fit.rss,
    criteria: informationCriteria(fit.rss, fit.nobs, fit.coefficients),
    deltaAic: 0,
    akaikeWeight: 0,
    heldOut,
    residuals: fit.residuals,
  }));
  const minAic = Math.min(...rows.map((r) => r.criteria.aic));
  let wsum = 0;
  for (const r of rows) {
    r.deltaAic = r.criteria.aic - minAic;
    r.akaikeWeight = Math.exp(-r.deltaAic / 2);
    wsum += r.akaikeWeight;
  }
  for (const r of rows) r.akaikeWeight /= wsum;
  const best = rows.find((r) => r.deltaAic === 0)!;
  const other = rows.find((r) => r !== best)!;
  return {
    points: { compute: Array.from(C), loss: Array.from(L) },
    rows,
    better: best.form,
    heldOutRmseRatio: other.heldOut.rmse / best.heldOut.rmse,
  };
}

/** Held-out check of the Chinchilla law with whole compute bins left out. */
export interface ChinchillaHeldOut {
  /** Compute bins (groups) left out in turn. */
  groups: number;
  /** RMSE and MAE of held-out log-loss residuals ln L - ln L̂. */
  rmseLog: number;
  maeLog: number;
  /** In-sample RMSE of log residuals, for contrast. */
  inSampleRmseLog: number;
  failures: string[];
}

/**
 * Leave-one-compute-budget-out for the Chinchilla law: runs are grouped by floor(log10 C / binDecades); each
 * group is predicted by a refit on the others, started from the full-data optimum (plus `grid`, default none).
 * Throws as {@link leaveOneGroupOut}.
 *
 * @example
 * chinchillaHeldOut(runs, fit, 0.5).rmseLog // ≈ 0.0082 on the 240 Chinchilla runs (in-sample 0.0076)
 */
export function chinchillaHeldOut(
  runs: ScalingRuns,
  fit: ChinchillaFit,
  binDecades = 0.5,
  grid: ChinchillaGrid = { a: [], b: [], e: [], alpha: [], beta: [] },
): ChinchillaHeldOut {
  const groups = Array.from(runs.compute, (c) => Math.floor(Math.log10(c) / binDecades));
  const p = fit.params;
  const start = [Math.log(p.A), Math.log(p.B), Math.log(p.E), p.alpha, p.beta];
  const logLoss = Array.from(runs.loss, Math.log);
  const h = leaveOneGroupOut(groups, logLoss, (train, test) => {
    const f = fitChinchilla(selectRuns(runs, train), { huberDelta: fit.huberDelta, grid, starts: [start] });
    return test.map((i) => Math.log(chinchillaLoss(f.params, runs.parameters[i], runs.tokens[i])));
  });
  return {
    groups: new Set(groups).size,
    rmseLog: h.rmse,
    maeLog: h.mae,
    inSampleRmseLog: Math.sqrt(fit.residuals.reduce((s, r) => s + r * r, 0) / fit.residuals.length),
    failures: h.failures,
  };
}
