/**
 * The scaling frontier: loss against training compute on log axes, the frontier points (the lowest loss per
 * compute bin, scaling/compute-forms.ts), optionally every run behind them, and the fitted laws as curves: the
 * power law with a floor L = E + K·C^-gamma, the logarithmic form L = b + c·ln(C/unit + 1) (the claim's
 * `y = c·ln(x + 1)`), and the Chinchilla law at its compute-optimal allocation (Hoffmann et al. 2022 eq. 4).
 * The curves run from a third of the smallest compute to 30 times the largest, so the forms' extrapolations
 * part visibly; losses at or below zero (the log form's, far out) are left out of the log axis.
 */
import type { ChinchillaParams } from '../scaling/chinchilla.js';
import { computeOptimal } from '../scaling/chinchilla.js';
import { logLawLoss, powerLawLoss, type LogLawParams, type PowerLawParams } from '../scaling/compute-forms.js';
import type { ScalingFitFile } from '../scaling/fit-file.js';
import { DEFAULT_SIZE, VEGA_LITE_SCHEMA, type ChartSize, type TopLevelSpec } from './spec.js';

/** Names of the frontier chart's marks: one path per fitted form in `laws`. */
export const FRONTIER_MARKS = { runs: 'runs', points: 'frontier_points', laws: 'laws' } as const;

/** What the frontier chart draws. */
export interface FrontierChartInput {
  /** The frontier points the compute forms were fitted to. */
  points: { compute: ArrayLike<number>; loss: ArrayLike<number> };
  /** Every run (grey, behind the frontier), when given. */
  runs?: { compute: ArrayLike<number>; loss: ArrayLike<number> };
  power?: PowerLawParams;
  log?: LogLawParams;
  chinchilla?: ChinchillaParams;
}

/** Points of each curve (log-spaced). */
export const FRONTIER_CURVE_POINTS = 60;

/**
 * The frontier input of a saved fit (`scaling fit --form all` keeps the frontier points in `comparison`);
 * `points` must be given when the fit has no comparison. Throws nothing; a fit without points draws curves only.
 *
 * @example
 * frontierInput(fitScalingLaws({ input, form: 'all' })).points.compute.length // 37 on the Chinchilla runs
 */
export function frontierInput(
  fit: ScalingFitFile,
  extra: Pick<FrontierChartInput, 'runs'> & { points?: FrontierChartInput['points'] } = {},
): FrontierChartInput {
  return {
    points: extra.points ?? fit.comparison?.points ?? { compute: [], loss: [] },
    runs: extra.runs,
    power: fit.power?.params,
    log: fit.log?.params,
    chinchilla: fit.chinchilla?.params,
  };
}

const positive = (c: number, l: number) => Number.isFinite(c) && Number.isFinite(l) && c > 0 && l > 0;

/**
 * The frontier spec.
 *
 * @example
 * scalingFrontierChart(frontierInput(fit)).layer.map((l) => l.name) // ['frontier_points', 'laws']
 */
export function scalingFrontierChart(
  input: FrontierChartInput,
  options: ChartSize & { title?: string } = {},
): TopLevelSpec {
  const pts = Array.from(input.points.compute, (c, i) => ({ compute: c, loss: input.points.loss[i] })).filter((p) =>
    positive(p.compute, p.loss),
  );
  const runs = input.runs
    ? Array.from(input.runs.compute, (c, i) => ({ compute: c, loss: input.runs!.loss[i] })).filter((p) =>
        positive(p.compute, p.loss),
      )
    : [];
  const all = [...pts, ...runs].map((p) => p.compute);
  const lo = all.length ? Math.min(...all) / 3 : 1e18;
  const hi = all.length ? Math.max(...all) * 30 : 1e25;
  const grid = Array.from(
    { length: FRONTIER_CURVE_POINTS },
    (_, i) => lo * (hi / lo) ** (i / (FRONTIER_CURVE_POINTS - 1)),
  );
  const forms: { form: string; loss: (c: number) => number }[] = [];
  if (input.chinchilla) {
    const p = input.chinchilla;
    forms.push({ form: 'Chinchilla L(N,D), compute-optimal', loss: (c) => computeOptimal(p, c).loss });
  }
  if (input.power) {
    const p = input.power;
    forms.push({ form: 'power law E + K·C^-gamma', loss: (c) => powerLawLoss(p, c) });
  }
  if (input.log) {
    const p = input.log;
    forms.push({ form: `log form b + c·ln(C/${p.unit.toExponential(0)} + 1)`, loss: (c) => logLawLoss(p, c) });
  }
  const curves = forms.flatMap((f) =>
    grid.flatMap((c) => {
      const l = f.loss(c);
      return positive(c, l) ? [{ compute: c, loss: l, form: f.form }] : [];
    }),
  );
  const x = {
    field: 'compute',
    type: 'quantitative' as const,
    title: 'training compute (FLOP)',
    scale: { type: 'log' as const },
    axis: { format: '.0e' },
  };
  const y = {
    field: 'loss',
    type: 'quantitative' as const,
    title: 'loss',
    scale: { type: 'log' as const, nice: false },
  };
  const layer: object[] = [];
  if (runs.length) {
    layer.push({
      name: FRONTIER_MARKS.runs,
      data: { values: runs },
      mark: { type: 'point', description: 'training run', color: '#bbbbbb', size: 12 },
      encoding: { x, y },
    });
  }
  layer.push(
    {
      name: FRONTIER_MARKS.points,
      data: { values: pts },
      mark: { type: 'point', description: 'frontier point', filled: true, color: '#333333', size: 30 },
      encoding: { x, y },
    },
    {
      name: FRONTIER_MARKS.laws,
      data: { values: curves },
      mark: { type: 'line', description: 'fitted law', strokeWidth: 2 },
      encoding: { x, y, color: { field: 'form', type: 'nominal', title: 'fitted form', legend: { labelLimit: 320 } } },
    },
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? 'Loss vs compute: the frontier and the fitted laws',
    description: `Loss against training compute on log axes: ${pts.length} frontier points and ${forms.length} fitted forms`,
    width: options.width ?? DEFAULT_SIZE.width,
    height: options.height ?? DEFAULT_SIZE.height + 60,
    layer,
  } as TopLevelSpec;
}
