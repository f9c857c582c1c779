/**
 * `foresight report`: one self-contained HTML file about a forecast run. It gathers what the library computes
 * for a file (pipeline/run-forecast.ts's batch forecast, evaluate/backtest.ts's rolling-origin backtest with
 * the reliability horizon, pipeline/warnings.ts) and lays it out: per series a fan chart and a table of the
 * forecasts and intervals, the fused members and their weights, the reliability horizon with its skill chart;
 * then the backtest's accuracy, MASE by step and coverage, and every warning. Charts are inline SVG (Vega's
 * headless renderer), the style sheet is inline, there are no scripts and nothing is fetched.
 */
import { writeFile } from 'node:fs/promises';
import { ForesightError } from '../core/errors.js';
import type { ReadOptions } from '../data/read-csv.js';
import type { Dataset } from '../data/series.js';
import { backtestDataset, type BacktestResult } from '../evaluate/backtest.js';
import { RELIABILITY_EXPLANATION } from '../evaluate/reliability-horizon.js';
import type { JsonValue } from '../models/types.js';
import type { SeriesForecast } from '../pipeline/forecast-batch.js';
import { compact, fmt } from '../pipeline/format.js';
import { forecastFile } from '../pipeline/run-forecast.js';
import { batchWarnings, type ForecastWarning } from '../pipeline/warnings.js';
import { accuracyByStepChart } from './accuracy-chart.js';
import { coverageChart } from './coverage-chart.js';
import { fanChart } from './fan-chart.js';
import { fanChartInput, seriesWeights } from './from-results.js';
import { anchorId, escapeHtml, htmlFigure, htmlPage, htmlParagraph, htmlTable } from './html.js';
import { renderSvg } from './render-svg.js';
import { skillChart } from './skill-chart.js';
import type { TopLevelSpec } from './spec.js';
import { weightsChart } from './weights-chart.js';

/** Options of {@link forecastReport}. */
export interface ForecastReportOptions {
  input: string;
  horizon: number;
  /** Registry models (default `auto`). */
  models?: readonly string[];
  /** Interval levels in percent (default 80, 95). */
  levels?: readonly number[];
  /** Rolling origins of the backtest (default 10; 0: no backtest), `backtestStep` apart (default 1). */
  backtestWindows?: number;
  backtestStep?: number;
  /** Naive reference of the reliability horizon (default `naive`; `snaive` for seasonal data). */
  reference?: string;
  /** Bootstrap resamples of the reliability band (default 1000) and seed (default 1). */
  resamples?: number;
  seed?: number;
  seasonLengths?: number[];
  read?: ReadOptions;
  workers?: number;
  onProgress?: (stage: 'forecast' | 'backtest', done: number, total: number) => void;
}

/** What a forecast report shows, gathered from the library (plain data; `forecastReportHtml` lays it out). */
export interface ForecastReport {
  input: string;
  horizon: number;
  models: string[];
  levels: number[];
  reference: string;
  data: Dataset;
  results: SeriesForecast[];
  /** The backtest with per-series accuracy and reliability, or null when none was asked. */
  backtest: BacktestResult | null;
  warnings: { id: string; warnings: ForecastWarning[] }[];
}

/**
 * Reads and forecasts the file and runs the backtest. Throws what `forecastFile` and `backtestDataset` throw
 * (unreadable input, bad horizon, models or windows: ForesightError with the file, line and value).
 *
 * @example
 * (await forecastReport({ input: 'examples/industry.csv', horizon: 4, models: ['ets'] })).results.length // 7
 */
export async function forecastReport(options: ForecastReportOptions): Promise<ForecastReport> {
  const models = [...(options.models ?? ['auto'])];
  const levels = [...(options.levels ?? [80, 95])];
  const windows = options.backtestWindows ?? 10;
  if (!Number.isInteger(windows) || windows < 0)
    throw new ForesightError('invalid_argument', `backtest windows ${windows} is not a whole number >= 0`, {
      value: String(windows),
    });
  const reference = options.reference ?? 'naive';
  const { data, results } = await forecastFile({
    input: options.input,
    horizon: options.horizon,
    models,
    levels,
    seasonLengths: options.seasonLengths,
    read: options.read,
    workers: options.workers,
    onProgress: (done, total) => options.onProgress?.('forecast', done, total),
  });
  const backtest =
    windows > 0
      ? backtestDataset(data, {
          models,
          horizon: options.horizon,
          windows,
          step: options.backtestStep ?? 1,
          levels,
          perSeries: true,
          reliability: windows >= 2 ? { reference, resamples: options.resamples } : undefined,
          seed: options.seed,
          onProgress: (done, total) => options.onProgress?.('backtest', done, total),
        })
      : null;
  return {
    input: options.input,
    horizon: options.horizon,
    models,
    levels,
    reference,
    data,
    results,
    backtest,
    warnings: batchWarnings(results, options.horizon),
  };
}

/** A value for a table: compact above 10,000 (1.23B), else four significant digits. */
function num(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  return Math.abs(v) >= 1e4 ? compact(v) : fmt(v, 4);
}

function isRecord(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Rows of the fused members' table from a fused fit's details (name, form, weight, validation MAE, fallback). */
function memberRows(details: { [key: string]: JsonValue } | undefined): string[][] {
  const members = details?.members;
  if (!Array.isArray(members)) return [];
  return members
    .filter(isRecord)
    .map((m) => [
      String(m.name ?? ''),
      String(m.form ?? ''),
      typeof m.weight === 'number' ? fmt(m.weight, 3) : '-',
      typeof m.validationMae === 'number' ? num(m.validationMae) : '-',
      typeof m.fallbackReason === 'string' ? m.fallbackReason : '',
    ]);
}

/** Renders charts one at a time (each a headless Vega view) and counts them. */
class Charts {
  count = 0;
  async figure(kind: string, spec: TopLevelSpec, caption?: string): Promise<string> {
    this.count++;
    return htmlFigure(kind, await renderSvg(spec), caption);
  }
}

/**
 * The HTML page of a report: summary, warnings, per-series sections (fan chart, forecast table, members and
 * weights, reliability), fusion weights across series, and the backtest. `historyLength` limits the observations
 * drawn in the fan charts (default: the last 12 horizons' worth, at least 40).
 */
export async function forecastReportHtml(
  report: ForecastReport,
  options: { historyLength?: number; title?: string } = {},
): Promise<{ html: string; charts: number }> {
  const charts = new Charts();
  const { horizon, levels, models } = report;
  // a backtest in which no series was long enough for an origin has nothing to draw; its skipped list says why
  const backtest = report.backtest && report.backtest.origins > 0 ? report.backtest : null;
  const historyLength = options.historyLength ?? Math.max(40, 12 * horizon);
  const title = options.title ?? `Foresight report: ${report.input}`;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  const readable = report.results.filter((r) => r.series).length;
  parts.push(
    htmlParagraph(
      `${report.results.length} series (${readable} forecast, ${report.results.length - readable} unreadable), ` +
        `${horizon}-step forecasts with ${models.join(', ')} at ${levels.join('/')}% intervals` +
        (backtest
          ? `; backtest over ${backtest.windows} rolling origins per series against ${report.reference}.`
          : '; no backtest.'),
      'meta',
    ),
  );
  // contents
  const anchors = report.results.map((r, i) => anchorId('series', i + 1, r.id));
  parts.push(
    '<nav><ul>' +
      report.results.map((r, i) => `<li><a href="#${anchors[i]}">${escapeHtml(r.id)}</a></li>`).join('') +
      (backtest ? '<li><a href="#backtest">Backtest</a></li>' : '') +
      '</ul></nav>',
  );
  // warnings first: what the reader must know before trusting a chart
  const warnings: string[] = [];
  for (const note of report.data.notes ?? []) warnings.push(note);
  for (const r of report.results) if (r.invalid) warnings.push(`${r.id}: not forecast: ${r.invalid.reason}`);
  for (const w of report.warnings) for (const x of w.warnings) warnings.push(`${w.id} (${x.model}): ${x.message}`);
  if (report.backtest && !backtest) warnings.push('backtest: no series is long enough for a forecast origin');
  if (report.backtest) {
    for (const n of report.backtest.notes) warnings.push(`backtest: ${n}`);
    for (const s of report.backtest.skipped) warnings.push(`backtest skipped ${s.id}: ${s.reason}`);
    for (const f of report.backtest.fallbackReasons)
      warnings.push(`backtest ${f.id} (${f.model}) fell back: ${f.reason}`);
  }
  parts.push('<h2 id="warnings">Warnings</h2>');
  parts.push(
    warnings.length
      ? '<ul class="warnings">' + warnings.map((w) => `<li class="warn">${escapeHtml(w)}</li>`).join('\n') + '</ul>'
      : htmlParagraph('None.', 'muted'),
  );
  const reliabilityOf = (id: string, model: string) =>
    backtest?.series?.find((s) => s.id === id)?.reliability.find((r) => r.model === model) ?? null;
  for (const [i, r] of report.results.entries()) {
    parts.push(`<h2 id="${anchors[i]}">${escapeHtml(r.id)}</h2>`);
    if (!r.series) {
      parts.push(htmlParagraph(`Not forecast: ${r.invalid?.reason ?? 'no readable values'}`, 'warn'));
      continue;
    }
    const s = r.series;
    parts.push(
      htmlParagraph(
        `${s.y.length} observations, ${s.frequency}, season length ${s.seasonLengths.join(', ')}` +
          (s.notes.length ? `; ${s.notes.join('; ')}` : ''),
        'meta',
      ),
    );
    for (const run of r.runs) {
      const rel = reliabilityOf(r.id, run.model);
      const k = rel?.horizon ? rel.horizon.reliableSteps : null;
      const input = fanChartInput(r, run.model, k);
      if (!input) {
        parts.push(htmlParagraph(`${run.model}: no forecast (${run.fallbackReason ?? 'no values'})`, 'warn'));
        continue;
      }
      parts.push(`<h3>${escapeHtml(input.model)}</h3>`);
      if (run.fallbackReason) parts.push(htmlParagraph(`Fallback: ${run.fallbackReason}`, 'warn'));
      parts.push(
        await charts.figure(
          'fan',
          fanChart(input, { historyLength }),
          `History, point forecast and ${levels.join('/')}% intervals` +
            (input.members?.length ? '; dashed: the fused members (weight)' : '') +
            (k !== null && k < horizon
              ? `; the dashed vertical rule marks the last reliable step (${k} of ${horizon}).`
              : '.'),
        ),
      );
      const f = run.forecast!;
      parts.push(
        htmlTable(
          ['ds', 'forecast', ...f.levels.flatMap((l) => [`lo ${l}%`, `hi ${l}%`]), ...(k !== null ? ['reliable'] : [])],
          r.ds.map((d, t) => [
            d,
            num(f.mean[t]),
            ...f.levels.flatMap((_, j) => [num(f.lower[j][t]), num(f.upper[j][t])]),
            ...(k !== null ? [t < k ? 'yes' : 'no'] : []),
          ]),
        ),
      );
      const members = memberRows(run.fallbackReason ? undefined : run.fit?.details);
      if (members.length) {
        parts.push(
          htmlTable(['member', 'form', 'weight', 'validation MAE', 'fallback'], members, 'Fused members and weights'),
        );
      }
      if (rel?.horizon) {
        parts.push(
          htmlParagraph(
            `Reliable up to step ${rel.horizon.reliableSteps} of ${horizon} against ${rel.reference} ` +
              `(${rel.horizon.origins} origins, ${rel.horizon.level}% bootstrap band).`,
          ),
        );
        parts.push(
          await charts.figure(
            'skill',
            skillChart({ id: r.id, model: run.model, reference: rel.reference, horizon: rel.horizon }),
            `Mean absolute error relative to ${rel.reference} by step; below 1 is better.`,
          ),
        );
      } else if (rel?.reason) {
        parts.push(htmlParagraph(`Reliability not measured: ${rel.reason}`, 'muted'));
      }
    }
  }
  const weights = models.flatMap((m) => {
    const rows = report.results.flatMap((r) => seriesWeights(r, m) ?? []);
    return rows.length ? [{ model: m, rows }] : [];
  });
  if (weights.length) parts.push('<h2 id="weights">Fusion weights</h2>');
  for (const w of weights) {
    parts.push(
      await charts.figure(
        'weights',
        weightsChart(w.rows, { title: `Fusion weights by series (${w.model})` }),
        'Weights of the members in each fused forecast (validation errors, Bates-Granger 1/MSE unless the rule says otherwise).',
      ),
    );
  }
  if (backtest) {
    parts.push('<h2 id="backtest">Backtest</h2>');
    parts.push(
      htmlParagraph(
        `${backtest.origins} forecast origins (up to ${backtest.windows} per series, ${horizon} steps each), ` +
          'scored the M4 way: metrics per series and origin, then averaged; OWA relative to naive2.',
        'meta',
      ),
    );
    parts.push(
      htmlTable(
        ['model', 'cases', 'MAE', 'RMSE', 'sMAPE', 'MASE', 'OWA', ...levels.map((l) => `coverage ${l}%`)],
        backtest.models.map((m) => [
          m.model,
          String(m.cases),
          num(m.mae),
          num(m.rmse),
          fmt(m.smape, 4),
          fmt(m.mase, 4),
          fmt(m.owa, 4),
          ...levels.map((l) => fmt(m.intervals.find((x) => x.level === l)?.coverage, 3)),
        ]),
      ),
    );
    parts.push(
      await charts.figure('mase-by-step', accuracyByStepChart(backtest.models), 'MASE at each forecast step.'),
    );
    if (levels.length && backtest.models.some((m) => m.intervals.length)) {
      parts.push(
        await charts.figure(
          'coverage',
          coverageChart(backtest.models),
          'Share of the backtest actuals inside each interval; on the diagonal when the intervals are calibrated.',
        ),
      );
    }
    const rows = (backtest.series ?? []).flatMap((s) =>
      s.reliability.map((r) => [
        s.id,
        r.model,
        r.horizon ? `${r.horizon.reliableSteps} of ${horizon}` : '-',
        r.horizon ? r.horizon.byStep.map((b) => fmt(b.ratio, 2)).join(' ') : (r.reason ?? ''),
      ]),
    );
    if (rows.length) {
      parts.push('<h3>Reliability horizon</h3>');
      parts.push(htmlParagraph(RELIABILITY_EXPLANATION));
      parts.push(htmlTable(['series', 'model', 'reliable steps', `MAE ratio to ${report.reference} by step`], rows));
    }
  }
  return { html: htmlPage(title, parts.join('\n')), charts: charts.count };
}

/**
 * Gathers, lays out and writes the report to `output`. Throws ForesightError('io_error') naming the file when it
 * cannot be written, and what {@link forecastReport} throws.
 *
 * @example
 * await writeForecastReport({ input: 'examples/industry.csv', horizon: 4, output: 'report.html' }) // { charts: 23, ... }
 */
export async function writeForecastReport(
  options: ForecastReportOptions & { output: string; historyLength?: number },
): Promise<{ output: string; charts: number; bytes: number; report: ForecastReport }> {
  const report = await forecastReport(options);
  const { html, charts } = await forecastReportHtml(report, { historyLength: options.historyLength });
  await writeFile(options.output, html).catch((e: Error) => {
    throw new ForesightError('io_error', `${options.output}: cannot write (${e.message})`, { file: options.output });
  });
  return { output: options.output, charts, bytes: Buffer.byteLength(html), report };
}
