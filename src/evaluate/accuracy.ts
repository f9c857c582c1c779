/**
 * Accuracy of forecasts against held-out values, aggregated the M4 way: each metric is computed per series
 * (and per forecast origin in a backtest), then averaged; OWA compares the averaged sMAPE and MASE with those
 * of Naive 2 on the same series.
 */
import { mae } from './metrics/mae.js';
import { rmse } from './metrics/rmse.js';
import { smape } from './metrics/smape.js';
import { maseScale } from './metrics/mase.js';
import { owa } from './metrics/owa.js';
import { coverage, intervalPinball } from './metrics/interval-scores.js';

/** One scored forecast: actual and forecast values over the horizon, with the training data for scaling. */
export interface ScoredCase {
  actual: Float64Array;
  mean: Float64Array;
  /** Bounds per level, aligned with `levels` of the accumulator. */
  lower?: Float64Array[];
  upper?: Float64Array[];
  /** MASE scale of the training data (mean absolute seasonal difference). */
  scale: number;
}

/** Aggregated accuracy of one model. */
export interface AccuracySummary {
  model: string;
  /** Number of scored cases (series, or series x origins). */
  cases: number;
  mae: number;
  rmse: number;
  smape: number;
  mase: number;
  /** OWA against naive2 on the same cases (null when naive2 is not available). */
  owa: number | null;
  /** Per level: coverage in percent and pinball loss scaled like MASE. */
  intervals: { level: number; coverage: number; scaledPinball: number }[];
  /** Per horizon step (1-based index h - 1): mean sMAPE and mean absolute scaled error. */
  byStep: { smape: number; mase: number }[];
}

/** Collects scored cases of one model and summarizes them. */
export class AccuracyAccumulator {
  private readonly sums = { mae: 0, rmse: 0, smape: 0, mase: 0, maseCount: 0, count: 0 };
  private readonly levelSums: { coverage: number; pinball: number; count: number }[];
  private readonly stepSums: { smape: number; smapeCount: number; ase: number; aseCount: number }[] = [];

  constructor(
    readonly model: string,
    readonly levels: readonly number[],
  ) {
    this.levelSums = levels.map(() => ({ coverage: 0, pinball: 0, count: 0 }));
  }

  add(c: ScoredCase): void {
    const s = this.sums;
    s.mae += mae(c.actual, c.mean);
    s.rmse += rmse(c.actual, c.mean);
    s.smape += smape(c.actual, c.mean);
    s.count++;
    const caseMase = mae(c.actual, c.mean) / c.scale;
    if (Number.isFinite(caseMase)) {
      s.mase += caseMase;
      s.maseCount++;
    }
    this.levels.forEach((level, i) => {
      if (!c.lower?.[i] || !c.upper?.[i]) return;
      const cov = coverage(c.actual, c.lower[i], c.upper[i]);
      const pin = intervalPinball(c.actual, c.lower[i], c.upper[i], level) / c.scale;
      if (Number.isFinite(cov) && Number.isFinite(pin)) {
        this.levelSums[i].coverage += cov;
        this.levelSums[i].pinball += pin;
        this.levelSums[i].count++;
      }
    });
    for (let h = 0; h < c.actual.length; h++) {
      const step = (this.stepSums[h] ??= { smape: 0, smapeCount: 0, ase: 0, aseCount: 0 });
      const y = c.actual[h],
        f = c.mean[h];
      if (!Number.isFinite(y) || !Number.isFinite(f)) continue;
      const d = Math.abs(y) + Math.abs(f);
      step.smape += d === 0 ? 0 : (200 * Math.abs(y - f)) / d;
      step.smapeCount++;
      const ase = Math.abs(y - f) / c.scale;
      if (Number.isFinite(ase)) {
        step.ase += ase;
        step.aseCount++;
      }
    }
  }

  /** The summary; `naive2` (the same cases scored for naive2) gives the OWA. */
  summary(naive2?: { smape: number; mase: number }): AccuracySummary {
    const s = this.sums;
    const smapeMean = s.smape / s.count;
    const maseMean = s.mase / s.maseCount;
    return {
      model: this.model,
      cases: s.count,
      mae: s.mae / s.count,
      rmse: s.rmse / s.count,
      smape: smapeMean,
      mase: maseMean,
      owa: naive2 ? owa(smapeMean, maseMean, naive2.smape, naive2.mase) : null,
      intervals: this.levels
        .map((level, i) => ({
          level,
          coverage: (100 * this.levelSums[i].coverage) / this.levelSums[i].count,
          scaledPinball: this.levelSums[i].pinball / this.levelSums[i].count,
        }))
        .filter((x) => Number.isFinite(x.coverage)),
      byStep: this.stepSums.map((st) => ({ smape: st.smape / st.smapeCount, mase: st.ase / st.aseCount })),
    };
  }
}

/** MASE scale of a training series, re-exported for callers that build cases. */
export { maseScale };
