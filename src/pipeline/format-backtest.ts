/**
 * Text and CSV output of the backtest's optional parts: accuracy per series, event scores with their decile
 * reliability tables, reliability horizons, and the file of every backtest forecast (`backtest --output`).
 */
import { fmt, formatTable } from './format.js';
import type { BacktestForecast, EventScore, SeriesBacktest } from '../evaluate/backtest.js';
import { csvField } from './write-forecast.js';
import { worstDecileGap } from '../evaluate/brier.js';

/**
 * One row per series and model: origins, sMAPE, MASE, OWA against naive2 on the same origins, MASE at step 1 and
 * its ratio to naive2's (`worse` when above 1: the model loses to the naive guess on the next step).
 *
 * @example
 * perSeriesTable(result.series!) // 'unique_id  model  origins  sMAPE  MASE  OWA  MASE h=1 ...'
 */
export function perSeriesTable(series: readonly SeriesBacktest[]): string {
  const levels = [...new Set(series.flatMap((s) => s.models.flatMap((m) => m.intervals.map((i) => i.level))))].sort(
    (a, b) => a - b,
  );
  const header = [
    'unique_id',
    'model',
    'origins',
    'sMAPE',
    'MASE',
    'OWA',
    'MASE h=1',
    'h=1 vs naive2',
    ...levels.map((l) => `cover-${l}`),
  ];
  const rows = series.flatMap((s) =>
    s.models.map((m) => [
      s.id,
      m.model,
      String(s.origins),
      fmt(m.smape),
      fmt(m.mase),
      fmt(m.owa),
      fmt(m.byStep[0]?.mase),
      stepOneRatio(m.byStep[0]?.mase, s.naive2?.byStep[0]?.mase),
      ...levels.map((l) => {
        const i = m.intervals.find((x) => x.level === l);
        return i ? `${fmt(i.coverage, 3)}%` : '-';
      }),
    ]),
  );
  return formatTable(header, rows);
}

function stepOneRatio(model: number | undefined, naive2: number | undefined): string {
  if (model === undefined || naive2 === undefined || !(naive2 > 0)) return '-';
  const r = model / naive2;
  return `${fmt(r, 3)}${r > 1 ? ' worse' : ''}`;
}

/**
 * One row per model and event: cases, Brier score, the climatology's Brier score, skill, log score, base rate,
 * and the worst gap between mean probability and observed frequency over deciles with at least 50 cases.
 */
export function eventScoreTable(events: readonly EventScore[]): string {
  const header = [
    'model',
    'event',
    'cases',
    'Brier',
    'clim Brier',
    'skill',
    'log score',
    'base rate',
    'worst decile gap (n>=50)',
  ];
  const rows = events.map((e) => {
    const s = e.scores;
    const gap = worstDecileGap(s.reliability, 50);
    return [
      e.model,
      e.event,
      String(s.cases),
      fmt(s.brier, 3),
      fmt(s.climatologyBrier, 3),
      fmt(s.skill, 3),
      fmt(s.logScore, 3),
      `${(100 * s.baseRate).toFixed(1)}%`,
      gap.bins ? `${(100 * gap.gap).toFixed(1)} pts (${gap.bins} deciles)` : '-',
    ];
  });
  return formatTable(header, rows);
}

/** The decile reliability tables of every model and event: range, cases, mean probability, observed frequency. */
export function decileTables(events: readonly EventScore[]): string {
  return events
    .map((e) => {
      const rows = e.scores.reliability.map((b) => [
        `${Math.round(100 * b.from)}-${Math.round(100 * b.to)}%`,
        String(b.cases),
        b.cases ? `${(100 * b.meanProbability).toFixed(1)}%` : '-',
        b.cases ? `${(100 * b.observedFrequency).toFixed(1)}%` : '-',
      ]);
      return `${e.model}, ${e.event}:\n${formatTable(['decile', 'cases', 'mean P', 'observed'], rows)}`;
    })
    .join('\n\n');
}

/**
 * One row per series and model: the reference, origins, the steps reliable, and the skill ratio by step with its
 * band ("0.62 [0.45, 0.81]").
 */
export function reliabilityTable(series: readonly SeriesBacktest[]): string {
  const steps = Math.max(0, ...series.flatMap((s) => s.reliability.map((r) => r.horizon?.byStep.length ?? 0)));
  const header = [
    'unique_id',
    'model',
    'vs',
    'origins',
    'reliable up to',
    ...Array.from({ length: steps }, (_, t) => `h=${t + 1}`),
  ];
  const rows = series.flatMap((s) =>
    s.reliability.map((r) => {
      if (!r.horizon)
        return [s.id, r.model, r.reference, String(s.origins), `- (${r.reason})`, ...Array<string>(steps).fill('')];
      const hz = r.horizon;
      return [
        s.id,
        r.model,
        r.reference,
        String(hz.origins),
        `step ${hz.reliableSteps}`,
        ...hz.byStep.map((b) => `${fmt(b.ratio, 2)} [${fmt(b.lower, 2)}, ${fmt(b.upper, 2)}]`),
      ];
    }),
  );
  return formatTable(header, rows);
}

/**
 * Every backtest forecast as CSV: `unique_id,origin,cutoff,ds,step,model,used,y,yhat` then `lo-L,hi-L` per level.
 *
 * @example
 * backtestForecastCsv(result.forecasts!, [80]).split('\n')[0] // 'unique_id,origin,cutoff,ds,step,model,used,y,yhat,lo-80,hi-80'
 */
export function backtestForecastCsv(forecasts: readonly BacktestForecast[], levels: readonly number[]): string {
  const cell = (v: number) => (Number.isFinite(v) ? String(v) : '');
  let out =
    [
      'unique_id',
      'origin',
      'cutoff',
      'ds',
      'step',
      'model',
      'used',
      'y',
      'yhat',
      ...levels.flatMap((l) => [`lo-${l}`, `hi-${l}`]),
    ].join(',') + '\n';
  for (const f of forecasts) {
    for (let t = 0; t < f.mean.length; t++) {
      out +=
        [
          csvField(f.id),
          f.origin,
          f.cutoff,
          f.ds[t],
          t + 1,
          csvField(f.model),
          csvField(f.used),
          cell(f.actual[t]),
          cell(f.mean[t]),
          ...levels.flatMap((_, i) => [cell(f.lower[i]?.[t]), cell(f.upper[i]?.[t])]),
        ].join(',') + '\n';
    }
  }
  return out;
}
