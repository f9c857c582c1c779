/**
 * Backtests: the stored backtest runs, and one run's accuracy on rolling origins (MASE, sMAPE, OWA against
 * naive2, interval coverage) with the MASE-by-step and coverage charts of src/charts, drawn by the server.
 */
import type { AccuracySummary } from '../../../src/evaluate/accuracy.js';
import { api } from '../api.js';
import { formatNumber, formatTime, h } from '../dom.js';
import { showSvg } from '../draw.js';

export async function backtestsPage(root: HTMLElement): Promise<void> {
  const runs = (await api.runs(200)).runs.filter((r) => r.kind === 'backtest');
  const datasets = new Map((await api.datasets()).datasets.map((d) => [d.id, d.name]));
  root.append(
    h('h1', {}, 'Backtests'),
    h(
      'p',
      {},
      'Start a backtest from a dataset’s page. Each origin forecasts the steps that follow it, and the errors are scored.',
    ),
    h(
      'table',
      { class: 'list', id: 'backtests' },
      h('caption', {}, runs.length ? 'Backtest runs, newest first' : 'No backtest yet.'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Run'),
          h('th', {}, 'Dataset'),
          h('th', {}, 'Models'),
          h('th', {}, 'Horizon'),
          h('th', {}, 'Status'),
          h('th', {}, 'Started'),
        ),
      ),
      h(
        'tbody',
        {},
        runs.map((r) =>
          h(
            'tr',
            {},
            h('td', {}, h('a', { href: `#/backtest/${r.id}` }, r.id.slice(0, 8))),
            h('td', {}, r.datasetId ? (datasets.get(r.datasetId) ?? r.datasetId.slice(0, 8)) : 'inline'),
            h('td', {}, ((r.spec.models as string[] | undefined) ?? []).join(', ')),
            h('td', { class: 'num' }, String(r.spec.horizon ?? '')),
            h('td', {}, r.status),
            h('td', {}, formatTime(r.createdAt)),
          ),
        ),
      ),
    ),
  );
}

interface BacktestResult {
  models: AccuracySummary[];
  origins: number;
  windows: number;
  notes: string[];
  fallbackReasons: unknown[];
}

export async function backtestPage(root: HTMLElement, id: string | undefined): Promise<void> {
  if (!id) throw new Error('no run id in the address');
  // the server draws the charts (src/server/chart-routes.ts) while the page reads the run
  const charts = [api.accuracyChart(id), api.coverageChart(id)];
  charts.forEach((chart) => chart.catch(() => undefined)); // awaited below when the run succeeded
  const run = await api.run(id);
  root.append(
    h('h1', {}, 'Backtest'),
    h('p', { class: 'meta' }, `Run ${run.id}, ${formatTime(run.createdAt)}: ${run.status}.`),
  );
  if (run.status !== 'succeeded' || !run.result) {
    if (run.error) root.append(h('p', { class: 'error' }, run.error.message));
    return;
  }
  const result = run.result as BacktestResult;
  const levels = result.models[0]?.intervals.map((i) => i.level) ?? [];
  root.append(
    h(
      'p',
      {},
      `${result.origins} forecast origins (${result.windows} per series), horizon ${String(run.spec.horizon)}.`,
    ),
    h(
      'table',
      { class: 'list', id: 'accuracy' },
      h('caption', {}, 'Accuracy over every origin and step (OWA < 1 beats naive2)'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Model'),
          h('th', {}, 'MASE'),
          h('th', {}, 'sMAPE'),
          h('th', {}, 'OWA'),
          levels.map((l) => h('th', {}, `${l}% coverage`)),
        ),
      ),
      h(
        'tbody',
        {},
        result.models.map((m) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, m.model),
            h('td', { class: 'num' }, formatNumber(m.mase)),
            h('td', { class: 'num' }, formatNumber(m.smape)),
            h('td', { class: 'num' }, formatNumber(m.owa)),
            m.intervals.map((i) => h('td', { class: 'num' }, `${i.coverage.toFixed(1)}%`)),
          ),
        ),
      ),
    ),
    ...result.notes.map((n) => h('p', { class: 'note' }, n)),
  );
  const skill = h('div', { class: 'chart', id: 'accuracy-chart' });
  const coverage = h('div', { class: 'chart', id: 'coverage-chart' });
  root.append(h('div', { class: 'columns' }, skill, coverage));
  showSvg(skill, await charts[0], 'MASE by forecast step');
  if (levels.length) showSvg(coverage, await charts[1], 'Interval coverage against the level asked');
}
