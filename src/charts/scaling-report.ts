/**
 * `foresight scaling report`: the three scaling claims of the README's worked example, checked on the data and
 * written as one self-contained HTML file (inline SVG and CSS, no scripts, nothing fetched):
 * 1. "performance grows like y = c·ln(x + 1) in units of compute": the log form against the power law with a
 *    floor on the compute frontier (AIC, Akaike weights, held-out RMSE), with the frontier chart;
 * 2. "2x the parameters needs 10x or more compute": the compute multiplier on the compute-optimal frontier, with
 *    tokens per parameter fixed and with data fixed (scaling/questions.ts);
 * 3. "2x the spend buys at most 1.5x the performance, worse with interconnect losses": what 2x the compute and
 *    2x the spend (after the fitted utilisation loss of the bigger cluster) do to the reducible loss, the
 *    throughput knee and the cost knee, with the utilisation chart.
 * Each verdict is computed from the numbers shown beside it.
 */
import { writeFile } from 'node:fs/promises';
import { ForesightError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { fmt } from '../pipeline/format.js';
import type { Estimate } from '../scaling/bootstrap.js';
import { clusterKnee, type ClusterKnee } from '../scaling/cluster.js';
import { computeForSpend, hardwarePreset, type Hardware } from '../scaling/cost.js';
import { logLawLoss } from '../scaling/compute-forms.js';
import { fitScalingLaws, type ScalingFitFile } from '../scaling/fit-file.js';
import { loadNotableModels, loadRuns, type NotableModels } from '../scaling/load.js';
import {
  computeMultiplier,
  parametersMultiplier,
  spendKnee,
  spendMultiplier,
  type ComputeScenario,
  type FittedForms,
  type ParametersScenario,
  type SpendAnswer,
  type SpendKneeAnswer,
} from '../scaling/questions.js';
import { frontierInput, scalingFrontierChart } from './frontier-chart.js';
import { escapeHtml, htmlFigure, htmlPage, htmlParagraph, htmlTable } from './html.js';
import { renderSvg } from './render-svg.js';
import { utilisationChart } from './utilisation-chart.js';

/** Options of {@link scalingReport}. */
export interface ScalingReportOptions {
  /** Training runs (Chinchilla-style CSV) fitted when no `fit` is given. */
  runs: string;
  /** Epoch AI's notable-models CSV (chips and MFU) for the cluster curve. */
  notable: string;
  /** A saved fit (`scaling fit --form all --output`) used instead of fitting `runs`. */
  fit?: ScalingFitFile;
  /** Fitting `runs`: runs with the fewest tokens per parameter dropped (default 5, as Epoch AI), bootstrap
   *  resamples (default 200), seed (default 1), interval level (default 95), 48 starts instead of 4,500. */
  exclude?: number;
  resamples?: number;
  seed?: number;
  level?: number;
  quickGrid?: boolean;
  /** The questions: k x parameters (default 2), k x compute and spend (default 2), from this compute (default
   *  5.76e23 FLOP, Gopher's) and this budget (default $1e8), on this hardware (default h100) for this many days
   *  (default 90); the cost knee at this loss reduction per doubling (default 0.01); the throughput knee at this
   *  fraction (default 0.5). */
  paramsMultiplier?: number;
  multiplier?: number;
  atCompute?: number;
  budgetUsd?: number;
  hardware?: string;
  days?: number;
  kneeLoss?: number;
  fraction?: number;
}

/** Everything the scaling report shows. */
export interface ScalingReport {
  fit: ScalingFitFile;
  level: number;
  atCompute: number;
  multiplier: number;
  paramsMultiplier: number;
  runs: { compute: Float64Array; loss: Float64Array } | null;
  parameters: ParametersScenario[] | null;
  compute: ComputeScenario[];
  hardware: Hardware;
  days: number;
  budgetUsd: number;
  cluster: ClusterKnee;
  notable: NotableModels;
  spend: SpendAnswer | null;
  knee: SpendKneeAnswer | null;
  kneeLoss: number;
  fraction: number;
}

function formsOf(fit: ScalingFitFile): FittedForms {
  const forms: FittedForms = {};
  if (fit.chinchilla) forms.chinchilla = { estimate: fit.chinchilla.params, replicates: fit.chinchilla.replicates };
  if (fit.power) forms.power = { estimate: fit.power.params, replicates: fit.power.replicates };
  if (fit.log) forms.log = { estimate: fit.log.params, replicates: fit.log.replicates };
  return forms;
}

/**
 * Fits (or takes) the laws and answers the three claims' questions. Throws what the loaders, fits and questions
 * throw (a missing file, a bad column, a non-positive budget: ForesightError naming the file or value).
 *
 * @example
 * scalingReport({ runs: 'examples/scaling/chinchilla_runs.csv', notable: 'examples/scaling/notable_models.csv' }).compute[0].form // 'chinchilla'
 */
export function scalingReport(options: ScalingReportOptions): ScalingReport {
  const level = options.fit?.level ?? options.level ?? 95;
  const fit =
    options.fit ??
    fitScalingLaws({
      input: options.runs,
      form: 'all',
      exclude: options.exclude ?? 5,
      resamples: options.resamples ?? 200,
      seed: options.seed ?? 1,
      level,
      quickGrid: options.quickGrid,
    });
  let runs: ScalingReport['runs'] = null;
  try {
    const r = loadRuns(fit.input, fit.columns);
    runs = { compute: r.compute, loss: r.loss };
  } catch {
    // a saved fit whose runs file has moved: the frontier points are drawn without the runs behind them
  }
  const forms = formsOf(fit);
  const atCompute = options.atCompute ?? 5.76e23;
  const multiplier = options.multiplier ?? 2;
  const paramsMultiplier = options.paramsMultiplier ?? 2;
  const hardware = hardwarePreset(options.hardware ?? 'h100');
  const days = options.days ?? 90;
  const budgetUsd = options.budgetUsd ?? 1e8;
  const kneeLoss = options.kneeLoss ?? 0.01;
  const fraction = options.fraction ?? 0.5;
  const notable = loadNotableModels(options.notable);
  const cluster = clusterKnee(
    notable.chips,
    notable.mfu,
    fraction,
    options.resamples ?? fit.resamples ?? 200,
    createRng(options.seed ?? fit.seed ?? 1),
    level,
  );
  const computeAt = (usd: number) => computeForSpend(usd, hardware, cluster.fit.curve, days);
  const law = forms.chinchilla;
  return {
    fit,
    level,
    atCompute,
    multiplier,
    paramsMultiplier,
    runs,
    parameters: law ? parametersMultiplier(law, paramsMultiplier, atCompute, level) : null,
    compute: computeMultiplier(forms, multiplier, atCompute, level),
    hardware,
    days,
    budgetUsd,
    cluster,
    notable,
    spend: law ? spendMultiplier(law, budgetUsd, multiplier, computeAt, level) : null,
    knee: law ? spendKnee(law, budgetUsd, computeAt, kneeLoss, level) : null,
    kneeLoss,
    fraction,
  };
}

const sci = (v: number, digits = 3): string =>
  Number.isFinite(v)
    ? Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3)
      ? v.toExponential(digits - 1).replace('e+', 'e')
      : fmt(v, digits + 1)
    : '-';
const interval = (e: Estimate, digits = 3): string => `[${sci(e.lower, digits)}, ${sci(e.upper, digits)}]`;
const usd = (v: number | null): string =>
  v === null || !Number.isFinite(v) ? 'never (within 60 doublings)' : `$${sci(v, 3)}`;

/** The page of a scaling report, with the number of charts drawn. */
export async function scalingReportHtml(report: ScalingReport): Promise<{ html: string; charts: number }> {
  const { fit, level } = report;
  const parts: string[] = [];
  let charts = 0;
  const figure = async (kind: string, svg: Promise<string>, caption: string) => {
    charts++;
    return htmlFigure(kind, await svg, caption);
  };
  const title = 'Foresight scaling report: three claims, checked';
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(
    htmlParagraph(
      `Training runs: ${fit.input}` +
        (fit.chinchilla ? ` (${fit.chinchilla.nobs} runs${fit.excluded ? `, ${fit.excluded} excluded` : ''})` : '') +
        `; ${fit.resamples} bootstrap resamples, ${level}% intervals. Cluster data: ${report.cluster.fit.nobs} runs with chips and MFU.`,
      'meta',
    ),
  );
  const c = fit.chinchilla;
  if (c) {
    const e = c.estimates;
    parts.push('<h2>The fitted law</h2>');
    parts.push(htmlParagraph('Chinchilla law L(N, D) = E + A/N^alpha + B/D^beta (Huber loss on log loss):'));
    parts.push(
      htmlTable(
        ['parameter', 'estimate', `${level}% interval`],
        (['E', 'A', 'B', 'alpha', 'beta', 'a'] as const).map((k) => [
          k === 'a' ? 'a = beta/(alpha+beta)' : k,
          sci(e[k].estimate, 4),
          interval(e[k], 4),
        ]),
      ),
    );
  }
  // claim 1
  parts.push('<h2>Claim 1: "performance grows like y = c·ln(x + 1) in units of compute"</h2>');
  const cmp = fit.comparison;
  if (cmp) {
    const log = cmp.rows.find((r) => r.form === 'log');
    const power = cmp.rows.find((r) => r.form === 'power');
    parts.push(
      htmlTable(
        ['form', 'equation', 'AIC', 'delta AIC', 'Akaike weight', 'held-out RMSE'],
        cmp.rows.map((r) => [
          r.form,
          r.equation,
          fmt(r.criteria.aic, 5),
          fmt(r.deltaAic, 4),
          r.akaikeWeight.toExponential(2),
          fmt(r.heldOut.rmse, 3),
        ]),
        `${cmp.points.compute.length} frontier points (lowest loss per ${fit.bin ?? 0.1} decade of compute); held out: one compute bin at a time`,
      ),
    );
    const logAt = fit.log ? logLawLoss(fit.log.params, report.atCompute) : NaN;
    const floor = fit.chinchilla?.params.E ?? fit.power?.params.E ?? NaN;
    const verdict =
      cmp.better === 'power'
        ? `Not supported: the power law with a floor fits better (AIC lower by ${fmt(log?.deltaAic, 4)}, ` +
          `held-out RMSE ${fmt(cmp.heldOutRmseRatio, 3)} times lower).`
        : `Supported on these data: the log form has the lower AIC (by ${fmt(power?.deltaAic, 4)}).`;
    parts.push(
      `<div class="claim">${escapeHtml(verdict)}` +
        (Number.isFinite(logAt)
          ? ` ${escapeHtml(`Extrapolated to ${sci(report.atCompute)} FLOP the log form predicts a loss of ${fmt(logAt, 4)}${Number.isFinite(floor) ? `, against an irreducible loss of about ${fmt(floor, 4)} under the floored laws` : ''}.`)}`
          : '') +
        '</div>',
    );
  } else {
    parts.push(htmlParagraph('The fit has no comparison of the compute forms (fit with --form all).', 'warn'));
  }
  parts.push(
    await figure(
      'frontier',
      renderSvg(scalingFrontierChart(frontierInput(fit, { runs: report.runs ?? undefined }))),
      'Loss against compute on log axes: every run (grey), the frontier points (black) and the fitted forms.',
    ),
  );
  // claim 2
  parts.push(`<h2>Claim 2: "${report.paramsMultiplier}x the parameters needs 10x or more compute"</h2>`);
  if (report.parameters) {
    parts.push(
      htmlTable(
        ['path', 'compute multiplier', `${level}% interval`, 'loss before', 'loss after'],
        report.parameters.map((p) => [
          p.description,
          fmt(p.computeMultiplier.estimate, 4),
          interval(p.computeMultiplier),
          fmt(p.lossBefore.estimate, 4),
          fmt(p.lossAfter.estimate, 4),
        ]),
        `from the compute-optimal model at ${sci(report.atCompute)} FLOP`,
      ),
    );
    const frontier = report.parameters.find((p) => p.path === 'frontier')!.computeMultiplier;
    const verdict =
      frontier.upper < 10 || (!Number.isFinite(frontier.upper) && frontier.estimate < 10)
        ? `Not supported: staying compute-optimal, ${report.paramsMultiplier}x the parameters needs ${fmt(frontier.estimate, 3)}x the compute (${level}% interval ${interval(frontier)}).`
        : frontier.lower >= 10
          ? `Supported: ${fmt(frontier.estimate, 3)}x the compute (${level}% interval ${interval(frontier)}).`
          : `Undecided: ${fmt(frontier.estimate, 3)}x the compute, and the ${level}% interval ${interval(frontier)} includes 10x.`;
    parts.push(`<div class="claim">${escapeHtml(verdict)}</div>`);
  } else {
    parts.push(htmlParagraph('The fit has no Chinchilla law (fit with --form all).', 'warn'));
  }
  // claim 3
  const k = report.multiplier;
  parts.push(`<h2>Claim 3: "${k}x the spend buys at most 1.5x the performance, worse with interconnect losses"</h2>`);
  parts.push(
    htmlTable(
      ['form', 'loss before', 'loss after', 'reducible-loss ratio', `${level}% interval`, 'performance ratio'],
      report.compute.map((r) => [
        r.form,
        fmt(r.lossBefore.estimate, 4),
        fmt(r.lossAfter.estimate, 4),
        r.reducibleLossRatio ? fmt(r.reducibleLossRatio.estimate, 4) : '-',
        r.reducibleLossRatio ? interval(r.reducibleLossRatio) : '-',
        fmt(r.performanceRatio.estimate, 4),
      ]),
      `${k}x the compute from ${sci(report.atCompute)} FLOP; performance = 1 / reducible loss (log form: its own reading)`,
    ),
  );
  const curve = report.cluster.fit.curve;
  parts.push(
    htmlParagraph(
      `Utilisation fitted to the notable models: u(n) = ${fmt(curve.peakUtilisation, 3)} / (1 + ${sci(curve.latencyCost)}·(n - 1)); ` +
        `a doubling adds less than ${Math.round(report.fraction * 100)}% throughput beyond ${sci(report.cluster.knee.estimate)} chips (${level}% interval ${interval(report.cluster.knee)}).`,
    ),
  );
  const s = report.spend;
  if (s) {
    const perfSpend = 1 / s.reducibleLossRatio.estimate;
    const chin = report.compute.find((r) => r.form === 'chinchilla');
    const perfCompute = chin ? chin.performanceRatio.estimate : NaN;
    parts.push(
      htmlTable(
        ['', 'spend', 'chips', 'MFU', 'compute (FLOP)', 'loss'],
        [
          [
            'before',
            usd(s.usd),
            sci(computeForSpend(s.usd, report.hardware, curve, report.days).chips),
            fmt(100 * computeForSpend(s.usd, report.hardware, curve, report.days).utilisation, 3) + '%',
            sci(s.computeBefore),
            fmt(s.lossBefore.estimate, 4),
          ],
          [
            'after',
            usd(k * s.usd),
            sci(computeForSpend(k * s.usd, report.hardware, curve, report.days).chips),
            fmt(100 * computeForSpend(k * s.usd, report.hardware, curve, report.days).utilisation, 3) + '%',
            sci(s.computeAfter),
            fmt(s.lossAfter.estimate, 4),
          ],
        ],
        `${report.hardware.name} at $${report.hardware.pricePerChipHour}/chip-hour, ${report.days} days`,
      ),
    );
    const holds = perfSpend <= 1.5;
    const worse = Number.isFinite(perfCompute) && perfSpend < perfCompute;
    parts.push(
      `<div class="claim">${escapeHtml(
        `${holds ? 'Holds' : 'Does not hold'}: ${k}x the spend buys ${fmt(s.computeMultiplier, 3)}x the compute and ` +
          `${fmt(perfSpend, 3)}x the performance (reducible loss x${fmt(s.reducibleLossRatio.estimate, 4)}, ${level}% interval ${interval(s.reducibleLossRatio, 4)})` +
          (Number.isFinite(perfCompute)
            ? `, against ${fmt(perfCompute, 3)}x for ${k}x the compute at full utilisation`
            : '') +
          `; interconnect losses make it ${worse ? 'worse' : 'no worse'}.`,
      )}</div>`,
    );
  }
  if (report.knee) {
    parts.push(
      htmlParagraph(
        `Cost knee: each doubling of spend lowers the compute-optimal loss by less than ${report.kneeLoss} beyond ` +
          `${usd(report.knee.kneeUsd)} (${level}% interval ${usd(report.knee.interval.lower)} to ${usd(report.knee.interval.upper)}) for a ${report.days}-day run.`,
      ),
    );
  }
  parts.push(
    await figure(
      'utilisation',
      renderSvg(
        utilisationChart({
          chips: report.notable.chips,
          mfu: report.notable.mfu,
          curve,
          knee: report.cluster.knee,
          fraction: report.fraction,
          costKnee: report.knee ?? undefined,
        }),
      ),
      'MFU against chips (log axis): the observed runs, the fitted curve, the throughput knee with its interval (shaded) and the cluster size at the cost knee (dashed).',
    ),
  );
  return { html: htmlPage(title, parts.join('\n')), charts };
}

/**
 * Builds and writes the scaling report. Throws ForesightError('io_error') naming the file when it cannot be
 * written, and what {@link scalingReport} throws.
 */
export async function writeScalingReport(
  options: ScalingReportOptions & { output: string },
): Promise<{ output: string; charts: number; bytes: number }> {
  const { html, charts } = await scalingReportHtml(scalingReport(options));
  await writeFile(options.output, html).catch((e: Error) => {
    throw new ForesightError('io_error', `${options.output}: cannot write (${e.message})`, { file: options.output });
  });
  return { output: options.output, charts, bytes: Buffer.byteLength(html) };
}
