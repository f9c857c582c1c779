/**
 * `forecast --reliability`: the reliability horizon of every series and model (evaluate/reliability-horizon.ts)
 * from a rolling-origin backtest on the series' own history, so that forecast steps beyond it can be marked
 * in the CSV, the summary and the report.
 */
import type { Dataset } from '../data/series.js';
import { backtestDataset } from '../evaluate/backtest.js';
import { RELIABILITY_EXPLANATION, type ReliabilityHorizon } from '../evaluate/reliability-horizon.js';
import type { JsonValue } from '../models/types.js';

/** Options of `datasetReliability`. */
export interface DatasetReliabilityOptions {
  models: readonly string[];
  horizon: number;
  /** Rolling origins per series (default 20), one step apart (default 1). */
  windows?: number;
  step?: number;
  /** The naive reference (default `naive`; `snaive` for seasonal data). */
  reference?: string;
  /** Bootstrap resamples (default 1000) and seed (default 1). */
  resamples?: number;
  seed?: number;
  exog?: readonly string[];
  onProgress?: (done: number, total: number) => void;
}

/** Reliability of one series and model: the steps reliable (null when it could not be measured) and why. */
export interface ModelReliability {
  model: string;
  reference: string;
  reliableSteps: number | null;
  horizon: ReliabilityHorizon | null;
  reason: string | null;
}

/** Reliability per series id, then per model. */
export type DatasetReliability = Map<string, Map<string, ModelReliability>>;

/**
 * Runs the backtest behind `forecast --reliability`. Every readable series with at least two origins gets a
 * horizon; shorter ones get a null `reliableSteps` and the reason. Throws the errors of `backtestDataset`.
 *
 * @example
 * datasetReliability(data, { models: ['ets'], horizon: 4 }).get('NVDA:revenue')!.get('ets')!.reliableSteps // e.g. 2
 */
export function datasetReliability(data: Dataset, options: DatasetReliabilityOptions): DatasetReliability {
  const reference = options.reference ?? 'naive';
  const result = backtestDataset(data, {
    models: options.models,
    horizon: options.horizon,
    windows: options.windows ?? 20,
    step: options.step ?? 1,
    exog: options.exog,
    reliability: { reference, resamples: options.resamples },
    seed: options.seed,
    onProgress: options.onProgress,
  });
  const out: DatasetReliability = new Map();
  for (const s of result.series ?? []) {
    out.set(
      s.id,
      new Map(
        s.reliability.map((r) => [
          r.model,
          {
            model: r.model,
            reference: r.reference,
            reliableSteps: r.horizon?.reliableSteps ?? null,
            horizon: r.horizon,
            reason: r.reason,
          },
        ]),
      ),
    );
  }
  for (const skip of result.skipped) {
    out.set(
      skip.id,
      new Map(
        options.models.map((m) => [
          m,
          { model: m, reference, reliableSteps: null, horizon: null, reason: skip.reason },
        ]),
      ),
    );
  }
  return out;
}

/**
 * Lines for the terminal: per series and model, the steps reliable out of the horizon and the skill ratio at
 * step 1, then the one-sentence explanation.
 */
export function reliabilitySummary(reliability: DatasetReliability, horizon: number): string {
  const lines: string[] = [];
  for (const [id, models] of reliability) {
    for (const r of models.values()) {
      if (r.reliableSteps === null) lines.push(`${id} ${r.model}: reliability not measured (${r.reason})`);
      else {
        const first = r.horizon!.byStep[0];
        const skilful = r.horizon!.skilfulSteps;
        const gaps =
          skilful.length > 0 && skilful.length < r.reliableSteps
            ? `, significantly better at steps ${skilful.join(', ')} only`
            : '';
        lines.push(
          `${id} ${r.model}: reliable up to step ${r.reliableSteps} of ${horizon} against ${r.reference} (MAE ratio at step 1: ${first.ratio.toFixed(2)} [${first.lower.toFixed(2)}, ${first.upper.toFixed(2)}], ${r.horizon!.origins} origins${gaps})${r.reliableSteps < horizon ? `; steps ${r.reliableSteps + 1}-${horizon} are marked unreliable` : ''}`,
        );
      }
    }
  }
  return lines.join('\n') + '\n' + RELIABILITY_EXPLANATION + '\n';
}

/** The report's `reliability` entry: the explanation and, per series and model, the steps and ratios. */
export function reliabilityReport(reliability: DatasetReliability): { [key: string]: JsonValue } {
  const series: { [key: string]: JsonValue } = {};
  for (const [id, models] of reliability) {
    series[id] = [...models.values()].map((r) => ({
      model: r.model,
      reference: r.reference,
      reliableSteps: r.reliableSteps,
      skilfulSteps: r.horizon?.skilfulSteps ?? [],
      reason: r.reason,
      origins: r.horizon?.origins ?? null,
      byStep: r.horizon
        ? r.horizon.byStep.map((b) => ({ ...b, upper: Number.isFinite(b.upper) ? b.upper : null }))
        : null,
    }));
  }
  return { explanation: RELIABILITY_EXPLANATION, series };
}
